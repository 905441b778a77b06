"""pytest fixtures for the fake Slack.

- ``fake_slack``: a started :class:`FakeSlack` with :func:`build_default_workspace`;
  stopped at teardown, and the test fails if the fake itself hit a bug or an app sent
  a frame the fake could not match.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from .fake import FakeSlack, build_default_workspace


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    """A running fake Slack with the default workspace."""
    fake = FakeSlack()
    build_default_workspace(fake)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()
    assert not fake.errors, f"the fake Slack recorded problems: {fake.errors}"
    assert not fake.socket.unexpected, f"unmatched Socket Mode frames: {fake.socket.unexpected}"
