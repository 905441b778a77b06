"""The fake workspace's state and what the fake records."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class FakeUser:
    """A workspace member as ``users.info`` describes them."""

    id: str
    name: str
    locale: str | None = "en-US"
    is_admin: bool = False
    is_owner: bool = False
    is_bot: bool = False
    tz: str = "Asia/Seoul"

    def payload(self, team_id: str, *, include_locale: bool) -> dict[str, Any]:
        user: dict[str, Any] = {
            "id": self.id,
            "team_id": team_id,
            "name": self.name,
            "real_name": self.name.title(),
            "deleted": False,
            "is_admin": self.is_admin,
            "is_owner": self.is_owner,
            "is_primary_owner": self.is_owner,
            "is_bot": self.is_bot,
            "tz": self.tz,
            "profile": {"display_name": self.name, "real_name": self.name.title()},
        }
        if include_locale and self.locale is not None:
            user["locale"] = self.locale
        return user


@dataclass
class FakeChannel:
    """A channel; the bot may post in public channels it has not joined (chat:write.public)."""

    id: str
    name: str
    is_private: bool = False
    is_archived: bool = False
    bot_is_member: bool = True

    def payload(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "is_channel": not self.is_private,
            "is_private": self.is_private,
            "is_archived": self.is_archived,
            "is_member": self.bot_is_member,
        }


@dataclass
class ApiCall:
    """One Web API call as the fake received it (query, form and JSON merged)."""

    method: str
    args: dict[str, Any]
    token: str | None
    status: int = 200
    error: str | None = None


@dataclass
class Delivery:
    """Something the app showed a member: an ack payload, a ``respond()`` post, a
    message, an opened modal, an uploaded file. ``conversation`` ties it to the
    command/click/submission that caused it (None for scheduler posts)."""

    kind: str  # ack | respond | message | ephemeral | modal | modal_update | file | home
    body: dict[str, Any]
    conversation: str | None = None
    channel: str | None = None
    ts: str | None = None

    @property
    def text(self) -> str:
        """The fallback text plus every text in the blocks, one per line."""
        parts = [str(self.body.get("text") or "")]
        parts.extend(block_texts(self.body.get("blocks") or []))
        if self.kind in ("modal", "modal_update", "home"):
            view = self.body.get("view") or {}
            parts.extend(block_texts([view.get("title") or {}]))
            parts.extend(block_texts(view.get("blocks") or []))
        if self.kind == "file":
            parts.append(str(self.body.get("initial_comment") or ""))
        return "\n".join(part for part in parts if part)

    @property
    def ephemeral(self) -> bool:
        if self.kind == "ephemeral":
            return True
        if self.kind in ("ack", "respond"):
            return self.body.get("response_type", "ephemeral") != "in_channel"
        return False

    @property
    def blocks(self) -> list[dict[str, Any]]:
        if self.kind in ("modal", "modal_update", "home"):
            return list((self.body.get("view") or {}).get("blocks") or [])
        return list(self.body.get("blocks") or [])

    def buttons(self) -> list[tuple[str, dict[str, Any]]]:
        """(block_id, element) of every button in the blocks."""
        return [
            (block_id, element)
            for block_id, element in walk_elements(self.blocks)
            if element.get("type") == "button"
        ]


@dataclass
class UploadedFile:
    """A file uploaded with ``files_upload_v2`` (bytes arrive at the upload URL)."""

    id: str
    filename: str
    length: int
    data: bytes = b""
    title: str | None = None
    channel: str | None = None
    initial_comment: str | None = None
    completed: bool = False


@dataclass
class Fault:
    """An error the next matching call gets (``times`` calls in a row)."""

    method: str
    error: str
    status: int = 200
    retry_after: int | None = None
    times: int = 1


@dataclass
class Conversation:
    """One event sent to the app (slash command, click, submission)."""

    id: str
    kind: str
    channel: str | None
    user: str
    envelope_id: str
    trigger_id: str
    payload: dict[str, Any]
    ack: dict[str, Any] | None = None
    acked: bool = False


@dataclass
class IdSource:
    """Slack-looking ids (``C0001``, ``U0002``...) and message timestamps."""

    counter: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def new(self, prefix: str) -> str:
        return f"{prefix}{next(self.counter):06d}"

    def ts(self) -> str:
        return f"1700000000.{next(self.counter):06d}"


def block_texts(blocks: list[dict[str, Any]]) -> Iterator[str]:
    """Every text string inside Block Kit ``blocks`` (sections, fields, context, headers,
    buttons), in document order."""
    for block in blocks:
        yield from _texts_of(block)


def _texts_of(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if node.get("type") in ("plain_text", "mrkdwn") and isinstance(node.get("text"), str):
            yield node["text"]
            return
        for key, value in node.items():
            if key in (
                "text",
                "fields",
                "elements",
                "accessory",
                "label",
                "element",
                "title",
                "placeholder",
                "options",
                "rich_text",
            ):
                yield from _texts_of(value)
            elif key == "alt_text" and isinstance(value, str):
                yield value
    elif isinstance(node, list):
        for item in node:
            yield from _texts_of(item)


def walk_elements(blocks: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(block_id, element) for every interactive element in ``blocks``."""
    for index, block in enumerate(blocks):
        block_id = str(block.get("block_id") or f"b{index}")
        for element in block.get("elements") or []:
            if isinstance(element, dict) and "action_id" in element:
                yield block_id, element
        for key in ("accessory", "element"):
            element = block.get(key)
            if isinstance(element, dict) and "action_id" in element:
                yield block_id, element
