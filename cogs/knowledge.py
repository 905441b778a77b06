"""/ask, /role and /faq: the knowledge catalog and each server's own FAQ."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_app.translator import localized
from bot.i18n import Catalog, Lang
from bot.knowledge import FaqPage, TopicView, declined_text, support_text
from cogs._common import (
    actor_of,
    community_of,
    language_and_services,
    moderator_only,
    services_of,
)
from cogs._ui import PagerView, StudyModal, truncate

EMBED_TOTAL_LIMIT = 6000
DESCRIPTION_LIMIT = 4096
FIELD_LIMIT = 1024
QUESTION_LIMIT = 200
ANSWER_LIMIT = 1500
KIND_COLOURS = {
    "role": 0x5865F2, "player": 0x57F287, "tip": 0xFEE75C, "qa": 0xEB459E, "faq": 0x99AAB5,
}


def topic_embed(view: TopicView, texts: Catalog, lang: Lang) -> discord.Embed:
    """One topic as an embed: summary and body, research questions, related topics,
    source (or who added a server entry), kept inside Discord's size limits."""
    fields: list[tuple[str, str]] = []
    if view.research_questions:
        questions = "\n".join(f"- {question}" for question in view.research_questions)
        fields.append((texts.t("knowledge.label.research_questions", lang), questions))
    if view.related:
        fields.append((
            texts.t("knowledge.label.related", lang),
            "\n".join(f"- {link.title}" for link in view.related),
        ))
    footer_parts = [texts.t(f"knowledge.kind.{view.kind}", lang)]
    if view.source:
        footer_parts.append(f"{texts.t('knowledge.label.source', lang)}: {view.source}")
    if view.thin_source:
        footer_parts.append(texts.t("knowledge.label.thin", lang))
    if view.author:
        footer_parts.append(f"{texts.t('knowledge.label.added_by', lang)}: {view.author}")
    footer = " · ".join(footer_parts)
    fields = [(name, truncate(value, FIELD_LIMIT)) for name, value in fields]
    fixed = len(view.title) + len(footer) + sum(len(n) + len(v) for n, v in fields)
    intro = f"**{view.summary}**\n\n" if view.summary else ""
    # A link to the original, unless the body already gives it.
    outro = (f"\n\n[{texts.t('knowledge.label.original', lang)}]({view.source_link})"
             if view.source_link and view.source_link not in view.body else "")
    if view.thin_source:
        intro += f"_{texts.t('knowledge.label.thin_note', lang)}_\n\n"
    if view.lang != lang:
        intro += f"_{texts.t('knowledge.label.other_language', lang)}_\n\n"
    room = min(DESCRIPTION_LIMIT, EMBED_TOTAL_LIMIT - fixed - 50) - len(intro) - len(outro)
    embed = discord.Embed(
        title=truncate(view.title, 256),
        description=intro + truncate(view.body, room) + outro,
        colour=KIND_COLOURS.get(view.kind, 0x99AAB5),
    )
    for name, value in fields:
        embed.add_field(name=name, value=value, inline=False)
    embed.set_footer(text=footer)
    return embed


def faq_page_embed(page: FaqPage, texts: Catalog, lang: Lang) -> discord.Embed:
    lines = []
    for item in page.items:
        author = f" · {item.author}" if item.author else ""
        lines.append(f"`{item.id}` {truncate(item.title, 150)}{author}")
    embed = discord.Embed(
        title=texts.t("knowledge.faq.list_title", lang), description="\n".join(lines)
    )
    embed.set_footer(
        text=texts.t("knowledge.faq.page", lang, page=page.page, pages=page.pages, total=page.total)
    )
    return embed


class FaqPager(PagerView):
    """Previous/next buttons under a /faq list reply."""

    def __init__(self, page: FaqPage, lang: Lang) -> None:
        super().__init__(page.page, page.pages, "faq:page")
        self.lang = lang

    async def render(
        self, interaction: discord.Interaction[Any], page_number: int
    ) -> tuple[discord.Embed, int, int]:
        services = services_of(interaction)
        page = await services.knowledge.faq_list(community_of(interaction), page_number, self.lang)
        return faq_page_embed(page, services.texts, self.lang), page.page, page.pages


class FaqForm(StudyModal):
    """The form behind /faq add and /faq edit: a question and answer per language."""

    def __init__(self, texts: Catalog, lang: Lang, *, topic: str | None = None,
                 current: tuple[str | None, ...] = (None, None, None, None)) -> None:
        key = "cmd.faq.edit.description" if topic else "cmd.faq.add.description"
        super().__init__(title=truncate(texts.t(key, lang), 45),
                         custom_id=f"faq:form:{topic or 'new'}", timeout=900)
        self.topic = topic
        labels = ("cmd.faq.question_ko", "cmd.faq.answer_ko", "cmd.faq.question_en",
                  "cmd.faq.answer_en")
        self.inputs: list[discord.ui.TextInput[Any]] = []
        for index, (label, value) in enumerate(zip(labels, current, strict=True)):
            is_answer = index % 2 == 1
            field: discord.ui.TextInput[Any] = discord.ui.TextInput(
                label=texts.t(label, lang),
                style=discord.TextStyle.paragraph if is_answer else discord.TextStyle.short,
                required=False,
                max_length=ANSWER_LIMIT if is_answer else QUESTION_LIMIT,
                default=value,
                custom_id=label.rsplit(".", 1)[1],
            )
            self.inputs.append(field)
            self.add_item(field)

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        # The form could be crafted: the service checks the actor again.
        actor, services = await actor_of(interaction), services_of(interaction)
        lang, name = actor.lang, actor.display_name
        question_ko, answer_ko, question_en, answer_en = (field.value for field in self.inputs)
        community = actor.community
        if self.topic is None:
            view = await services.knowledge.faq_add(
                community, actor, name, question_ko, answer_ko, question_en, answer_en, lang
            )
            message = services.texts.t("knowledge.faq.added", lang, id=view.id)
        else:
            view = await services.knowledge.faq_edit(
                community, self.topic, actor, name,
                question_ko, answer_ko, question_en, answer_en, lang,
            )
            message = services.texts.t("knowledge.faq.edited", lang, id=view.id)
        await interaction.response.send_message(
            message, embed=topic_embed(view, services.texts, lang), ephemeral=True
        )


class Knowledge(commands.Cog):
    """Career and role questions answered from the catalog and the server FAQ."""

    faq = app_commands.Group(
        name=localized("cmd.faq.name"),
        description=localized("cmd.faq.description"),
    )

    @app_commands.command(
        name=localized("cmd.ask.name"),
        description=localized("cmd.ask.description"),
    )
    @app_commands.describe(
        question=localized("cmd.ask.question")
    )
    async def ask(self, interaction: discord.Interaction[Any], question: str) -> None:
        lang, services = await language_and_services(interaction)
        result = await services.knowledge.ask(community_of(interaction), question, lang)
        if result.answer is None:
            await interaction.response.send_message(
                declined_text(result, services.texts, lang), ephemeral=True
            )
            return
        embed = topic_embed(result.answer, services.texts, lang)
        await interaction.response.send_message(
            support_text(result, services.texts), embed=embed
        )

    @app_commands.command(
        name=localized("cmd.role.name"),
        description=localized("cmd.role.description"),
    )
    @app_commands.describe(name=localized("cmd.role.role"))
    async def role(self, interaction: discord.Interaction[Any], name: str | None = None) -> None:
        lang, services = await language_and_services(interaction)
        texts = services.texts
        if name:
            view = services.knowledge.role(name, lang)
            await interaction.response.send_message(embed=topic_embed(view, texts, lang))
            return
        overview = services.knowledge.roles_overview(lang)
        embed = discord.Embed(title=texts.t("knowledge.roles.title", lang), colour=0x5865F2)
        for label, lines in (("knowledge.roles.jobs", overview.roles),
                             ("knowledge.roles.players", overview.players)):
            embed.add_field(
                name=texts.t(label, lang),
                value=truncate("\n".join(f"**{line.title}** — {line.summary}" for line in lines),
                               FIELD_LIMIT),
                inline=False,
            )
        embed.set_footer(text=texts.t("knowledge.roles.footer", lang))
        await interaction.response.send_message(embed=embed)

    @role.autocomplete("name")
    async def role_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        lang, services = await language_and_services(interaction)
        return [app_commands.Choice(name=c.name, value=c.value)
                for c in services.knowledge.complete_roles(current, lang)]

    @faq.command(
        name=localized("cmd.faq.show.name"),
        description=localized("cmd.faq.show.description"),
    )
    @app_commands.describe(topic=localized("cmd.faq.topic"))
    async def faq_show(self, interaction: discord.Interaction[Any], topic: str) -> None:
        lang, services = await language_and_services(interaction)
        view = await services.knowledge.faq_show(community_of(interaction), topic, lang)
        await interaction.response.send_message(embed=topic_embed(view, services.texts, lang))

    @faq.command(
        name=localized("cmd.faq.list.name"),
        description=localized("cmd.faq.list.description"),
    )
    @app_commands.describe(page=localized("cmd.faq.list.page"))
    async def faq_list(
        self, interaction: discord.Interaction[Any], page: app_commands.Range[int, 1, 1000] = 1
    ) -> None:
        lang, services = await language_and_services(interaction)
        listing = await services.knowledge.faq_list(community_of(interaction), page, lang)
        embed = faq_page_embed(listing, services.texts, lang)
        if listing.pages > 1:
            await interaction.response.send_message(
                embed=embed, view=FaqPager(listing, lang), ephemeral=True
            )
        else:
            await interaction.response.send_message(embed=embed, ephemeral=True)

    @faq.command(
        name=localized("cmd.faq.add.name"),
        description=localized("cmd.faq.add.description"),
    )
    @moderator_only()
    async def faq_add(self, interaction: discord.Interaction[Any]) -> None:
        lang, services = await language_and_services(interaction)
        await interaction.response.send_modal(FaqForm(services.texts, lang))

    @faq.command(
        name=localized("cmd.faq.edit.name"),
        description=localized("cmd.faq.edit.description"),
    )
    @app_commands.describe(topic=localized("cmd.faq.topic"))
    @moderator_only()
    async def faq_edit(self, interaction: discord.Interaction[Any], topic: str) -> None:
        lang, services = await language_and_services(interaction)
        current = await services.knowledge.faq_texts(community_of(interaction), topic)
        await interaction.response.send_modal(
            FaqForm(services.texts, lang, topic=topic, current=current)
        )

    @faq.command(
        name=localized("cmd.faq.remove.name"),
        description=localized("cmd.faq.remove.description"),
    )
    @app_commands.describe(topic=localized("cmd.faq.topic"))
    @moderator_only()
    async def faq_remove(self, interaction: discord.Interaction[Any], topic: str) -> None:
        actor, services = await actor_of(interaction), services_of(interaction)
        lang = actor.lang
        view = await services.knowledge.faq_remove(actor.community, topic, actor, lang)
        await interaction.response.send_message(
            services.texts.t("knowledge.faq.removed", lang, id=view.id),
            embed=topic_embed(view, services.texts, lang),
            ephemeral=True,
        )

    @faq_show.autocomplete("topic")
    async def topic_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        lang, services = await language_and_services(interaction)
        choices = await services.knowledge.complete_faq(community_of(interaction), current, lang)
        return [app_commands.Choice(name=c.name, value=c.value) for c in choices]

    @faq_edit.autocomplete("topic")
    @faq_remove.autocomplete("topic")
    async def own_topic_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        lang, services = await language_and_services(interaction)
        choices = await services.knowledge.complete_faq(
            community_of(interaction), current, lang, editable_only=True
        )
        return [app_commands.Choice(name=c.name, value=c.value) for c in choices]


async def setup(client: commands.Bot) -> None:
    await client.add_cog(Knowledge())
