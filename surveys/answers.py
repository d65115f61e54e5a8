"""What a respondent's answer may be, question by question: one place used by the answering
pages, the Questback import and the command line, so every way in refuses the same things."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.identity import refuse_national_id
from surveys.models import DONT_KNOW, Question

TEXT_MAX = 5000


def visible(question: Question, answers: Mapping[str, Any]) -> bool:
    """A conditional question is shown only when the earlier answer is one of its values."""
    if not question.show_if_code:
        return True
    given = answers.get(question.show_if_code)
    given = given if isinstance(given, list) else [given]
    return any(str(g).casefold() in {str(v).casefold() for v in question.show_if_values} for g in given)


def _option(question: Question, value: Any) -> str:
    text = str(value).strip()
    for option in question.options:
        if option.casefold() == text.casefold():
            return option
    raise ValidationError(_("«%(value)s» is not one of the options.") % {"value": text[:80]})


def _scale(question: Question, value: Any) -> int | str:
    if isinstance(value, str):
        text = value.strip()
        if text.casefold() == DONT_KNOW and question.dont_know:
            return DONT_KNOW
        if not text.isascii() or not text.isdigit():
            raise ValidationError(_("Choose a value from %(low)s to %(high)s.") % _bounds(question))
        value = int(text)
    if isinstance(value, bool) or not isinstance(value, int) or not question.scale_min <= value <= question.scale_max:
        raise ValidationError(_("Choose a value from %(low)s to %(high)s.") % _bounds(question))
    return value


def _bounds(question: Question) -> dict:
    return {"low": question.scale_min, "high": question.scale_max}


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValidationError(_("Write text."))
    if "\x00" in value:
        raise ValidationError(_("The text holds a character that cannot be stored (a NUL byte)."))
    text = value.strip()
    if len(text) > TEXT_MAX:
        raise ValidationError(_("Write at most %(n)s characters.") % {"n": TEXT_MAX})
    refuse_national_id(text)
    return text


def clean_value(question: Question, code: str, value: Any) -> Any:
    """The stored form of one answer, or ValidationError. An empty answer is None."""
    if value in (None, "", []):
        return None
    kind = question.kind
    if kind in (Question.Kind.SCALE, Question.Kind.MATRIX):
        return _scale(question, value)
    if kind == Question.Kind.SINGLE:
        return _option(question, value)
    if kind == Question.Kind.MULTIPLE:
        values = value if isinstance(value, list) else [value]
        chosen = [_option(question, v) for v in values if str(v).strip()]
        return [o for o in question.options if o in chosen] or None
    return _text(value) or None


def clean_answers(
    questions: Iterable[Question], raw: Mapping[str, Any], *, known: Mapping[str, Any] | None = None
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Check `raw` ({code: value}) against the questions it answers. Returns the clean answers and
    the errors by code; a code that belongs to no question is an error, never stored. `known` are
    answers given before (on earlier pages), for the conditions."""
    by_code = {code: q for q in questions for code in q.codes()}
    clean: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for code, value in raw.items():
        question = by_code.get(code)
        if question is None:
            errors.setdefault(code, []).append(_("There is no such question in this survey."))
            continue
        try:
            clean[code] = clean_value(question, code, value)
        except ValidationError as exc:
            errors.setdefault(code, []).extend(exc.messages)
    context = {**(known or {}), **clean}
    for code in list(clean):
        if not visible(by_code[code], context):
            del clean[code]  # answered, then the condition changed: the answer no longer applies
    return clean, errors


def missing_required(questions: Iterable[Question], answers: Mapping[str, Any]) -> list[Question]:
    return [
        q
        for q in questions
        if q.required and visible(q, answers) and any(answers.get(code) in (None, "", []) for code in q.codes())
    ]
