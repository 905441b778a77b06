"""The shipped catalog loads and is complete; broken or hostile YAML gives a
CatalogError naming file, entry and field, never a crash or a hang."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.loader import (
    CATALOG_DIR,
    MAX_FILE_BYTES,
    MAX_NESTING,
    REQUIRED_IDS,
    CatalogError,
    CatalogProblem,
    load_catalog,
)
from content.schema import BODY_LIMIT


def test_every_shipped_file_loads() -> None:
    files = sorted(CATALOG_DIR.glob("*.yaml"))
    assert files
    catalog = load_catalog()
    assert sorted(catalog.files) == sorted(map(str, files))
    assert len(catalog) == len(set(catalog.ids()))


@pytest.mark.parametrize("entry_id", REQUIRED_IDS)
def test_required_entry_exists_in_both_languages(entry_id: str) -> None:
    entry = load_catalog().get(entry_id)
    assert entry is not None
    for text in (entry.ko, entry.en):
        assert text.title.strip() and text.summary.strip() and text.body.strip()
        assert len(text.body) < BODY_LIMIT
    assert any("\uac00" <= char <= "\ud7a3" for char in entry.ko.body)


def test_required_ids_match_the_topics_list() -> None:
    topics = Path(__file__).resolve().parents[4] / "shared" / "content-topics.md"
    if not topics.exists():
        pytest.skip("shared/content-topics.md is not beside the repository")
    listed = {line.split("|")[1].strip() for line in topics.read_text("utf-8").splitlines()
              if line.startswith("| ") and "." in line.split("|")[1]}
    assert listed == set(REQUIRED_IDS)


def valid_entry(entry_id: str = "qa.test-entry", **changes: Any) -> dict[str, Any]:
    text = {"title": "제목", "summary": "요약", "body": "본문", "keywords": ["키워드"]}
    entry: dict[str, Any] = {
        "id": entry_id, "kind": entry_id.split(".")[0], "ko": dict(text),
        "en": {"title": "Title", "summary": "Summary", "body": "Body"},
        "source": {"document": "doc.txt", "section": "1.1"},
    }
    entry.update(changes)
    return entry


def write(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def problems(path: Path) -> tuple[CatalogProblem, ...]:
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    return caught.value.problems


def shipped_entries() -> list[dict[str, Any]]:
    return [entry.model_dump() for entry in load_catalog()]


def test_a_copy_of_the_shipped_catalog_loads(tmp_path: Path) -> None:
    write(tmp_path / "all.yaml", {"entries": shipped_entries()})
    assert len(load_catalog(tmp_path)) == len(load_catalog())


def test_wrong_type_names_file_entry_and_field(tmp_path: Path) -> None:
    broken = valid_entry()
    broken["ko"]["title"] = 42
    path = write(tmp_path / "bad.yaml", {"entries": [broken]})
    found = [p for p in problems(path) if p.entry_id == "qa.test-entry"]
    assert found[0].file == str(path)
    assert found[0].field == "ko.title"
    assert str(found[0]).startswith(f"{path}: qa.test-entry: ko.title: ")


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    first = valid_entry("qa.first", extra_key=1)
    second = valid_entry("qa.second", related=["qa.nowhere"])
    second["en"]["body"] = "x" * (BODY_LIMIT + 1)
    path = write(tmp_path / "bad.yaml", {"entries": [first, second], "version": 2})
    found = {(p.entry_id, p.field) for p in problems(path)}
    assert ("qa.first", "extra_key") in found
    assert ("qa.second", "en.body") in found
    assert ("-", "version") in found
    # the required ids are checked too, and each missing one is named
    assert {entry_id for entry_id in REQUIRED_IDS} <= {entry_id for entry_id, _ in found}


def test_cross_entry_rules(tmp_path: Path) -> None:
    entries = shipped_entries()
    entries[0]["related"] = [*entries[0]["related"], "qa.does-not-exist"]
    write(tmp_path / "a.yaml", {"entries": entries})
    write(tmp_path / "b.yaml", {"entries": [entries[1]]})
    found = problems(tmp_path)
    assert any(p.entry_id == entries[0]["id"] and p.field.startswith("related.")
               and "qa.does-not-exist" in p.message for p in found)
    duplicate = [p for p in found if p.entry_id == entries[1]["id"] and p.field == "id"]
    assert duplicate and duplicate[0].file == str(tmp_path / "b.yaml")


def test_missing_required_entry_is_named(tmp_path: Path) -> None:
    entries = [e for e in shipped_entries() if e["id"] != "qa.phd-advice"]
    for entry in entries:
        entry["related"] = [r for r in entry["related"] if r != "qa.phd-advice"]
    write(tmp_path / "all.yaml", {"entries": entries})
    assert [(p.entry_id, p.field) for p in problems(tmp_path)] == [("qa.phd-advice", "id")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("entries: [\n  {id: qa.x", "not valid YAML"),
        ("- just\n- a list\n", "top level must be a mapping"),
        ("entries: []\n", "non-empty list"),
        ("entries: !!python/object/apply:os.system ['echo hacked']\n", "not valid YAML"),
        ("entries:\n  - 12345\n", "valid dictionary"),
        ("x: 1e99999999999999999999999999999999\n", "unknown key"),
        ("a: 1\n---\nb: 2\n", "not valid YAML"),
        (f"n: {'9' * 5000}\n", "cannot be read"),
    ],
)
def test_broken_yaml_is_a_clear_error(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    messages = " / ".join(p.message for p in problems(path) if p.file == str(path))
    assert expected in messages


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        previous = chr(ord("a") + level - 1)
        current = chr(ord("a") + level)
        lines.append(f"{current}: &{current} [{', '.join(['*' + previous] * 9)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.perf_counter()
    found = problems(path)
    assert time.perf_counter() - start < 1.0
    assert "anchors and aliases" in found[0].message


def test_nesting_past_our_limit_is_refused_with_our_message(tmp_path: Path) -> None:
    # One level past MAX_NESTING, far below any YAML library's own limit, so the
    # message checked is ours whatever PyYAML release is installed.
    levels = MAX_NESTING + 1
    flow = tmp_path / "flow.yaml"
    flow.write_text("entries: " + "[" * levels + "]" * levels + "\n", encoding="utf-8")
    block = tmp_path / "block.yaml"
    block.write_text(
        "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(levels)) + f"{'  ' * levels}x\n",
        encoding="utf-8",
    )
    for path in (flow, block):
        assert f"nested more than {MAX_NESTING} levels deep" in problems(path)[0].message
    at_limit = tmp_path / "at_limit.yaml"
    depth = MAX_NESTING - 1  # the top-level mapping is one level already
    at_limit.write_text("entries: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    assert all("nested more than" not in found.message for found in problems(at_limit))


def test_very_deep_nesting_and_huge_files_are_refused(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("entries: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    # Refused before it is loaded, by our check or by the YAML library's own limit.
    assert problems(deep)[0].file == str(deep)
    huge = tmp_path / "huge.yaml"
    huge.write_text("# " + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    assert "limit" in problems(huge)[0].message


def test_not_utf8_and_missing_paths(tmp_path: Path) -> None:
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"entries: \xff\xfe\n")
    assert "not UTF-8" in problems(binary)[0].message
    assert "no such file" in problems(tmp_path / "nowhere")[0].message
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no *.yaml files" in problems(empty)[0].message


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError):
        load_catalog(path)
