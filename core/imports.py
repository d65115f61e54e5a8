"""One import path for every django-import-export resource: read, check columns, dry-run, write.

Files are checked by content (an .xlsx is a ZIP archive), never by name. All rows are validated
before anything is written; the real import runs in one transaction, so a file with one bad row
changes nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import tablib
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from import_export.results import RowResult

XLSX_MAGIC = b"PK\x03\x04"


class ImportFileError(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class ImportOutcome:
    totals: dict[str, int] = field(default_factory=dict)
    row_errors: list[tuple[int, list[str]]] = field(default_factory=list)
    rows: list[tuple[int, str, list]] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.row_errors


def dataset_from_bytes(content: bytes) -> tablib.Dataset:
    if len(content) > settings.IMPORT_MAX_BYTES:
        raise ImportFileError([_("The file is too large (at most 2 MB).")])
    if not content.strip():
        raise ImportFileError([_("The file is empty.")])
    if content.startswith(XLSX_MAGIC):
        try:
            return tablib.Dataset().load(io.BytesIO(content), format="xlsx")
        except Exception as exc:  # noqa: BLE001 - any parse failure is the file's fault
            raise ImportFileError([_("The Excel file could not be read.")]) from exc
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError([_("The file is neither an Excel file (.xlsx) nor a CSV file in UTF-8.")]) from exc
    if "\x00" in text:
        raise ImportFileError([_("The file is neither an Excel file (.xlsx) nor a CSV file in UTF-8.")])
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    try:
        return tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except Exception as exc:  # noqa: BLE001
        raise ImportFileError([_("The CSV file could not be read.")]) from exc


def column_problems(*, present: list[str], expected: list[str], required, twice=(), joiner: str = ", ") -> list[str]:
    """What is wrong with a file's headings (missing, unknown, repeated), each a message, ending with
    the columns expected; empty when the headings are right."""
    missing = [c for c in required if c not in present]
    unknown = [c for c in present if c not in expected]
    messages = []
    if missing:
        messages.append(_("The file lacks the columns: %(cols)s.") % {"cols": ", ".join(missing)})
    if unknown:
        messages.append(_("Unknown columns: %(cols)s.") % {"cols": ", ".join(unknown)})
    if twice:
        messages.append(_("Columns that appear twice: %(cols)s.") % {"cols": ", ".join(twice)})
    if messages:
        messages.append(_("Expected columns: %(cols)s.") % {"cols": joiner.join(expected)})
    return messages


def check_columns(resource, dataset: tablib.Dataset) -> None:
    expected = [f.column_name for f in resource.get_import_fields()]
    present = [str(h).strip() for h in (dataset.headers or [])]
    dataset.headers = present
    messages = column_problems(present=present, expected=expected, required=resource.required_columns)
    if messages:
        raise ImportFileError(messages)
    if not len(dataset):
        raise ImportFileError([_("The file has column headings but no rows.")])


def _messages(errors) -> list[str]:
    out = []
    for field_name, msgs in errors.items():
        for msg in msgs:
            out.append(str(msg) if field_name == "__all__" else f"{field_name}: {msg}")
    return out


def import_run(*, resource, dataset: tablib.Dataset, dry_run: bool) -> ImportOutcome:
    """Validate every row (dry run), or write them all in one transaction."""
    check_columns(resource, dataset)
    with transaction.atomic():
        result = resource.import_data(dataset, dry_run=True, raise_errors=False, use_transactions=True)
        outcome = ImportOutcome(totals=dict(result.totals), headers=list(dataset.headers))
        # Row numbers are spreadsheet lines: line 1 holds the headings.
        for row in result.invalid_rows:
            outcome.row_errors.append((row.number + 1, _messages(row.error_dict)))
        for row in result.error_rows:
            outcome.row_errors.append((row.number + 1, [str(e.error) for e in row.errors]))
        outcome.row_errors.sort()
        for i, (row_result, values) in enumerate(zip(result.rows, dataset, strict=False), 2):
            outcome.rows.append((i, row_result.import_type, list(values)))
        if dry_run or not outcome.ok:
            return outcome
        resource.import_data(dataset, dry_run=False, raise_errors=True, use_transactions=True)
    return outcome


ROW_TYPE_LABELS = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "update",
    RowResult.IMPORT_TYPE_SKIP: "skip",
    RowResult.IMPORT_TYPE_ERROR: "error",
    RowResult.IMPORT_TYPE_INVALID: "invalid",
}
