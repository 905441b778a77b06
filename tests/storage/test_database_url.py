"""STUDYBOT_DATABASE_URL selects the store: a SQLite file by default or by
``sqlite:///path``, Postgres by ``postgresql://...``; a password never shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import SettingsError, load_settings
from storage.database import load_migrations


def test_without_a_url_the_sqlite_file_of_the_data_folder_is_used(tmp_path: Path) -> None:
    settings = load_settings({"STUDYBOT_DATA_DIR": str(tmp_path)})
    assert settings.database_target == tmp_path / "studybot.sqlite3"


def test_a_sqlite_url_names_the_file(tmp_path: Path) -> None:
    settings = load_settings({"STUDYBOT_DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"})
    assert settings.database_target == tmp_path / "x.sqlite3"


def test_a_postgres_url_is_kept_secret_in_messages() -> None:
    settings = load_settings(
        {"STUDYBOT_DATABASE_URL": "postgresql://bot:hunter2@db.example/studybot"})
    assert settings.database_target == "postgresql://bot:hunter2@db.example/studybot"
    assert settings.database_name == "postgresql://bot:***@db.example/studybot"
    assert "hunter2" not in repr(settings)


def test_an_unknown_scheme_is_refused_without_echoing_it() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings({"STUDYBOT_DATABASE_URL": "mysql://bot:hunter2@db/studybot"})
    assert "STUDYBOT_DATABASE_URL" in str(caught.value)
    assert "hunter2" not in str(caught.value)


def test_db_migrate_on_postgres(postgres_schema_url: str, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    monkeypatch.setenv("STUDYBOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("STUDYBOT_DATABASE_URL", postgres_schema_url)
    assert main(["db", "migrate"]) == 0
    latest = load_migrations("postgres")[-1].version
    assert f"is at schema version {latest}" in capsys.readouterr().out
    assert not (tmp_path / "studybot.sqlite3").exists()  # no SQLite file was made
