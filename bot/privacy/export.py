"""A member's data as files: one JSON document and a zip with one CSV per table."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.core.refs import MemberRef

EXPORT_FORMAT = 1


@dataclass(frozen=True, slots=True)
class ExportFile:
    filename: str
    content: bytes


@dataclass(frozen=True, slots=True)
class MemberExport:
    """Everything stored about one member in one community, by table."""

    member: MemberRef
    exported_at: datetime
    tables: Mapping[str, Sequence[Mapping[str, Any]]]

    @property
    def row_count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())

    def document(self) -> dict[str, Any]:
        """The JSON document: who, when, and every table's rows."""
        return {
            "format": EXPORT_FORMAT,
            "platform": self.member.community.platform,
            "community": self.member.community.external_id,
            "member": self.member.external_id,
            "exported_at": self.exported_at.isoformat(),
            "tables": {table: [dict(row) for row in rows] for table, rows in self.tables.items()},
        }

    def json_file(self) -> ExportFile:
        text = json.dumps(self.document(), ensure_ascii=False, indent=2, sort_keys=False)
        return ExportFile(f"{self._stem()}.json", text.encode("utf-8"))

    def csv_zip(self) -> ExportFile:
        """One ``<table>.csv`` per table (a header only where nothing is stored)."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table, rows in self.tables.items():
                archive.writestr(f"{table}.csv", table_csv(rows))
        return ExportFile(f"{self._stem()}-csv.zip", buffer.getvalue())

    def files(self) -> list[ExportFile]:
        return [self.json_file(), self.csv_zip()]

    def _stem(self) -> str:
        return f"studybot-data-{self.member.community.external_id}-{self.member.external_id}"


def table_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    """Rows as CSV with a header (UTF-8 with a BOM so spreadsheet apps read Korean)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    columns = list(rows[0]) if rows else []
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[c] is None else row[c] for c in columns])
    return buffer.getvalue()
