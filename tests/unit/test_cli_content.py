"""``studybot content validate|list`` and ``studybot ask``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
import yaml

from bot.cli_content import add_content_parsers
from bot.core.actor import Actor
from content.loader import REQUIRED_IDS, load_catalog
from storage.backends import open_database


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="studybot")
    add_content_parsers(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.handler(args, None))


def test_validate_the_shipped_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["content", "validate"]) == 0
    assert f"{len(load_catalog())} entries" in capsys.readouterr().out


def test_validate_prints_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    entries = [entry.model_dump() for entry in load_catalog()]
    entries[0]["ko"]["title"] = ""
    entries[1]["en"]["unknown"] = "x"
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump({"entries": entries}, allow_unicode=True), encoding="utf-8")
    assert run(["content", "validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}: {entries[0]['id']}: ko.title: ")
    assert lines[1].startswith(f"{path}: {entries[1]['id']}: en.unknown: ")


def test_validate_a_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["content", "validate", str(tmp_path / "nope.yaml")]) == 1
    assert "no such file" in capsys.readouterr().out


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["content", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert set(REQUIRED_IDS) <= {row["id"] for row in rows}
    assert all(row["title"]["ko"] and row["title"]["en"] for row in rows)


def test_list_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["content", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(load_catalog())
    assert lines[0].split("\t")[0] == load_catalog().ids()[0]


def test_ask_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["ask", "석박사 필수임?", "--json", "--lang", "en"]) == 0
    output = json.loads(capsys.readouterr().out)
    assert output["query"] == "석박사 필수임?"
    results = output["results"]
    assert results[0]["id"] == "qa.degree-required"
    assert results[0]["title"].startswith("Do I need")  # --lang en
    assert all(set(row) == {"id", "score", "title"} for row in results)
    scores = [row["score"] for row in results]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("question", ["오늘 점심 뭐 먹지", "what's the weather in Busan tomorrow"])
def test_ask_json_is_empty_for_off_topic(
    question: str, capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["ask", question, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"query": question, "results": []}


def test_ask_text_answer_and_decline(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["ask", "What is an AI red team?"]) == 0
    assert "[role.ai-red-team]" in capsys.readouterr().out
    assert run(["ask", "오늘 점심 뭐 먹지"]) == 0
    assert "/faq" in capsys.readouterr().out


def test_ask_text_support_line_and_bot_questions(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["ask", "석사 과정인데 번아웃이 와서 그만두고 싶어요"]) == 0
    out = capsys.readouterr().out
    assert "1577-0199" in out and "[qa.masters-self-doubt]" in out
    assert run(["ask", "how do I set a reminder with this bot?"]) == 0
    assert "/help" in capsys.readouterr().out


def test_ask_refuses_an_empty_question(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["ask", "   ", "--lang", "en"]) == 2
    assert "Please type a question" in capsys.readouterr().err


def test_ask_guild_without_a_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("STUDYBOT_DATA_DIR", str(tmp_path))
    assert run(["ask", "석박사 필수임?", "--guild", "123"]) == 2
    assert "no database" in capsys.readouterr().err
    assert not (tmp_path / "studybot.sqlite3").exists()


async def test_ask_guild_includes_that_guilds_faq(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    from datetime import UTC, datetime

    from bot.clock import ManualClock
    from bot.core.refs import DISCORD, CommunityRef, MemberRef
    from bot.knowledge import KnowledgeService

    db = await open_database(tmp_path / "studybot.sqlite3")
    guild = CommunityRef(DISCORD, "555")
    service = KnowledgeService(load_catalog(), db, ManualClock(datetime(2026, 1, 1, tzinfo=UTC)))
    added = await service.faq_add(guild, Actor(MemberRef(guild, "1"), is_moderator=True), "mod",
                                  "모각코 장소는 어디예요?", "강남역 스터디 카페예요.", None, None)
    await db.close()
    monkeypatch.setenv("STUDYBOT_DATA_DIR", str(tmp_path))
    # asyncio.run inside the CLI needs its own thread while this test's loop runs.
    import asyncio

    code = await asyncio.to_thread(run, ["ask", "모각코 장소 어디", "--json", "--guild", "555"])
    assert code == 0
    assert json.loads(capsys.readouterr().out)["results"][0]["id"] == added.id
    code = await asyncio.to_thread(run, ["ask", "모각코 장소 어디", "--json"])
    assert json.loads(capsys.readouterr().out)["results"] == []
