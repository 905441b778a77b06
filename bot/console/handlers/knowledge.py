"""/ask, /role and /faq in the console."""

from __future__ import annotations

from bot.console.commands import Command
from bot.console.context import ConsoleContext
from bot.console.parsing import Param, number
from bot.console.replies import Reply
from bot.knowledge import OverviewLine, TopicLink, TopicView, declined_text, support_text


def topic_reply(context: ConsoleContext, view: TopicView, support: str | None = None) -> Reply:
    """A catalog topic or FAQ entry as a titled block."""
    t = context.t
    lines = [f"{t(f'knowledge.kind.{view.kind}')} · {view.id}"]
    if view.lang != context.lang:
        lines.append(t("knowledge.label.other_language"))
    if view.summary:
        lines += ["", view.summary]
    lines += ["", view.body]
    if view.source_link and view.source_link not in view.body:
        lines += ["", f"{t('knowledge.label.original')}: {view.source_link}"]
    if support:
        lines = [support, "", *lines]
    fields: list[tuple[str, str]] = []
    if view.research_questions:
        fields.append((t("knowledge.label.research_questions"),
                       "\n".join(f"• {q}" for q in view.research_questions)))
    if view.related:
        fields.append((t("knowledge.label.related"), _links(view.related)))
    footer = []
    if view.source:
        footer.append(f"{t('knowledge.label.source')}: {view.source}")
    if view.thin_source:
        footer.append(t("knowledge.label.thin_note"))
    if view.author:
        footer.append(f"{t('knowledge.label.added_by')}: {view.author}")
    return Reply(text="\n".join(lines), title=view.title, fields=tuple(fields),
                 footer="\n".join(footer) or None)


def _links(links: tuple[TopicLink, ...]) -> str:
    return "\n".join(f"• {link.title} ({link.id})" for link in links)


async def ask(context: ConsoleContext, options: dict[str, str]) -> Reply:
    result = await context.services.knowledge.ask(
        context.community, options["question"], context.lang
    )
    if result.answer is None:
        return Reply(text=declined_text(result, context.services.texts, context.lang))
    return topic_reply(context, result.answer, support_text(result, context.services.texts))


async def role(context: ConsoleContext, options: dict[str, str]) -> Reply:
    knowledge = context.services.knowledge
    name = options.get("name", "").strip()
    if name:
        return topic_reply(context, knowledge.role(name, context.lang))
    overview = knowledge.roles_overview(context.lang)
    t = context.t

    def lines(items: tuple[OverviewLine, ...]) -> str:
        return "\n".join(f"• {i.title} ({i.id}) — {i.summary}" for i in items)

    return Reply(
        title=t("knowledge.roles.title"),
        fields=((t("knowledge.roles.jobs"), lines(overview.roles)),
                (t("knowledge.roles.players"), lines(overview.players))),
        footer=t("knowledge.roles.footer"),
    )


async def faq_list(context: ConsoleContext, options: dict[str, str]) -> Reply:
    page = number(options["page"], low=1, high=10_000) if options.get("page") else 1
    result = await context.services.knowledge.faq_list(context.community, page, context.lang)
    return Reply(
        title=context.t("knowledge.faq.list_title"),
        text="\n".join(f"• {item.id}  {item.title}" for item in result.items) or "—",
        footer=context.t("knowledge.faq.page", page=result.page, pages=result.pages,
                         total=result.total),
    )


async def faq_show(context: ConsoleContext, options: dict[str, str]) -> Reply:
    view = await context.services.knowledge.faq_show(
        context.community, options["topic"], context.lang
    )
    return topic_reply(context, view)


async def faq_add(context: ConsoleContext, options: dict[str, str]) -> Reply:
    view = await context.services.knowledge.faq_add(
        context.community, await context.actor(), context.identity.name, lang=context.lang,
        question_ko=options.get("question_ko") or None, answer_ko=options.get("answer_ko") or None,
        question_en=options.get("question_en") or None, answer_en=options.get("answer_en") or None,
    )
    return Reply(text=context.t("knowledge.faq.added", id=view.id))


async def faq_edit(context: ConsoleContext, options: dict[str, str]) -> Reply:
    """Change the texts given (an empty one, ``answer_en:""``, removes that text)."""
    view = await context.services.knowledge.faq_edit(
        context.community, options["topic"], await context.actor(), context.identity.name,
        lang=context.lang, **{param.name: options.get(param.name) for param in FAQ_TEXTS},
    )
    return Reply(text=context.t("knowledge.faq.edited", id=view.id))


async def faq_remove(context: ConsoleContext, options: dict[str, str]) -> Reply:
    removed = await context.services.knowledge.faq_remove(
        context.community, options["topic"], await context.actor(), context.lang
    )
    return Reply(text=context.t("knowledge.faq.removed", id=removed.id))


FAQ_TEXTS = tuple(Param(name) for name in ("question_ko", "answer_ko", "question_en", "answer_en"))

COMMANDS = (
    Command("ask", ask, (Param("question", required=True, rest=True),)),
    Command("role", role, (Param("name", rest=True),)),
    Command("faq list", faq_list, (Param("page"),)),
    Command("faq show", faq_show, (Param("topic", required=True),)),
    Command("faq add", faq_add, FAQ_TEXTS, moderator=True),
    Command("faq edit", faq_edit, (Param("topic", required=True), *FAQ_TEXTS), moderator=True),
    Command("faq remove", faq_remove, (Param("topic", required=True),), moderator=True),
)
