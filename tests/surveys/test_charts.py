"""A question's distribution as SVG: every answer a bar with its count and share, «vet ikke»
apart, the mean in the description, Norwegian numbers; the same markup WeasyPrint draws."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from django.utils import translation

from surveys.charts import distribution_chart, rate_text
from surveys.results import survey_results
from tests.surveys.test_results import final  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def test_a_scale_question_draws_a_bar_per_point_with_its_count_and_the_mean(final):  # noqa: F811
    results = survey_results(final)
    o1 = results.by_code()["O1"]
    with translation.override("nb"):
        svg = distribution_chart(o1, chart_id="fig-o1")
        rate = rate_text(results.rate)
    root = ElementTree.fromstring(svg)  # well-formed XML, so WeasyPrint and browsers read it alike
    assert root.get("role") == "img" and root.get("aria-labelledby") == "fig-o1-title fig-o1-desc"
    assert root.find(f"{SVG}desc").text.endswith("gjennomsnitt 4,69 (uten «vet ikke»).")
    texts = [t.text for t in root.iter(f"{SVG}text") if t.text and "%" in t.text]
    assert len(texts) == len(o1.bars) and sum(b.count for b in o1.bars) == o1.answered
    assert len(root.findall(f"{SVG}rect")) == sum(1 for b in o1.bars if b.count)
    assert rate == "35 av 110 (31,8 %)"


def test_a_title_is_escaped(final):  # noqa: F811
    o1 = survey_results(final).by_code()["O1"]
    svg = distribution_chart(o1, chart_id="x", title="<script>alert(1)</script>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
