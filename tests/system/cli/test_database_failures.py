"""Defect 7: a database that cannot be used ends every command that needs it
(``run``, ``health``, ``db migrate``, ``db backup``) within seconds, non-zero, with
one line naming the file and the cause; no worker thread keeps the process alive."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.backends import open_database
from storage.connection import Connection
from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.runners.process import assert_one_line, mounted, run_studybot, studybot_env

DATABASE_EXIT = 3
UNHEALTHY_EXIT = 1

COMMANDS = [["db", "migrate"], ["health"], ["db", "backup", "copy.sqlite3"], ["run"]]


async def make_database(folder: Path) -> Path:
    db = await open_database(folder / "studybot.sqlite3")
    def work(conn: Connection):
        for n in range(400):  # enough rows that the data spans several pages
            conn.execute(
                "INSERT INTO bot_state (key, value) VALUES (?, ?)", (f"key-{n}", "v" * 200))
    await db.write(work)
    await db.close()
    return folder / "studybot.sqlite3"


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
async def test_a_file_that_is_not_a_database(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "studybot.sqlite3").write_bytes(bytes(range(256)) * 32)
    env = studybot_env(tmp_path, {"DISCORD_TOKEN": "unused"})
    finished = await run_studybot(command, env, cwd=tmp_path)
    code = UNHEALTHY_EXIT if command == ["health"] else DATABASE_EXIT
    assert_one_line(finished, code, str(tmp_path / "studybot.sqlite3"), "not a SQLite database")


async def test_health_in_a_fresh_folder_says_there_is_no_database(tmp_path: Path) -> None:
    finished = await run_studybot(["health"], studybot_env(tmp_path / "data"), cwd=tmp_path)
    assert_one_line(finished, UNHEALTHY_EXIT, "studybot.sqlite3", "does not exist")
    assert not (tmp_path / "data" / "studybot.sqlite3").exists()


async def test_health_of_a_database_another_process_holds_locked(tmp_path: Path) -> None:
    path = await make_database(tmp_path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        finished = await run_studybot(["db", "migrate"], studybot_env(tmp_path), cwd=tmp_path)
    finally:
        holder.close()
    assert_one_line(finished, DATABASE_EXIT, str(path), "locked by another process")


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
async def test_a_read_only_file_system(tmp_path: Path, command: list[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    path = await make_database(data)
    env = studybot_env(data, {"DISCORD_TOKEN": "unused"})
    finished = await run_studybot(
        command, env, cwd=tmp_path, wrapper=mounted("read-only", data))
    code = UNHEALTHY_EXIT if command == ["health"] else DATABASE_EXIT
    assert_one_line(finished, code, str(path), "read-only file system")


async def test_a_new_database_on_a_read_only_file_system(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    env = studybot_env(data / "new")
    finished = await run_studybot(
        ["db", "migrate"], env, cwd=tmp_path, wrapper=mounted("read-only", data))
    assert_one_line(finished, DATABASE_EXIT, str(data / "new"), "read-only file system")


async def test_run_refuses_a_database_with_a_damaged_page(
    tmp_path: Path, fake_discord: FakeDiscord
) -> None:
    path = await make_database(tmp_path)
    with sqlite3.connect(path) as check:
        pages = check.execute("PRAGMA page_count").fetchone()[0]
        page_size = check.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as file:  # scribble over the last page, where the rows are
        file.seek((pages - 1) * page_size)
        file.write(b"\xa5" * page_size)
    env = studybot_env(tmp_path, {"DISCORD_TOKEN": "fake-token"})
    finished = await run_studybot(["run"], env, base_url=fake_discord.base_url, cwd=tmp_path)
    assert_one_line(finished, DATABASE_EXIT, str(path), "damaged", "restore it from a backup")
    assert not fake_discord.requests, "the bot logged in to serve a damaged database"


async def test_a_backup_that_cannot_be_written(tmp_path: Path) -> None:
    await make_database(tmp_path)
    (tmp_path / "blocked").write_text("a file where a folder should be")
    finished = await run_studybot(
        ["db", "backup", str(tmp_path / "blocked" / "copy.sqlite3")], studybot_env(tmp_path),
        cwd=tmp_path)
    assert_one_line(finished, DATABASE_EXIT, str(tmp_path / "blocked" / "copy.sqlite3"))


async def test_the_checks_leave_a_sound_database_alone(tmp_path: Path) -> None:
    """The same commands on a sound file still work (the checks are not too eager)."""
    await make_database(tmp_path)
    migrated = await run_studybot(["db", "migrate"], studybot_env(tmp_path), cwd=tmp_path)
    assert migrated.returncode == 0 and "schema version" in migrated.stdout
    backup = await run_studybot(
        ["db", "backup", str(tmp_path / "copy.sqlite3")], studybot_env(tmp_path), cwd=tmp_path)
    assert backup.returncode == 0 and "integrity_check: ok" in backup.stdout
