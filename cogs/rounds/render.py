"""What the study-round cogs show: embeds for rounds and sessions, the RSVP buttons
(a ``DynamicItem``, so they work after restarts), files, and the reply to a
moderator's change with its one-time events notice."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, Protocol

import discord

from bot.core.round_model import Round, RoundOverview, RsvpAnswer, RsvpCounts, Session
from bot.discord_app.buttons import markup_view
from bot.discord_app.timestamps import reader_time
from bot.i18n import Catalog, Lang
from bot.rounds import export, messages
from bot.rounds.card import CardMarkup, RoundCard, cut_lines, round_card
from bot.rounds.export import RoundFile
from bot.rounds.recap import Recap
from bot.rounds.service import RoundChange
from cogs._common import community_of, display_name, language_and_services, member_of
from cogs._ui import reported_and_released

FIELD_MAX = 1024
DESCRIPTION_MAX = 4096


class EventsNoticed(Protocol):
    """A service result that may ask to tell moderators events are unavailable."""

    @property
    def events_notice(self) -> bool: ...


def change_reply(change: EventsNoticed, key: str, texts: Catalog, lang: Lang, **params: Any) -> str:
    """The reply to a moderator's change: message ``key``, then (once per round) the
    notice that native events are unavailable."""
    text = texts.t(key, lang, **params)
    if not change.events_notice:
        return text
    return f"{text}\n\n{texts.t('rounds.events.unavailable', lang)}"


def as_file(data: bytes | str, filename: str) -> discord.File:
    """An attachment holding ``data`` (text is sent as UTF-8)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return discord.File(io.BytesIO(raw), filename=filename)


def recap_files(recap: Recap, markdown: str, stem: str) -> list[discord.File]:
    """The recap as ``<stem>-recap.md`` (``markdown``, already rendered) and ``.csv``."""
    return attachments(export.recap_files(recap, markdown, stem))


def attachments(files: Iterable[RoundFile]) -> list[discord.File]:
    """Round files as Discord attachments."""
    return [as_file(f.content, f.filename) for f in files]


def list_embed(title: str, lines: Sequence[str]) -> discord.Embed:
    """A plain list, cut to fit an embed."""
    return discord.Embed(title=title, description=cut_lines(lines, DESCRIPTION_MAX))


# Discord writes a role as <@&id> and a link as [title](<url>) (the angle brackets
# keep Discord from unfurling it).
DISCORD_MARKUP = CardMarkup(
    role=lambda role_id: f"<@&{role_id}>",
    link=lambda title, url: f"[{title}](<{url}>)" if url else title,
    text=lambda text: text,
    moment=reader_time,
)


def round_embed(overview: RoundOverview, zone: Any, texts: Catalog, lang: Lang) -> discord.Embed:
    """A round at a glance: settings, reading list, sessions, members."""
    card = _round_card(overview, zone, texts, lang)
    embed = discord.Embed(
        title=card.title, description="\n".join(card.lines), colour=discord.Colour.blurple()
    )
    for name, lines in card.sections:
        embed.add_field(name=name, value=cut_lines(lines, FIELD_MAX), inline=False)
    embed.set_footer(text=card.footer)
    return embed


# The card depends only on its arguments (the overview and its parts are frozen
# values), and a round is shown far more often than it changes: remember recent ones.
@lru_cache(maxsize=256)
def _round_card(overview: RoundOverview, zone: Any, texts: Catalog, lang: Lang) -> RoundCard:
    return round_card(overview, zone, texts, lang, DISCORD_MARKUP)


def preview_embed(change: RoundChange, zone: Any, texts: Catalog, lang: Lang) -> discord.Embed:
    """A round as a change left it (a draft shows the sessions it would have)."""
    return round_embed(RoundOverview(change.round, (), change.sessions, ()), zone, texts, lang)


def session_embed(
    rnd: Round, session: Session, counts: RsvpCounts, zone: Any, texts: Catalog, lang: Lang
) -> discord.Embed:
    """One session: when, where, what, who presents, and the RSVP counts."""
    embed = discord.Embed(
        title=texts.t("rounds.reminder.title", lang, round=rnd.name, index=session.index),
        description=texts.t(f"rounds.session_status.{session.status}", lang),
        colour=discord.Colour.blurple(),
    )
    for name, value in messages.session_fields(rnd, session, zone, texts, lang,
                                               reader_time=reader_time):
        embed.add_field(name=name, value=value[:FIELD_MAX], inline=False)
    embed.add_field(
        name=texts.t("rounds.field.rsvp", lang),
        value=messages.rsvp_summary(counts, texts, lang),
        inline=False,
    )
    embed.set_footer(text=texts.t("rounds.session.footer", lang, id=session.id))
    return embed


def rsvp_view(session_id: int, counts: RsvpCounts, texts: Catalog, lang: Lang) -> discord.ui.View:
    """The RSVP buttons with their current counts (clicks go to ``RsvpButton``)."""
    buttons = messages.rsvp_buttons(session_id, counts, texts, lang)
    return markup_view(discord.ui.Button(label=label, custom_id=custom_id)
                       for custom_id, label in buttons)


class RsvpButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=messages.RSVP_CUSTOM_ID.pattern,
):
    """One RSVP button on any session message; works after restarts because the
    session and the answer are in its ``custom_id``."""

    def __init__(self, session_id: int, answer: RsvpAnswer) -> None:
        super().__init__(discord.ui.Button(custom_id=messages.rsvp_custom_id(session_id, answer)))
        self.session_id = session_id
        self.answer = answer

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> RsvpButton:
        """The button a pressed ``custom_id`` names (``messages`` reads it)."""
        parsed = messages.parse_rsvp_custom_id(match.string)
        if parsed is None:  # the template matched, so the id is an RSVP's
            raise ValueError(f"not an RSVP custom id: {match.string!r}")
        return cls(*parsed)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Save the answer, refresh the counts on the message, confirm privately."""
        async with reported_and_released(interaction, where=f"button {self.custom_id}"):
            await self._answer(interaction)

    async def _answer(self, interaction: discord.Interaction[Any]) -> None:
        lang, services = await language_and_services(interaction)
        texts = services.texts
        message = interaction.message
        # A member's own /session show card is private: later changes to the session
        # must still go to the message everyone reads, and its labels stay in the
        # member's language. (Slack's handler does the same.)
        shared = message is not None and not message.flags.ephemeral
        where = (str(message.channel.id), str(message.id)) if message and shared else None
        result = await services.rounds.rsvp(
            member_of(interaction),
            self.session_id,
            self.answer,
            display_name=display_name(interaction.user),
            message=where,
        )
        # Labels on a shared message are read by everyone: the community's language.
        label_lang = (await services.community.shared_language(community_of(interaction))
                      if shared else lang)
        await interaction.response.edit_message(
            view=rsvp_view(self.session_id, result.counts, texts, label_lang)
        )
        saved = messages.rsvp_saved_text(result, texts, lang)
        if self.answer == "going":  # offer the DM an hour before (opt-in)
            await interaction.followup.send(
                saved + "\n" + texts.t("rounds.dm.offer", lang, index=result.session.index),
                view=dm_view(self.session_id, True, texts, lang), ephemeral=True)
        else:
            await interaction.followup.send(saved, ephemeral=True)


def dm_view(session_id: int, wanted: bool, texts: Catalog, lang: Lang) -> discord.ui.View:
    """The 🔔 (or 🔕) button under a private RSVP confirmation (clicks go to ``DmButton``)."""
    custom_id, label = messages.dm_button(session_id, wanted, texts, lang)
    return markup_view([discord.ui.Button(
        label=label, custom_id=custom_id,
        style=discord.ButtonStyle.primary if wanted else discord.ButtonStyle.secondary)])


class DmButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=messages.DM_CUSTOM_ID.pattern,
):
    """🔔/🔕: a member who said going asks for, or stops, a DM an hour before the
    session; works after restarts (the session is in the ``custom_id``)."""

    def __init__(self, session_id: int, wanted: bool) -> None:
        super().__init__(discord.ui.Button(custom_id=messages.dm_custom_id(session_id, wanted)))
        self.session_id = session_id
        self.wanted = wanted

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> DmButton:
        return cls(int(match["session"]), match["wanted"] == "on")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Turn the DM on or off; the button under the confirmation flips."""
        async with reported_and_released(interaction, where=f"button {self.custom_id}"):
            await self._answer(interaction)

    async def _answer(self, interaction: discord.Interaction[Any]) -> None:
        lang, services = await language_and_services(interaction)
        texts = services.texts
        session = await services.rounds.dm_before(
            member_of(interaction), self.session_id, wanted=self.wanted, lang=lang)
        key = "rounds.dm.on" if self.wanted else "rounds.dm.off"
        await interaction.response.edit_message(
            content=texts.t(key, lang, index=session.index),
            view=dm_view(self.session_id, not self.wanted, texts, lang))
