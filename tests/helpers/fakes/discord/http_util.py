"""Small HTTP helpers: exact ``application/json`` responses, API errors, body parsing,
request records and fault injection."""

from __future__ import annotations

import asyncio
import json
import math
import re
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, web

from .models import FakeFile

JSON_HEADERS = {"Content-Type": "application/json"}


def json_response(data: Any, status: int = 200,
                  headers: dict[str, str] | None = None) -> web.Response:
    """JSON response with Content-Type exactly ``application/json`` (discord.py checks it)."""
    return web.Response(body=json.dumps(data).encode(), status=status,
                        headers=JSON_HEADERS | headers if headers else JSON_HEADERS)


def no_content() -> web.Response:
    return web.Response(status=204)


class ApiError(Exception):
    """Raised by a route handler to answer with a Discord JSON error."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status, self.code, self.message = status, code, message

    def response(self) -> web.Response:
        return json_response({"message": self.message, "code": self.code}, self.status)


def unknown(what: str, code: int) -> ApiError:
    """404 ``Unknown <what>`` error (e.g. ``unknown("Channel", 10003)``)."""
    return ApiError(404, code, f"Unknown {what}")


MISSING_PERMISSIONS = ApiError(403, 50013, "Missing Permissions")
UNAUTHORIZED = ApiError(401, 0, "401: Unauthorized")


@dataclass(eq=False)
class RecordedRequest:
    """One REST call the client made.

    ``path`` is relative to ``/api/v10`` (e.g. ``/channels/123/messages``); ``json`` is the
    JSON body or the multipart ``payload_json``; ``files`` the multipart file parts.
    """

    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: list[FakeFile]
    headers: dict[str, str]
    time: float = field(default_factory=time.perf_counter)
    status: int = 0
    unknown: bool = False
    injected: bool = False
    held: bool = False  # answered late, or never, by a ``Hold``

    def __repr__(self) -> str:
        return f"<{self.method} {self.path} -> {self.status}>"


async def read_body(request: web.Request) -> tuple[Any, list[FakeFile]]:
    """Parse a JSON body, or a multipart body made of ``payload_json`` and ``files[n]``."""
    if not request.content_type.startswith("multipart/"):
        raw = await request.read()
        return (json.loads(raw) if raw else None), []
    payload: Any = None
    files: list[FakeFile] = []
    reader = await request.multipart()
    async for part in reader:
        if not isinstance(part, BodyPartReader):
            continue
        if part.name == "payload_json":
            payload = json.loads(await part.text())
        else:
            data = bytes(await part.read(decode=False))
            files.append(FakeFile(part.filename or part.name or "file", data,
                                  part.headers.get("Content-Type")))
    described = {str(a.get("id")): a for a in (payload or {}).get("attachments") or []}
    for index, file in enumerate(files):
        file.description = described.get(str(index), {}).get("description")
    return payload, files


@dataclass(eq=False)
class Hold:
    """The next ``times`` requests matching ``method`` and ``path`` get no answer until
    ``release()`` (or the fake stops): a Discord that is slow, or a process killed
    while waiting. With ``after_handling`` the request takes effect first (the
    message is created) and only the answer is held back. The first ``skip``
    matching requests are answered as usual."""

    method: str
    path: re.Pattern[str]
    times: int = 1
    after_handling: bool = False
    skip: int = 0
    released: asyncio.Event = field(default_factory=asyncio.Event)
    reached: asyncio.Event = field(default_factory=asyncio.Event)  # a request is held

    def matches(self, method: str, path: str) -> bool:
        if self.times <= 0 or self.method not in ("*", method) or not self.path.search(path):
            return False
        if self.skip > 0:
            self.skip -= 1
            return False
        return True

    async def wait(self) -> None:
        self.reached.set()
        await self.released.wait()

    def release(self) -> None:
        self.released.set()


@dataclass(eq=False)
class Fault:
    """An injected failure for the next ``times`` requests matching ``method`` and ``path``."""

    method: str
    path: re.Pattern[str]
    status: int
    retry_after: float = 0.05
    times: int = 1
    body: dict[str, Any] | None = None
    is_global: bool = False
    cloudflare: bool = False  # a 429 without ``Via``: discord.py does not retry it

    def matches(self, method: str, path: str) -> bool:
        return self.times > 0 and self.method in ("*", method) and bool(self.path.search(path))

    def response(self) -> web.Response:
        """The error response, with the headers discord.py needs to retry a 429."""
        self.times -= 1
        if self.status == 429:
            response = rate_limited(self.retry_after, is_global=self.is_global,
                                    bucket="fake-bucket", body=self.body)
            if self.cloudflare:
                del response.headers["Via"]
            return response
        defaults = {403: (50013, "Missing Permissions"), 404: (0, "404: Not Found")}
        code, message = defaults.get(self.status, (0, f"{self.status}: injected failure"))
        return json_response(self.body or {"message": message, "code": code}, self.status)


def rate_limited(retry_after: float, *, is_global: bool, bucket: str,
                 body: dict[str, Any] | None = None) -> web.Response:
    """A 429 with the body and headers discord.py reads to wait and retry."""
    default = {"message": "You are being rate limited.", "retry_after": retry_after,
               "global": is_global, "code": 0}
    headers = {
        "Retry-After": str(max(1, math.ceil(retry_after))),
        "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
        "X-RateLimit-Reset-After": f"{retry_after:.3f}",
        "X-RateLimit-Bucket": bucket,
        "X-RateLimit-Scope": "global" if is_global else "user",
        # discord.py treats a 429 without Via as a Cloudflare ban and raises.
        "Via": "1.1 google",
    }
    if is_global:
        headers["X-RateLimit-Global"] = "true"
    return json_response(body or default, 429, headers)
