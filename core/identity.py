"""Guards against storing who a service user is: national identity numbers and full names.

A fødselsnummer (or D-number) is 11 digits: a birth date (DDMMYY; a D-number adds 4 to the first
digit, an H-number 4 to the third), three individual digits and two check digits (modulus 11).
People write them with spaces, dots or dashes (`010190 10046`, `01.01.90 10046`, `010190-10046`),
so separators are ignored when looking for one.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validators import refuse_nul

# Eleven digits, each followed by at most two separators (any white space, also a no-break space or a
# line break; dot, dash, slash).
_CANDIDATE = re.compile(r"(?<!\d)(?:\d[\s.\-/]{0,2}){10}\d(?!\d)")
_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    if rest == 11:
        return 0
    return None if rest == 10 else rest


def is_national_id(number: str) -> bool:
    """Whether 11 digits are a valid fødselsnummer, D-number or H-number (date and check digits)."""
    if len(number) != 11 or not number.isdigit():
        return False
    digits = [int(c) for c in number]
    day = int(number[0:2])
    month = int(number[2:4])
    if day > 40:  # D-number
        day -= 40
    if month > 40:  # H-number
        month -= 40
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    k1 = _check_digit(digits[:9], _WEIGHTS_1)
    if k1 is None or k1 != digits[9]:
        return False
    k2 = _check_digit(digits[:10], _WEIGHTS_2)
    return k2 is not None and k2 == digits[10]


def find_national_id(text: str) -> str | None:
    """The first national identity number in `text` (separators ignored), or None."""
    for match in _CANDIDATE.finditer(text or ""):
        number = re.sub(r"\D", "", match.group(0))
        if is_national_id(number):
            return number
    return None


def refuse_national_id(text: str) -> None:
    """ValidationError when `text` holds a national identity number, or a NUL byte: this is the
    validator on every free-text field, so it also refuses what the database cannot store."""
    refuse_nul(text)
    if find_national_id(text):
        raise ValidationError(
            _(
                "This looks like a national identity number (fødselsnummer or D-number). "
                "Never write who the person is: use the team's code for them."
            ),
            code="national_id",
        )


def refuse_national_id_in(value) -> None:
    """refuse_national_id for every text in a JSON-like value: a string, or the keys and values of
    lists and dicts (registration answers, a question's alternatives, table columns)."""
    if isinstance(value, str):
        refuse_national_id(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            refuse_national_id_in(key)
            refuse_national_id_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            refuse_national_id_in(item)


def refuse_national_id_on(instance, *fields: str) -> None:
    """ValidationError, by field, when one of the named text fields of a model instance holds a
    national identity number: for services that write without full_clean()."""
    errors = {}
    for name in fields:
        try:
            refuse_national_id_in(getattr(instance, name))
        except ValidationError as exc:
            errors[name] = exc.error_list
    if errors:
        raise ValidationError(errors)


# Two or more words that each start with a capital letter and go on in lower case: «Kari Nordmann».
_FULL_NAME = re.compile(
    r"\b[A-ZÆØÅ][a-zæøåéü]+(?:-[A-ZÆØÅ][a-zæøåéü]+)?(?:\s+[A-ZÆØÅ][a-zæøåéü]+(?:-[A-ZÆØÅ][a-zæøåéü]+)?)+\b"
)


def looks_like_full_name(text: str) -> str | None:
    """The first run of capitalised words that could be a person's full name («Kari Nordmann»),
    for a warning (never a refusal: «Psykisk Helse» is a service, not a person)."""
    match = _FULL_NAME.search(text or "")
    return match.group(0) if match else None
