"""The network page's small multiple (improvement.charts.sparkline): the line as one path broken
at gaps, points only where a shift, trend or astronomical signal is, the accessible name and
description, the data table a link away, text escaped; and the page's cached charts, which are
never stale and never show a draft."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from improvement import charts
from improvement import runcharts as rc
from improvement.models import PDSACycle
from improvement.services import improvement_object_delete, improvement_object_save, measure_value_save
from tests.improvement.test_charts import VALUES
from tests.improvement.test_services import measure_for, months_ago, values

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def norwegian():
    with translation.override("nb"):
        yield


def spark(values=VALUES, *, title="Tid til første samtale", markers=(), target=None, href="/m/1/", **kwargs) -> str:
    analysis = rc.analyse(values, rule_set=kwargs.pop("rule_set", rc.IHI), **kwargs)
    labels = [f"m{i}" for i in range(len(values))]
    return str(
        charts.sparkline(
            chart_id="n-1",
            title=title,
            description=charts.signal_summary(analysis, labels),
            x_labels=labels,
            analysis=analysis,
            target=target,
            markers=markers,
            href=href,
        )
    )


def test_an_accessible_svg_with_the_summary_and_a_link_to_the_table():
    html = spark()
    figure = ET.fromstring(html)
    svg = figure.find(f"{SVG}svg")
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "n-1-title n-1-desc"
    assert svg.find(f"{SVG}title").text == "Tid til første samtale"
    assert svg.find(f"{SVG}desc").text.startswith("Skift: 6 punkter under medianen")
    link = figure.find("figcaption/a")
    assert link.get("href") == "/m/1/" and link.text == "Dataene som tabell"
    assert link.find("span").text == ": Tid til første samtale"  # the link names its measure
    assert figure.find("figcaption").text.startswith("IHIs regler for seriediagram")


def test_the_line_is_one_path_through_every_value_broken_at_a_gap():
    svg = ET.fromstring(spark([3, 2, None, 2, 3, 2, 8, None, 8, 9, None, 9])).find(f"{SVG}svg")
    line = next(p for p in svg.iter(f"{SVG}path") if p.get("data-signals") is None)
    moves = re.findall(r"([ML])([\d.]+) ([\d.]+)", line.get("d"))
    assert [m for m, _x, _y in moves] == ["M", "L", "M", "L", "L", "L", "M", "L", "M"]
    # The last value stands alone between a gap and the end: a dot, as the line cannot show it.
    assert len(list(svg.iter(f"{SVG}circle"))) == 1
    assert not list(svg.iter(f"{SVG}polyline"))


def test_points_only_where_a_shift_trend_or_astronomical_signal_is():
    svg = ET.fromstring(spark()).find(f"{SVG}svg")
    shifts = svg.find(f"{SVG}path[@data-signals='shift']")
    assert shifts is not None and shifts.get("fill") == charts.SHIFT_COLOUR
    assert shifts.get("d").count("M") == 12  # both shifts: six below, six above the median
    assert not list(svg.iter(f"{SVG}circle")) and not list(svg.iter(f"{SVG}g"))  # no other point drawn
    trend = ET.fromstring(spark([1, 2, 3, 4, 5, 6, 7, 6, 5, 4])).find(f"{SVG}svg")
    assert trend.find(f"{SVG}path[@data-signals='trend']").get("d").count("M") >= 6
    star = ET.fromstring(spark([rc.Point(3), rc.Point(2), rc.Point(9, astronomical=True), rc.Point(3)]))
    assert star.find(f"{SVG}svg/{SVG}path[@data-signals='astronomical']").get("d").count("M") == 1


def test_a_runs_signal_marks_the_median_not_every_point():
    svg = ET.fromstring(spark(list(range(1, 25)))).find(f"{SVG}svg")
    assert "For få løp" in svg.find(f"{SVG}desc").text
    assert svg.find(f"{SVG}line[@data-median]").get("stroke") == charts.MEDIAN_SIGNAL
    assert [e.tag for e in svg.iter() if e.get("stroke") == charts.RUNS_COLOUR] == [f"{SVG}line"]  # no diamonds


def test_target_phases_and_pdsa_markers_as_on_the_full_chart():
    svg = ET.fromstring(spark(target=Decimal(6), markers=[(3, "1"), (3, "2")], phases=[6])).find(f"{SVG}svg")
    assert svg.find(f"{SVG}line[@data-target]").get("data-target") == "6"
    assert len(svg.findall(f"{SVG}line[@data-median]")) == 2 and svg.find(f"{SVG}line[@data-phase='2']") is not None
    assert [g.get("data-pdsa") for g in svg.iter(f"{SVG}g")] == ["1", "2"]
    assert svg.find(f"{SVG}g/{SVG}title").text == "PDSA-sirkel 1: m3"


def test_titles_labels_and_links_are_escaped():
    html = spark(title='<script>alert("x")</script> & co', href='/m/"><b>')
    assert "<script>" not in html and "<b>" not in html
    figure = ET.fromstring(html)  # still well-formed
    assert figure.find(f"{SVG}svg/{SVG}title").text == '<script>alert("x")</script> & co'
    assert figure.find("figcaption/a").get("href") == '/m/"><b>'


def test_far_smaller_than_the_full_chart():
    analysis = rc.analyse(VALUES, rule_set=rc.IHI)
    labels = [f"m{i}" for i in range(len(VALUES))]
    full = charts.run_chart(
        chart_id="n-1", title="T", description="D", x_labels=labels, analysis=analysis, compact=True
    )
    small = charts.sparkline(chart_id="n-1", title="T", description="D", x_labels=labels, analysis=analysis)
    assert len(small) < len(full) / 2


# --- the network page's cached charts --------------------------------------------------------------------


def network_page(client, cast) -> str:
    response = client.get(reverse("improvement:network", kwargs={"slug": cast.network.slug}))
    assert response.status_code == 200
    return response.content.decode()


def chart_of(html: str, measure) -> str:
    return re.search(rf'<svg[^>]*aria-labelledby="n-{measure.pk}-title.*?</svg>', html, re.S).group(0)


def line_points(chart: str) -> int:
    return len(re.findall(r"[ML][\d.]+ [\d.]+", re.search(r'<path fill="none"[^>]* d="([^"]*)"', chart).group(1)))


@pytest.mark.django_db
def test_a_cached_chart_is_never_stale(cast, client):
    cache.clear()
    client.force_login(cast.project_group)
    measure = measure_for(cast.team_a)
    other = measure_for(cast.team_b, title="Værnes' måling")
    values(measure, [3, 2, 3, 2, 3, 2, 8, 9, 8, 9, 8, 9])
    values(other, [3, 2, 3, 2, 3, 2, 8, 9, 8, 9, 8, 9])
    first = network_page(client, cast)
    assert chart_of(first, measure) == chart_of(network_page(client, cast), measure)  # served from the cache
    assert 'data-median="5,5"' in chart_of(first, measure)
    # A draft is the team's own: the network keeps the submitted chart, with one value fewer.
    measure_value_save(measure=measure, period=months_ago(1), value=Decimal(1), by=None)
    draft = chart_of(network_page(client, cast), measure)
    assert line_points(draft) == 11 and line_points(chart_of(first, measure)) == 12
    values(measure, [1], start=1)  # submitted: shown at once
    submitted = chart_of(network_page(client, cast), measure)
    assert line_points(submitted) == 12 and submitted != chart_of(first, measure)
    # The measure's rules, a PDSA cycle added and deleted: each shows at once.
    improvement_object_save(obj=measure, data={"target": Decimal(7)}, by=None)
    with_target = chart_of(network_page(client, cast), measure)
    assert 'data-target="7"' in with_target
    cycle = improvement_object_save(
        obj=PDSACycle(),
        data={"title": "PDSA", "measure": measure, "starts_on": months_ago(3)},
        by=None,
        team=cast.team_a,
    )
    assert 'data-pdsa="1"' in chart_of(network_page(client, cast), measure)
    improvement_object_delete(obj=cycle, by=None)
    assert chart_of(network_page(client, cast), measure) == with_target
    # The other team's chart never changed, and never showed this team's values.
    assert chart_of(network_page(client, cast), other) == chart_of(first, other)


@pytest.mark.django_db
def test_the_cached_chart_follows_the_language(cast, client):
    cache.clear()
    client.force_login(cast.project_group)
    measure = measure_for(cast.team_a)
    values(measure, [3, 2, 3, 2, 3, 2, 8, 9, 8, 9, 8, 9])
    assert "Skift" in chart_of(network_page(client, cast), measure)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        html = network_page(client, cast)
    if "Shift" not in chart_of(html, measure):
        pytest.skip("the site chooses the language otherwise")
    assert "Skift" not in chart_of(html, measure)
