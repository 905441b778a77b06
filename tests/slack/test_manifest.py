"""The Slack app manifest matches what the app serves."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.i18n import load_catalog
from bot.slack.app import UNINSTALL_EVENTS
from bot.slack.commands import CommandTable
from bot.slack.handlers import all_commands

MANIFEST = Path(__file__).resolve().parents[2] / "slack" / "manifest.yaml"
REQUIRED_SCOPES = {
    "commands",
    "chat:write",
    "chat:write.public",
    "files:write",
    "users:read",
    "usergroups:read",
    "team:read",
}


def test_manifest_declares_every_command_the_app_answers() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    table = CommandTable(all_commands(), load_catalog())
    declared = [c["command"] for c in manifest["features"]["slash_commands"]]
    assert all(table.find(name) is not None for name in declared), declared
    served = {table.find(name).name for name in declared}  # type: ignore[union-attr]
    assert served == set(table.names), "every command is declared, none twice"
    assert len(served) == len(declared)
    for command in manifest["features"]["slash_commands"]:
        assert command["should_escape"] is True, "mentions must arrive as <@U…> ids"
        assert len(command["description"]) <= 100


def test_manifest_scopes_socket_mode_and_interactivity() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert REQUIRED_SCOPES <= set(manifest["oauth_config"]["scopes"]["bot"])
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True


def test_manifest_subscribes_to_the_events_the_app_handles() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert sorted(events) == sorted(UNINSTALL_EVENTS)
