"""INTERACTION_CREATE payloads and the record of how the bot answered one."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

from .models import (
    EPHEMERAL,
    FakeChannel,
    FakeFile,
    FakeGuild,
    FakeMember,
    FakeMessage,
    FakeRole,
    walk_components,
)

# Interaction types.
PING, APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 1, 2, 3, 4, 5
# Callback types.
MESSAGE, DEFERRED, DEFERRED_UPDATE, UPDATE, CHOICES, MODAL = 4, 5, 6, 7, 8, 9

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024


class InteractionReply:
    """How the bot answered one interaction; returned by ``FakeDiscord.slash`` & co.

    ``message`` is the visible answer: the message created by a type 4 callback, the
    message updated by type 7, or (after a type 5 deferral, or a type 6 one followed by an
    edit) the message produced by the first follow-up or edit. ``content``, ``embeds``,
    ``components``, ``flags`` and ``attachments`` read from it; the message is live (later
    edits show). ``raw`` is the callback JSON body, ``payload`` the INTERACTION_CREATE sent.
    """

    def __init__(self, payload: dict[str, Any], created: float,
                 source: FakeMessage | None = None) -> None:
        self.payload = payload  # the INTERACTION_CREATE data sent to the bot
        self.id = int(payload["id"])
        self.token: str = payload["token"]
        self.created = created
        self.source = source  # message holding the clicked component, if any
        self.raw: dict[str, Any] | None = None
        self.callback_files: list[FakeFile] = []
        self.original: FakeMessage | None = None  # what ``@original`` refers to
        self.message: FakeMessage | None = None
        self.followups: list[FakeMessage] = []
        loop = asyncio.get_running_loop()
        self.acked: asyncio.Future[None] = loop.create_future()
        self.settled: asyncio.Future[None] = loop.create_future()
        # Done once the first follow-up came (a button's private confirmation after
        # the clicked message was updated, say).
        self.followed_up: asyncio.Future[None] = loop.create_future()

    def __repr__(self) -> str:
        return f"<InteractionReply id={self.id} type={self.type} content={self.content!r}>"

    @property
    def label(self) -> str:
        """Human-readable name of the interaction, for error messages."""
        data = self.payload.get("data", {})
        if "name" in data:
            return "/" + " ".join([data["name"], *_subcommand_names(data.get("options", []))])
        return f"component/modal {data.get('custom_id')!r}"

    @property
    def type(self) -> int | None:
        """Callback type: 4 message, 5 deferred, 6 deferred update, 7 update, 8 choices, 9 modal."""
        return None if self.raw is None else self.raw.get("type")

    @property
    def data(self) -> dict[str, Any]:
        """The callback's ``data`` object."""
        return (self.raw or {}).get("data") or {}

    @property
    def content(self) -> str | None:
        return None if self.message is None else self.message.content

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return [] if self.message is None else self.message.embeds

    @property
    def components(self) -> list[dict[str, Any]]:
        return [] if self.message is None else self.message.components

    @property
    def attachments(self) -> list[FakeFile]:
        return [] if self.message is None else self.message.attachments

    @property
    def flags(self) -> int:
        if self.message is not None:
            return self.message.flags
        return int(self.data.get("flags") or 0)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def choices(self) -> list[dict[str, Any]]:
        """Autocomplete choices (callback type 8)."""
        return self.data.get("choices", [])

    @property
    def modal(self) -> dict[str, Any] | None:
        """Modal definition (callback type 9): ``custom_id``, ``title``, ``components``."""
        return self.data if self.type == MODAL else None

    def settle(self) -> None:
        """Mark the answer complete (wakes ``slash()``)."""
        if not self.settled.done():
            self.settled.set_result(None)

    def add_followup(self, message: FakeMessage) -> None:
        """Record a follow-up message (wakes whoever awaits ``followed_up``)."""
        self.followups.append(message)
        if not self.followed_up.done():
            self.followed_up.set_result(None)

    def acknowledge(self, body: dict[str, Any], files: list[FakeFile]) -> None:
        self.raw, self.callback_files = body, files
        if not self.acked.done():
            self.acked.set_result(None)
        if body.get("type") != DEFERRED:  # a type 6 ack may legitimately be all there is
            self.settle()


def _subcommand_names(options: list[dict[str, Any]]) -> list[str]:
    for option in options:
        if option.get("type") in (1, 2):
            return [option["name"], *_subcommand_names(option.get("options", []))]
    return []


def _infer_type(value: Any) -> int:
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return 4
    if isinstance(value, float):
        return 10
    kinds = ((FakeMember, 6), (FakeChannel, 7), (FakeRole, 8), (FakeFile, 11))
    return next((t for cls, t in kinds if isinstance(value, cls)), 3)


class OptionBuilder:
    """Builds ``data.options`` and ``data.resolved`` for a command invocation."""

    def __init__(self, guild: FakeGuild, bot_user_id: int, cdn: Any) -> None:
        self.guild, self.bot_user_id, self.cdn = guild, bot_user_id, cdn
        self.resolved: dict[str, dict[str, Any]] = {}

    def build(self, schema: dict[str, Any] | None, path: Sequence[str],
              values: Mapping[str, Any], focused: str | None) -> list[dict[str, Any]]:
        """Nest ``values`` under the subcommand ``path`` using the synced ``schema`` types."""
        defs = (schema or {}).get("options") or []
        chain: list[dict[str, Any]] = []
        for depth, name in enumerate(path):
            found = next((o for o in defs if o.get("name") == name), None)
            kind = found["type"] if found else (2 if depth + 1 < len(path) else 1)
            chain.append({"type": kind, "name": name})
            defs = (found or {}).get("options") or []
        if schema is not None and not path and any(o.get("type") in (1, 2) for o in defs):
            raise ValueError(f"/{schema['name']} needs a subcommand path")
        types = {o["name"]: o["type"] for o in defs}
        leaf: list[dict[str, Any]] = []
        for name, value in values.items():
            if schema is not None and name not in types:
                raise ValueError(f"option {name!r} is not defined for this command; "
                                 f"known: {sorted(types)}")
            kind = types.get(name) or _infer_type(value)
            option = {"type": kind, "name": name,
                      "value": value if name == focused else self._value(kind, value)}
            if name == focused:
                option["focused"] = True
            leaf.append(option)
        for link in reversed(chain):
            link["options"] = leaf
            leaf = [link]
        return leaf

    def _value(self, kind: int, value: Any) -> Any:
        if kind in (3, 4, 5, 10):
            return {3: str, 4: int, 5: bool, 10: float}[kind](value)
        if isinstance(value, FakeFile):
            return self._resolve_file(value)
        target_id = int(getattr(value, "id", value))
        guild = self.guild
        if target_id in guild.members and kind in (6, 9):
            member = guild.members[target_id]
            self.resolved.setdefault("users", {})[str(target_id)] = member.user.payload()
            self.resolved.setdefault("members", {})[str(target_id)] = member.payload(
                with_user=False, permissions=member.permissions)
        elif target_id in guild.roles and kind in (8, 9):
            role = guild.roles[target_id].payload()
            self.resolved.setdefault("roles", {})[str(target_id)] = role
        elif target_id in guild.channels and kind == 7:
            channel = guild.channels[target_id]
            data = channel.payload() | {"permissions": str(
                guild.members[self.bot_user_id].channel_permissions(channel))}
            self.resolved.setdefault("channels", {})[str(target_id)] = data
        return str(target_id)

    def _resolve_file(self, file: FakeFile) -> str:
        self.cdn.register_file(file)
        data = self.cdn.attachment_payload(file)
        self.resolved.setdefault("attachments", {})[str(file.id)] = data
        return str(file.id)


def modal_submit_components(modal: dict[str, Any] | None,
                            values: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Answer components mirroring the modal the bot sent (rows or labels)."""
    if modal is None:
        return [{"type": 1, "components": [{"type": 4, "custom_id": k, "value": str(v)}]}
                for k, v in values.items()]
    known = {c.get("custom_id") for c in walk_components(modal.get("components", []))}
    unknown_ids = set(values) - known
    if unknown_ids:
        raise ValueError(f"modal {modal.get('custom_id')!r} has no fields {sorted(unknown_ids)}")

    def answer(comp: dict[str, Any]) -> dict[str, Any]:
        kind = comp["type"]
        if kind == 1:
            return {"type": 1, "components": [answer(c) for c in comp.get("components", [])]}
        if kind == 18:
            return {"type": 18, "id": comp.get("id", 0), "component": answer(comp["component"])}
        out = {"type": kind, "custom_id": comp.get("custom_id"), "id": comp.get("id", 0)}
        value = values.get(str(comp.get("custom_id")), comp.get("value", ""))
        if kind == 4:
            out["value"] = str(value)
        elif kind == 23:
            out["value"] = bool(value)
        else:
            out["values"] = list(value) if isinstance(value, list | tuple) else [value]
        return out

    return [answer(c) for c in modal.get("components", []) if c.get("type") in (1, 18)]
