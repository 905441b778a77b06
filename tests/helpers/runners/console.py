"""Running the real ``studybot console`` entry in-process: a script on stdin, the
transcript from stdout."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.cli import main

START = "2026-12-07 10:00"  # a Monday, in the default zone (Asia/Seoul)


def run_console(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    script: str,
    *args: str,
    now: str | None = START,
) -> str:
    """The transcript of ``studybot console`` fed ``script`` (exit status 0 checked)."""
    monkeypatch.setenv("STUDYBOT_DATA_DIR", str(tmp_path / "data"))
    for name in ("STUDYBOT_CONFIG", "STUDYBOT_LANGUAGE", "STUDYBOT_TIMEZONE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(script))
    start = ["--now", now] if now else []
    status = main([
        "console", "--database", str(tmp_path / "console.sqlite3"),
        "--files", str(tmp_path / "files"), *start, *args,
    ])
    out = capsys.readouterr().out
    assert status == 0, out
    return out


class Console:
    """A ``studybot console`` runner bound to one test's temporary folder."""

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], folder: Path
    ) -> None:
        self._monkeypatch, self._capsys, self.folder = monkeypatch, capsys, folder

    def __call__(self, lines: list[str], *args: str, now: str | None = START) -> str:
        """The transcript of a session typing ``lines``."""
        script = "".join(f"{line}\n" for line in lines)
        return run_console(self._monkeypatch, self._capsys, self.folder, script, *args, now=now)


def answer_to(transcript: str, typed: str) -> str:
    """What the console printed after the line ``typed``, up to the next prompt."""
    marker = f"> {typed}\n"
    assert marker in transcript, f"{typed!r} was not typed:\n{transcript}"
    after = transcript.split(marker, 1)[1]
    lines = []
    for line in after.splitlines():
        if line.endswith("> ") or "> /" in line or _is_prompt(line):
            break
        lines.append(line)
    return "\n".join(lines)


def _is_prompt(line: str) -> bool:
    head = line.split(" ", 2)
    return len(head) >= 2 and head[1].startswith("#") and head[1].endswith(">")
