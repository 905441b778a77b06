"""Every text a Slack member can see names Slack's commands and Slack's words, never
Discord's (``/round-admin``, ``/remind``, ``/체크인``, "server", the ``round`` option)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
import yaml

from bot.i18n import LANGUAGES, load_catalog
from bot.slack.commands import CommandTable
from bot.slack.handlers import all_commands
from bot.slack.wording import SlackCatalog
from tests.helpers.fakes.slack import FakeSlack
from tests.helpers.runners.slack import SlackBot

MANIFEST = Path(__file__).resolve().parents[3] / "slack" / "manifest.yaml"
# Texts only Discord shows (command descriptions and option labels for Discord's
# command picker, /about, the guild-only refusal, Discord's moderator refusal and
# help footer; Slack has its own versions of the last two).
DISCORD_ONLY_PREFIXES = (
    "cmd.",
    "option.",  # Korean names of Discord's command options
    "about.",
    "help.footer",
    "error.guild_only",
    "error.not_moderator",
    "rounds.events.",  # native Discord events; Slack has none
    "reminder.no_everyone",  # Discord's @everyone role check
    # a reply Discord refused, confirmed another way (cogs/streaks.py)
    "streaks.change.recorded_elsewhere",
    "streaks.checkin.recorded_elsewhere",
)
# Tables of their own that Slack's wording leaves alone.
NOT_SHOWN_AS_IS = ("slack.as.",)
# The terminal front end's own texts (``studybot console``) never reach Slack.
CONSOLE_ONLY_PREFIXES = ("console.",)
# The privacy notice is PRIVACY.md's text, one for both platforms: it names Discord,
# Slack and "server (workspace)" on purpose.
BOTH_PLATFORMS_PREFIXES = ("privacy.notice.",)
SLACK_BUILT_INS = {"invite"}
COMMAND_REFERENCE = re.compile(r"(?<![\w/<.:-])/([^\s`'\"(),.:;!?|]+)(?: ([a-z-]+|[가-힣-]+))?")


def _filled(template: str) -> dict[str, str]:
    return {field: "x" for _, field, _, _ in string.Formatter().parse(template) if field}


def _slack_texts() -> list[tuple[str, str, str]]:
    """(key, lang, text) of every catalog text a Slack handler can send."""
    base = load_catalog()
    table = CommandTable(all_commands(), base)
    texts = SlackCatalog(base, table.declared)
    shown = []
    for key in base.keys():
        if key.startswith(DISCORD_ONLY_PREFIXES + NOT_SHOWN_AS_IS + CONSOLE_ONLY_PREFIXES
                          + BOTH_PLATFORMS_PREFIXES):
            continue
        for lang in LANGUAGES:
            template = texts.template(key, lang)
            shown.append((key, lang, texts.t(key, lang, **_filled(template))))
    return shown


def _declared() -> set[str]:
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return {c["command"].lstrip("/") for c in manifest["features"]["slash_commands"]}


def test_no_text_names_a_discord_command_or_word() -> None:
    base = load_catalog()
    discord_only = {"round-admin", "session-admin", "remind"} | {
        base.t(key, "ko")
        for key in base.keys()
        if key.startswith("cmd.") and key.count(".") == 2 and key.endswith(".name")
    } - {"faq"}
    assert {"체크인", "직무", "라운드관리"} <= discord_only
    declared = _declared()
    problems = []
    for key, lang, text in _slack_texts():
        for found in COMMAND_REFERENCE.finditer(text):
            name = found.group(1)
            if name in discord_only or name not in declared | SLACK_BUILT_INS:
                problems.append(f"{key} [{lang}]: /{name}")
        discord_words = r"\bserver\b|서버|`round` (option|옵션)|\bevents?\b|이벤트|discord|디스코드"
        if re.search(discord_words, text, re.IGNORECASE):
            problems.append(f"{key} [{lang}]: Discord's words in {text[:80]!r}")
    assert problems == []


def test_subcommands_in_texts_are_typed_as_on_slack() -> None:
    """Slack's texts name subcommands in English (``/faq list``, not ``/faq 목록``),
    and only ones the command has."""
    table = CommandTable(all_commands(), load_catalog())
    problems = []
    for key, lang, text in _slack_texts():
        for found in COMMAND_REFERENCE.finditer(text):
            command, sub = table.find(found.group(1)), found.group(2)
            if command is None or sub is None or not command.subcommands:
                continue  # free text (/ask 석사 꼭 필요해?)
            korean = re.fullmatch(r"[가-힣-]+", sub) is not None
            if korean or (command.subcommands and sub.endswith("-")):
                problems.append(f"{key} [{lang}]: /{found.group(1)} {sub}")
    assert problems == []


def test_commands_are_rewritten_from_the_catalog_names() -> None:
    base = load_catalog()
    texts = SlackCatalog(base, CommandTable(all_commands(), base).declared)
    rewrite = texts.names.rewrite
    assert rewrite("`/라운드관리 만들기`로") == "`/round create`로"
    assert rewrite("`/round-admin paper-add`") == "`/round paper-add`"
    assert rewrite("`/세션관리 수정`") == "`/session edit`"
    assert rewrite("`/remind resume 3`") == "`/study-remind resume 3`"
    assert rewrite("`/study-remind list`") == "`/study-remind list`"
    assert rewrite("`/체크인` `/직무` `/faq 목록`") == "`/checkin` `/role` `/faq list`"
    assert rewrite("https://example.org/remind") == "https://example.org/remind"


@pytest.mark.parametrize(
    ("command", "text", "user", "expected", "refused"),
    [
        ("/round", "list", "U0MINJI", "`/round create`", "/라운드관리"),
        ("/role", "nobody-at-all", "U0MINJI", "`/role`", "/직무"),
        ("/faq", "show nothing-here", "U0MINJI", "`/faq list`", "/faq 목록"),
        ("/round", "show", "U0ALEX", "workspace", "server"),
    ],
)
async def test_replies_name_slack_commands(
    slack_bot: SlackBot,
    fake_slack: FakeSlack,
    command: str,
    text: str,
    user: str,
    expected: str,
    refused: str,
) -> None:
    shown = await fake_slack.command(command, text, user=user)
    assert expected in shown.reply.text
    assert refused not in shown.reply.text


async def test_a_paused_reminder_points_to_study_remind(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await fake_slack.command("/study-remind", "add", user="U0ADMIN", channel="C0STUDY")
    await fake_slack.submit_view(
        "studybot:remind:add",
        {"channel": "C0STUDY", "when": "every day 21:30", "message": "hi"},
        user="U0ADMIN",
    )
    paused = await fake_slack.command("/study-remind", "pause 1", user="U0ADMIN")
    assert "`/study-remind resume 1`" in paused.reply.text


async def test_no_reply_of_any_command_names_a_discord_command(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    """Every command and subcommand, run by a Korean and an English moderator with
    nothing or a wrong argument: no reply names a Discord-only command or word."""
    base = load_catalog()
    discord_only = re.compile(
        r"/(round-admin|session-admin|remind\b|"
        + "|".join(
            re.escape(base.t(key, "ko"))
            for key in base.keys()
            if key.startswith("cmd.") and key.count(".") == 2 and key.endswith(".name")
            and base.t(key, "ko") != "faq"
        )
        + r")|\bserver\b|서버"
    )
    table = slack_bot.front.table
    for name in table.names:
        if name == "privacy":  # the notice for both platforms (BOTH_PLATFORMS_PREFIXES)
            continue
        command = table.find(name)
        assert command is not None
        for head in ["", *(sub.name for sub in command.subcommands)]:
            for argument in ("", "nowhere-at-all"):
                for user in ("U0OWNER", "U0ADMIN"):
                    text = f"{head} {argument}".strip()
                    shown = await fake_slack.command(f"/{command.slash_name}", text, user=user)
                    found = discord_only.search(shown.reply.text)
                    assert found is None, (name, text, user, shown.reply.text[:200])
