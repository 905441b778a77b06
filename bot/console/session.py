"""The console session: read a line, answer it, show what the scheduler posts.

Besides the bot's commands the console has its own: ``/as`` (who is typing),
``/lang`` (ko or en), ``/channel`` (where the member is), ``/clock`` (move the
simulated clock; every post due on the way fires in order), ``/help`` and
``/quit``. A number picks one of the choices (buttons) last shown.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from datetime import datetime
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.clock import ManualClock
from bot.console.commands import CommandTable
from bot.console.context import (
    CONSOLE,
    MEMBER,
    MODERATOR,
    ConsoleContext,
    Identity,
)
from bot.console.handlers import DEFAULTS, all_commands
from bot.console.handlers.rounds.render import post_choices
from bot.console.parsing import channel, clock_target, person, split_command
from bot.console.ports import ConsoleEvents, ConsolePoster
from bot.console.render import render
from bot.console.replies import Choice, Reply, from_message
from bot.core.errors import UserFacingError
from bot.core.refs import ChannelRef
from bot.i18n import LANGUAGES, Lang, parse_lang
from bot.ports import OutgoingMessage
from bot.schedules.parse import format_local
from bot.services import Services

log = logging.getLogger(__name__)


async def read_line(source: TextIO, prompt: str, out: TextIO, *, interactive: bool) -> str | None:
    """One line of input without its newline (None at the end of input), read on a
    daemon thread so that Ctrl-C or the end of the session never waits for it."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[str | None] = loop.create_future()

    def deliver(line: str | None) -> None:
        if not done.done():
            done.set_result(line)

    def read() -> None:
        line: str | None
        try:
            if interactive:
                line = input(prompt)
            else:
                raw = source.readline()
                line = raw.rstrip("\n") if raw else None
        except (EOFError, OSError, ValueError):
            line = None
        try:
            loop.call_soon_threadsafe(deliver, line)
        except RuntimeError:  # the loop closed while we waited (Ctrl-C)
            pass

    if not interactive:
        out.write(prompt)
        out.flush()
    threading.Thread(target=read, name="console-input", daemon=True).start()
    return await done

# Enough to step through months of sessions and reminders; a schedule that kept
# coming due without moving on would stop here instead of hanging the console.
MAX_STEPS = 5000
QUIT = ("quit", "exit", "q", "종료", "나가기")
ROLE_WORDS = {MODERATOR: True, "운영진": True, MEMBER: False, "멤버": False}


class ConsoleSession:
    """One person at the terminal; ``run`` reads ``source`` until ``/quit`` or EOF."""

    def __init__(
        self, services: Services, clock: ManualClock, out: TextIO, files: Path, lang: Lang
    ) -> None:
        self.services = services
        self.clock = clock
        self.out = out
        self.chosen_lang: Lang = lang
        self.context = ConsoleContext(
            services, files, Identity(), lang, announce=self._announce
        )
        self.table = CommandTable(all_commands(), services.texts, DEFAULTS)
        self.choices: tuple[Choice, ...] = ()
        self.poster = ConsolePoster(self._show_post)
        self.events = ConsoleEvents()
        self.context_zone = ZoneInfo(services.settings.timezone)

    # --- life cycle -----------------------------------------------------------------

    async def start(self) -> None:
        """Attach the console's events port and greet; then answer what fell due
        while the console was closed (the runner started the schedule engine on
        ``self.poster``)."""
        self.services.rounds.attach_events(CONSOLE, self.events)
        await self._refresh_language()
        self._print(self.context.t(
            "console.welcome", now=await self._now_text(), files=str(self.context.files)))
        await self.services.schedules.run_due()

    async def run(self, source: TextIO, *, interactive: bool) -> None:
        """Answer every line of ``source`` until ``/quit`` or its end. ``interactive``:
        a terminal, read with line editing; otherwise each line is repeated after the
        prompt, so a scripted session's transcript reads like a conversation."""
        while True:
            line = await read_line(source, self._prompt(), self.out, interactive=interactive)
            if line is None:
                self._print("")
                return
            if not interactive:
                self._print(line)
            if not await self.handle(line.strip()):
                return

    async def handle(self, line: str) -> bool:
        """Answer one line; False when the session should end."""
        if not line:
            return True
        await self._refresh_language()
        try:
            if line.isdigit():
                reply = await self._pick(int(line))
            elif not line.startswith("/"):
                raise UserFacingError("console.error.not_command")
            else:
                name, rest = split_command(line)
                if name in QUIT:
                    self._print(self.context.t("console.bye"))
                    return False
                meta = await self._meta_command(name, rest)
                reply = meta if meta is not None else await self.table.run(self.context, line)
            self._show(reply)
        except UserFacingError as exc:
            self._print("⚠ " + self.context.t(exc.key, **exc.params))
        except Exception:
            log.exception("console command failed: %s", line[:200])
            self._print("⚠ " + self.context.t("error.unexpected"))
        await self.services.schedules.run_due()
        return True

    # --- console commands -----------------------------------------------------------

    async def _meta_command(self, name: str, rest: str) -> Reply | None:
        if name == "as":
            return self._switch_identity(rest)
        if name in ("lang", "언어"):
            return await self._switch_language(rest)
        if name in ("channel", "채널"):
            if rest:
                self.context.channel_id = channel(rest)
            return Reply(text=self.context.t("console.channel", channel=self.context.channel_id))
        if name in ("clock", "시계"):
            return await self._move_clock(rest)
        if name in ("help", "도움말"):
            return self._help(rest)
        return None

    def _switch_identity(self, rest: str) -> Reply:
        """``/as moderator``, ``/as member``, ``/as <name> [moderator|member]``."""
        words = rest.split()
        if not 1 <= len(words) <= 2:
            raise UserFacingError("console.error.as")
        first = words[0].lower()
        if len(words) == 1 and first in ROLE_WORDS:
            moderator = ROLE_WORDS[first]
            name = MODERATOR if moderator else MEMBER
        else:
            name = person(words[0])
            role = words[1].lower() if len(words) == 2 else MEMBER
            if role not in ROLE_WORDS:
                raise UserFacingError("console.error.as")
            moderator = ROLE_WORDS[role]
        self.context.identity = Identity(name, moderator)
        key = "console.as.moderator" if moderator else "console.as.member"
        return Reply(text=self.context.t(key, name=name))

    async def _switch_language(self, rest: str) -> Reply:
        try:
            self.chosen_lang = parse_lang(rest.strip().lower())
        except ValueError:
            raise UserFacingError("console.error.lang", langs=", ".join(LANGUAGES)) from None
        await self._refresh_language()
        if self.context.lang != self.chosen_lang:  # the community forces its language
            return Reply(text=self.context.t("console.lang_forced", lang=self.context.lang))
        return Reply(text=self.context.t("console.lang"))

    async def _move_clock(self, rest: str) -> Reply:
        """Move the simulated clock forward, firing every post due on the way in order."""
        if rest.strip():
            zone = (await self.services.community.config(self.context.community)).zone
            target = clock_target(rest, self.clock.now(), zone)
            await self.advance(target)
        return Reply(text=self.context.t("console.clock", now=await self._now_text()))

    async def advance(self, target: datetime) -> None:
        """Step the clock to each due occurrence up to ``target``, then to ``target``."""
        engine = self.services.schedules
        for _ in range(MAX_STEPS):
            due = engine.next_due()
            if due is None or due > target:
                break
            if due > self.clock.now():
                self.clock.set(due)
            await engine.run_due()
        self.clock.set(target)
        await engine.run_due()

    def _help(self, rest: str) -> Reply:
        t, texts = self.context.t, self.services.texts
        family = self.table.canonical(split_command(rest)[0]) if rest else ""
        commands = self.table.family(family) if family else list(self.table.commands)
        if family and not commands:
            raise UserFacingError("console.error.unknown", command=f"/{family}")
        lines = []
        for command in commands:
            key = command.description_key(texts)
            mark = "★ " if command.moderator else ""
            lines.append(f"{mark}{command.usage}" + (f"  — {t(key)}" if key else ""))
        fields = () if family else ((t("console.help.console_title"), t("console.help.console")),)
        return Reply(title=t("console.help.title"), text="\n".join(lines), fields=fields,
                     footer=t("console.help.moderator") + "\n" + t("console.help.footer"))

    async def _pick(self, number: int) -> Reply:
        if not self.choices:
            raise UserFacingError("console.error.no_choices")
        if not 1 <= number <= len(self.choices):
            raise UserFacingError("console.error.choice", count=len(self.choices))
        return await self.choices[number - 1].press()

    # --- output ---------------------------------------------------------------------

    def _show(self, reply: Reply) -> None:
        if reply.choices:
            self.choices = reply.choices
        for line in render(reply, self.context.files, self.context.t):
            self._print(line)

    def _show_post(self, where: ChannelRef | None, message: OutgoingMessage) -> None:
        """A post the scheduler (or a notice to moderators) made, as it fires."""
        now = format_local(self.clock.now(), self.context_zone, self.context.lang)
        key = "console.post" if where is not None else "console.moderator_notice"
        if message.direct_to is not None:  # a personal reminder: a direct message
            key = "console.direct_message"
        self._print(self.context.t(key, channel=where.external_id if where else "",
                                   member=message.direct_to or "", at=now))
        self._show(from_message(message, post_choices(self.context, message)))

    def _announce(self, channel_id: str, reply: Reply) -> None:
        now = format_local(self.clock.now(), self.context_zone, self.context.lang)
        self._print(self.context.t("console.post", channel=channel_id, at=now))
        self._show(reply)

    def _print(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def _prompt(self) -> str:
        who = self.context.identity
        mark = "★" if who.moderator else ""
        return f"{mark}{who.name} #{self.context.channel_id}> "

    async def _refresh_language(self) -> None:
        config = await self.services.community.config(self.context.community)
        self.context.lang = config.language or self.chosen_lang
        self.context_zone = config.zone

    async def _now_text(self) -> str:
        zone = (await self.services.community.config(self.context.community)).zone
        return format_local(self.clock.now(), zone, self.context.lang)
