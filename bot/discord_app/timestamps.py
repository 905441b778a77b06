"""Discord's timestamps: one instant that every reader sees in their own zone."""

from __future__ import annotations

from datetime import datetime

import discord


def reader_time(moment: datetime) -> str:
    """``moment`` as Discord draws it in each reader's own zone: the full date and
    time, then how far off it is (``<t:…:F> (<t:…:R>)``)."""
    return f"{discord.utils.format_dt(moment, 'F')} ({discord.utils.format_dt(moment, 'R')})"
