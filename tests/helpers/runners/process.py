"""Run the real ``studybot`` command line in a child process and watch it exit.

The event loop stays free while the child runs, so a fake Discord served by the
test itself keeps answering it.
"""

from __future__ import annotations

import asyncio
import functools
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]

# A start that fails must end well inside this; a hang is reported, not waited out.
EXIT_LIMIT_SECONDS = 15.0
# A failed start ends this fast on the CI machine (the slowest: a 5 s busy timeout).
PROMPT_SECONDS = 10.0


@dataclass(frozen=True)
class Finished:
    """How a ``studybot`` process ended."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def assert_one_line(finished: Finished, code: int, *fragments: str) -> None:
    """The process failed promptly with exit status ``code`` and printed exactly one
    line (on stderr, nothing else anywhere) containing every fragment."""
    assert "Traceback" not in finished.stderr + finished.stdout, finished.stderr[-3000:]
    assert finished.returncode == code, finished.stderr
    assert finished.seconds < PROMPT_SECONDS
    assert len(finished.stderr_lines) == 1 and not finished.stdout.strip(), (
        finished.stdout + finished.stderr)
    for fragment in fragments:
        assert fragment in finished.stderr_lines[0], finished.stderr


def studybot_env(data_dir: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a child ``studybot``: no inherited STUDYBOT_* or tokens."""
    env = {
        name: value for name, value in os.environ.items()
        if not name.startswith(("STUDYBOT_", "DISCORD_", "SLACK_"))
    }
    env["STUDYBOT_DATA_DIR"] = str(data_dir)
    env["STUDYBOT_LOG_LEVEL"] = "WARNING"
    env.update(extra or {})
    return env


class StudybotProcess:
    """One child process running ``studybot ARGS`` (through the fake-Discord wrapper
    when ``base_url`` is given)."""

    def __init__(self, process: asyncio.subprocess.Process, started: float) -> None:
        self.process = process
        self.started = started

    @classmethod
    async def start(
        cls, args: Sequence[str], env: Mapping[str, str], *, base_url: str | None = None,
        cwd: Path | None = None, wrapper: Sequence[str] = (),
    ) -> StudybotProcess:
        """``wrapper`` is a command prefix that execs the rest (e.g. ``unshare``)."""
        if base_url is None:
            command = [*wrapper, _studybot_script(), *args]
        else:
            command = [*wrapper, sys.executable, "-m", "tests.helpers.fakes.discord.cli_process",
                       "--base-url", base_url, *args]
        env = dict(env)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        process = await asyncio.create_subprocess_exec(
            *command, env=env, cwd=cwd or REPO,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        return cls(process, time.monotonic())

    def terminate(self) -> float:
        """Send SIGTERM; returns the monotonic time it was sent."""
        self.process.send_signal(signal.SIGTERM)
        return time.monotonic()

    async def finished(self, limit: float = EXIT_LIMIT_SECONDS) -> Finished:
        """Wait for the exit; a process still running after ``limit`` s is killed and the
        test fails, naming what it printed so far."""
        try:
            stdout, stderr = await asyncio.wait_for(self.process.communicate(), limit)
        except TimeoutError:
            self.process.kill()
            stdout, stderr = await self.process.communicate()
            raise AssertionError(
                f"studybot did not exit within {limit} s; stderr:\n{stderr.decode()[-2000:]}"
            ) from None
        assert self.process.returncode is not None
        return Finished(self.process.returncode, stdout.decode(), stderr.decode(),
                        time.monotonic() - self.started)


async def wait_for_file(path: Path, limit: float = 10.0) -> None:
    """Return once ``path`` exists; fail after ``limit`` seconds."""
    for _ in range(int(limit / 0.05)):
        if await asyncio.to_thread(path.exists):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{path} never appeared: the bot did not get ready")


async def start_run_until_ready(
    data_dir: Path, base_url: str, extra_env: Mapping[str, str] | None = None,
) -> StudybotProcess:
    """``studybot run`` against the fake Discord at ``base_url``, logging at INFO,
    returned once it is ready (its heartbeat file, written every 0.1 s while the
    gateway is up, exists)."""
    env = studybot_env(data_dir, {
        "DISCORD_TOKEN": "fake-token", "STUDYBOT_HEARTBEAT_SECONDS": "0.1",
        "STUDYBOT_LOG_LEVEL": "INFO", **(extra_env or {}),
    })
    bot = await StudybotProcess.start(["run"], env, base_url=base_url, cwd=data_dir)
    await wait_for_file(data_dir / "heartbeat")
    return bot


async def run_studybot(
    args: Sequence[str], env: Mapping[str, str], *, base_url: str | None = None,
    cwd: Path | None = None, wrapper: Sequence[str] = (), limit: float = EXIT_LIMIT_SECONDS,
) -> Finished:
    """Run ``studybot ARGS`` to its end (at most ``limit`` seconds)."""
    process = await StudybotProcess.start(
        args, env, base_url=base_url, cwd=cwd, wrapper=wrapper)
    return await process.finished(limit)


def _studybot_script() -> str:
    """The installed ``studybot`` console script beside this Python."""
    script = Path(sys.executable).with_name("studybot")
    if not script.exists():
        raise AssertionError(f"{script} is missing; install the package (pip install -e .)")
    return str(script)


@functools.cache
def _namespace_works() -> bool:
    try:
        done = subprocess.run(
            ["unshare", "-rm", "sh", "-c", "mount -t tmpfs tmpfs /mnt"],
            capture_output=True, timeout=10, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def mounted(kind: str, folder: Path) -> list[str]:
    """A ``wrapper`` that runs the command in its own mount namespace where ``folder``
    is either ``"read-only"`` (a read-only bind mount of itself) or ``"full"`` (a 64 KiB
    tmpfs: too small for the database). Works without privileges in a user
    namespace; skips the test where the system forbids those."""
    if not _namespace_works():
        pytest.skip("user and mount namespaces (unshare -rm) are not available here")
    if kind == "read-only":
        script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
    elif kind == "full":
        script = 'mount -t tmpfs -o size=64k tmpfs "$0" && exec "$@"'
    else:
        raise ValueError(kind)
    return ["unshare", "-rm", "sh", "-c", script, str(folder)]
