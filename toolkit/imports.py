"""Paper forms in: years of «Hva er viktig for meg» forms typed into a spreadsheet, imported at once.

The file has one row per score: `kode;samtale;dato;område;skår` (the team's code for the person,
the conversation number 1, 2, 3 …, its date dd.mm.yyyy, the area or activity in the person's own
words, and the score 1–10, 1 = most difficult). CSV (semicolon or comma, UTF-8 with or without BOM)
or Excel (.xlsx), recognised by content as in core.imports.

Every row is checked first and every error is reported with its row number as the spreadsheet
shows it (the headings are row 1). Then everything is written in one transaction through the
toolkit's own services (service_user_create, conversation_record), so the rules and the audit log
are those of the web forms, or nothing is written at all. An import only adds conversations: a
conversation number a person already has is an error, never silently merged.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from core.identity import looks_like_full_name, refuse_national_id
from core.imports import XLSX_MAGIC, ImportFileError, column_problems, dataset_from_bytes
from core.models import User
from teams.models import Team
from toolkit import scoring
from toolkit.models import SCORE_MAX, SCORE_MIN, LifeArea, ServiceUser
from toolkit.services import conversation_record, service_user_create

CODE, NUMBER, DATE, AREA, SCORE = COLUMNS = ("kode", "samtale", "dato", "område", "skår")
MAX_CONVERSATION = 99  # more conversations than this with one person is a typing error
_CODE_MAX = ServiceUser._meta.get_field("code").max_length
_AREA_MAX = LifeArea._meta.get_field("name").max_length
_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_WHOLE = re.compile(r"^\d+$")

# A row as read from the file, JSON-safe (kept in the session between preview and confirm):
# [row number, kode, samtale, dato, område, skår, number of values beyond the named columns].
SourceRow = list


@dataclass
class PlannedConversation:
    """One conversation the import will record."""

    code: str
    new_person: bool
    number: int
    held_on: datetime.date
    scores: list[tuple[str, int]] = field(default_factory=list)  # (area, score) in file order
    rows: list[int] = field(default_factory=list)

    @property
    def first_row(self) -> int:
        return self.rows[0]

    @property
    def average(self) -> Decimal | None:
        return scoring.average(s for _a, s in self.scores)


@dataclass
class ImportResult:
    source_rows: list[SourceRow] = field(default_factory=list)
    plan: list[PlannedConversation] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message), by row
    warnings: list[tuple[int, str]] = field(default_factory=list)  # names that look like a person's
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def people_new(self) -> int:
        return len({p.code.lower() for p in self.plan if p.new_person})

    @property
    def people_updated(self) -> int:
        return len({p.code.lower() for p in self.plan if not p.new_person})

    @property
    def conversations(self) -> int:
        return len(self.plan)

    @property
    def scores(self) -> int:
        return sum(len(p.scores) for p in self.plan)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "people_new": self.people_new,
            "people_updated": self.people_updated,
            "conversations": self.conversations,
            "scores": self.scores,
        }


# --- Reading the file -------------------------------------------------------------------------------
def _cell(value) -> str:
    """A cell as text: Excel dates as dd.mm.yyyy, whole numbers without «.0»."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(content: bytes) -> list[list[str]]:
    """The file's rows as lists of text, one list per spreadsheet row (blank rows kept, so the
    row numbers are those the spreadsheet shows)."""
    if len(content) > settings.IMPORT_MAX_BYTES or not content.strip() or content.startswith(XLSX_MAGIC):
        # Too large, empty or Excel: the shared reader gives the same checks and messages.
        dataset = dataset_from_bytes(content)
        return [[_cell(h) for h in dataset.headers or []]] + [[_cell(v) for v in row] for row in dataset]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError([_("The file is neither an Excel file (.xlsx) nor a CSV file in UTF-8.")]) from exc
    if "\x00" in text:
        raise ImportFileError([_("The file is neither an Excel file (.xlsx) nor a CSV file in UTF-8.")])
    first_line = text.lstrip("\r\n").splitlines()[0]
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=";,").delimiter
    except csv.Error:
        delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        return [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise ImportFileError([_("The CSV file could not be read.")]) from exc


def read_rows(content: bytes) -> list[SourceRow]:
    """The file's score rows, after checking its headings (ImportFileError when they are wrong)."""
    table = _table(content)
    header_row = 1  # the spreadsheet's row number of the headings (below any blank rows)
    while table and not any(v.strip() for v in table[0]):
        table.pop(0)
        header_row += 1
    if not table:
        raise ImportFileError([_("The file is empty.")])
    headers = [h.strip().lower() for h in table[0]]
    named = [h for h in headers if h]
    messages = column_problems(
        present=named,
        expected=list(COLUMNS),
        required=COLUMNS,
        twice=sorted({h for h in named if named.count(h) > 1}),
        joiner=";",
    )
    if messages:
        raise ImportFileError(messages)
    position = {h: i for i, h in enumerate(headers) if h}
    rows: list[SourceRow] = []
    for offset, values in enumerate(table[1:], start=header_row + 1):
        if not any(v.strip() for v in values):
            continue
        cells = [values[position[c]] if position[c] < len(values) else "" for c in COLUMNS]
        extra = sum(1 for i, v in enumerate(values) if i not in position.values() and v.strip())
        rows.append([offset, *cells, extra])
    if not rows:
        raise ImportFileError([_("The file has column headings but no rows.")])
    return rows


def _source_rows(rows_or_file) -> list[SourceRow]:
    """Rows from file content (bytes or a file object), from rows read before (the session), or
    from mappings {column: value} (numbered 2, 3, … unless they carry «rad»)."""
    if isinstance(rows_or_file, bytes | bytearray):
        return read_rows(bytes(rows_or_file))
    if hasattr(rows_or_file, "read"):
        return read_rows(rows_or_file.read())
    rows = []
    for i, row in enumerate(rows_or_file, start=2):
        if isinstance(row, Mapping):
            rows.append([int(row.get("rad", i)), *(_cell(row.get(c)) for c in COLUMNS), 0])
        else:
            line, *cells, extra = row
            rows.append([int(line), *(_cell(c) for c in cells), int(extra)])
    return rows


# --- Checking ---------------------------------------------------------------------------------------
@dataclass
class _Row:
    line: int
    code: str
    number: int
    held_on: datetime.date
    area: str
    score: int


def _shown(value: str) -> str:
    return value if len(value) <= 30 else value[:29] + "…"


def _whole(value: str) -> int | None:
    return int(value) if _WHOLE.match(value) else None


def _check_row(row: SourceRow, today: datetime.date) -> tuple[_Row | None, list[str]]:
    line, code, number, held_on, area, score, extra = row
    errors: list[str] = []
    if extra:
        errors.append(
            _(
                "The row has more values than there are columns. If a value holds the separator, "
                "put the value in quotes."
            )
        )
    # A national identity number is never repeated back, whatever column it was typed in.
    with_id = set()
    for column, value in zip(COLUMNS, (code, number, held_on, area, score), strict=True):
        try:
            refuse_national_id(value)
        except ValidationError as exc:
            with_id.add(column)
            errors.extend(f"{column}: {m}" for m in exc.messages)
    if CODE not in with_id:
        if not code:
            errors.append(_("kode is empty: write the team's code for the person, e.g. B-07."))
        elif len(code) > _CODE_MAX:
            errors.append(_("kode is longer than %(max)s characters.") % {"max": _CODE_MAX})
    parsed_number = _whole(number)
    if NUMBER not in with_id and (parsed_number is None or parsed_number < 1):
        errors.append(
            _("samtale must be a whole number from 1 (1, 2, 3 …), not «%(value)s».") % {"value": _shown(number)}
        )
    elif parsed_number is not None and parsed_number > MAX_CONVERSATION:
        errors.append(
            _("samtale is %(value)s; at most %(max)s conversations are recorded.")
            % {"value": parsed_number, "max": MAX_CONVERSATION}
        )
    parsed_date = None
    if DATE not in with_id:
        match = _DATE.match(held_on)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                parsed_date = datetime.date(year, month, day)
            except ValueError:
                parsed_date = None
        if parsed_date is None:
            errors.append(
                _("dato «%(value)s» is not a date: write it as dd.mm.yyyy, e.g. 05.03.2024.")
                % {"value": _shown(held_on)}
            )
        elif parsed_date > today:
            errors.append(
                _("dato %(date)s is in the future: a conversation is recorded after it was held.")
                % {"date": parsed_date.strftime("%d.%m.%Y")}
            )
    if AREA not in with_id:
        if not area:
            errors.append(_("område is empty: write the area or activity in the person's own words."))
        elif len(area) > _AREA_MAX:
            errors.append(_("område is longer than %(max)s characters.") % {"max": _AREA_MAX})
    parsed_score = _whole(score)
    if SCORE not in with_id and (parsed_score is None or not SCORE_MIN <= parsed_score <= SCORE_MAX):
        errors.append(
            _("skår must be a whole number from 1 (most difficult) to 10, not «%(value)s».") % {"value": _shown(score)}
        )
    if errors:
        return None, errors
    return _Row(line, code, parsed_number, parsed_date, area, parsed_score), []


def _name_warning(text: str) -> str | None:
    name = looks_like_full_name(text)
    if not name:
        return None
    return _("«%(text)s» looks like a person's name. Records are pseudonymous: use a code, a service or a role.") % {
        "text": name
    }


def _date_order_errors(
    code: str, planned: list[PlannedConversation], stored: Mapping[int, datetime.date]
) -> list[tuple[int, str]]:
    """A later conversation dated before an earlier one, in the file or against what is stored
    (the same rule as services.conversation_record: equal dates are allowed)."""
    dates = {**stored, **{p.number: p.held_on for p in planned}}
    errors = []
    for p in planned:
        for other, day in sorted(dates.items()):
            if (other < p.number and day > p.held_on) or (other > p.number and day < p.held_on and other in stored):
                message = _(
                    "Conversation %(number)s cannot be dated %(date)s: conversation %(other)s was on %(other_date)s."
                ) % {
                    "number": p.number,
                    "date": p.held_on.strftime("%d.%m.%Y"),
                    "other": other,
                    "other_date": day.strftime("%d.%m.%Y"),
                }
                errors.append((p.first_row, f"{code}: {message}"))
                break
    return errors


def _check(team: Team, source: list[SourceRow]) -> ImportResult:
    result = ImportResult(source_rows=source)
    today = timezone.localdate()
    good: list[_Row] = []
    for row in source:
        parsed, errors = _check_row(row, today)
        result.errors.extend((row[0], e) for e in errors)
        if parsed is not None:
            good.append(parsed)

    # The people already in the team with the codes of the file (codes match whatever the case).
    keys = {r.code.lower() for r in good}
    existing = {
        p.code_key: p
        for p in ServiceUser.objects.filter(team=team)
        .annotate(code_key=Lower("code"))
        .filter(code_key__in=keys)
        .prefetch_related("conversations")
    }

    # Group the rows into conversations (person, number), checking one date and each area once.
    planned: dict[tuple[str, int], PlannedConversation] = {}
    areas_seen: dict[tuple[str, int, str], int] = {}
    warned: set[str] = set()
    first_code: dict[str, str] = {}  # a new person gets the code as first written in the file
    for r in good:
        key = r.code.lower()
        person = existing.get(key)
        first_code.setdefault(key, person.code if person else r.code)
        conversation = planned.get((key, r.number))
        if conversation is None:
            conversation = planned[(key, r.number)] = PlannedConversation(
                code=first_code[key],
                new_person=person is None,
                number=r.number,
                held_on=r.held_on,
            )
        elif conversation.held_on != r.held_on:
            result.errors.append(
                (
                    r.line,
                    _(
                        "Conversation %(number)s of %(code)s is dated %(other_date)s in row %(other_row)s and "
                        "%(date)s here; a conversation has one date."
                    )
                    % {
                        "number": r.number,
                        "code": conversation.code,
                        "other_date": conversation.held_on.strftime("%d.%m.%Y"),
                        "other_row": conversation.first_row,
                        "date": r.held_on.strftime("%d.%m.%Y"),
                    },
                )
            )
            continue
        area_key = (key, r.number, r.area.lower())
        if area_key in areas_seen:
            result.errors.append(
                (
                    r.line,
                    _("«%(area)s» is scored twice in conversation %(number)s of %(code)s (also in row %(other_row)s).")
                    % {
                        "area": r.area,
                        "number": r.number,
                        "code": conversation.code,
                        "other_row": areas_seen[area_key],
                    },
                )
            )
            continue
        areas_seen[area_key] = r.line
        conversation.scores.append((r.area, r.score))
        conversation.rows.append(r.line)
        for text in (r.code, r.area):
            warning = _name_warning(text)
            if warning and text.lower() not in warned:
                warned.add(text.lower())
                result.warnings.append((r.line, warning))

    by_person: dict[str, list[PlannedConversation]] = defaultdict(list)
    for (key, _number), conversation in planned.items():
        by_person[key].append(conversation)
    for key, conversations in by_person.items():
        person = existing.get(key)
        stored = {c.number: c.held_on for c in person.conversations.all()} if person else {}
        for c in conversations:
            if c.number in stored:
                result.errors.append(
                    (
                        c.first_row,
                        _(
                            "Conversation %(number)s of %(code)s is already recorded. An import only adds new "
                            "conversations: correct a recorded one on the person's page."
                        )
                        % {"number": c.number, "code": c.code},
                    )
                )
        fresh = [c for c in conversations if c.number not in stored]
        result.errors.extend(_date_order_errors(conversations[0].code, fresh, stored))

    result.errors.sort(key=lambda e: e[0])
    result.warnings.sort(key=lambda w: w[0])
    result.plan = sorted(planned.values(), key=lambda c: (c.first_row, c.number))
    return result


# --- The service --------------------------------------------------------------------------------------
class _WriteRefused(Exception):
    def __init__(self, row: int, messages: list[str]):
        super().__init__("; ".join(messages))
        self.row = row
        self.messages = messages


def toolkit_import(*, team: Team, rows_or_file, by: User | None, dry_run: bool = False) -> ImportResult:
    """Check every row, then record all the conversations in one transaction, or nothing.

    `rows_or_file`: the file's content (bytes or a file object), or `result.source_rows` of an
    earlier preview. File-level problems (not a CSV/Excel file, wrong headings, no rows) raise
    ImportFileError; row problems come back in `result.errors` and nothing is written. With
    `dry_run`, nothing is written either way (the preview)."""
    result = _check(team, _source_rows(rows_or_file))
    if dry_run or not result.ok:
        return result
    try:
        with transaction.atomic():
            _write(team, result.plan, by)
    except _WriteRefused as exc:  # the team's records changed between the check and the write
        result.errors.extend((exc.row, m) for m in exc.messages)
        return result
    result.written = True
    return result


def _write(team: Team, plan: list[PlannedConversation], by: User | None) -> None:
    """Through the services, person by person and conversation by conversation in number order
    (an area new in the 1st conversation is an existing area in the 2nd)."""
    people: dict[str, ServiceUser] = {}
    for conversation in sorted(plan, key=lambda c: (c.code.lower(), c.number)):
        key = conversation.code.lower()
        try:
            person = people.get(key)
            if person is None:
                person = ServiceUser.objects.filter(team=team, code__iexact=conversation.code).first()
                if person is None:
                    person, _warnings = service_user_create(team=team, code=conversation.code, by=by)
                people[key] = person
            areas = {a.name.lower(): a.pk for a in person.areas.all()}
            conversation_record(
                service_user=person,
                held_on=conversation.held_on,
                number=conversation.number,
                scores={areas[a.lower()]: s for a, s in conversation.scores if a.lower() in areas},
                new_areas=[(a, s) for a, s in conversation.scores if a.lower() not in areas],
                by=by,
            )
        except ValidationError as exc:
            raise _WriteRefused(conversation.first_row, exc.messages) from exc
