"""/round-admin in the console (moderators): run a season. Announcements appear as
posts in the round's channel; recap and calendar files are saved to the console's
folder. /session-admin is in ``session_admin``."""

from __future__ import annotations

from bot.console.commands import Command
from bot.console.context import ConsoleContext
from bot.console.handlers.rounds.render import (
    CONSOLE_MARKUP,
    card_reply,
    optional_number,
    overview_reply,
    round_option,
)
from bot.console.parsing import Param, channel, number
from bot.console.replies import FileOut, Reply
from bot.core.round_model import RoundOverview
from bot.rounds import messages
from bot.rounds.card import round_card
from bot.rounds.export import export_files, recap_files
from bot.rounds.recap import recap_markdown


async def create(context: ConsoleContext, options: dict[str, str]) -> Reply:
    made = await context.services.rounds.create(
        await context.actor(),
        name=options["name"],
        start=options["start"],
        weeks=number(options["weeks"], low=1, high=52),
        channel_id=channel(options["channel"]),
        cadence=options["cadence"],
        duration_minutes=optional_number(options, "duration", 15, 720),
        place=options.get("link") or None,
        paper_reminder_days=optional_number(options, "reminder_days", 0, 14),
        sota_every=optional_number(options, "sota_every", 0, 52),
    )
    done = context.t("rounds.create.done", round=made.round.name, count=len(made.sessions))
    return await overview_reply(context, RoundOverview(made.round, (), made.sessions, ()), done)


async def edit(context: ConsoleContext, options: dict[str, str]) -> Reply:
    """Change the settings given by name; a running round keeps its calendar."""
    typed_channel = options.get("channel")
    edited = await context.services.rounds.edit(
        await context.actor(), round_option(options),
        name=options.get("name") or None,
        start=options.get("start") or None,
        weeks=optional_number(options, "weeks", 1, 52),
        channel_id=channel(typed_channel) if typed_channel else None,
        cadence=options.get("cadence") or None,
        duration_minutes=optional_number(options, "duration", 15, 720),
        place=options.get("link") or None,
        paper_reminder_days=optional_number(options, "reminder_days", 0, 14),
        sota_every=optional_number(options, "sota_every", 0, 52),
    )
    done = context.t("rounds.edit.done", round=edited.round.name)
    return await overview_reply(
        context, RoundOverview(edited.round, (), edited.sessions, ()), done)


async def start(context: ConsoleContext, options: dict[str, str]) -> Reply:
    """Start a draft: its sessions get their reminders, the channel an announcement."""
    rounds = context.services.rounds
    started = await rounds.start(await context.actor(), round_option(options))
    rnd = started.round
    shared = await context.shared_language()
    overview = await rounds.overview(context.community, str(rnd.id))
    zone = await rounds.zone_of(context.community)
    card = round_card(overview, zone, context.services.texts, shared, CONSOLE_MARKUP)
    announcement = context.services.texts.t("rounds.start.announcement", shared, round=rnd.name)
    context.announce(rnd.settings.channel_id, card_reply(card, announcement))
    return Reply(text=context.t("rounds.start.done", round=rnd.name,
                                count=len(started.sessions), channel=f"#{rnd.settings.channel_id}"))


async def close(context: ConsoleContext, options: dict[str, str]) -> Reply:
    """Close a round: the recap is posted in its channel and saved as files."""
    closed = await context.services.rounds.close(await context.actor(), round_option(options))
    texts, rnd = context.services.texts, closed.round
    shared = await context.shared_language()
    context.announce(rnd.settings.channel_id, Reply(
        note=texts.t("rounds.close.announcement", shared, round=rnd.name),
        text=recap_markdown(closed.recap, texts, shared)))
    markdown = recap_markdown(closed.recap, texts, context.lang)
    files = recap_files(closed.recap, markdown, messages.file_stem(rnd.name))
    return Reply(text=context.t("rounds.close.done", round=rnd.name),
                 files=tuple(FileOut(f.filename, f.content) for f in files))


async def export(context: ConsoleContext, options: dict[str, str]) -> Reply:
    """The recap as Markdown and CSV, and the calendar once the round has started."""
    rounds = context.services.rounds
    rnd = await rounds.resolve_round(context.community, round_option(options))
    files = await export_files(rounds, rnd, context.services.texts, context.lang, context.member)
    return Reply(text=context.t("rounds.export.done", round=rnd.name),
                 files=tuple(FileOut(f.filename, f.content) for f in files))


async def paper_add(context: ConsoleContext, options: dict[str, str]) -> Reply:
    rnd, paper = await context.services.rounds.add_paper(
        await context.actor(), round_option(options), title=options["title"],
        url=options.get("url") or None, week=optional_number(options, "week", 1, 52),
    )
    return Reply(text=context.t("rounds.paper.added", title=paper.title, week=paper.week,
                                round=rnd.name))


async def paper_remove(context: ConsoleContext, options: dict[str, str]) -> Reply:
    rnd, removed = await context.services.rounds.remove_paper(
        await context.actor(), round_option(options), options["paper"]
    )
    return Reply(text=context.t("rounds.paper.removed", title=removed.title, round=rnd.name))


async def presenters(context: ConsoleContext, options: dict[str, str]) -> Reply:
    """Plan the upcoming presenter turns afresh."""
    rounds = context.services.rounds
    rotated = await rounds.rotate_presenters(await context.actor(), round_option(options))
    zone = await rounds.zone_of(context.community)
    lines = [messages.session_line(s, zone, context.services.texts, context.lang)
             for s in rotated.sessions]
    return Reply(note=context.t("rounds.presenters.rotated", round=rotated.round.name),
                 title=rotated.round.name, text="\n".join(lines) or "—")


ROUND = Param("round", rest=True)


COMMANDS = (
    Command("round-admin create", create, (
        Param("name", required=True), Param("start", required=True),
        Param("weeks", required=True), Param("channel", required=True),
        Param("cadence", required=True), Param("duration"), Param("link"),
        Param("reminder_days"), Param("sota_every"),
    ), moderator=True),
    Command("round-admin edit", edit, (
        Param("round"), Param("name"), Param("start"), Param("weeks"), Param("channel"),
        Param("cadence"), Param("duration"), Param("link"), Param("reminder_days"),
        Param("sota_every"),
    ), moderator=True),
    Command("round-admin start", start, (ROUND,), moderator=True),
    Command("round-admin close", close, (ROUND,), moderator=True),
    Command("round-admin export", export, (ROUND,), moderator=True),
    Command("round-admin paper-add", paper_add,
            (Param("title", required=True), Param("url"), Param("week"), Param("round")),
            moderator=True),
    Command("round-admin paper-remove", paper_remove,
            (Param("paper", required=True), Param("round")), moderator=True),
    Command("round-admin presenters", presenters, (ROUND,), moderator=True),
)
