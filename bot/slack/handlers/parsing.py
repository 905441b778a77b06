"""Reading arguments out of a slash command's text.

Slack sends one string. With "escape channels, users, and links" on (see
``slack/manifest.yaml``) a mention arrives as ``<@U123|name>``, a channel as
``<#C123|name>`` and a user group as ``<!subteam^S123|@name>``.
"""

from __future__ import annotations

import re
from datetime import date

from bot.core.errors import UserFacingError

_USER = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
_CHANNEL = re.compile(r"^<#([CGD][A-Z0-9]+)(?:\|[^>]*)?>$")
_GROUP = re.compile(r"^<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>$")
_LINK = re.compile(r"^<(https?://[^|<>\s]+)(?:\|[^<>]*)?>$")
_BARE_USER = re.compile(r"^@?([UW][A-Z0-9]{2,})$")


def split_first(text: str) -> tuple[str, str]:
    """The first word and the rest, both stripped."""
    head, _, rest = text.strip().partition(" ")
    return head, rest.strip()


def user_id(token: str) -> str | None:
    """A member from ``<@U123|name>`` (or a bare ``U123``); None if it is not one."""
    token = token.strip()
    found = _USER.match(token) or _BARE_USER.match(token)
    return found.group(1) if found else None


def require_user(token: str) -> str:
    found = user_id(token)
    if found is None:
        raise UserFacingError("slack.error.need_member", value=token[:100] or "-")
    return found


def channel_id(token: str) -> str | None:
    found = _CHANNEL.match(token.strip())
    return found.group(1) if found else None


def unwrap_id(value: str) -> str:
    """A setting value typed as a mention (channel, user group, member) becomes its id."""
    token = value.strip()
    for pattern in (_CHANNEL, _GROUP, _USER):
        found = pattern.match(token)
        if found:
            return found.group(1)
    return value


def parse_day(token: str) -> date:
    try:
        return date.fromisoformat(token.strip())
    except ValueError:
        raise UserFacingError("streaks.error.bad_day", value=token[:40]) from None


def parse_int(token: str, *, low: int, high: int) -> int:
    try:
        value = int(token.strip())
    except ValueError:
        raise UserFacingError("error.bad_option", value=token[:40]) from None
    if not low <= value <= high:
        raise UserFacingError("error.bad_option", value=token[:40])
    return value


def unwrap_link(token: str) -> str:
    """A link Slack escaped as ``<https://…>`` or ``<https://…|label>``, as the URL."""
    text = token.strip()
    found = _LINK.match(text)
    return found.group(1) if found else text


_PARTS = re.compile(r"\|(?![^<>]*>)")


def split_parts(text: str, count: int) -> list[str]:
    """``count`` parts separated by ``|`` (never the ``|`` inside Slack's ``<url|label>``),
    stripped, missing ones empty."""
    parts = [part.strip() for part in _PARTS.split(text, maxsplit=count - 1)]
    return (parts + [""] * count)[:count]


def page_number(text: str) -> int:
    """The page a member asked for (``/faq list 2``); 1 when they named none (or
    something that is not a page number)."""
    typed = text.strip()
    return int(typed) if typed.isascii() and typed.isdigit() and len(typed) < 6 else 1


_MARKUP = re.compile(r"<([@#!]?)([^<>|\s]+)(?:\|([^<>]*))?>")


def member_ids_in(text: str) -> list[str]:
    """Members referenced in ``text`` without a name (``<@U123>``)."""
    return [m.group(2) for m in _MARKUP.finditer(text) if m.group(1) == "@" and not m.group(3)]


def readable(text: str, names: dict[str, str] | None = None) -> str:
    """Slack's markup in member text as a reader sees it, to store and show as plain
    text: ``<@U1|minji>`` is ``@minji`` (``names`` fills in ``<@U1>``), ``<#C1|study>``
    ``#study``, ``<!subteam^S1|@mods>`` ``@mods``, ``<https://x|paper>`` ``paper
    (https://x)``. Nothing in it pings anyone once escaped."""

    def plain(found: re.Match[str]) -> str:
        sigil, target, label = found.groups()
        if sigil == "@":
            return f"@{label or (names or {}).get(target) or target}"
        if sigil == "#":
            return f"#{label or target}"
        if sigil == "!":
            return label or f"@{target.split('^')[0]}"
        if not target.startswith(("http://", "https://", "mailto:")):
            return found.group(0)  # a member's own angle brackets, not Slack's markup
        return f"{label} ({target})" if label and label != target else target

    return _MARKUP.sub(plain, text)
