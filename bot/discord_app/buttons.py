"""Buttons sent as markup only: their clicks are handled by the ``DynamicItem``s
registered once for their custom ids (``client.add_dynamic_items``), not by the
view they were sent in."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import discord


def markup_view(buttons: Iterable[discord.ui.Button[Any]]) -> discord.ui.View:
    """A view carrying ``buttons``, already stopped: discord.py keeps a live view for
    the message it is sent with (this one forever: it has no timeout) and hands it
    every later click as well; a stopped one is only drawn, so clicks reach the
    ``DynamicItem`` alone, which also works after a restart."""
    view = discord.ui.View(timeout=None)
    for button in buttons:
        view.add_item(button)
    view.stop()
    return view
