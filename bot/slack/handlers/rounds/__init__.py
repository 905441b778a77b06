"""Study rounds on Slack, split as ``cogs.rounds`` is: members' /round in ``members``,
members' /session and the RSVP buttons in ``sessions``, moderators' in ``admin`` and
``session_admin``, shared rendering in ``render``. This module gathers their tables
(commands, buttons, modals) for the app."""

from __future__ import annotations

from bot.slack.commands import SlashCommand
from bot.slack.handlers.base import (
    ActionHandler,
    ViewHandler,
    subcommands,
)
from bot.slack.handlers.paging import PagedList
from bot.slack.handlers.rounds.admin import (
    ROUND_CREATE_VIEW,
    ROUND_EDIT_VIEW,
    ROUND_FORM_FIELDS,
    paper_add,
    paper_remove,
    round_close,
    round_create,
    round_edit,
    round_export,
    round_presenters,
    round_start,
    submit_round_create,
    submit_round_edit,
)
from bot.slack.handlers.rounds.members import (
    round_calendar,
    round_join,
    round_leave,
    round_list,
    round_list_page,
    round_show,
)
from bot.slack.handlers.rounds.session_admin import (
    session_assign,
    session_attendance,
    session_cancel,
    session_edit,
)
from bot.slack.handlers.rounds.sessions import (
    rsvp_clicked,
    session_list,
    session_list_page,
    session_show,
)

COMMANDS = (
    SlashCommand(
        name="round",
        default="show",
        subcommands=subcommands(
            "rounds",
            members={
                "list": round_list,
                "show": round_show,
                "join": round_join,
                "leave": round_leave,
                "calendar": round_calendar,
            },
            moderators={
                "create": round_create,
                "start": round_start,
                "close": round_close,
                "paper-add": paper_add,
                "paper-remove": paper_remove,
                "edit": round_edit,
                "export": round_export,
                "presenters": round_presenters,
            },
        ),
    ),
    SlashCommand(
        name="session",
        default="list",
        subcommands=subcommands(
            "rounds",
            members={"list": session_list, "show": session_show},
            moderators={
                "cancel": session_cancel,
                "edit": session_edit,
                "assign": session_assign,
                "attendance": session_attendance,
            },
        ),
    ),
)


ACTIONS: dict[str, ActionHandler] = {"round": rsvp_clicked}


PAGED_LISTS: dict[str, PagedList] = {"rounds": round_list_page, "sessions": session_list_page}


VIEWS: dict[str, ViewHandler] = {
    ROUND_CREATE_VIEW: submit_round_create,
    ROUND_EDIT_VIEW: submit_round_edit,
}


VIEW_FIELDS = {ROUND_CREATE_VIEW: ROUND_FORM_FIELDS, ROUND_EDIT_VIEW: ROUND_FORM_FIELDS}
