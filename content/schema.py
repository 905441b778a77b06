"""The schema every catalog entry follows (validated with pydantic at load time)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# Discord embeds allow 4,096 characters in a description; keep a margin.
BODY_LIMIT = 4000
ENTRY_ID = re.compile(r"^[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$")

Kind = Literal["role", "player", "tip", "qa"]


class LocalizedText(BaseModel):
    """One language's version of an entry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1, max_length=256)
    summary: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=1, max_length=BODY_LIMIT)
    keywords: list[str] = Field(default_factory=list)
    # Example research questions (role entries), usable as discussion prompts.
    research_questions: list[str] = Field(default_factory=list)

    @field_validator("title", "summary")
    @classmethod
    def _single_line(cls, value: str) -> str:
        if "\n" in value.strip():
            raise ValueError("must be a single line")
        return value.strip()


class Source(BaseModel):
    """Where the facts of an entry come from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    document: str = Field(min_length=1)
    section: str = Field(min_length=1)
    thin: bool = False  # True when the source has little more than a heading
    link: str | None = Field(default=None, pattern=r"^https://")  # the original, when known


class Entry(BaseModel):
    """One catalog entry with its Korean and English versions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: Kind
    ko: LocalizedText
    en: LocalizedText
    related: list[str] = Field(default_factory=list)
    source: Source

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not ENTRY_ID.match(value):
            raise ValueError("id must look like 'kind.some-name' (lowercase, dots and dashes)")
        return value

    @model_validator(mode="after")
    def _kind_matches_id(self) -> Entry:
        if self.id.split(".", 1)[0] != self.kind:
            raise ValueError(f"id {self.id!r} must start with its kind {self.kind!r}")
        if self.kind == "role" and not (self.ko.research_questions and self.en.research_questions):
            if not self.source.thin:
                raise ValueError("role entries need research_questions in both languages")
        if self.id in self.related:
            raise ValueError("an entry cannot be related to itself")
        return self

    def text(self, lang: str) -> LocalizedText:
        """The version in ``lang`` ('ko' or 'en')."""
        return self.ko if lang == "ko" else self.en


class CatalogFile(BaseModel):
    """The top level of one YAML file under ``content/catalog/``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entries: list[Entry] = Field(min_length=1)
