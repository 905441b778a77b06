"""Community settings as people read them: ``on``/``켜짐`` rather than ``True``,
``6시간``/``6 h`` rather than ``6.0``, and what an empty setting means rather than
``None``. Front ends pass how their platform writes a role, channel or group."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.community import CommunityConfig, setting_keys
from bot.i18n import Catalog, Lang

# (kind, id) -> the platform's markup: kind is "role", "channel" or "usergroup".
Mention = Callable[[str, str], str]

_MENTION_KINDS = {"moderator_role": "role", "moderator_channel": "channel",
                  "moderator_usergroup": "usergroup"}
_SWITCHES = ("checkin_replies_public", "attendance_counts_as_checkin")


def display_value(
    config: CommunityConfig, key: str, *, platform: str, lang: Lang, texts: Catalog,
    mention: Mention,
) -> str:
    """The value of ``key`` in ``config`` as one short phrase in ``lang``."""
    value: Any = getattr(config, key)

    def t(message: str, **params: Any) -> str:
        return texts.t(f"config.value.{message}", lang, **params)

    if key in _MENTION_KINDS:
        if value is None:
            empty = f"{key}_none_{platform}" if key == "moderator_channel" else f"{key}_none"
            return t(empty)
        return mention(_MENTION_KINDS[key], str(value))
    if key in _SWITCHES:
        return t("on" if value else "off")
    if key == "language":
        return t(f"language_{value}" if value else "language_each")
    if key == "streak_period":
        return t(f"period_{value}")
    if key == "streak_rollover_hour":
        return f"{value:02d}:00"
    if key == "freeze_every":
        return t("freeze_every", count=value) if value else t("freeze_never")
    if key == "freeze_cap":
        return t("freezes", count=value)
    if key == "missed_grace_hours":
        return t("hours", count=f"{value:g}")
    if key == "checkin_text_days":
        return t("text_days", count=value) if value else t("text_kept")
    return str(value)


def settings_lines(
    config: CommunityConfig, *, platform: str, lang: Lang, texts: Catalog, mention: Mention,
) -> list[str]:
    """``/config show``: one ``name — value`` line per setting of ``platform``."""
    return [
        f"`{key}` — " + display_value(config, key, platform=platform, lang=lang, texts=texts,
                                      mention=mention)
        for key in setting_keys(platform)
    ]
