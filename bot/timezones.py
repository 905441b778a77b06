"""Looking up IANA time zones safely from untrusted text."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# IANA names are short ASCII paths such as Asia/Seoul or America/Argentina/Buenos_Aires.
_ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}$")


def find_zone(name: str) -> ZoneInfo | None:
    """The zone called ``name``, or None when it is not a known IANA zone.

    ``ZoneInfo`` itself raises OSError for over-long names and ValueError for odd
    characters, so anything that is not shaped like a zone name is refused first.
    """
    if len(name) > 64 or not _ZONE_NAME.match(name):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
