"""Load and check the knowledge catalog: every ``*.yaml`` under ``content/catalog/``.

Files are parsed with ``yaml.safe_load`` only, after a cheap token scan that
refuses what a hand-written catalog never needs and a hostile one abuses:
anchors and aliases (the "billion laughs" expansion), very deep nesting, and
files over ``MAX_FILE_BYTES``. Every problem found, in any file, is collected
into one ``CatalogError`` so an editor sees them all at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from content.schema import CatalogFile, Entry

CATALOG_DIR = Path(__file__).resolve().parent / "catalog"
# The largest shipped file is ~60 KB; a megabyte leaves room and bounds the work.
MAX_FILE_BYTES = 1_000_000
MAX_NESTING = 16  # the schema nests 5 levels deep
NO_ID = "-"
NO_FIELD = "-"

# The ids promised by shared/content-topics.md: benchmarks, acceptance checks and
# the bot itself look entries up by them, so a catalog without one is broken.
REQUIRED_IDS: tuple[str, ...] = (
    "role.research-scientist",
    "role.applied-research-scientist",
    "role.data-scientist",
    "role.ai-red-team",
    "player.researcher",
    "player.applied-researcher",
    "player.engineer",
    "player.domain-expert",
    "tip.problem-solving",
    "tip.communication",
    "tip.math-english-programming",
    "tip.choose-your-track",
    "tip.self-branding",
    "qa.demand-outlook",
    "qa.degree-required",
    "qa.undergrad-vs-grad",
    "qa.masters-self-doubt",
    "qa.phd-advice",
    "qa.engineer-classes",
    "qa.new-hire-profile",
    "qa.beyond-deep-learning",
    "qa.resume-useless-items",
    "qa.what-is-dl-player",
    "qa.competencies",
    "qa.cs-undergrad-start",
    "qa.solo-study-portfolio",
)

_OPENERS = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSERS = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
# libyaml's scanner is ~10x faster than the pure-Python one; both yield the same tokens.
_SCAN_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class CatalogProblem:
    """One thing wrong with the catalog, located as precisely as we can."""

    file: str
    entry_id: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry_id}: {self.field}: {self.message}"


class CatalogError(Exception):
    """The catalog cannot be used; ``problems`` lists every reason found."""

    def __init__(self, problems: Sequence[CatalogProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class KnowledgeCatalog:
    """The loaded, checked entries, in file-name then file order."""

    entries: tuple[Entry, ...]
    files: tuple[str, ...] = ()
    _by_id: Mapping[str, Entry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {entry.id: entry for entry in self.entries})

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id

    def get(self, entry_id: str) -> Entry | None:
        """The entry with ``entry_id``, or None."""
        return self._by_id.get(entry_id)

    def ids(self) -> list[str]:
        """Every id, in catalog order."""
        return [entry.id for entry in self.entries]


def load_catalog(path: Path | None = None) -> KnowledgeCatalog:
    """Load ``path`` (a YAML file or a directory of them; default: the shipped
    catalog) and check it as a whole. Raises ``CatalogError`` listing every problem."""
    root = path or CATALOG_DIR
    problems: list[CatalogProblem] = []
    if root.is_dir():
        files = sorted(root.glob("*.yaml"))
        if not files:
            problems.append(CatalogProblem(str(root), NO_ID, NO_FIELD, "no *.yaml files found"))
    elif root.is_file():
        files = [root]
    else:
        missing = CatalogProblem(str(root), NO_ID, NO_FIELD, "no such file or directory")
        raise CatalogError([missing])

    located: list[tuple[str, Entry]] = []
    invalid_ids: set[str] = set()
    for file in files:
        entries, file_problems, file_invalid_ids = _load_file(file)
        problems.extend(file_problems)
        located.extend((str(file), entry) for entry in entries)
        invalid_ids.update(file_invalid_ids)
    problems.extend(_cross_entry_problems(located, invalid_ids, str(root)))
    if problems:
        raise CatalogError(problems)
    return KnowledgeCatalog(tuple(entry for _, entry in located), tuple(map(str, files)))


def _load_file(path: Path) -> tuple[list[Entry], list[CatalogProblem], list[str]]:
    """The valid entries of ``path``, its problems, and the ids of its invalid entries
    (so that references to them are not reported again as unknown)."""
    name = str(path)

    def problem(message: str, entry_id: str = NO_ID, where: str = NO_FIELD) -> CatalogProblem:
        return CatalogProblem(name, entry_id, where, message)

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return [], [problem(f"file is {size} bytes; the limit is {MAX_FILE_BYTES}")], []
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        return [], [problem(f"cannot be read ({exc.strerror or exc})")], []
    except UnicodeDecodeError as exc:
        return [], [problem(f"not UTF-8 text (byte {exc.start})")], []

    refusal = _refuse_hostile_yaml(text)
    if refusal:
        return [], [problem(refusal)], []
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return [], [problem(f"not valid YAML: {_one_line(exc)}")], []
    except (ValueError, TypeError, RecursionError) as exc:
        # e.g. an integer longer than Python's digit limit, an invalid date
        return [], [problem(f"YAML value cannot be read: {_one_line(exc)}")], []

    if not isinstance(raw, dict):
        return [], [problem("the top level must be a mapping with an 'entries' list")], []
    problems = [
        problem(f"unknown key {key!r}; accepted: {', '.join(CatalogFile.model_fields)}",
                where=str(key))
        for key in raw
        if key not in CatalogFile.model_fields
    ]
    items = raw.get("entries")
    if not isinstance(items, list) or not items:
        problems.append(problem("must be a non-empty list of entries", where="entries"))
        return [], problems, []

    entries: list[Entry] = []
    invalid_ids: list[str] = []
    for index, item in enumerate(items):
        entry_id = _raw_id(item, index)
        try:
            entries.append(Entry.model_validate(item))
        except ValidationError as exc:
            invalid_ids.append(entry_id)
            for error in exc.errors():
                where = ".".join(str(part) for part in error["loc"]) or "entry"
                message = str(error["msg"]).removeprefix("Value error, ")
                problems.append(problem(message, entry_id, where))
    return entries, problems, invalid_ids


def _refuse_hostile_yaml(text: str) -> str | None:
    """Why ``text`` is refused before it is loaded, or None when it may be loaded."""
    depth = 0
    try:
        for token in yaml.scan(text, Loader=_SCAN_LOADER):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                line = token.start_mark.line + 1
                return f"anchors and aliases (&name, *name) are not allowed (line {line})"
            if isinstance(token, _OPENERS):
                depth += 1
                if depth > MAX_NESTING:
                    line = token.start_mark.line + 1
                    return f"nested more than {MAX_NESTING} levels deep (line {line})"
            elif isinstance(token, _CLOSERS):
                depth -= 1
    except yaml.YAMLError as exc:
        return f"not valid YAML: {_one_line(exc)}"
    return None


def _raw_id(item: object, index: int) -> str:
    if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"].strip():
        return str(item["id"])
    return f"entries[{index}]"


def _cross_entry_problems(
    located: list[tuple[str, Entry]], invalid_ids: set[str], root: str,
) -> list[CatalogProblem]:
    problems: list[CatalogProblem] = []
    first_file: dict[str, str] = {}
    for file, entry in located:
        if entry.id in first_file:
            problems.append(CatalogProblem(
                file, entry.id, "id", f"duplicate id (first defined in {first_file[entry.id]})"))
        else:
            first_file[entry.id] = file
    for file, entry in located:
        for position, related in enumerate(entry.related):
            if related not in first_file and related not in invalid_ids:
                problems.append(CatalogProblem(
                    file, entry.id, f"related.{position}", f"unknown entry id {related!r}"))
        if len(set(entry.related)) != len(entry.related):
            problems.append(CatalogProblem(file, entry.id, "related", "lists an id twice"))
    for required in REQUIRED_IDS:
        if required not in first_file and required not in invalid_ids:
            problems.append(CatalogProblem(
                root, required, "id", "required entry is missing (see the content topics list)"))
    return problems


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]
