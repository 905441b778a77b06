"""``studybot console`` as its own process: a script piped in, the transcript out,
a clean exit at the end of input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers.runners.console import START


def test_console_process_answers_a_piped_script_and_exits_at_eof(tmp_path: Path) -> None:
    script = "\n".join([
        "/lang en",
        "/checkin Attention Is All You Need",
        "/as moderator",
        '/remind add "every day 9:00" Read one paper today channel:#study',
        "/clock +1d",
    ]) + "\n"
    env = {k: v for k, v in os.environ.items() if not k.startswith("STUDYBOT_")}
    env["STUDYBOT_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "console", "--database", str(tmp_path / "c.sqlite3"),
         "--files", str(tmp_path / "files"), "--now", START],
        input=script, capture_output=True, text=True, timeout=60, env=env,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = done.stdout
    assert "🔥 1-day streak" in out
    assert "📄 Paper: Attention Is All You Need" in out
    assert "📣 Posted in #study · Tue 2026-12-08 09:00" in out
    assert "Read one paper today" in out
    assert "🕒 Simulated clock: Tue 2026-12-08 10:00" in out
    assert out.endswith("★moderator #general> \n"), "end of input closes the console"
