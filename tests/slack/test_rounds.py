"""Study rounds on Slack: create, start, join, sessions and RSVP buttons (also on the
scheduler's session reminders)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from bot.core.actor import Actor
from bot.core.refs import SLACK, CommunityRef, MemberRef
from bot.rounds.recap import recap_csv, recap_markdown
from bot.schedules.parse import describe_rule, format_local, parse_rule
from tests.fake_slack import FakeSlack
from tests.fake_slack.models import Delivery
from tests.slack.conftest import SlackBot

TEAM = CommunityRef(SLACK, "T0STUDY")
ADMIN = Actor(MemberRef(TEAM, "U0ADMIN"), is_moderator=True)


async def _draft_round(slack_bot: SlackBot, fake_slack: FakeSlack) -> None:
    """``spring-2027`` (Thursdays 20:00 from 2026-11-26, two weeks), made through
    Slack's form by an admin; still a draft."""
    opened = await fake_slack.command("/round", "create", user="U0ADMIN")
    assert opened.reply.kind == "modal"
    made = await fake_slack.submit_view(
        "studybot:round:create",
        {
            "name": "spring-2027",
            "start": "2026-11-26",
            "weeks": "2",
            "cadence": "every thu 20:00",
            "channel": "C0STUDY",
        },
        user="U0ADMIN",
    )
    assert made.ack is None, made.ack
    texts = slack_bot.texts
    assert texts.t("rounds.create.done", "en", round="spring-2027", count=2) in made.text


async def _started_round(slack_bot: SlackBot, fake_slack: FakeSlack) -> None:
    """``spring-2027`` made and started through Slack by an admin."""
    await _draft_round(slack_bot, fake_slack)
    texts = slack_bot.texts
    started = await fake_slack.command("/round", "start spring-2027", user="U0ADMIN")
    assert "spring-2027" in started.reply.text
    announcement = fake_slack.messages_in("C0STUDY")[-1]
    assert texts.t("rounds.start.announcement", "en", round="spring-2027") in announcement.text


async def test_round_joined_and_rsvp_clicked(slack_bot: SlackBot, fake_slack: FakeSlack) -> None:
    await _started_round(slack_bot, fake_slack)
    texts = slack_bot.texts
    joined = await fake_slack.command("/round", "join spring-2027", user="U0MINJI")
    assert joined.reply.ephemeral
    assert joined.reply.body["text"] == texts.t("rounds.join.done", "ko", round="spring-2027")
    members = await slack_bot.services.rounds.active_round_member_ids(TEAM)
    assert members == ["U0MINJI"]

    shown = await fake_slack.command("/session", "show #1", user="U0ALEX")
    assert shown.reply.ephemeral
    labels = [b["text"]["text"] for _, b in shown.reply.buttons()]
    assert len(labels) == 3 and all(label.endswith("· 0") for label in labels)
    session_id = int(shown.reply.buttons()[0][1]["action_id"].split(":")[2])

    clicked = await fake_slack.click(f"round:rsvp:{session_id}:going", user="U0ALEX", responses=2)
    refreshed, confirmation = clicked.deliveries
    assert refreshed.body["replace_original"] is True
    assert refreshed.buttons()[0][1]["text"]["text"].endswith("· 1")
    assert confirmation.ephemeral and confirmation.body["replace_original"] is False
    assert confirmation.body["text"] == texts.t(
        "rounds.rsvp.saved",
        "en",
        answer=texts.t("rounds.rsvp.going", "en"),
        index=1,
        going=1,
        maybe=0,
        not_going=0,
    ).replace("**", "*")
    view = await slack_bot.services.rounds.show_session(TEAM, str(session_id))
    assert (view.counts.going, view.counts.maybe, view.counts.not_going) == (1, 0, 0)


async def test_rsvp_on_the_schedulers_session_reminder(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    # The day-before reminder of session #1 (Thu 2026-11-26 20:00 in Seoul).
    slack_bot.clock.set(datetime(2026, 11, 25, 11, 1, tzinfo=UTC))
    assert await slack_bot.services.schedules.run_due() >= 1
    reminder = fake_slack.messages_in("C0STUDY")[-1]
    assert len(reminder.buttons()) == 3, "the reminder carries the RSVP buttons"

    clicked = await fake_slack.click(
        reminder.buttons()[1][1]["action_id"], user="U0MINJI", responses=2
    )
    refreshed, confirmation = clicked.deliveries
    assert refreshed.body["response_type"] == "in_channel", "the shared message is updated"
    assert [b["text"]["text"] for _, b in refreshed.buttons()][1].endswith("· 1")
    assert confirmation.ephemeral
    session_id = int(reminder.buttons()[1][1]["action_id"].split(":")[2])
    view = await slack_bot.services.rounds.show_session(TEAM, str(session_id))
    assert view.counts.maybe == 1
    announcement = await slack_bot.services.rounds.announcement(session_id)
    assert announcement == ("C0STUDY", reminder.ts)


async def test_members_cannot_create_or_start_rounds(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    refused = await fake_slack.command("/round", "start", user="U0ALEX")
    assert refused.reply.body["text"] == slack_bot.texts.t(
        "slack.error.not_moderator", "en"
    )
    assert await slack_bot.services.rounds.list_rounds(TEAM) == []
    export = await fake_slack.command("/round", "export", user="U0ALEX")
    assert export.reply.body["text"] == slack_bot.texts.t(
        "slack.error.not_moderator", "en"
    )
    nothing = await fake_slack.command("/round", "export", user="U0ADMIN")
    assert nothing.reply.body["text"] == slack_bot.texts.t("rounds.error.no_rounds", "en")


async def test_round_calendar_is_sent_privately_as_a_file(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    sent = await fake_slack.command("/round", "calendar", user="U0ALEX", responses=2)
    note, uploaded = sent.deliveries
    assert note.ephemeral
    file = fake_slack.files[uploaded.body["file_id"]]
    assert file.channel == "D0ALEX" and file.filename == "spring-2027.ics"
    assert file.data.startswith(b"BEGIN:VCALENDAR")


async def test_moderator_adds_and_removes_a_paper(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    texts = slack_bot.texts
    added = await fake_slack.command(
        "/round",
        "paper-add Attention Is All You Need | <https://arxiv.org/abs/1706.03762|arxiv.org/abs/1706.03762>",
        user="U0ADMIN",
    )
    overview = await slack_bot.services.rounds.overview(TEAM, "spring-2027")
    assert [(p.title, p.url) for p in overview.papers] == [
        ("Attention Is All You Need", "https://arxiv.org/abs/1706.03762")
    ]
    assert added.reply.body["text"] == texts.t(
        "rounds.paper.added",
        "en",
        title="Attention Is All You Need",
        week=overview.papers[0].week,
        round="spring-2027",
    ).replace("**", "*")
    refused = await fake_slack.command(
        "/round", "paper-remove Attention Is All You Need", user="U0ALEX"
    )
    assert refused.reply.body["text"] == texts.t("slack.error.not_moderator", "en")
    await fake_slack.command("/round", "paper-remove Attention Is All You Need", user="U0ADMIN")
    assert (await slack_bot.services.rounds.overview(TEAM, "spring-2027")).papers == ()


def _form_values(modal: Delivery) -> dict[str, Any]:
    """What Slack submits for an untouched form: each input's initial value."""
    values: dict[str, Any] = {}
    for block in modal.blocks:
        if block.get("type") != "input":
            continue
        element = block["element"]
        action_id = element["action_id"]
        values[action_id] = element.get("initial_value") or element.get("initial_conversation")
    return values


async def test_round_edit_form_changes_a_draft(slack_bot: SlackBot, fake_slack: FakeSlack) -> None:
    await _draft_round(slack_bot, fake_slack)
    rounds, texts = slack_bot.services.rounds, slack_bot.texts
    opened = await fake_slack.command("/round", "edit spring-2027", user="U0ADMIN")
    assert opened.reply.kind == "modal"
    values = _form_values(opened.reply)
    cadence = describe_rule(parse_rule("cron 0 20 * * thu"), "en")
    assert values == {
        "name": "spring-2027",
        "start": "2026-11-26",
        "weeks": "2",
        "cadence": cadence,
        "channel": "C0STUDY",
        "place": None,
        "duration": "90",
        "ping": None,
        "reminder_days": "3",
        "sota_every": "4",
    }

    too_long = await fake_slack.submit_view(
        "studybot:round:edit", {**values, "weeks": "99"}, user="U0ADMIN"
    )
    assert too_long.ack is not None and too_long.ack["response_action"] == "errors"
    assert (await rounds.resolve_round(TEAM, "spring-2027")).settings.weeks == 2

    values.update(name="spring-2027b", weeks="3", ping="@study-mods", reminder_days="2")
    saved = await fake_slack.submit_view("studybot:round:edit", values, user="U0ADMIN")
    assert saved.ack is None, saved.ack
    assert texts.t("rounds.edit.done", "en", round="spring-2027b") in saved.text
    settings = (await rounds.resolve_round(TEAM, "spring-2027b")).settings
    assert (settings.weeks, settings.ping_role, settings.paper_reminder_days) == (3, "S0MODS", 2)
    assert (settings.start_date, settings.cadence, settings.duration_minutes) == (
        date(2026, 11, 26),
        "cron 0 20 * * thu",
        90,
    )


async def test_round_edit_keeps_a_running_rounds_calendar(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    rounds, texts = slack_bot.services.rounds, slack_bot.texts
    await rounds.edit(ADMIN, "spring-2027", ping_role="S0MODS")
    opened = await fake_slack.command("/round", "edit", user="U0ADMIN")
    values = _form_values(opened.reply)
    assert set(values) == {"name", "channel", "place", "ping", "reminder_days"}
    assert values["ping"] == "S0MODS"
    assert texts.t("slack.round.calendar_fixed", "en", round="spring-2027") in opened.reply.text

    values.update(place="<https://meet.example.com/study|meet>", ping="")
    saved = await fake_slack.submit_view("studybot:round:edit", values, user="U0ADMIN")
    assert saved.ack is None, saved.ack
    settings = (await rounds.resolve_round(TEAM, "spring-2027")).settings
    assert settings.place == "https://meet.example.com/study"
    assert settings.ping_role is None, "an emptied ping stops it"
    _, sessions = await rounds.list_sessions(TEAM, "spring-2027")
    assert [s.place for s in sessions] == ["https://meet.example.com/study"] * 2


async def test_round_export_sends_the_recap_and_calendar_as_files(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    rounds, texts = slack_bot.services.rounds, slack_bot.texts
    sent = await fake_slack.command("/round", "export", user="U0ADMIN", responses=4)
    (note,) = [d for d in sent.deliveries if d.kind != "file"]
    assert note.ephemeral
    assert note.body["text"] == texts.t("rounds.export.done", "en", round="spring-2027")
    files = {
        fake_slack.files[d.body["file_id"]].filename: fake_slack.files[d.body["file_id"]]
        for d in sent.of_kind("file")
    }
    assert sorted(files) == ["spring-2027-recap.csv", "spring-2027-recap.md", "spring-2027.ics"]
    assert {file.channel for file in files.values()} == {"D0ADMIN"}
    recap = await rounds.recap_of(TEAM, "spring-2027")
    assert files["spring-2027-recap.md"].data.decode() == recap_markdown(recap, texts, "en")
    assert files["spring-2027-recap.csv"].data.decode() == recap_csv(recap)
    assert files["spring-2027.ics"].data.startswith(b"BEGIN:VCALENDAR")


async def test_export_of_a_draft_has_no_calendar_and_a_refused_upload_is_said(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _draft_round(slack_bot, fake_slack)
    texts = slack_bot.texts
    fake_slack.fail("files.completeUploadExternal", "not_allowed_token_type")
    refused = await fake_slack.command("/round", "export", user="U0ADMIN")
    assert refused.reply.body["text"] == texts.t("slack.error.files_refused", "en")
    sent = await fake_slack.command("/round", "export", user="U0ADMIN", responses=3)
    names = sorted(fake_slack.files[d.body["file_id"]].filename for d in sent.of_kind("file"))
    assert names == ["spring-2027-recap.csv", "spring-2027-recap.md"]


async def test_presenters_rotated_and_assigned_by_hand(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    rounds, texts = slack_bot.services.rounds, slack_bot.texts
    for user in ("U0MINJI", "U0ALEX"):
        await fake_slack.command("/round", "join", user=user)
    rotated = await fake_slack.command("/round", "presenters", user="U0ADMIN")
    assert rotated.reply.body["text"].startswith(
        texts.t("rounds.presenters.rotated", "en", round="spring-2027")
    )
    _, sessions = await rounds.list_sessions(TEAM, None)
    presenters = [p.external_id for s in sessions for p in s.presenters]
    assert sorted(presenters) == ["U0ALEX", "U0MINJI"], "each member presents once"

    assigned = await fake_slack.command(
        "/round", "presenters assign #1 <@U0ALEX|alex>", user="U0ADMIN"
    )
    assert assigned.reply.body["text"] == texts.t(
        "rounds.presenters.assigned", "en", member="<@U0ALEX>", index=1
    )
    first = (await rounds.show_session(TEAM, "#1")).session
    assert [(p.external_id, p.assigned_by) for p in first.presenters] == [("U0ALEX", "moderator")]

    await fake_slack.command("/session", "assign #2 <@U0MINJI|minji>", user="U0ADMIN")
    second = (await rounds.show_session(TEAM, "#2")).session
    assert [(p.external_id, p.assigned_by) for p in second.presenters] == [("U0MINJI", "moderator")]

    ghost = await fake_slack.command("/session", "assign #2 <@U0NOBODY|ghost>", user="U0ADMIN")
    assert ghost.reply.body["text"] == texts.t("slack.error.need_member", "en", value="U0NOBODY")
    missing = await fake_slack.command("/session", "assign #2", user="U0ADMIN")
    assert missing.reply.body["text"] == texts.t("slack.usage.session", "en")
    assert (await rounds.show_session(TEAM, "#2")).session.presenters == second.presenters


async def test_session_edit_reschedules_and_updates_the_announcement(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    rounds, texts = slack_bot.services.rounds, slack_bot.texts
    # The day-before reminder members answered on is the session's announcement.
    slack_bot.clock.set(datetime(2026, 11, 25, 11, 1, tzinfo=UTC))
    assert await slack_bot.services.schedules.run_due() >= 1
    reminder = fake_slack.messages_in("C0STUDY")[-1]
    await fake_slack.click(reminder.buttons()[0][1]["action_id"], user="U0MINJI", responses=2)

    before = (await rounds.show_session(TEAM, "#1")).session
    for bad, key, params in (
        ("edit #1 | 5", "error.bad_option", {"value": "5"}),
        ("edit #1 | | | | lecture", "rounds.error.kind", {"kind": "lecture"}),
    ):
        refused = await fake_slack.command("/session", bad, user="U0ADMIN")
        assert refused.reply.body["text"] == texts.t(key, "en", **params)
    usage = await fake_slack.command("/session", "edit #1", user="U0ADMIN")
    assert usage.reply.body["text"] == texts.t("slack.usage.session", "en")
    assert (await rounds.show_session(TEAM, "#1")).session == before

    edited = await fake_slack.command(
        "/session",
        "edit #1 2026-11-27 21:00 | 120 | Diffusion models | <https://meet.example.com/x|meet>",
        user="U0ADMIN",
    )
    view = await rounds.show_session(TEAM, "#1")
    session = view.session
    assert session.starts_at == datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    assert (session.duration_minutes, session.topic, session.place) == (
        120,
        "Diffusion models",
        "https://meet.example.com/x",
    )
    # Slack has no native events: the reply claims none moved.
    assert edited.reply.body["text"] == texts.t(
        "rounds.session.edited_no_event",
        "en",
        index=1,
        # Each member reads the time in their own zone; the fallback names the workspace's.
        when=f"<!date^{int(session.starts_at.timestamp())}^{{date_short_pretty}} {{time}}"
        f"|{format_local(session.starts_at, view.zone, 'en')} (Asia/Seoul)>",
    )
    assert "event" not in edited.reply.body["text"]
    (update,) = fake_slack.calls_to("chat.update")
    assert (update.args["channel"], update.args["ts"]) == ("C0STUDY", reminder.ts)
    assert "Diffusion models" in reminder.text, "the answered reminder shows the new details"
    assert reminder.buttons()[0][1]["text"]["text"].endswith("· 1"), "its RSVPs stay"

    await fake_slack.command("/session", "edit #2 | | | | SOTA 리뷰", user="U0ADMIN")
    assert (await rounds.show_session(TEAM, "#2")).session.kind == "sota"


async def test_session_attendance_corrected_after_the_session(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    rounds, texts = slack_bot.services.rounds, slack_bot.texts
    await fake_slack.command("/round", "join", user="U0MINJI")
    early = await fake_slack.command(
        "/session", "attendance #1 <@U0MINJI|minji> yes", user="U0ADMIN"
    )
    assert early.reply.body["text"] == texts.t("rounds.error.session_not_started", "en", index=1)

    # Session #1 ran Thu 2026-11-26 20:00-21:30 in Seoul.
    slack_bot.clock.set(datetime(2026, 11, 26, 13, 0, tzinfo=UTC))
    unclear = await fake_slack.command(
        "/session", "attendance #1 <@U0MINJI|minji> maybe", user="U0ADMIN"
    )
    assert unclear.reply.body["text"] == texts.t("error.bad_option", "en", value="maybe")
    present = await fake_slack.command(
        "/session", "attendance #1 <@U0MINJI|minji> yes", user="U0ADMIN"
    )
    assert present.reply.body["text"] == texts.t(
        "rounds.attendance.attended", "en", member="<@U0MINJI>", index=1
    )
    recap = await rounds.recap_of(TEAM, "spring-2027")
    assert [(a.name, a.attended) for a in recap.attendance] == [("minji", 1)]

    absent = await fake_slack.command(
        "/session", "attendance #1 <@U0MINJI|minji> no", user="U0ADMIN"
    )
    assert absent.reply.body["text"] == texts.t(
        "rounds.attendance.absent", "en", member="<@U0MINJI>", index=1
    )
    recap = await rounds.recap_of(TEAM, "spring-2027")
    assert [(a.name, a.attended) for a in recap.attendance] == [("minji", 0)]


async def test_members_cannot_use_the_new_moderator_commands(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await _started_round(slack_bot, fake_slack)
    rounds, texts = slack_bot.services.rounds, slack_bot.texts
    before = await rounds.overview(TEAM, None)
    modals = len(fake_slack.views)
    for command, text in (
        ("/round", "edit"),
        ("/round", "export"),
        ("/round", "presenters"),
        ("/round", "presenters assign #1 <@U0ALEX|alex>"),
        ("/session", "edit #1 2026-11-27 21:00"),
        ("/session", "assign #1 <@U0ALEX|alex>"),
        ("/session", "attendance #1 <@U0ALEX|alex> yes"),
    ):
        refused = await fake_slack.command(command, text, user="U0ALEX")
        assert refused.reply.body["text"] == texts.t("slack.error.not_moderator", "en"), text
    assert await rounds.overview(TEAM, None) == before
    assert len(fake_slack.views) == modals and fake_slack.files == {}


async def test_usage_lists_the_moderator_commands(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    for command, names in (
        ("/round", ("edit", "export", "presenters")),
        ("/session", ("edit", "assign", "attendance")),
    ):
        usage = await fake_slack.command(command, "help", user="U0MINJI")
        for name in names:
            assert f"`{command} {name}" in usage.reply.body["text"], (command, name)
