"""/privacy and /mydata on Slack, and the workspace purge when the app is
uninstalled or its tokens are revoked."""

from __future__ import annotations

import logging
from typing import Any

from bot.core.refs import SLACK, CommunityRef
from bot.privacy.notice import notice_sections
from bot.privacy.service import DeletionResult
from bot.services import Services
from bot.slack.blocks import Block, FileUpload, Reply, actions, button, header, mrkdwn, section
from bot.slack.commands import SlashCommand, Subcommand
from bot.slack.context import SlackRequest
from bot.slack.handlers.base import ActionHandler, free_text_command, send_files_privately
from bot.slack.handlers.parsing import require_user

log = logging.getLogger(__name__)

ACTION = "privacy"
CONFIRM, CANCEL = f"{ACTION}:confirm", f"{ACTION}:cancel"


async def privacy(request: SlackRequest, text: str) -> Reply:
    """``/privacy``: the notice, privately."""
    blocks: list[Block] = [header(request.t("privacy.notice.title"))]
    days = request.services.settings.purge_grace_days
    for title, body in notice_sections(request.services.texts, request.lang, days):
        blocks.append(section(f"*{mrkdwn(title)}*\n{mrkdwn(body)}"))
    return Reply(text=request.t("privacy.notice.title"), blocks=tuple(blocks))


async def export(request: SlackRequest, text: str) -> Reply:
    """``/mydata export``: the JSON file and the CSV zip in the member's direct messages."""
    exported = await request.services.privacy.export(request.member)
    if not exported.row_count:
        return Reply(text=request.t("privacy.export.empty"))
    files = [FileUpload(f.filename, f.content, f.filename) for f in exported.files()]
    if not await send_files_privately(request, files):
        return Reply(text=request.t("slack.file_unavailable"))
    tables = sum(1 for rows in exported.tables.values() if rows)
    return Reply(text=request.t("privacy.export.done", rows=exported.row_count, tables=tables))


async def delete(request: SlackRequest, text: str) -> Reply:
    """``/mydata delete [@member]``: the confirm and cancel buttons (nothing is deleted
    yet); another member's data only for moderators."""
    target = request.member_ref(require_user(text)) if text.strip() else request.member
    request.services.privacy.check_delete(await request.actor(), target)
    if target == request.member:
        question = request.t("privacy.delete.confirm_self")
    else:
        question = request.t("privacy.delete.confirm_member", member=f"<@{target.external_id}>")
    buttons = actions([
        button(CONFIRM, request.t("privacy.delete.button"), target.external_id, style="danger"),
        button(CANCEL, request.t("privacy.delete.cancel"), target.external_id),
    ])
    return Reply(text=question, blocks=(section(question), buttons))


async def on_button(
    request: SlackRequest, action_id: str, value: str, body: dict[str, Any]
) -> Reply:
    """The confirm or cancel button; the rules are checked again on the click."""
    if action_id == CANCEL:
        return Reply(text=request.t("privacy.delete.cancelled"), replace_original=True)
    target = request.member_ref(require_user(value))
    result = await request.services.privacy.delete(await request.actor(), target)
    return Reply(text=_done_text(request, result), replace_original=True)


def _done_text(request: SlackRequest, result: DeletionResult) -> str:
    if not result.found:
        return request.t("privacy.delete.nothing")
    if result.target == request.member:
        return request.t("privacy.delete.done_self", rows=result.rows_deleted,
                         kept=result.rows_kept_anonymous)
    return request.t("privacy.delete.done_member", member=f"<@{result.target.external_id}>",
                     rows=result.rows_deleted, kept=result.rows_kept_anonymous)


async def purge_workspace(services: Services, team_id: str, event_type: str) -> bool:
    """``app_uninstalled`` or ``tokens_revoked``: the workspace's data goes at once."""
    purged = await services.privacy.purge_community(CommunityRef(SLACK, team_id))
    log.info("Slack %s from workspace %s: %s", event_type, team_id,
             "every row deleted" if purged else "nothing was stored")
    return purged


COMMANDS = (
    free_text_command("privacy", privacy, "privacy", empty_too=True),
    SlashCommand(
        name="mydata",
        subcommands=(
            Subcommand("export", export, service="privacy"),
            Subcommand("delete", delete, service="privacy"),
        ),
    ),
)

ACTIONS: dict[str, ActionHandler] = {ACTION: on_button}
