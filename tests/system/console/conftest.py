"""The ``console`` fixture: ``studybot console`` sessions in a test's temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.runners.console import Console


@pytest.fixture
def console(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> Console:
    """Runs ``studybot console`` sessions on a database in ``tmp_path``."""
    return Console(monkeypatch, capsys, tmp_path)
