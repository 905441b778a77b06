"""The console's command table: ``/name [sub] options``, found by their English
names or the Korean ones of the catalog (``/스트릭 보기`` works like ``/streak show``).

Each handler module declares ``Command``s. The table checks the moderator
permission before a moderator command reads any option, binds the options
(``parsing.bind``) and calls the handler.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from bot.console.context import ConsoleContext
from bot.console.parsing import Param, bind, split_command
from bot.console.replies import Reply
from bot.core.errors import UserFacingError
from bot.i18n import LANGUAGES, Catalog

Handler = Callable[[ConsoleContext, dict[str, str]], Awaitable[Reply]]


@dataclass(frozen=True)
class Command:
    """One console command: ``name`` is ``ask`` or ``round-admin create``."""

    name: str
    handler: Handler
    params: tuple[Param, ...] = ()
    moderator: bool = False

    @property
    def usage(self) -> str:
        """``/remind add <when> <message> [channel:] [ping:]``."""
        parts = [f"/{self.name}"]
        for param in self.params:
            shown = f"{param.name}…" if param.rest else param.name
            parts.append(f"<{shown}>" if param.required else f"[{shown}]")
        return " ".join(parts)

    def description_key(self, texts: Catalog) -> str | None:
        """The catalog key of the command's one-line description, if it has one."""
        for key in _keys(self.name, "description"):
            if key in texts:
                return key
        return None


def _keys(name: str, leaf: str) -> list[str]:
    """``cmd.round-admin.paper-add.<leaf>`` and its ``_`` spelling."""
    dotted = ".".join(name.split(" "))
    return [f"cmd.{dotted}.{leaf}", f"cmd.{dotted.replace('-', '_')}.{leaf}"]


class CommandTable:
    """Every console command, with the names people may type."""

    def __init__(
        self, commands: Iterable[Command], texts: Catalog, defaults: dict[str, str]
    ) -> None:
        self.commands = tuple(commands)
        self._texts = texts
        self._defaults = defaults
        self._by_name: dict[str, Command] = {}
        for command in self.commands:
            self._by_name[command.name] = command
        self._aliases: dict[str, str] = {}
        for command in self.commands:
            words = command.name.split(" ")
            for lang in LANGUAGES:
                for index in range(1, len(words) + 1):
                    key = _keys(" ".join(words[:index]), "name")[0]
                    if key in texts:
                        self._aliases.setdefault(texts.t(key, lang).lower(), words[index - 1])

    def canonical(self, typed: str) -> str:
        """The English name of a typed command or subcommand word (Korean or English)."""
        return self._aliases.get(typed.lower(), typed.lower())

    def find(self, line: str) -> tuple[Command, str] | None:
        """The command ``line`` asks for and the text of its options."""
        name, rest = split_command(line)
        name = self.canonical(name)
        sub, _, after = rest.partition(" ")
        if sub:
            found = self._by_name.get(f"{name} {self.canonical(sub)}")
            if found is not None:
                return found, after.strip()
        if name in self._by_name:
            return self._by_name[name], rest
        default = self._defaults.get(name)
        if default is not None and not rest:
            return self._by_name[f"{name} {default}"], ""
        return None

    def family(self, name: str) -> list[Command]:
        """The commands whose name starts with ``name`` (``/round`` → its subcommands)."""
        return [c for c in self.commands if c.name.split(" ")[0] == name]

    async def run(self, context: ConsoleContext, line: str) -> Reply:
        """Run one typed line; an unknown command names what there is."""
        found = self.find(line)
        if found is None:
            name, _ = split_command(line)
            word = self.canonical(name)
            if self.family(word):
                usages = "\n".join(c.usage for c in self.family(word))
                raise UserFacingError("console.error.unknown_sub", command=f"/{word}",
                                      usages=usages)
            raise UserFacingError("console.error.unknown", command=f"/{name}")
        command, text = found
        if command.moderator:
            await context.require_moderator()
        options = bind(command.params, text, command.usage)
        return await command.handler(context, options)
