# ruff: noqa: ASYNC109  -- explicit timeouts with clear AssertionErrors are part of the test API
"""The fake's Socket Mode websocket: ``hello``, envelopes out, acks in."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from .fake import FakeSlack


@dataclass
class Envelope:
    """One envelope sent to the app and its ack (``payload`` of the ack, if any)."""

    id: str
    type: str
    payload: dict[str, Any]
    sent_at: float = 0.0
    acked_at: float | None = None
    ack_payload: dict[str, Any] | None = None
    acked: asyncio.Future[dict[str, Any] | None] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )

    @property
    def ack_seconds(self) -> float | None:
        return None if self.acked_at is None else self.acked_at - self.sent_at


class SocketModeServer:
    """Accepts Socket Mode connections at the URLs ``apps.connections.open`` hands out."""

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        self.connections: list[web.WebSocketResponse] = []
        self.envelopes: dict[str, Envelope] = {}
        self.tickets: set[str] = set()
        self.unexpected: list[str] = []  # frames the fake could not match to an envelope
        self._connected = asyncio.Event()

    def new_url(self) -> str:
        ticket = self.fake.ids.new("ticket")
        self.tickets.add(ticket)
        return f"ws://127.0.0.1:{self.fake.port}/socket/{ticket}"

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["ticket"] not in self.tickets:
            return web.Response(status=401, text="unknown ticket")
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.connections.append(ws)
        await ws.send_str(
            json.dumps(
                {
                    "type": "hello",
                    "num_connections": len(self.connections),
                    "debug_info": {"host": "fake-slack", "approximate_connection_time": 18060},
                    "connection_info": {"app_id": self.fake.app_id},
                }
            )
        )
        self._connected.set()
        try:
            async for message in ws:
                if message.type == WSMsgType.TEXT:
                    self._on_text(message.data)
        finally:
            self.connections.remove(ws)
            if not self.connections:
                self._connected.clear()
        return ws

    def _on_text(self, data: str) -> None:
        try:
            frame = json.loads(data)
            envelope = self.envelopes[frame["envelope_id"]]
        except (ValueError, KeyError, TypeError):
            self.unexpected.append(data)
            return
        if envelope.acked.done():
            self.unexpected.append(f"second ack for {envelope.id}")
            return
        envelope.acked_at = time.perf_counter()
        envelope.ack_payload = frame.get("payload")
        envelope.acked.set_result(envelope.ack_payload)
        self.fake.notify()

    async def wait_connected(self, timeout: float = 5.0) -> None:
        try:
            await asyncio.wait_for(self._connected.wait(), timeout)
        except TimeoutError:
            raise AssertionError("the app never opened a Socket Mode connection") from None

    async def send(
        self, envelope_type: str, payload: dict[str, Any], *, accepts_response_payload: bool
    ) -> Envelope:
        """Send one envelope on the newest connection."""
        if not self.connections:
            raise AssertionError("no Socket Mode connection: is the app running?")
        envelope = Envelope(self.fake.ids.new("env-"), envelope_type, payload)
        self.envelopes[envelope.id] = envelope
        frame = {
            "envelope_id": envelope.id,
            "type": envelope_type,
            "payload": payload,
            "accepts_response_payload": accepts_response_payload,
            "retry_attempt": 0,
            "retry_reason": "",
        }
        envelope.sent_at = time.perf_counter()
        await self.connections[-1].send_str(json.dumps(frame, ensure_ascii=False))
        return envelope

    async def request_disconnect(self, reason: str = "refresh_requested") -> None:
        """Ask the app to reconnect, as Slack does every few hours."""
        for ws in list(self.connections):
            await ws.send_str(json.dumps({"type": "disconnect", "reason": reason}))

    async def close(self) -> None:
        for ws in list(self.connections):
            await ws.close(code=1001, message=b"fake stopping")
