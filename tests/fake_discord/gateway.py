# ruff: noqa: ASYNC109  -- explicit timeouts with clear AssertionErrors are part of the test API
"""The gateway websocket: HELLO, heartbeats, IDENTIFY/READY/GUILD_CREATE, RESUME, dispatch.

Frames are plain uncompressed JSON TEXT frames (discord.py asks for zlib-stream but
accepts them). Each shard has one session; dispatched events are numbered and kept
in a bounded buffer so a RESUME replays what the client missed, as Discord does.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from .fake import FakeDiscord

GUILDS_INTENT = 1 << 0
GUILD_MEMBERS_INTENT = 1 << 1
GUILD_SCHEDULED_EVENTS_INTENT = 1 << 16
REPLAY_BUFFER = 4096


@dataclass(eq=False)
class GatewaySession:
    """One IDENTIFYed session (one per shard)."""

    id: str
    shard: tuple[int, int]
    intents: int
    seq: int = 0
    ws: web.WebSocketResponse | None = None
    live: bool = False  # READY (+ GUILD_CREATEs) or RESUMED sent on the current socket
    buffer: deque[tuple[int, str]] = field(default_factory=lambda: deque(maxlen=REPLAY_BUFFER))
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)  # keeps frames in order

    def frame(self, event: str, data: Any) -> str:
        """Number an event, remember it for replay and return the serialized frame."""
        self.seq += 1
        text = json.dumps({"op": 0, "t": event, "s": self.seq, "d": data})
        self.buffer.append((self.seq, text))
        return text


class Gateway:
    """Serves ``/gateway`` for one :class:`FakeDiscord`."""

    def __init__(self, fake: FakeDiscord, heartbeat_interval_ms: int = 41_250) -> None:
        self.fake = fake
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.shards: dict[int, GatewaySession] = {}
        self.received: list[dict[str, Any]] = []  # every frame the client sent
        self.identify_count = 0
        # Every IDENTIFY as (shard id, shard count, monotonic seconds): a test checks
        # the bucket rule (one per shard_id % max_concurrency every 5 s) with it.
        self.identifies: list[tuple[int, int, float]] = []
        self.resume_count = 0
        self._changed = asyncio.Condition()

    # -- connection handling -------------------------------------------------
    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        """aiohttp handler for the websocket endpoint."""
        ws = web.WebSocketResponse(max_msg_size=0, autoping=True)
        await ws.prepare(request)
        await ws.send_str(json.dumps({"op": 10, "d": {
            "heartbeat_interval": self.heartbeat_interval_ms, "_trace": ["fake-gateway"]}}))
        session: GatewaySession | None = None
        try:
            async for msg in ws:
                if msg.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                    continue
                frame = json.loads(msg.data)
                self.received.append(frame)
                op, data = frame.get("op"), frame.get("d")
                if op == 1:
                    await ws.send_str('{"op": 11}')
                elif op == 2:
                    session = await self._identify(ws, data)
                elif op == 6:
                    session = await self._resume(ws, data)
                elif op == 8 and session is not None:
                    await self._request_members(session, data)
        finally:
            if session is not None and session.ws is ws:
                session.ws, session.live = None, False
        return ws

    async def _identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> GatewaySession:
        shard = tuple(data.get("shard") or (0, 1))
        session = GatewaySession(secrets.token_hex(16), (shard[0], shard[1]),
                                 int(data.get("intents", 0)), ws=ws)
        self.shards[session.shard[0]] = session
        self.identify_count += 1
        self.identifies.append((session.shard[0], session.shard[1], time.monotonic()))
        fake = self.fake
        guilds = [g for g in fake.guilds.values() if self.shard_of(g.id) == session.shard[0]]
        async with session.lock:
            await ws.send_str(session.frame("READY", {
                "v": 10, "user": fake.bot_user.payload() | {"verified": True, "mfa_enabled": False},
                "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
                "session_id": session.id, "session_type": "normal",
                "resume_gateway_url": fake.gateway_url + "-resume",
                "shard": list(session.shard), "private_channels": [], "relationships": [],
                "presences": [], "guild_join_requests": [], "user_settings": {},
                "application": {"id": str(fake.application_id), "flags": 0},
                "geo_ordered_rtc_regions": [], "_trace": ["fake-gateway"],
            }))
            if session.intents & GUILDS_INTENT:
                bot_id = fake.bot_user.id
                for guild in guilds:
                    await ws.send_str(session.frame("GUILD_CREATE", guild.payload(bot_id)))
            session.live = True
        await self._notify()
        return session

    async def _resume(self, ws: web.WebSocketResponse,
                      data: dict[str, Any]) -> GatewaySession | None:
        session = next((s for s in self.shards.values() if s.id == data.get("session_id")), None)
        seq = data.get("seq") or 0
        oldest = session.buffer[0][0] if session and session.buffer else 1
        if session is None or seq + 1 < oldest:
            await ws.send_str('{"op": 9, "d": false}')
            return None
        async with session.lock:
            session.ws = ws
            for s, text in list(session.buffer):
                if s > seq:
                    await ws.send_str(text)
            await ws.send_str(session.frame("RESUMED", {"_trace": ["fake-gateway"]}))
            session.live = True
        self.resume_count += 1
        await self._notify()
        return session

    async def _request_members(self, session: GatewaySession, data: dict[str, Any]) -> None:
        guild_ids = data["guild_id"] if isinstance(data["guild_id"], list) else [data["guild_id"]]
        for gid in guild_ids:
            guild = self.fake.guilds.get(int(gid))
            if guild is None:
                continue
            members = list(guild.members.values())
            if data.get("user_ids"):
                wanted = {int(u) for u in data["user_ids"]}
                members = [m for m in members if m.id in wanted]
            elif data.get("query"):
                members = [m for m in members if m.name.lower().startswith(data["query"].lower())]
            if data.get("limit"):
                members = members[: data["limit"]]
            chunk = {"guild_id": str(gid), "members": [m.payload() for m in members],
                     "chunk_index": 0, "chunk_count": 1, "not_found": [], "presences": []}
            if data.get("nonce"):
                chunk["nonce"] = data["nonce"]
            await self.send(session, "GUILD_MEMBERS_CHUNK", chunk)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # -- used by FakeDiscord ---------------------------------------------------
    def bucket_violations(self, spacing: float = 5.0) -> list[str]:
        """IDENTIFYs of one max_concurrency bucket less than ``spacing`` s apart."""
        last: dict[int, float] = {}
        found = []
        for shard, _, at in self.identifies:
            bucket = shard % self.fake.max_concurrency
            if bucket in last and at - last[bucket] < spacing:
                found.append(f"shard {shard} IDENTIFYed {at - last[bucket]:.2f} s after "
                             f"bucket {bucket}'s previous IDENTIFY")
            last[bucket] = at
        return found

    def shard_of(self, guild_id: int | None) -> int:
        """Shard id that owns ``guild_id`` for the current shard count."""
        count = next(iter(self.shards.values())).shard[1] if self.shards else 1
        return 0 if guild_id is None else (guild_id >> 22) % count

    def session_for(self, guild_id: int | None) -> GatewaySession | None:
        return self.shards.get(self.shard_of(guild_id))

    async def send(self, session: GatewaySession, event: str, data: Any) -> None:
        """Dispatch to one session (buffered for replay if its socket is down)."""
        async with session.lock:
            text = session.frame(event, data)
            if session.ws is not None and session.live:
                await session.ws.send_str(text)

    async def dispatch(self, event: str, data: Any, guild_id: int | None = None,
                       intent: int = 0) -> None:
        """Dispatch ``event`` to the session owning ``guild_id`` if it subscribed to ``intent``."""
        session = self.session_for(guild_id)
        if session is not None and (not intent or session.intents & intent):
            await self.send(session, event, data)

    async def wait_until(self, predicate: Callable[[], bool], what: str, timeout: float) -> None:
        """Wait until ``predicate()`` holds after a session change, or raise AssertionError."""
        try:
            async with asyncio.timeout(timeout), self._changed:
                await self._changed.wait_for(predicate)
        except TimeoutError:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}") from None

    async def wait_live(self, guild_id: int | None, timeout: float) -> GatewaySession:
        """Wait until the session owning ``guild_id`` is connected and past READY/RESUMED."""
        session = self.session_for(guild_id)
        if session is None or not session.live:
            await self.wait_until(lambda: bool((s := self.session_for(guild_id)) and s.live),
                                  "the bot's gateway session (no IDENTIFY/RESUME yet)", timeout)
            session = self.session_for(guild_id)
        assert session is not None
        return session

    async def drop(self, *, resume: bool, timeout: float, op7: bool = False) -> None:
        """Drop every session's socket; wait until the client has resumed or re-identified.

        ``op7``: ask for the reconnect with op 7 RECONNECT instead of closing the socket.
        """
        resumes, identifies = self.resume_count, self.identify_count
        sessions = [s for s in self.shards.values() if s.ws is not None]
        for session in sessions:
            ws, session.live = session.ws, False
            assert ws is not None
            if resume and op7:
                await ws.send_str('{"op": 7, "d": null}')
            elif resume:
                await ws.close(code=4000, message=b"fake gateway dropped the connection")
            else:
                await ws.send_str('{"op": 9, "d": false}')
        if resume:
            await self.wait_until(lambda: self.resume_count >= resumes + len(sessions),
                                  "the client to RESUME", timeout)
        else:
            await self.wait_until(lambda: self.identify_count >= identifies + len(sessions)
                                  and all(s.live for s in self.shards.values()),
                                  "the client to IDENTIFY again", timeout)

    async def close(self) -> None:
        """Close all sockets (used when the fake stops)."""
        for session in self.shards.values():
            if session.ws is not None:
                await session.ws.close(code=1001)
