"""End to end: study rounds through the real discord.py client and the fake Discord,
with the clock moved and the schedule engine's ``run_due`` delivering what is due."""

from __future__ import annotations

import csv
import io
import logging
import re
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot.core.refs import MemberRef
from bot.core.round_model import Session
from storage.connection import Connection
from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.fakes.discord.models import FakeMessage
from tests.helpers.refs import community
from tests.helpers.runners.discord import BotRunner

SEOUL = ZoneInfo("Asia/Seoul")
# The clock starts on Monday 2026-11-23 21:00 in Seoul; sessions are Thursdays 20:00.
FIRST = datetime(2026, 11, 26, 20, tzinfo=SEOUL).astimezone(UTC)


def member(fake: FakeDiscord, name: str) -> MemberRef:
    return MemberRef(community(fake), str(fake.guild().member(name).id))


async def sessions(studybot: BotRunner, fake: FakeDiscord) -> list[Session]:
    _, found = await studybot.services.rounds.list_sessions(community(fake), None)
    return found


async def advance(studybot: BotRunner, when: datetime) -> None:
    studybot.clock.set(when)
    await studybot.services.schedules.run_due()


async def create_round(fake: FakeDiscord, **extra: Any) -> None:
    guild = fake.guild()
    options: dict[str, Any] = {
        "name": "Winter 2026", "start": "2026-11-26", "weeks": 4,
        "channel": guild.channel("general"), "cadence": "every thu 20:00",
        "voice": guild.channel("voice"),
    } | extra
    reply = await fake.slash("round-admin create", options, user="mod")
    assert "Created “Winter 2026” as a draft (4 sessions planned)" in (reply.content or ""), reply


async def start_round(fake: FakeDiscord) -> str:
    reply = await fake.slash("round-admin start", user="mod")
    assert reply.ephemeral
    return reply.content or ""


async def a_day_before_the_first(
    studybot: BotRunner, fake: FakeDiscord
) -> tuple[Session, Session, FakeMessage]:
    """A started round at its first session's day-before reminder (RSVP buttons)."""
    await create_round(fake)
    await start_round(fake)
    first, second = (await sessions(studybot, fake))[:2]
    await advance(studybot, FIRST - timedelta(hours=24))
    return first, second, fake.messages_in(fake.guild().channel("general"))[-1]


async def click_rsvp(fake: FakeDiscord, custom_id: str, message: Any, user: str,
                     locale: str = "en-US") -> str:
    """Click an RSVP button; returns the private confirmation the clicker gets (a
    follow-up sent after the message was updated)."""
    reply = await fake.click(custom_id, message=message, user=user, locale=locale)
    assert reply.type == 7, "the clicked message itself is updated"
    await fake.wait_for_request("POST", rf"/webhooks/\d+/{re.escape(reply.token)}$")
    assert reply.followups[0].ephemeral
    return reply.followups[0].content or ""


async def table_counts(studybot: BotRunner) -> dict[str, int]:
    counts = {}
    def work(conn: Connection):
        for table in ("rounds", "round_papers", "round_members", "sessions",
                      "session_presenters", "attendance", "schedules"):
            cursor = conn.execute(f"SELECT count(*) FROM {table}")
            row = cursor.fetchone()
            counts[table] = int(row[0]) if row else 0
    await studybot.services.db.read(work)
    return counts


async def test_a_whole_round_from_create_to_close(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    guild.add_member("bob")
    guild.add_member("cy")
    readers = guild.add_role("Readers")
    general = guild.channel("general")
    await create_round(fake_discord, ping_role=readers)
    for title, url in (("Attention Is All You Need", "https://arxiv.org/abs/1706.03762"),
                       ("Deep Residual Learning", "https://arxiv.org/abs/1512.03385"),
                       ("Adam", "https://arxiv.org/abs/1412.6980")):
        added = await fake_discord.slash(
            "round-admin paper-add", {"round": "Winter 2026", "title": title, "url": url},
            user="mod")
        assert f"Added “{title}”" in (added.content or "")
    joined = await fake_discord.slash("round join", user="alice", locale="ko")
    assert "참여했어요" in (joined.content or "")
    await fake_discord.slash("round join", user="bob")
    quiet = await fake_discord.slash("round join", {"present": False}, user="cy")
    assert "will not be given presenting turns" in (quiet.content or "")

    started = await start_round(fake_discord)
    assert "Started “Winter 2026”: 4 sessions" in started
    assert len(guild.scheduled_events) == 4
    events = sorted(guild.scheduled_events.values(), key=lambda e: e["scheduled_start_time"])
    assert str(events[0]["channel_id"]) == str(guild.channel("voice").id)
    assert datetime.fromisoformat(events[0]["scheduled_start_time"]) == FIRST
    announcement = fake_discord.messages_in(general)[-1]
    assert "라운드가 시작됐어요" in announcement.content and announcement.embeds
    assert announcement.allowed_mentions == {"parse": []}

    planned = await sessions(studybot, fake_discord)
    alice, bob, cy = (str(guild.member(n).id) for n in ("alice", "bob", "cy"))
    assert [[p.external_id for p in s.presenters] for s in planned] == [
        [alice], [bob], [alice], [bob]], "rotation in join order; cy opted out"
    assert [s.kind for s in planned] == ["paper", "paper", "paper", "sota"]

    listing = await fake_discord.slash("session list", user="cy")
    unix = int(FIRST.timestamp())
    assert (f"#1 · Thu 2026-11-26 20:00 · <t:{unix}:F> (<t:{unix}:R>) · "
            "Attention Is All You Need") in listing.embeds[0]["description"]

    # The day before: a reminder with RSVP buttons, pinging the round's role only.
    await advance(studybot, FIRST - timedelta(hours=24))
    reminder = fake_discord.messages_in(general)[-1]
    assert reminder.content == f"<@&{readers.id}>"
    assert reminder.allowed_mentions is not None
    assert [str(r) for r in reminder.allowed_mentions.get("roles", [])] == [str(readers.id)]
    assert "Attention Is All You Need" in reminder.embeds[0]["description"]
    first = planned[0]
    going = f"round:rsvp:{first.id}:going"
    confirmation = await click_rsvp(fake_discord, going, reminder, "alice")
    assert "You answered **Going** for session #1" in confirmation
    labels = [c["label"] for c in reminder.iter_components() if c.get("custom_id")]
    assert labels[0].endswith("· 1")
    await click_rsvp(fake_discord, f"round:rsvp:{first.id}:not_going", reminder, "bob")

    # When the session begins it is held, with attendance from the RSVPs.
    await advance(studybot, first.starts_at)
    started_post = fake_discord.messages_in(general)[-1]
    assert "#1 세션을 지금 시작해요: **Attention Is All You Need**" in \
        started_post.embeds[0]["description"]
    assert not started_post.components, "RSVPs are closed"
    assert (await sessions(studybot, fake_discord))[0].status == "held"
    await advance(studybot, first.ends_at)
    done = fake_discord.messages_in(general)[-1]
    assert "1명의 출석을 기록했어요" in done.embeds[0]["description"]
    corrected = await fake_discord.slash(
        "session-admin attendance",
        {"session": str(first.id), "member": guild.member("cy"), "attended": True}, user="mod")
    assert "Recorded" in (corrected.content or "")
    streak = await studybot.services.streaks.show(member(fake_discord, "alice"))
    assert streak.total_checkins == 1, "attending counts as a check-in"

    # Bob leaves: his next turn passes on; a moderator can still override.
    await fake_discord.slash("round leave", user="bob")
    after = await sessions(studybot, fake_discord)
    assert bob not in {p.external_id for s in after[1:] for p in s.presenters}
    await fake_discord.slash(
        "session-admin assign", {"session": str(after[2].id), "member": guild.member("cy")},
        user="mod")
    assert [p.external_id for p in (await sessions(studybot, fake_discord))[2].presenters] == [cy]

    # Past the last session, the moderator closes the round: recap posted and returned.
    await advance(studybot, planned[-1].ends_at + timedelta(hours=1))
    closed = await fake_discord.slash("round-admin close", user="mod")
    assert "Closed “Winter 2026”" in (closed.content or "")
    files = {f.filename: f.data for f in closed.attachments}
    rows = list(csv.DictReader(io.StringIO(files["winter-2026-recap.csv"].decode())))
    by_name = {row["member"]: row for row in rows}
    assert by_name["alice"]["sessions_attended"] == "1"
    assert by_name["cy"]["sessions_attended"] == "1"
    assert by_name["bob"]["sessions_attended"] == "0"
    # Alice: session 1, then bob's turns (2 and 4) once he left; cy took 3 by hand.
    assert by_name["alice"]["presentations"] == "3"
    assert by_name["cy"]["presentations"] == "1"
    markdown = files["winter-2026-recap.md"].decode()
    assert "Attention Is All You Need" in markdown and "4 of 4 sessions held" in markdown
    posted = fake_discord.messages_in(general)[-1]
    assert "라운드가 끝났어요" in posted.content and posted.embeds
    assert "Attention Is All You Need" in posted.embeds[0]["description"]
    assert {a.filename for a in posted.attachments} == set(files)
    assert "세션 4개 중 4개 진행" in next(
        a.data.decode() for a in posted.attachments if a.filename.endswith(".md"))
    shown = await fake_discord.slash("round show", {"round": "winter 2026"}, user="alice")
    assert "closed" in shown.embeds[0]["description"]


async def test_rsvp_button_works_after_a_restart(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    first, _, reminder = await a_day_before_the_first(studybot, fake_discord)
    await click_rsvp(fake_discord, f"round:rsvp:{first.id}:maybe", reminder, "alice")

    await studybot.restart()
    confirmation = await click_rsvp(fake_discord, f"round:rsvp:{first.id}:going", reminder,
                                    "mod", locale="ko")
    assert "**참석**으로 응답했어요" in confirmation
    labels = [c["label"] for c in reminder.iter_components() if c.get("custom_id")]
    assert labels == ["✅ 참석 · 1", "🤔 미정 · 1", "❌ 불참 · 0"]
    view = await studybot.services.rounds.show_session(community(fake_discord), str(first.id))
    assert (view.counts.going, view.counts.maybe) == (1, 1)


async def test_an_answer_on_a_private_card_leaves_the_shared_message_in_charge(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    # Later changes to a session go to the last message members answered on; a
    # member's own /session show card is private, so it must not become that message.
    first, _, reminder = await a_day_before_the_first(studybot, fake_discord)
    await click_rsvp(fake_discord, f"round:rsvp:{first.id}:going", reminder, "alice")
    card = await fake_discord.slash("session show", {"session": str(first.id)}, user="mod")
    assert card.ephemeral
    await click_rsvp(fake_discord, f"round:rsvp:{first.id}:maybe", card.message, "mod")
    card_labels = [c["label"] for c in card.message.iter_components() if c.get("custom_id")]
    assert card_labels == ["✅ Going · 1", "🤔 Maybe · 1", "❌ Not going · 0"], \
        "a private card keeps its reader's language"

    await fake_discord.slash("session-admin edit",
                             {"session": str(first.id), "topic": "Chapter 9"}, user="mod")
    assert "Chapter 9" in str(reminder.embeds), "the message everyone reads shows the change"
    labels = [c["label"] for c in reminder.iter_components() if c.get("custom_id")]
    assert labels == ["✅ 참석 · 1", "🤔 미정 · 1", "❌ 불참 · 0"]


async def test_rsvp_and_dm_buttons_are_answered_by_their_dynamic_items_alone(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    # A live view sent with a message is kept by discord.py for that message (with no
    # timeout: for good) and handed every later click too; these are only drawn.
    first, _, reminder = await a_day_before_the_first(studybot, fake_discord)
    shown = await fake_discord.slash("session show", {"session": str(first.id)}, user="mod")
    assert "You answered **Going**" in await click_rsvp(
        fake_discord, f"round:rsvp:{first.id}:going", reminder, "alice")
    assert "DM" in (await fake_discord.click(f"round:dm:{first.id}:on", user="alice")).content
    await click_rsvp(fake_discord, f"round:rsvp:{first.id}:maybe", shown, "mod")
    assert studybot.bot.persistent_views == []
    view = await studybot.services.rounds.show_session(community(fake_discord), str(first.id))
    assert (view.counts.going, view.counts.maybe) == (1, 1)


async def test_an_rsvp_button_that_fails_tells_the_member_and_logs(
    studybot: BotRunner, fake_discord: FakeDiscord, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # discord.py itself only logs a failing DynamicItem, and Discord would show the
    # member "This interaction failed".
    first, _, reminder = await a_day_before_the_first(studybot, fake_discord)
    going = f"round:rsvp:{first.id}:going"

    async def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom")

    with monkeypatch.context() as patched, caplog.at_level(logging.ERROR):
        patched.setattr(studybot.services.rounds, "rsvp", broken)
        failed = await fake_discord.click(going, message=reminder, user="alice", locale="ko")
    assert failed.ephemeral and "예상하지 못한 문제" in (failed.content or "")
    record = next(r for r in caplog.records if f"button {going} failed" in r.getMessage())
    assert record.exc_info is not None and "boom" in str(record.exc_info[1])
    view = await studybot.services.rounds.show_session(community(fake_discord), str(first.id))
    assert view.counts.going == 0
    assert "You answered **Going**" in await click_rsvp(fake_discord, going, reminder, "alice")


async def test_rescheduling_moves_reminders_and_the_event(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    general = guild.channel("general")
    await create_round(fake_discord)
    await start_round(fake_discord)
    second = (await sessions(studybot, fake_discord))[1]
    moved = await fake_discord.slash(
        "session-admin edit", {"session": str(second.id), "when": "2026-12-05 18:00"},
        user="mod")
    assert "Session #2 changed: Sat 2026-12-05 18:00" in (moved.content or "")
    new_start = datetime(2026, 12, 5, 18, tzinfo=SEOUL).astimezone(UTC)
    event = guild.scheduled_events[int(second.event_id or 0)]
    assert datetime.fromisoformat(event["scheduled_start_time"]) == new_start
    assert fake_discord.requests_to("PATCH", rf"/scheduled-events/{second.event_id}$")

    posted = len(fake_discord.messages_in(general))
    for moment in (second.starts_at - timedelta(hours=24), second.starts_at - timedelta(hours=1),
                   second.ends_at, new_start - timedelta(hours=24)):
        await advance(studybot, moment)
    new_posts = fake_discord.messages_in(general)[posted:]
    # The reading reminder (3 days before the new time) and the new day-before one;
    # nothing at the old times.
    assert [m.embeds[0]["description"] for m in new_posts] == [
        "2026-12-05(토) 18:00 모임 전에 읽어 오세요: **논문 미정**",
        "내일 2026-12-05(토) 18:00에 #2 세션이 있어요: **논문 미정**",
    ]
    reminder = new_posts[-1]

    await click_rsvp(fake_discord, f"round:rsvp:{second.id}:going", reminder, "alice")
    cancelled = await fake_discord.slash("session-admin cancel",
                                         {"session": str(second.id)}, user="mod")
    assert "cancelled" in (cancelled.content or "")
    assert guild.scheduled_events[int(second.event_id or 0)]["status"] == 4
    assert reminder.components == [], "the answered message loses its buttons"
    assert "취소됨" in reminder.embeds[0]["description"]
    await advance(studybot, new_start - timedelta(hours=1))
    assert fake_discord.messages_in(general)[-1] is reminder, "a cancelled session is quiet"


async def test_missing_event_permission_is_told_once_and_the_round_works(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    fake_discord.fail_next("*", r"/scheduled-events", 403, times=100,
                           body={"message": "Missing Permissions", "code": 50013})
    await create_round(fake_discord)
    started = await start_round(fake_discord)
    assert "Started “Winter 2026”: 4 sessions" in started
    assert "Manage Events" in started
    assert fake_discord.guild().scheduled_events == {}
    planned = await sessions(studybot, fake_discord)
    assert len(planned) == 4 and all(s.event_id is None for s in planned)
    again = await fake_discord.slash(
        "session-admin edit", {"session": str(planned[1].id), "topic": "Chapter 2"}, user="mod")
    assert "Session #2 changed" in (again.content or "")
    assert "Manage Events" not in (again.content or ""), "told only once per round"
    await advance(studybot, FIRST - timedelta(hours=1))
    reminder = fake_discord.messages_in(fake_discord.guild().channel("general"))[-1]
    assert "한 시간 뒤" in reminder.embeds[0]["description"]


async def test_calendar_file_parses_back(studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    await create_round(fake_discord)
    await start_round(fake_discord)
    reply = await fake_discord.slash("round calendar", user="alice")
    assert reply.ephemeral and [f.filename for f in reply.attachments] == ["winter-2026.ics"]
    calendar = Calendar.from_ical(reply.attachments[0].data)
    events = calendar.walk("VEVENT")
    assert len(events) == 4
    starts = [e.decoded("dtstart") for e in events]
    assert starts[0].astimezone(UTC) == FIRST and starts[0].utcoffset() == timedelta(hours=9)
    assert [s - starts[0] for s in starts] == [timedelta(weeks=n) for n in range(4)]
    assert all(e.decoded("dtend") - e.decoded("dtstart") == timedelta(minutes=90)
               for e in events)
    guild = fake_discord.guild()
    voice_link = f"https://discord.com/channels/{guild.id}/{guild.channel('voice').id}"
    assert str(events[0]["LOCATION"]) == voice_link
    assert len({str(e["UID"]) for e in events}) == 4
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Seoul"]


async def test_a_member_is_refused_every_moderator_command(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    await create_round(fake_discord)
    await start_round(fake_discord)
    session_id = str((await sessions(studybot, fake_discord))[0].id)
    before = await table_counts(studybot)
    events_before = dict(guild.scheduled_events)
    posts_before = len(fake_discord.messages_in(guild.channel("general")))
    attempts: list[tuple[str, dict[str, Any]]] = [
        ("round-admin create", {"name": "Sneaky", "start": "2026-12-01", "weeks": 2,
                                "channel": guild.channel("general"),
                                "cadence": "every tue 20:00"}),
        ("round-admin edit", {"name": "Renamed"}),
        ("round-admin start", {}),
        ("round-admin close", {}),
        ("round-admin export", {}),
        ("round-admin paper-add", {"round": "Winter 2026", "title": "X",
                                   "url": "https://x.example"}),
        ("round-admin paper-remove", {"round": "Winter 2026", "paper": "1"}),
        ("round-admin presenters", {"mode": "rotate"}),
        ("session-admin edit", {"session": session_id, "when": "2026-11-27 20:00"}),
        ("session-admin cancel", {"session": session_id}),
        ("session-admin assign", {"session": session_id, "member": guild.member("alice")}),
        ("session-admin attendance", {"session": session_id, "member": guild.member("alice"),
                                      "attended": True}),
    ]
    registered = {c["name"]: c for c in fake_discord.registered_commands()}
    for group in ("round-admin", "session-admin"):
        assert str(registered[group]["default_member_permissions"]) == "32"  # Manage Server
        names = {o["name"] for o in registered[group]["options"]}
        assert names == {a.split()[1] for a, _ in attempts if a.startswith(group)}
    for command, options in attempts:
        reply = await fake_discord.slash(command, options, user="alice")
        assert reply.ephemeral and "Only moderators" in (reply.content or ""), command
    assert await table_counts(studybot) == before
    assert guild.scheduled_events == events_before
    assert len(fake_discord.messages_in(guild.channel("general"))) == posts_before
    rnd = await studybot.services.rounds.resolve_round(community(fake_discord), None)
    assert (rnd.name, rnd.status) == ("Winter 2026", "active")


async def test_bad_input_is_explained_and_changes_nothing(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    await create_round(fake_discord)
    before = await table_counts(studybot)
    bad_url = await fake_discord.slash(
        "round-admin paper-add", {"round": "Winter 2026", "title": "X", "url": "ftp://x.y/z"},
        user="mod", locale="ko")
    assert bad_url.ephemeral and "http://" in (bad_url.content or "")
    past = await fake_discord.slash(
        "round-admin create", {"name": "Old", "start": "2026-01-01", "weeks": 2,
                               "channel": fake_discord.guild().channel("general"),
                               "cadence": "every thu 20:00"}, user="mod")
    assert "has passed" in (past.content or "")
    unknown = await fake_discord.slash("round show", {"round": "nope"}, user="alice")
    assert "There is no round `nope`" in (unknown.content or "")
    assert await table_counts(studybot) == before
    choices = await fake_discord.autocomplete("round show", "round", "win", user="alice")
    assert [c["name"].split(" · ")[0] for c in choices] == ["Winter 2026"]
