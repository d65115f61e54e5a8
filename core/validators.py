"""Checks on what people type, shared by every app: dates within a sane range, no NUL bytes in
text (PostgreSQL refuses them in text and jsonb), plain decimal numbers.

The form fields here are the ones every form uses for dates; the model fields carry the same
validators, so services that call full_clean() and the import paths refuse the same things.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.widgets import DateInput, SplitDateTimeWidget, TimeInput

MIN_YEAR = 2000
MAX_YEAR = 2100
# Numbers people type: far beyond any count, proportion or amount in a learning network.
MAX_NUMBER = Decimal("1e12")


def validate_date_range(value) -> None:
    """A date or datetime between the years 2000 and 2100 (a date far away breaks pages and calendars)."""
    if value is None:
        return
    if isinstance(value, (dt.date, dt.datetime)) and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise _date_range_error()


def _date_range_error() -> ValidationError:
    return ValidationError(
        _("Write a date between the years %(min)s and %(max)s."),
        code="date_range",
        params={"min": MIN_YEAR, "max": MAX_YEAR},
    )


def refuse_nul(text) -> None:
    """ValidationError when a text holds a NUL byte (never typed by a person, refused by the database)."""
    if isinstance(text, str) and "\x00" in text:
        raise ValidationError(_("The text contains a character that cannot be stored (NUL)."), code="nul")


# Dates as Norwegians write them, and ISO for scripts and tests; four-digit years only (%Y).
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H.%M"]
DATE_FORMAT_MESSAGE = _("Write the date as dd.mm.yyyy, for example 07.12.2026.")
TIME_FORMAT_MESSAGE = _("Write the time as hh:mm, for example 09:30.")


def parse_date(text) -> dt.date:
    """A date typed as dd.mm.åååå, d.m.åååå or åååå-mm-dd between the years 2000 and 2100;
    ValidationError otherwise (for values that do not come through a form field)."""
    cleaned = str(text).strip()
    for fmt in DATE_INPUT_FORMATS:
        try:
            day = dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
        validate_date_range(day)
        return day
    raise ValidationError(DATE_FORMAT_MESSAGE, code="invalid")


class DateField(forms.DateField):
    """A date typed as dd.mm.åååå (or d.m.åååå, or ISO) between the years 2000 and 2100."""

    widget = DateInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {"invalid": DATE_FORMAT_MESSAGE}
    default_validators = [validate_date_range]


class DateTimeField(forms.DateTimeField):
    """A date and time between the years 2000 and 2100."""

    default_validators = [validate_date_range]

    def to_python(self, value):
        # A far date turned into UTC can leave the calendar (year 0 or 10 000): refuse it as out of range.
        try:
            return super().to_python(value)
        except OverflowError as exc:
            raise _date_range_error() from exc


class TimeField(forms.TimeField):
    """A time of day typed as tt:mm (or tt.mm), 24 hours, whatever the browser's language."""

    default_error_messages = {"invalid": TIME_FORMAT_MESSAGE}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", TIME_INPUT_FORMATS)
        kwargs.setdefault("widget", TimeInput(attrs={"aria-label": False}))  # the field has a label of its own
        super().__init__(**kwargs)


class SplitDateTimeField(forms.SplitDateTimeField):
    """A date (as DateField) and a time (tt:mm) in two fields, between the years 2000 and 2100."""

    widget = SplitDateTimeWidget
    default_error_messages = {"invalid_date": DATE_FORMAT_MESSAGE, "invalid_time": TIME_FORMAT_MESSAGE}
    default_validators = [validate_date_range]

    def __init__(self, **kwargs):
        super().__init__(input_date_formats=DATE_INPUT_FORMATS, input_time_formats=TIME_INPUT_FORMATS, **kwargs)

    def compress(self, data_list):
        try:
            return super().compress(data_list)
        except OverflowError as exc:  # as DateTimeField: a far date in a time zone leaves the calendar
            raise _date_range_error() from exc


# Digits 0-9 only (str.isdigit and Decimal also take other scripts' digits), an optional sign, one
# decimal comma or point; spaces between digit groups are allowed (12 000).
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?", re.ASCII)


def parse_decimal(text, *, minimum: Decimal | None = None, maximum: Decimal | None = None) -> Decimal:
    """A plain decimal number as people write it (`12`, `-4,5`, `12 000`), within ±1e12 or the given
    bounds; ValidationError otherwise (exponents, underscores, other scripts' digits, infinity)."""
    cleaned = str(text).strip().replace("\xa0", " ").replace("\u202f", " ")
    cleaned = re.sub(r"(?<=\d) (?=\d)", "", cleaned)
    if len(cleaned) > 40 or not _NUMBER.fullmatch(cleaned):
        raise ValidationError(_("Write a number, e.g. 12 or 4,5."), code="number")
    try:
        number = Decimal(cleaned.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid decimals
        raise ValidationError(_("Write a number, e.g. 12 or 4,5."), code="number") from exc
    low = -MAX_NUMBER if minimum is None else minimum
    high = MAX_NUMBER if maximum is None else maximum
    if not low <= number <= high:
        raise ValidationError(
            _("Write a number between %(min)s and %(max)s."),
            code="number_range",
            params={"min": _plain(low), "max": _plain(high)},
        )
    return number


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f").replace(".", ",")
