"""Database URLs as a message may show them."""

from __future__ import annotations

import re


def hide_password(url: str) -> str:
    """``url`` with any password replaced by ``***`` (fit for a message or a log)."""
    return re.sub(r"(//[^:/@]*):[^@/]*@", r"\1:***@", url)
