"""/ask, /role and /faq on Slack; adding and editing FAQ entries happens in modals."""

from __future__ import annotations

from typing import Any

from bot.knowledge import (
    FaqPage,
    RolesOverview,
    TopicLink,
    TopicView,
    declined_text,
    support_text,
)
from bot.slack.blocks import (
    Block,
    Reply,
    context,
    escape,
    header,
    long_sections,
    mrkdwn,
    section,
)
from bot.slack.commands import SlashCommand, Subcommand
from bot.slack.context import SlackRequest
from bot.slack.handlers.base import (
    FieldMap,
    ViewHandler,
    form,
    free_text_command,
    open_modal,
    subcommands,
    text_input,
)
from bot.slack.handlers.paging import PagedList, with_pages
from bot.slack.handlers.parsing import page_number, split_first

FAQ_ADD_VIEW = "studybot:faq:add"
FAQ_EDIT_VIEW = "studybot:faq:edit"
FAQ_FIELDS = ("question_ko", "answer_ko", "question_en", "answer_en")
QUESTION_MAX, ANSWER_MAX = 200, 1500


# -- rendering ---------------------------------------------------------------------------------
def topic_reply(
    request: SlackRequest,
    view: TopicView,
    *,
    support: str | None = None,
    public: bool = False,
) -> Reply:
    """A catalog topic or FAQ entry as blocks (what the cog shows as an embed),
    after the ``support`` line when there is one."""
    blocks: list[Block] = [
        *([section(mrkdwn(support))] if support else []),
        header(view.title),
        context(request.t(f"knowledge.kind.{view.kind}") + f" · `{view.id}`"),
    ]
    if view.lang != request.lang:
        blocks.append(context(request.t("knowledge.label.other_language")))
    if view.summary:
        blocks.append(section(f"_{mrkdwn(view.summary)}_"))
    blocks.extend(long_sections(mrkdwn(view.body)))
    if view.research_questions:
        questions = "\n".join(f"• {mrkdwn(q)}" for q in view.research_questions)
        blocks.append(section(f"*{request.t('knowledge.label.research_questions')}*\n{questions}"))
    if view.related:
        blocks.append(section(f"*{request.t('knowledge.label.related')}*\n" + _links(view.related)))
    footer = []
    if view.source:
        original = (f" · <{view.source_link}|{request.t('knowledge.label.original')}>"
                    if view.source_link else "")
        footer.append(f"{request.t('knowledge.label.source')}: {mrkdwn(view.source)}{original}")
    if view.thin_source:
        footer.append(request.t("knowledge.label.thin_note"))
    if view.author:
        footer.append(f"{request.t('knowledge.label.added_by')}: {mrkdwn(view.author)}")
    if footer:
        blocks.append(context("\n".join(footer)))
    return Reply(text=escape(view.title), blocks=tuple(blocks[:50]), public=public)


def _links(links: tuple[TopicLink, ...]) -> str:
    return "\n".join(f"• {mrkdwn(link.title)}" for link in links)


def roles_reply(request: SlackRequest, overview: RolesOverview) -> Reply:
    def lines(items: Any) -> str:
        return "\n".join(f"• *{mrkdwn(i.title)}* (`{i.id}`) — {mrkdwn(i.summary)}" for i in items)

    blocks = [
        header(request.t("knowledge.roles.title")),
        section(f"*{request.t('knowledge.roles.jobs')}*\n{lines(overview.roles)}"),
        section(f"*{request.t('knowledge.roles.players')}*\n{lines(overview.players)}"),
        context(request.t("knowledge.roles.footer")),
    ]
    return Reply(text=request.t("knowledge.roles.title"), blocks=tuple(blocks), public=True)


def faq_page_reply(request: SlackRequest, page: FaqPage) -> Reply:
    lines = [f"• `{item.id}` {mrkdwn(item.title)}" for item in page.items]
    blocks = [
        header(request.t("knowledge.faq.list_title")),
        section("\n".join(lines) or "—"),
        context(
            request.t("knowledge.faq.page", page=page.page, pages=page.pages, total=page.total)
        ),
    ]
    return Reply(text=request.t("knowledge.faq.list_title"), blocks=tuple(blocks))


# -- commands ----------------------------------------------------------------------------------
async def ask(request: SlackRequest, text: str) -> Reply:
    """``/ask <question>``: the best topic, answered in the channel."""
    result = await request.services.knowledge.ask(request.community, text, request.lang)
    if result.answer is None:
        declined = mrkdwn(declined_text(result, request.texts, request.lang))
        return Reply(text=declined, blocks=(section(declined),))
    support = support_text(result, request.texts)
    return topic_reply(request, result.answer, support=support, public=True)


async def role(request: SlackRequest, text: str) -> Reply:
    """``/role [name]``: one role or player type; without a name, all of them."""
    knowledge = request.services.knowledge
    if not text.strip():
        return roles_reply(request, knowledge.roles_overview(request.lang))
    return topic_reply(request, knowledge.role(text, request.lang), public=True)


async def faq_list(request: SlackRequest, text: str) -> Reply:
    """``/faq list [page]``, with paging buttons."""
    return await faq_page(request, "", page_number(text))


async def faq_page(request: SlackRequest, argument: str, page: int) -> Reply:
    result = await request.services.knowledge.faq_list(request.community, page, request.lang)
    return with_pages(faq_page_reply(request, result), "faq", "", result.page, result.pages)


async def faq_show(request: SlackRequest, text: str) -> Reply:
    view = await request.services.knowledge.faq_show(request.community, text, request.lang)
    return topic_reply(request, view)


async def faq_remove(request: SlackRequest, text: str) -> Reply:
    removed = await request.services.knowledge.faq_remove(
        request.community, text, await request.actor(), request.lang
    )
    return Reply(text=request.t("knowledge.faq.removed", id=removed.id))


async def faq_add(request: SlackRequest, text: str) -> None:
    """``/faq add``: opens the form; the entry is saved on submit."""
    await open_modal(request, faq_modal(request, FAQ_ADD_VIEW, "slack.faq.add_title", {}))


async def faq_edit(request: SlackRequest, text: str) -> None:
    """``/faq edit faq.<n>``: opens the form filled with the entry's texts."""
    topic, _ = split_first(text)
    knowledge = request.services.knowledge
    current: dict[str, str] = {}
    for lang in ("ko", "en"):
        view = await knowledge.faq_show(request.community, topic, lang)
        if view.lang == lang:
            current[f"question_{lang}"], current[f"answer_{lang}"] = view.title, view.body
    await open_modal(
        request, faq_modal(request, FAQ_EDIT_VIEW, "slack.faq.edit_title", current, topic=topic)
    )


def faq_modal(
    request: SlackRequest,
    callback_id: str,
    title_key: str,
    current: dict[str, str],
    **metadata: str,
) -> dict[str, Any]:
    inputs = [
        text_input(
            name,
            request.t(f"cmd.faq.{name}"),
            optional=True,
            multiline=name.startswith("answer"),
            max_length=ANSWER_MAX if name.startswith("answer") else QUESTION_MAX,
            initial=current.get(name),
        )
        for name in FAQ_FIELDS
    ]
    inputs.insert(0, section(request.t("knowledge.faq.empty")))
    return form(request, callback_id, title_key, inputs, **metadata)


async def submit_faq_add(
    request: SlackRequest, values: dict[str, Any], metadata: dict[str, Any]
) -> Reply:
    # The form could be crafted: the service checks the actor again.
    texts = {name: values.get(name) or None for name in FAQ_FIELDS}
    view = await request.services.knowledge.faq_add(
        request.community, await request.actor(), request.display_name, lang=request.lang, **texts
    )
    return Reply(text=request.t("knowledge.faq.added", id=view.id))


async def submit_faq_edit(
    request: SlackRequest, values: dict[str, Any], metadata: dict[str, Any]
) -> Reply:
    # An emptied field removes that text (the service keeps a language as a pair);
    # the form could be crafted: the service checks the actor again.
    texts = {name: values.get(name) or "" for name in FAQ_FIELDS}
    view = await request.services.knowledge.faq_edit(
        request.community,
        str(metadata.get("topic", "")),
        await request.actor(),
        request.display_name,
        lang=request.lang,
        **texts,
    )
    return Reply(text=request.t("knowledge.faq.edited", id=view.id))


COMMANDS = (
    free_text_command("ask", ask, "knowledge"),
    free_text_command("role", role, "knowledge", empty_too=True),
    SlashCommand(
        name="faq",
        default="list",
        subcommands=subcommands(
            "knowledge",
            members={"list": faq_list, "show": faq_show},
            moderators={"add": faq_add, "edit": faq_edit, "remove": faq_remove},
        ),
        free_text=Subcommand("show", faq_show, service="knowledge"),
    ),
)

PAGED_LISTS: dict[str, PagedList] = {"faq": faq_page}
VIEWS: dict[str, ViewHandler] = {FAQ_ADD_VIEW: submit_faq_add, FAQ_EDIT_VIEW: submit_faq_edit}
FAQ_FORM_FIELDS: FieldMap = {
    "knowledge.faq.pair_incomplete_ko": "question_ko",
    "knowledge.faq.pair_incomplete_en": "question_en",
    "knowledge.faq.empty": "question_ko",
    "knowledge.faq.question_too_long": "question_ko",
    "knowledge.faq.answer_too_long": "answer_ko",
}
VIEW_FIELDS = {FAQ_ADD_VIEW: FAQ_FORM_FIELDS, FAQ_EDIT_VIEW: FAQ_FORM_FIELDS}
