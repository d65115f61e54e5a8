"""Spreadsheet exports that are safe to open: one place that cleans every cell."""

from __future__ import annotations

import re

import tablib
from django.utils.functional import Promise

XLSX_CELL_MAX = 32_767
_ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Text typed by people must never become a formula in Excel or LibreOffice (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, Promise):  # a lazily translated text is text too
        value = str(value)
    if not isinstance(value, str):
        return value
    value = _ILLEGAL_IN_XLSX.sub("", value)[:XLSX_CELL_MAX]
    return "'" + value if value.startswith(_FORMULA_START) else value


def safe_headers(headers):
    """Column titles are cells too: a registration question or a question's text is typed by people."""
    return None if headers is None else [safe_cell(h) for h in headers]


def safe_dataset(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of `dataset` with every header and every cell cleaned."""
    clean = tablib.Dataset(headers=safe_headers(dataset.headers), title=getattr(dataset, "title", None))
    for row in dataset:
        clean.append([safe_cell(v) for v in row])
    return clean
