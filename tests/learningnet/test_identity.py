"""National identity numbers are found however they are written; names give a warning."""

import pytest
from django.core.exceptions import ValidationError

from core.identity import find_national_id, is_national_id, looks_like_full_name, refuse_national_id

VALID = "01019010046"  # check digits 4 and 6 are right for 01.01.90 100


@pytest.mark.parametrize(
    "text",
    [
        "01019010046",
        "010190 10046",
        "010190-10046",
        "01.01.90 10046",
        "01 01 90 100 46",
        "01019010046  ",
        "Pasient 01019010046.pdf",
        "fnr: 010190  10046 i journalen",
    ],
)
def test_written_in_any_way_it_is_found(text):
    assert find_national_id(text) == VALID
    with pytest.raises(ValidationError):
        refuse_national_id(text)


def test_d_numbers_are_found_and_wrong_check_digits_are_not():
    d_number = next(n for i in range(100, 1000) if (n := _with_check_digits(f"410190{i}")))
    assert is_national_id(d_number) and find_national_id(f"D-nr {d_number[:6]} {d_number[6:]}") == d_number
    assert not is_national_id("01019010047")  # last check digit off by one
    assert find_national_id("Telefon 22 33 44 55, kontonummer 1234.56.78903") is None
    assert find_national_id("B-07 hadde samtale 12.03.2021") is None


def _with_check_digits(nine: str) -> str | None:
    """The 11 digits with both check digits, or None when no check digit exists (remainder 10)."""
    d = [int(c) for c in nine]
    k1 = 11 - sum(a * b for a, b in zip(d, (3, 7, 6, 1, 8, 9, 4, 5, 2), strict=True)) % 11
    k1 = 0 if k1 == 11 else k1
    d.append(k1)
    k2 = 11 - sum(a * b for a, b in zip(d, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
    k2 = 0 if k2 == 11 else k2
    return None if 10 in (k1, k2) else nine + str(k1) + str(k2)


def test_a_full_name_is_a_warning_not_a_refusal():
    assert looks_like_full_name("Samtale med Kari Nordmann om bolig") == "Kari Nordmann"
    assert looks_like_full_name("B-07 vil ha hjelp med bolig") is None
    refuse_national_id("Samtale med Kari Nordmann")  # not refused
