"""core.exports: every header and every cell of a spreadsheet export is text, never a formula."""

import io

import openpyxl
import tablib
from django.utils.translation import gettext_lazy

from core.exports import safe_cell, safe_dataset, safe_headers


def test_a_formula_typed_as_a_header_stays_text():
    assert safe_headers(["Navn", "=1+1", "+47", "-x", "@SUM(A1)", 3, None]) == [
        "Navn",
        "'=1+1",
        "'+47",
        "'-x",
        "'@SUM(A1)",
        3,
        None,
    ]
    assert safe_headers(None) is None


def test_lazy_text_is_cleaned_like_text():
    assert safe_cell(gettext_lazy("=HYPERLINK(1)")) == "'=HYPERLINK(1)"


def test_safe_dataset_cleans_headers_and_cells_in_the_workbook():
    data = tablib.Dataset(headers=["Navn", "=1+1"])
    data.append(["=2+2", "Vegetar\x07"])
    sheet = openpyxl.load_workbook(io.BytesIO(safe_dataset(data).export("xlsx"))).active
    assert [c.value for c in sheet[1]] == ["Navn", "'=1+1"]
    assert [c.value for c in sheet[2]] == ["'=2+2", "Vegetar"]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
