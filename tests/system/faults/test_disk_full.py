"""A full disk: /checkin gets a clear message, the bot keeps serving, and what was
acknowledged before is still there; once space is back, check-ins work again."""

from __future__ import annotations

from storage.connection import Connection
from storage.fetch import fetch_all
from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.runners.discord import BotRunner


async def count_checkins(studybot: BotRunner) -> int:
    def work(conn: Connection):
        rows = fetch_all(conn, "SELECT count(*) FROM streak_checkins")
        return rows
    rows = await studybot.services.db.read(work)
    return int(next(iter(rows))[0])


async def test_full_disk_refuses_clearly_and_keeps_serving(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    first = await fake_discord.slash("checkin", {"paper": "ResNet"}, user="alice")
    assert first.content and await count_checkins(studybot) == 1

    def work(conn: Connection):
        pages = next(iter(fetch_all(conn, "PRAGMA page_count")))[0]
        # SQLite reports SQLITE_FULL once the file may not grow: a full disk.
        conn.execute(f"PRAGMA max_page_count = {pages}")
    await studybot.services.db.write(work)
    acknowledged = 1
    for attempt in range(200):  # free space inside existing pages runs out quickly
        reply = await fake_discord.slash(
            "checkin", {"paper": f"{attempt} " + "x" * 290, "note": "y" * 500}, user="mod",
            locale="en-US",
        )
        if reply.ephemeral and "cannot be saved right now" in (reply.content or ""):
            break
        assert not reply.ephemeral and "streak" in (reply.content or "")
        acknowledged += 1
    else:
        raise AssertionError("the full disk was never reported")
    assert await count_checkins(studybot) == acknowledged
    assert (await fake_discord.slash("help")).embeds, "the bot stopped serving"

    def work(conn: Connection):
        conn.execute("PRAGMA max_page_count = 1073741823")
    await studybot.services.db.write(work)
    again = await fake_discord.slash("checkin", {"paper": "ViT"}, user="mod")
    assert again.content and await count_checkins(studybot) == acknowledged + 1
