"""Form widgets every app uses for dates and times.

A date is a text field showing dd.mm.åååå whatever the browser's language: the browser's own date
input follows the browser's UI locale, so a Norwegian with an English browser saw mm/dd/yyyy.
static/js/dateinput.js adds a calendar button to every field marked `data-date-input` (the
attribute holds the button's label); without JavaScript the text field alone works.
"""

from __future__ import annotations

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

DATE_FORMAT = "%d.%m.%Y"
TIME_FORMAT = "%H:%M"


class DateInput(forms.DateInput):
    """A date typed as dd.mm.åååå (core.validators.DateField also takes d.m.åååå and ISO)."""

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "inputmode": "numeric",
            "placeholder": _("dd.mm.yyyy"),
            "autocomplete": "off",
            "data-date-input": _("Choose date"),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DATE_FORMAT)


class TimeInput(forms.TimeInput):
    """A time typed as tt:mm (24 hours; the browser's own time input can show AM/PM)."""

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "inputmode": "numeric",
            "placeholder": _("hh:mm"),
            "autocomplete": "off",
            "aria-label": _("Time"),
            "data-time-input": True,
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=TIME_FORMAT)


class SplitDateTimeWidget(forms.SplitDateTimeWidget):
    """A date field and a time field side by side (core.validators.SplitDateTimeField)."""

    def __init__(self, attrs=None):
        # Crispy and Django put the field's label in a legend around both: each says what it holds.
        date_attrs = {"aria-label": _("Date"), **(attrs or {})}
        forms.MultiWidget.__init__(self, (DateInput(date_attrs), TimeInput(attrs)))

    def render(self, name, value, attrs=None, renderer=None):
        return format_html('<div class="ln-datetime">{}</div>', super().render(name, value, attrs, renderer))
