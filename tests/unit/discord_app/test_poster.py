"""The Discord poster's pure parts: embeds within Discord's limits, mentions locked down."""

from __future__ import annotations

from bot.discord_app.poster import allowed_mentions_for, build_embed
from bot.ports import OutgoingMessage


def test_embed_is_cut_to_discords_limits() -> None:
    message = OutgoingMessage(
        body="가" * 5000, title="t" * 300, footer="f" * 3000,
        fields=tuple((f"name {i}", "v" * 2000) for i in range(30)),
    )
    embed = build_embed(message)
    assert len(embed.title or "") == 256 and (embed.title or "").endswith("…")
    assert len(embed.description or "") == 4096
    assert len(embed.fields) <= 25
    assert all(len(field.value or "") <= 1024 for field in embed.fields)
    assert len(embed) <= 6000


def test_only_the_ping_role_may_be_mentioned() -> None:
    none = allowed_mentions_for(OutgoingMessage(body="@everyone <@&1>"))
    assert none.to_dict() == {"parse": []}
    one = allowed_mentions_for(OutgoingMessage(body="x", ping_role="777"))
    assert one.to_dict()["parse"] == [] and [int(r) for r in one.to_dict()["roles"]] == [777]
