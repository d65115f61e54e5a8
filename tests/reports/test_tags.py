"""Filters and tags of the report templates (reports/templatetags/reports_tags.py)."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template

from reports.templatetags.reports_tags import (
    reports_bar_chart,
    reports_css_string,
    reports_date,
    reports_number,
    reports_percent,
)


def test_dates_from_snapshots_in_norwegian():
    assert reports_date("2021-06-03") == "3. juni 2021"
    assert reports_date("2021-06-03T22:30:00+00:00") == "4. juni 2021"  # the local date in Oslo
    assert reports_date(datetime.datetime(2026, 11, 25, 9, 30, tzinfo=datetime.UTC), "j.n.Y") == "25.11.2026"
    assert reports_date(datetime.date(2019, 1, 1)) == "1. januar 2019"
    assert reports_date(None) == reports_date("") == reports_date("not a date") == ""


def test_numbers_with_decimal_comma_and_grouping():
    assert reports_number(1234.5) == "1\xa0234,5"
    assert reports_number(72) == "72"
    assert reports_number(2.25, 1) in ("2,2", "2,3")
    assert reports_percent(1, 6) == "16,7\xa0%"
    assert reports_percent(1, 0) == ""


def test_css_strings_are_escaped_for_css_not_javascript():
    assert reports_css_string("Inn-Trøndelag") == "Inn-Trøndelag"  # escapejs would give «Inn\\u002DTrøndelag»
    assert reports_css_string('Si "hei"\\') == "Si \\22 hei\\22 \\5c "
    assert "<" not in reports_css_string("</style>")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_bar_chart_coordinates_use_a_decimal_dot_in_every_language(language):
    from django.utils import translation

    rows = [
        {"label": "Koordinator- og brukerrepresentantsamling", "done": 7, "coming": 2},
        {"label": "Webinar", "done": 0, "coming": 0},
    ]
    with translation.override(language):
        chart = reports_bar_chart(rows)
        svg = Template(
            '{% include "reports/pdf/_bar_chart.html" with chart=chart alt="Alt" first_label="A" second_label="B" %}'
        ).render(Context({"chart": chart}))
    assert "," not in svg.replace(", ", "")
    assert svg.count("<title>Alt</title>") == 1 and 'font-family="Report Sans"' in svg
    assert [t["label"] for t in chart["ticks"]] == ["0", "2", "4", "6", "8", "10"]
    assert len(chart["rows"][0]["labels"]) == 2  # a long label wraps onto two lines
    assert not chart["rows"][1]["first"]["show"] and chart["rows"][1]["value"]["text"] == "0"
