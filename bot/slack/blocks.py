"""Block Kit rendering: the service results the cogs render as embeds, as Slack blocks.

Member-written text goes through :func:`escape` so ``<!channel>`` or ``<@U123>`` in a
paper title is shown, never turned into a mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.i18n import Lang
from bot.ports import LocalTime, OutgoingMessage
from bot.schedules.parse import format_local

Block = dict[str, Any]

SECTION_LIMIT = 3000
HEADER_LIMIT = 150
FIELD_LIMIT = 2000
BUTTON_LIMIT = 75
MAX_FIELDS = 10


@dataclass(frozen=True)
class FileUpload:
    """A file to share in the channel after the reply (``files_upload_v2``)."""

    filename: str
    content: bytes
    title: str
    comment: str | None = None


@dataclass(frozen=True)
class Reply:
    """What a handler answers: fallback text, blocks, and whether the channel sees it."""

    text: str
    blocks: tuple[Block, ...] = ()
    public: bool = False
    upload: FileUpload | None = None
    replace_original: bool = False

    def message(self) -> dict[str, Any]:
        """Arguments for ``respond()``; nothing in a reply can ping a group or the
        channel (see :func:`without_pings`)."""
        body: dict[str, Any] = {
            "text": without_pings(self.text),
            "response_type": "in_channel" if self.public else "ephemeral",
            "replace_original": self.replace_original,
        }
        if self.blocks:
            body["blocks"] = without_pings(list(self.blocks))
        return body

    def post_arguments(self) -> dict[str, Any]:
        """``text`` and ``blocks`` for ``chat.postMessage``/``chat.postEphemeral``."""
        return {
            "text": without_pings(self.text),
            "blocks": without_pings(list(self.blocks)) or None,
        }


def escape(text: str) -> str:
    """Slack's control characters as entities: no mentions, links or formatting tricks.
    The one way out for member text (it was unescaped once on the way in)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Slack's three entities back to characters: the one way in for text Slack sends
    (a slash command's text, a message's text), so ``R&amp;D`` is stored as ``R&D``."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


_PING = re.compile(r"<!(channel|here|everyone|subteam\^([A-Z0-9]+))(?:\|([^>]*))?>")


def without_pings(value: Any) -> Any:
    """``value`` (a text, or blocks) with every group ping (``<!channel>``, ``<!here>``,
    ``<!everyone>``, ``<!subteam^…>``) shown as a plain ``@name`` instead. Replies and
    announcements never ping; only a scheduled post's chosen group does (see
    :func:`outgoing_blocks`)."""
    if isinstance(value, str):
        return _PING.sub(_plain_ping, value)
    if isinstance(value, list):
        return [without_pings(item) for item in value]
    if isinstance(value, dict):
        return {key: without_pings(item) for key, item in value.items()}
    return value


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text or " ", SECTION_LIMIT)}}


def header(text: str) -> Block:
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": _cut(text, HEADER_LIMIT), "emoji": True},
    }


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _cut(text, SECTION_LIMIT)}]}


def divider() -> Block:
    return {"type": "divider"}


def fields(pairs: Sequence[tuple[str, str]]) -> list[Block]:
    """``*name*\\nvalue`` fields, ten per section (Slack's limit)."""
    rendered = [
        {"type": "mrkdwn", "text": _cut(f"*{name}*\n{value}", FIELD_LIMIT)} for name, value in pairs
    ]
    return [
        {"type": "section", "fields": rendered[start : start + MAX_FIELDS]}
        for start in range(0, len(rendered), MAX_FIELDS)
    ]


def button(action_id: str, label: str, value: str, *, style: str | None = None) -> Block:
    element: Block = {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": _cut(label, BUTTON_LIMIT), "emoji": True},
        "value": value,
    }
    if style in ("primary", "danger"):
        element["style"] = style
    return element


def actions(elements: Iterable[Block], block_id: str | None = None) -> Block:
    block: Block = {"type": "actions", "elements": list(elements)[:25]}
    if block_id:
        block["block_id"] = block_id
    return block


def _plain_ping(found: re.Match[str]) -> str:
    special, group, label = found.groups()
    if label:
        return escape(label if label.startswith("@") else f"@{label}")
    return f"@{group or special}"


def date_token(moment: datetime, fallback: str) -> str:
    """A date Slack shows in each reader's own time zone; ``fallback`` is shown where
    Slack cannot (notifications, old clients), so it should name its zone."""
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


def zoned_times(text: str, moments: Iterable[datetime], zone: ZoneInfo, lang: Lang) -> str:
    """``text`` with each moment's workspace wall-clock form (as ``format_local`` writes
    it) turned into a date token: every member reads their own time, and the fallback
    names the workspace's zone."""
    times = [LocalTime(format_local(moment, zone, lang), moment, zone.key) for moment in moments]
    return readers_times(text, times)


def readers_times(text: str, times: Iterable[LocalTime]) -> str:
    """``text`` with each of ``times`` as a date token (see :func:`zoned_times`)."""
    for local in times:
        if local.text in text:
            fallback = f"{local.text} ({local.zone})"
            text = text.replace(local.text, date_token(local.instant, fallback))
    return text


def text_reply(text: str, *, public: bool = False) -> Reply:
    """A plain one-section reply."""
    return Reply(text=text, blocks=(section(text),), public=public)


@dataclass(frozen=True)
class Card:
    """An embed-like message: title, body, fields, footer, buttons."""

    title: str | None = None
    body: str = ""
    pairs: tuple[tuple[str, str], ...] = ()
    footer: str | None = None
    buttons: tuple[Block, ...] = field(default=())

    def blocks(self) -> tuple[Block, ...]:
        out: list[Block] = []
        if self.title:
            out.append(header(self.title))
        if self.body:
            out.append(section(self.body))
        out.extend(fields(self.pairs))
        if self.buttons:
            out.append(actions(self.buttons))
        if self.footer:
            out.append(context(self.footer))
        return tuple(out) or (section(" "),)

    def fallback(self) -> str:
        return "\n".join(part for part in (self.title, self.body) if part) or (self.footer or "")

    def reply(self, *, public: bool = False) -> Reply:
        return Reply(text=_cut(self.fallback(), SECTION_LIMIT), blocks=self.blocks(), public=public)


def outgoing_blocks(message: OutgoingMessage) -> tuple[str, list[Block]]:
    """A scheduler message (reminder, digest, session notice) as fallback text + blocks.

    Bodies are Markdown written for any platform and may hold member text, so they
    are converted with :func:`mrkdwn` (which escapes Slack's control characters); the
    ping, if any, is the one mention that stays live.
    """
    body = readers_times(mrkdwn(message.body), message.times)
    if message.ping_role:
        body = f"{slack_group_mention(message.ping_role)} {body}"
    elif message.direct_to:  # a personal reminder posted in a channel: only its member
        body = f"<@{message.direct_to}> {body}"
    card = Card(
        title=message.title,
        body=body,
        pairs=tuple(
            (mrkdwn(name), readers_times(mrkdwn(value), message.times))
            for name, value in message.fields
        ),
        footer=mrkdwn(message.footer) if message.footer else None,
        buttons=tuple(button(custom_id, label, custom_id) for custom_id, label in message.buttons),
    )
    # The fallback text is what notifications show; Slack reads mentions in it too.
    fallback = "\n".join(part for part in (escape(message.title or ""), body) if part)
    return _cut(fallback, SECTION_LIMIT), list(card.blocks())


def slack_group_mention(group_id: str) -> str:
    """A user-group ping (``S…`` id); ``here``/``channel`` for those special pings."""
    if group_id in ("here", "channel", "everyone"):
        return f"<!{group_id}>"
    return f"<!subteam^{group_id}>"


_BOLD = re.compile(r"\*\*(.+?)\*\*")
# After escaping: [text](url) or Discord's no-preview form [text](<url>).
_LINK = re.compile(r"\[([^\]]+)\]\((?:&lt;)?(https?://[^)\s]+?)(?:&gt;)?\)")
# Member and channel references stay live (Slack and Discord share the syntax);
# <!channel>, <!here> and <!subteam^…> stay escaped.
_REFERENCE = re.compile(r"&lt;([@#])([UWCG][A-Z0-9]{2,})&gt;")
_HEADING = re.compile(r"^#{1,6}\s+(.+)$", re.MULTILINE)
_BULLET = re.compile(r"^(\s*)[-*]\s+", re.MULTILINE)


def mrkdwn(markdown: str) -> str:
    """Catalog/service Markdown (``**bold**``, ``[text](url)``, ``- item``, headings)
    as Slack mrkdwn. Slack's control characters are escaped first, so nothing in the
    text can ping a group or the channel; ``<@U…>`` and ``<#C…>`` stay references."""
    text = _REFERENCE.sub(lambda m: f"<{m.group(1)}{m.group(2)}>", escape(markdown))
    text = _LINK.sub(lambda m: f"<{m.group(2)}|{m.group(1)}>", text)
    text = _HEADING.sub(lambda m: f"*{m.group(1).strip()}*", text)
    text = _BOLD.sub(lambda m: f"*{m.group(1)}*", text)
    return _BULLET.sub(lambda m: f"{m.group(1)}• ", text)


def long_sections(text: str) -> list[Block]:
    """``text`` over as many sections as it needs, split at line breaks."""
    chunks: list[str] = []
    current = ""
    for line in text.splitlines():
        for at in range(0, max(len(line), 1), SECTION_LIMIT):
            piece = line[at : at + SECTION_LIMIT]
            if current and len(current) + 1 + len(piece) > SECTION_LIMIT:
                chunks.append(current)
                current = piece
            else:
                current = f"{current}\n{piece}" if current else piece
    chunks.append(current)
    return [section(chunk) for chunk in chunks if chunk.strip()]


def slack_bold(text: str) -> str:
    """``**bold**`` as Slack's ``*bold*``, nothing else touched (for catalog texts that
    already hold Slack-compatible ``<#C123>`` links and escaped member text)."""
    return _BOLD.sub(lambda m: f"*{m.group(1)}*", text)
