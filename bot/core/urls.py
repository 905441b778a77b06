"""Database URLs as a message may show them."""

from __future__ import annotations

import re


def hide_password(url: str) -> str:
    """``url`` with any password replaced by ``***`` (fit for a message or a log)."""
    return re.sub(r"(//[^:/@]*):[^@/]*@", r"\1:***@", url)


def sqlite_path(url: str) -> str | None:
    """The file a ``sqlite:///`` URL names (None for any other URL): what follows
    the three slashes, so ``sqlite:///data/bot.sqlite3`` is relative and
    ``sqlite:////srv/bot.sqlite3`` absolute, as SQLAlchemy reads them."""
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None
