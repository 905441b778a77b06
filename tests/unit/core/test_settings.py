"""Process settings: defaults, YAML, environment, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import SECRET_ENV, Settings, SettingsError, load_settings


def test_defaults() -> None:
    settings = load_settings({})
    assert settings.data_dir == Path("data")
    assert settings.database_file == Path("data/studybot.sqlite3")
    assert (settings.timezone, settings.language, settings.discord_token) == (
        "Asia/Seoul",
        "ko",
        None,
    )


def test_database_sync_is_full_unless_chosen() -> None:
    assert load_settings({}).database_sync == "full"
    assert load_settings({"STUDYBOT_DATABASE_SYNC": "normal"}).database_sync == "normal"


def test_yaml_then_environment_wins(tmp_path: Path) -> None:
    config = tmp_path / "studybot.yaml"
    config.write_text("timezone: UTC\nlog_level: DEBUG\n", encoding="utf-8")
    settings = load_settings({"STUDYBOT_LOG_LEVEL": "WARNING"}, config)
    assert (settings.timezone, settings.log_level) == ("UTC", "WARNING")


def test_token_only_from_environment_and_never_shown(tmp_path: Path) -> None:
    config = tmp_path / "studybot.yaml"
    config.write_text("discord_token: leaked\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="unknown setting"):
        load_settings({}, config)
    settings = load_settings({"DISCORD_TOKEN": "s3cret-token"})
    assert settings.discord_token is not None
    assert settings.discord_token.get_secret_value() == "s3cret-token"
    assert "s3cret-token" not in repr(settings) and "s3cret-token" not in str(settings)


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        ({"STUDYBOT_TIMEZONE": "Mars/Olympus"}, "STUDYBOT_TIMEZONE"),
        ({"STUDYBOT_LANGUAGE": "fr"}, "'ko' or 'en'"),
        ({"STUDYBOT_MISSED_GRACE_HOURS": "-1"}, "STUDYBOT_MISSED_GRACE_HOURS"),
        ({"STUDYBOT_LOG_LEVEL": "LOUD"}, "STUDYBOT_LOG_LEVEL"),
        ({"STUDYBOT_DATABASE_SYNC": "off"}, "STUDYBOT_DATABASE_SYNC"),
    ],
)
def test_invalid_values_name_the_setting(environ: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError, match=named.replace("(", r"\(")):
        load_settings(environ)


def test_unreadable_yaml_is_reported(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("timezone: [unclosed\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="not valid YAML"):
        load_settings({}, broken)
    with pytest.raises(SettingsError, match="cannot be read"):
        load_settings({}, tmp_path / "missing.yaml")


@pytest.mark.parametrize("name", ["가" * 6000, "a\x00b", "../../etc/passwd", "Asia/Seoul/../x"])
def test_hostile_time_zone_names_are_refused_not_crashing(name: str) -> None:
    from bot.timezones import find_zone

    assert find_zone(name) is None
    with pytest.raises(SettingsError, match="STUDYBOT_TIMEZONE"):
        load_settings({"STUDYBOT_TIMEZONE": name})


def test_the_example_config_file_loads_and_names_every_setting() -> None:
    example = Path(__file__).resolve().parents[3] / "studybot.example.yaml"
    settings = load_settings({}, example)
    assert settings == load_settings({})  # every value shown is the default
    keys = {line.split(":", 1)[0] for line in example.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith(("#", " "))}
    assert keys == {name for name in Settings.model_fields if name not in SECRET_ENV}
