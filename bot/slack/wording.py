"""Texts as a Slack member reads them: Slack's command names and Slack's words.

The catalog is written once for both platforms and names Discord's commands
(``/round-admin create``, ``/라운드관리 만들기``, ``/remind``). On Slack the same
actions are ``/round create`` and ``/study-remind`` (Slack keeps ``/remind`` for its
own reminders), so :class:`SlackCatalog` rewrites every command reference in a
template before it is filled in, from a table built out of the catalog's own command
names (``cmd.<command>.name``, ``cmd.<command>.<sub>.name`` in both languages): a
command added on Discord is named correctly on Slack without touching this module.
It also says "workspace" where Discord says "server", and takes a Slack-only
template ``slack.as.<key>`` where a sentence explains a Discord-only idea (a
command's ``round`` option).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.i18n import LANGUAGES, Catalog, Lang
from bot.korean import fill

# Discord command -> the Slack command doing the same (others keep their name; the
# name a command is declared under in the manifest, e.g. /study-remind, comes from
# the command table).
SLACK_COMMAND_FOR = {"round-admin": "round", "session-admin": "session"}
# Prefix of Slack-only versions of shared templates.
OVERRIDE_PREFIX = "slack.as."
# Words that are Discord's; Korean 서버 and 워크스페이스 both end in a vowel, so the
# particles after them stay right.
TERMS: dict[Lang, tuple[tuple[re.Pattern[str], str], ...]] = {
    "en": (
        (re.compile(r"\bon this server\b"), "in this workspace"),
        (re.compile(r"\bserver\b"), "workspace"),
        (re.compile(r"\bServer\b"), "Workspace"),
    ),
    "ko": ((re.compile("서버"), "워크스페이스"),),
}


class CommandNames:
    """Every Discord command reference (``/name [sub]`` in either language) and the
    Slack command it stands for."""

    def __init__(self, catalog: Catalog, declared: Mapping[str, str]) -> None:
        self._commands: dict[str, str] = {}  # any-language name -> Slack command
        self._subs: dict[str, dict[str, str]] = {}  # Slack command -> typed -> English
        for key in catalog.keys():
            parts = key.split(".")
            if parts[0] != "cmd" or parts[-1] != "name" or len(parts) not in (3, 4):
                continue
            command_key = f"cmd.{parts[1]}.name"
            english = catalog.t(command_key, "en") if command_key in catalog else parts[1]
            slack = SLACK_COMMAND_FOR.get(english, english)
            slack = declared.get(slack, slack)
            names = {catalog.t(key, lang) for lang in LANGUAGES}
            if len(parts) == 3:
                for name in names:
                    self._commands[name] = slack
            else:
                sub = catalog.t(key, "en")
                for name in names:
                    self._subs.setdefault(slack, {})[name] = sub
        command_names = sorted(self._commands, key=len, reverse=True)
        sub_names = sorted({n for subs in self._subs.values() for n in subs}, key=len, reverse=True)
        self._pattern = re.compile(
            r"(?<![\w/-])/(" + "|".join(map(re.escape, command_names)) + r")(?![\w-])"
            r"(?: (" + "|".join(map(re.escape, sub_names)) + r")(?![\w-]))?"
        )

    def rewrite(self, text: str) -> str:
        """``text`` with every Discord command reference as the Slack command."""

        def slack_form(found: re.Match[str]) -> str:
            command = self._commands[found.group(1)]
            sub = found.group(2)
            if sub is None:
                return f"/{command}"
            english = self._subs.get(command, {}).get(sub)
            # A word that is not a subcommand of this command stays as it was.
            return f"/{command} {english}" if english else f"/{command} {sub}"

        return self._pattern.sub(slack_form, text)


class SlackCatalog(Catalog):
    """The shared catalog as Slack shows it (see the module docstring); rewritten
    templates are cached, parameters are filled in afterwards so member text is never
    rewritten."""

    def __init__(self, base: Catalog, declared: Mapping[str, str]) -> None:
        """``declared``: each Slack command's name in the manifest, by its own name."""
        super().__init__({})
        self.base = base
        self.names = CommandNames(base, declared)
        self._templates: dict[tuple[str, Lang], str] = {}

    def __contains__(self, key: object) -> bool:
        return key in self.base

    def keys(self) -> list[str]:
        return self.base.keys()

    def template(self, key: str, lang: Lang) -> str:
        """The Slack form of ``key``'s template in ``lang``."""
        cached = self._templates.get((key, lang))
        if cached is None:
            override = OVERRIDE_PREFIX + key
            raw = self.base.t(override if override in self.base else key, lang)
            cached = self.names.rewrite(raw)
            for pattern, word in TERMS[lang]:
                cached = pattern.sub(word, cached)
            self._templates[(key, lang)] = cached
        return cached

    def t(self, key: str, lang: Lang, /, **params: Any) -> str:
        template = self.template(key, lang)
        return fill(template, params) if params else template
