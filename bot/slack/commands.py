"""Slash commands with subcommands in their text (``/round join spring-2027``).

Each area module declares ``SlashCommand``s; the table finds the subcommand (by its
English name or the Korean name from the catalog), checks that its service exists and
that the caller may use it, and calls the handler. Anything it cannot match gets
the command's usage text.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from bot.i18n import LANGUAGES, Catalog
from bot.slack.blocks import Reply, section
from bot.slack.context import SlackRequest

Handler = Callable[[SlackRequest, str], Awaitable[Reply | None]]

# Accepted in front of every command, for workspaces where a name is taken
# (Slack's own /remind, another app's /ask): /study-remind works like /remind.
ALIAS_PREFIX = "study-"


@dataclass(frozen=True)
class Subcommand:
    """One action of a command. ``service``: the ``Services`` field it needs; while
    that service does not exist the subcommand answers "not available yet"."""

    name: str
    handler: Handler
    moderator: bool = False
    service: str | None = None


@dataclass(frozen=True)
class SlashCommand:
    """A Slack slash command. ``default`` runs for an empty text; ``free_text`` runs
    when the text does not start with a subcommand (``/ask <question>``), and for an
    empty text too when ``empty_is_free_text`` (``/checkin``)."""

    name: str
    subcommands: tuple[Subcommand, ...] = ()
    default: str | None = None
    free_text: Subcommand | None = None
    empty_is_free_text: bool = False
    # The name in slack/manifest.yaml when it differs (Slack keeps /remind for itself).
    declared_as: str | None = None

    @property
    def slash_name(self) -> str:
        """The name members type, without the slash."""
        return self.declared_as or self.name

    @property
    def usage_key(self) -> str:
        return f"slack.usage.{self.name}"


class CommandTable:
    """Every Slack command, with the subcommand names members may type."""

    def __init__(self, commands: Iterable[SlashCommand], texts: Catalog) -> None:
        self._commands = {command.name: command for command in commands}
        self._texts = texts
        self._names: dict[str, dict[str, Subcommand]] = {}
        for command in self._commands.values():
            names: dict[str, Subcommand] = {}
            for sub in command.subcommands:
                names[sub.name] = sub
                key = f"cmd.{command.name}.{sub.name.replace('-', '_')}.name"
                if key in texts:
                    for lang in LANGUAGES:
                        names.setdefault(texts.t(key, lang).lower(), sub)
            self._names[command.name] = names

    @property
    def names(self) -> list[str]:
        """Command names without the slash."""
        return sorted(self._commands)

    @property
    def declared(self) -> dict[str, str]:
        """Each command's name in the manifest, by its own name."""
        return {name: command.slash_name for name, command in self._commands.items()}

    def find(self, slash_name: str) -> SlashCommand | None:
        """The command for ``/name`` or ``/study-name``."""
        name = slash_name.lstrip("/").lower()
        return self._commands.get(name) or self._commands.get(name.removeprefix(ALIAS_PREFIX))

    def resolve(self, command: SlashCommand, text: str) -> tuple[Subcommand | None, str]:
        """The subcommand the text asks for and the rest of the text."""
        text = text.strip()
        head, _, rest = text.partition(" ")
        found = self._names[command.name].get(head.lower()) if head else None
        if found is not None:
            return found, rest.strip()
        if not text and command.default is not None:
            return self._names[command.name][command.default], ""
        if command.free_text is not None and (text or command.empty_is_free_text):
            return command.free_text, text
        return None, text

    async def run(self, request: SlackRequest, slash_name: str, text: str) -> Reply | None:
        """Dispatch one command; unknown commands and subcommands get the usage text."""
        command = self.find(slash_name)
        if command is None:
            return usage_reply(request, "slack.usage.unknown_command", command=slash_name)
        sub, rest = self.resolve(command, text)
        if sub is None:
            return usage_reply(request, command.usage_key)
        if sub.service is not None and getattr(request.services, sub.service, None) is None:
            label = f"/{command.slash_name}" + (f" {sub.name}" if sub.name != command.name else "")
            return Reply(text=request.t("slack.not_available", command=label))
        if sub.moderator:
            await request.require_moderator()
        return await sub.handler(request, rest)


def usage_reply(request: SlackRequest, key: str, **params: str) -> Reply:
    """The usage text of a command, privately."""
    text = request.t(key, **params)
    return Reply(text=text, blocks=(section(text),))
