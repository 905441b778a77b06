"""Logging to stdout, one line per event (tracebacks folded onto that line)."""

from __future__ import annotations

import logging
import sys


class OneLineFormatter(logging.Formatter):
    """Formats a record on a single line so log collectors see one event per line."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text.replace("\r", "").replace("\n", " ⏎ ")


def configure_logging(level: str) -> None:
    """Send every log record to stdout at ``level`` (replacing earlier handlers)."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(OneLineFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # discord.py's HTTP chatter at DEBUG would drown everything else.
    logging.getLogger("discord.http").setLevel(max(logging.INFO, root.level))
