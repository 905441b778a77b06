"""Fault tests reuse the end-to-end fixtures (the real bot against the fake)."""

from tests.e2e.conftest import bot_settings, studybot

__all__ = ["bot_settings", "studybot"]
