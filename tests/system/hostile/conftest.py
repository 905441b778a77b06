"""Hostile-input tests drive the real bot through the fake Discord."""

from tests.e2e.conftest import bot_settings, studybot

__all__ = ["bot_settings", "studybot"]
