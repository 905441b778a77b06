"""The Slack app manifest declares exactly what the app uses: its commands, the bot
scopes of the Web API methods the code calls, its shortcuts, events and Home tab."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import yaml

from bot.i18n import load_catalog
from bot.slack.commands import CommandTable
from bot.slack.handlers import all_commands
from tests.helpers.runners.slack import SlackBot

ROOT = Path(__file__).resolve().parents[3]
MANIFEST = ROOT / "slack" / "manifest.yaml"
SLACK_CODE = ROOT / "bot" / "slack"
# The bot scopes each Web API method needs (api.slack.com/methods). A method the code
# calls that is missing here fails the test, so the table grows with the code.
METHOD_SCOPES: dict[str, frozenset[str]] = {
    "auth_test": frozenset(),
    "apps_connections_open": frozenset(),  # the app-level token's connections:write
    # chat:write.public: announcements and reminders in public channels not joined
    "chat_postMessage": frozenset({"chat:write", "chat:write.public"}),
    "chat_postEphemeral": frozenset({"chat:write"}),
    "chat_update": frozenset({"chat:write"}),
    "chat_getPermalink": frozenset(),
    "conversations_history": frozenset({"channels:history", "groups:history"}),
    "conversations_replies": frozenset({"channels:history", "groups:history"}),
    "conversations_info": frozenset({"channels:read", "groups:read"}),
    "conversations_join": frozenset({"channels:join"}),
    "conversations_open": frozenset({"im:write"}),
    "files_upload_v2": frozenset({"files:write"}),
    "usergroups_list": frozenset({"usergroups:read"}),
    "usergroups_users_list": frozenset({"usergroups:read"}),
    "users_info": frozenset({"users:read"}),
    "views_open": frozenset(),
    "views_publish": frozenset(),
    "views_update": frozenset(),
}
WEB_CLIENT_METHOD_PREFIXES = tuple(
    sorted({name.split("_")[0] + "_" for name in METHOD_SCOPES} | {"admin_", "team_", "reactions_"})
)


def _manifest() -> dict[str, Any]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def _called_web_api_methods() -> set[str]:
    """Every ``<something>.client.<method>(`` / ``client.<method>(`` in bot/slack."""
    called = set()
    for path in SLACK_CODE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            owner = node.func.value
            owner_name = (
                owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            )
            if owner_name in ("client", "_client") and node.func.attr.startswith(
                WEB_CLIENT_METHOD_PREFIXES
            ):
                called.add(node.func.attr)
    return called


def test_manifest_declares_every_command_the_app_answers() -> None:
    manifest = _manifest()
    table = CommandTable(all_commands(), load_catalog())
    declared = [c["command"] for c in manifest["features"]["slash_commands"]]
    assert sorted(name.lstrip("/") for name in declared) == sorted(table.declared.values())
    for command in manifest["features"]["slash_commands"]:
        assert command["should_escape"] is True, "mentions must arrive as <@U…> ids"
        assert len(command["description"]) <= 100


def test_manifest_bot_scopes_are_exactly_those_the_code_needs() -> None:
    called = _called_web_api_methods()
    assert {"chat_postMessage", "users_info", "conversations_history"} <= called
    unknown = called - set(METHOD_SCOPES)
    assert not unknown, f"add the scopes of {sorted(unknown)} to METHOD_SCOPES"
    needed = {"commands"}.union(*(METHOD_SCOPES[method] for method in called))
    declared = _manifest()["oauth_config"]["scopes"]["bot"]
    assert sorted(declared) == sorted(needed)
    assert "team:read" not in declared


async def test_manifest_shortcuts_events_and_home_are_those_the_app_serves(
    slack_bot: SlackBot,
) -> None:
    manifest = _manifest()
    front = slack_bot.front
    shortcuts = manifest["features"]["shortcuts"]
    assert sorted(s["callback_id"] for s in shortcuts) == sorted(front.shortcuts)
    for shortcut in shortcuts:
        assert shortcut["type"] == "message"
        assert len(shortcut["name"]) <= 24 and len(shortcut["description"]) <= 150
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert sorted(events) == sorted(front.event_listeners())
    home = manifest["features"]["app_home"]
    assert home["home_tab_enabled"] is ("app_home_opened" in events)
    # The bot sends files and notices in direct messages: the Messages tab shows them.
    assert "conversations_open" in _called_web_api_methods()
    assert home["messages_tab_enabled"] is True


def test_manifest_socket_mode_and_interactivity() -> None:
    manifest = _manifest()
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True


def test_readme_explains_every_scope_and_the_slack_start() -> None:
    """The README's Slack section says what each declared scope is for (and no
    other), and how to start on Slack, with Docker too."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Running on Slack") :]
    section = section[: section.index("\n## ", 1)] if "\n## " in section[1:] else section
    explained = set()
    for line in section.splitlines():
        if line.strip().startswith("| `"):
            first_cell = line.strip().split("|")[1]
            explained |= set(re.findall(r"`([a-z:._]+)`", first_cell))
    assert sorted(explained) == sorted(_manifest()["oauth_config"]["scopes"]["bot"])
    assert "studybot run --platform slack" in section
    assert "docker run" in section and "--platform slack" in section
    assert "/invite @studybot" in section and "private channel" in section.lower()
