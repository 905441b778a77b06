"""/session-admin in the console (moderators): edit, cancel, assign, attendance."""

from __future__ import annotations

from bot.console.commands import Command
from bot.console.context import ConsoleContext
from bot.console.handlers.rounds.render import NO, optional_number
from bot.console.parsing import Param, person
from bot.console.replies import Reply
from bot.rounds.results import SessionChange
from bot.schedules.parse import format_local


async def session_edit(context: ConsoleContext, options: dict[str, str]) -> Reply:
    rounds = context.services.rounds
    changed = await rounds.edit_session(
        await context.actor(), options["session"], when=options.get("when") or None,
        duration_minutes=optional_number(options, "minutes", 15, 720),
        topic=options.get("topic") or None, place=options.get("link") or None,
    )
    zone = await rounds.zone_of(context.community)
    return Reply(text=context.t(
        "rounds.session.edited", index=changed.session.index,
        when=format_local(changed.session.starts_at, zone, context.lang)))


async def session_cancel(context: ConsoleContext, options: dict[str, str]) -> Reply:
    changed = await context.services.rounds.cancel_session(await context.actor(),
                                                           options["session"])
    return Reply(text=context.t("rounds.session.cancelled", index=changed.session.index))


async def session_assign(context: ConsoleContext, options: dict[str, str]) -> Reply:
    name = person(options["member"])
    changed: SessionChange = await context.services.rounds.assign_presenter(
        await context.actor(), options["session"], context.member_ref(name), display_name=name
    )
    return Reply(text=context.t("rounds.presenters.assigned", member=f"@{name}",
                                index=changed.session.index))


async def session_attendance(context: ConsoleContext, options: dict[str, str]) -> Reply:
    name = person(options["member"])
    attended = options["attended"].lower() not in NO
    result = await context.services.rounds.correct_attendance(
        await context.actor(), options["session"], context.member_ref(name), attended=attended,
        display_name=name,
    )
    key = "rounds.attendance.attended" if attended else "rounds.attendance.absent"
    return Reply(text=context.t(key, member=f"@{name}", index=result.session.index))


SESSION = Param("session", required=True)


COMMANDS = (
    Command("session-admin edit", session_edit,
            (SESSION, Param("when"), Param("minutes"), Param("topic"), Param("link")),
            moderator=True),
    Command("session-admin cancel", session_cancel, (SESSION,), moderator=True),
    Command("session-admin assign", session_assign,
            (SESSION, Param("member", required=True)), moderator=True),
    Command("session-admin attendance", session_attendance,
            (SESSION, Param("member", required=True), Param("attended", required=True)),
            moderator=True),
)
