"""A minimal bare ``commands.Bot`` exercising each interaction shape the harness supports."""

from __future__ import annotations

import io

import discord
from discord import app_commands
from discord.ext import commands

ROLES = ["reading-group", "research", "reviewer", "mentor"]


class ConfirmView(discord.ui.View):
    """One button; clicking it edits the message in place."""

    @discord.ui.button(label="Yes", custom_id="confirm:yes", style=discord.ButtonStyle.green)
    async def yes(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        button.disabled = True
        await interaction.response.edit_message(content=f"Confirmed by {interaction.user.name}",
                                                view=self)


class PickView(discord.ui.View):
    """A select menu answering with a new (ephemeral) message."""

    @discord.ui.select(custom_id="pick:color", options=[
        discord.SelectOption(label="Red", value="red"),
        discord.SelectOption(label="Blue", value="blue")], max_values=2)
    async def color(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
        await interaction.response.send_message(f"picked {','.join(select.values)}",
                                                ephemeral=True)


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    text: discord.ui.TextInput = discord.ui.TextInput(label="Your feedback", custom_id="text")

    def __init__(self) -> None:
        super().__init__(custom_id="feedback")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"Thanks: {self.text.value}", ephemeral=True)


faq = app_commands.Group(name="faq", description="FAQ entries")


@faq.command(name="add", description="Add an entry")
async def faq_add(interaction: discord.Interaction, question: str, votes: int = 0) -> None:
    await interaction.response.send_message(f"added {question!r} with {votes} votes")


def build_selftest_bot(*, sync: bool = True) -> commands.Bot:
    """Bot with ``intents.guilds`` only and ``guild_ready_timeout=0.05``."""
    intents = discord.Intents.none()
    intents.guilds = True
    bot = commands.Bot(command_prefix="!", intents=intents, help_command=None,
                       guild_ready_timeout=0.05)
    bot.resumed_count = 0  # type: ignore[attr-defined]

    @bot.event
    async def on_resumed() -> None:
        bot.resumed_count += 1  # type: ignore[attr-defined]

    @bot.tree.command(description="Constant reply")
    async def hello(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"Hello, {interaction.user.name}!")

    @bot.tree.command(description="Ephemeral reply")
    async def secret(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("psst", ephemeral=True)

    @bot.tree.command(description="Defer, then follow up with an embed and a file")
    async def report(interaction: discord.Interaction, topic: str) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send(
            embed=discord.Embed(title=f"Report: {topic}"),
            file=discord.File(io.BytesIO(b"line1\nline2\n"), "report.txt", description="raw"))

    async def role_names(interaction: discord.Interaction,
                         current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=r, value=r) for r in ROLES if r.startswith(current)]

    @bot.tree.command(description="Pick a role")
    @app_commands.autocomplete(name=role_names)
    async def role(interaction: discord.Interaction, name: str) -> None:
        await interaction.response.send_message(f"role {name}")

    @bot.tree.command(description="Send a button")
    async def confirm(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Confirm?", view=ConfirmView())

    @bot.tree.command(description="Send a select menu")
    async def pick(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Pick colours", view=PickView())

    @bot.tree.command(description="Edit, fetch, follow up and delete the original response")
    async def progress(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("working")
        await interaction.edit_original_response(content="done")
        fetched = await interaction.original_response()
        await interaction.followup.send(f"fetched {fetched.content}")
        await interaction.delete_original_response()

    @bot.tree.command(description="Read an uploaded file")
    async def upload(interaction: discord.Interaction, file: discord.Attachment) -> None:
        data = await file.read()
        await interaction.response.send_message(
            f"{file.filename}: {len(data)} bytes {data!r}")

    @bot.tree.command(description="Open a modal")
    async def feedback(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(FeedbackModal())

    @bot.tree.command(description="Who am I")
    async def whoami(interaction: discord.Interaction, target: discord.Role | None = None) -> None:
        perms = interaction.permissions
        await interaction.response.send_message(
            f"{interaction.user.name} manage_guild={perms.manage_guild} "
            f"locale={interaction.locale.value} "
            f"app_send={interaction.app_permissions.send_messages} "
            f"target={target.name if target else None}")

    @bot.tree.command(description="Never answers")
    async def silent(interaction: discord.Interaction) -> None:
        return None

    @bot.tree.command(description="Post to a channel")
    async def announce(interaction: discord.Interaction, text: str) -> None:
        await interaction.response.defer(ephemeral=True)
        assert interaction.channel is not None
        try:
            await interaction.channel.send(text)  # type: ignore[union-attr]
        except discord.HTTPException as exc:
            await interaction.followup.send(f"failed: {exc.status} {exc.code}")
        else:
            await interaction.followup.send("posted")

    bot.tree.add_command(faq)

    async def setup_hook() -> None:
        if sync:
            await bot.tree.sync()

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    return bot
