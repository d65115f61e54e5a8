"""Filters for showing preparation-package answers (templates/packages/_value.html)."""

from __future__ import annotations

from django import template

from core.widgets import DATE_FORMAT
from packages import selectors

register = template.Library()


@register.filter
def packages_number(value) -> str:
    """A stored number in the active language's format: "4.5" → "4,5" in Norwegian."""
    return selectors.number_display(value)


@register.filter
def packages_date(value) -> str:
    """A stored ISO date ("2026-09-17") in the active language ("17. september 2026")."""
    return selectors.date_display(value, "DATE_FORMAT")


@register.filter
def packages_date_input(value) -> str:
    """A stored ISO date as the date field shows it ("2026-12-07" → "07.12.2026"); what someone
    typed and could not be saved is shown as typed."""
    day = selectors.date_value(value)
    return day.strftime(DATE_FORMAT) if day else ("" if value is None else str(value))


@register.filter
def packages_interview(entry) -> list[tuple[str, str]]:
    """(label, text) pairs of one user-interview entry, empty fields left out."""
    return selectors.interview_rows(entry if isinstance(entry, dict) else {})


@register.filter
def packages_filename(answer_file) -> str:
    return selectors.file_name(answer_file)


@register.filter
def packages_cells(row, columns) -> list:
    """A table row padded or cut to the question's columns."""
    row = list(row or [])
    width = len(columns or [])
    return (row + [""] * width)[:width] if width else row


@register.filter
def packages_status_class(status: str) -> str:
    """A Bootstrap badge class for a matrix status."""
    return {
        selectors.NOT_STARTED: "text-bg-light border",
        selectors.IN_PROGRESS: "text-bg-warning",
        selectors.SUBMITTED: "text-bg-success",
        selectors.LATE: "text-bg-danger",
    }.get(status, "text-bg-secondary")
