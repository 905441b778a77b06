"""Run the real ``studybot`` command line with discord.py pointed at a fake Discord.

    python -m tests.helpers.fakes.discord.cli_process --base-url http://127.0.0.1:PORT run

Everything after ``--base-url URL`` is handed to ``bot.cli.main`` unchanged, so the
process starts, fails and stops exactly as ``studybot`` does; only Discord's REST
base and gateway address differ (both are process-global in discord.py).

With ``FAKE_DISCORD_RECONNECT_BACKOFF=SECONDS`` in the environment every gateway
reconnect back-off lasts that long: where discord.py draws a random wait that
grows to minutes over a long outage, a test gets that state at once.
"""

from __future__ import annotations

import os
import sys

import discord.backoff
import discord.gateway
import discord.http
import yarl

from bot.cli import main as studybot_main


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] != "--base-url":
        print("usage: cli_process --base-url http://127.0.0.1:PORT STUDYBOT-ARGS...",
              file=sys.stderr)
        return 64
    base_url, rest = argv[1].rstrip("/"), argv[2:]
    discord.http.Route.BASE = f"{base_url}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(
        base_url.replace("http", "ws", 1) + "/gateway")
    backoff = os.environ.get("FAKE_DISCORD_RECONNECT_BACKOFF")
    if backoff:
        seconds = float(backoff)

        def long_delay(self: discord.backoff.ExponentialBackoff[float]) -> float:
            return seconds

        discord.backoff.ExponentialBackoff.delay = long_delay  # type: ignore[method-assign]
    return studybot_main(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
