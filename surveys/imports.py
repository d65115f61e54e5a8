"""Earlier responses in: a Questback export (CSV, or the same as .xlsx) with one row per response
and a header of question codes or exact question texts. Cells hold the scale value, the option's
label (any case), «vet ikke», or nothing; several choices are separated by «|». Every row is
checked by the same rules as an answer typed on a phone (surveys/answers.py), and nothing is
written unless every row passes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.imports import ImportFileError, dataset_from_bytes
from surveys.models import Question, Survey
from surveys.services import questions_of, responses_import


def header_codes(questions: list[Question]) -> dict[str, tuple[Question, str]]:
    """Every header a column may have, case-insensitive: the code, or the question's (or the
    statement's) exact text."""
    names: dict[str, tuple[Question, str]] = {}
    for q in questions:
        if q.kind == Question.Kind.MATRIX:
            for s in q.statements:
                names[s["code"].casefold()] = (q, s["code"])
                names[s["text"].strip().casefold()] = (q, s["code"])
        else:
            names[q.code.casefold()] = (q, q.code)
            names[q.text.strip().casefold()] = (q, q.code)
    return names


def read_rows(survey: Survey, content: bytes) -> list[dict]:
    """The file's rows as {code: raw value}; ImportFileError for a file or a header we cannot read."""
    dataset = dataset_from_bytes(content)
    questions = questions_of(survey)
    names = header_codes(questions)
    columns = []
    unknown = []
    for header in dataset.headers or []:
        found = names.get(str(header or "").strip().casefold())
        if found is None:
            unknown.append(str(header))
        columns.append(found)
    if unknown:
        raise ImportFileError(
            [
                _("Unknown columns (neither a question code nor a question's text): %(names)s")
                % {"names": ", ".join(unknown)}
            ]
        )
    rows = []
    for raw in dataset:
        row = {}
        for (question, code), cell in zip(columns, raw, strict=True):
            text = "" if cell is None else str(cell).strip()
            if question.kind == Question.Kind.MULTIPLE:
                row[code] = [part.strip() for part in text.split("|") if part.strip()]
            elif question.is_scaled and text.endswith(".0") and text[:-2].isdigit():
                row[code] = text[:-2]  # Excel writes 5 as 5.0
            else:
                row[code] = text
        rows.append(row)
    return rows


def import_file(*, survey: Survey, content: bytes, by) -> int:
    """Read and import a file, all or nothing. ValidationError lists the refused rows (`rad N: …`)."""
    try:
        rows = read_rows(survey, content)
    except ImportFileError as exc:
        raise ValidationError(exc.messages) from exc
    return responses_import(survey=survey, rows=rows, by=by)
