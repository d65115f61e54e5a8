"""The run-chart renderer (improvement.charts): accessible SVG that parses as XML, the analysis drawn
(signals by shape, the median per phase, a frozen baseline, the target, gaps, PDSA markers), the rule
set named, text escaped, Norwegian summaries, and the same markup rendered by WeasyPrint with the
bundled fonts only. No database."""

from __future__ import annotations

import io
import logging
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.template import engines
from django.utils import translation
from pypdf import PdfReader

from improvement import charts
from improvement import runcharts as rc
from reports.rendering import STATIC_PREFIX, _static_only_fetcher

SVG = "{http://www.w3.org/2000/svg}"
LABELS = [f"{m} 2025" for m in ("jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des")]
# Around 2–3 for six months, then around 8–9: the browser test's series. Median 5.5: two shifts.
VALUES = [3, 2, 3, 2, 3, 2, 8, 9, 8, 9, 8, 9]


@pytest.fixture(autouse=True)
def norwegian():
    with translation.override("nb"):
        yield


def render(values=VALUES, *, labels=None, compact=False, title="Tid til første samtale", **kwargs) -> str:
    rule_set = kwargs.pop("rule_set", rc.IHI)
    analysis_args = {k: kwargs.pop(k) for k in ("baseline_end", "phases", "direction") if k in kwargs}
    analysis = rc.analyse(values, rule_set=rule_set, **analysis_args)
    labels = labels or [f"m{i}" for i in range(len(values))]
    return str(
        charts.run_chart(
            chart_id="c1",
            title=title,
            description=charts.signal_summary(analysis, labels),
            x_labels=labels,
            analysis=analysis,
            unit_label=kwargs.pop("unit_label", "dager"),
            target=kwargs.pop("target", None),
            markers=kwargs.pop("markers", []),
            compact=compact,
        )
    )


def parse(html: str) -> tuple[ET.Element, ET.Element]:
    figure = ET.fromstring(html)  # noqa: S314 (our own markup)
    return figure, figure.find(f"{SVG}svg")


def points(svg: ET.Element) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if "data-signals" in g.attrib and g.find(f"{SVG}title").text]


def test_figure_with_an_accessible_svg_and_a_caption():
    figure, svg = parse(render(labels=LABELS))
    assert figure.tag == "figure" and figure.get("class") == "ln-runchart"
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert (title.get("id"), desc.get("id")) == (title_id, desc_id)
    assert title.text == "Tid til første samtale"
    assert desc.text.startswith("Skift: 6 punkter under medianen fra jan 2025 til jun 2025")
    caption = figure.find("figcaption")
    assert "IHI" in caption.text and "ikke den publiserte IHI-tabellen" in caption.text


def test_the_rule_set_is_named_for_anhoej_too():
    figure, _svg = parse(render(rule_set=rc.ANHOEJ))
    assert figure.find("figcaption").text.startswith("Anhøj-reglene")
    assert figure.get("data-rule-set") == "anhoej"
    compact, _svg = parse(render(rule_set=rc.ANHOEJ, compact=True))
    assert compact.find("figcaption").text == "Anhøj-reglene"


def test_every_point_carries_the_kinds_of_its_signals_and_their_shape():
    values = [5, 6, 5, 4, 5, 6, 5, 4, 5, 4, 1, 2, 3, 4, 5, 9, 9, 9, 9, 9, 9, rc.Point(20, astronomical=True)]
    analysis = rc.analyse(values)
    kinds = {rc.SHIFT, rc.TREND, rc.ASTRONOMICAL}
    assert kinds <= {s.kind for s in analysis.signals}
    _figure, svg = parse(render(values))
    drawn = points(svg)
    present = [i for i, v in enumerate(analysis.values) if v is not None]
    assert len(drawn) == len(present)
    for g, i in zip(drawn, present, strict=True):
        expected = analysis.kinds_by_point()[i]
        assert set(g.get("data-signals").split()) == set(expected)
        rects = [r for r in g.iter(f"{SVG}rect") if r.get("fill") == charts.SHIFT_COLOUR]
        triangles = [p for p in g.iter(f"{SVG}polygon") if p.get("fill") == charts.TREND_COLOUR]
        stars = [p for p in g.iter(f"{SVG}polygon") if p.get("fill") == charts.ASTRONOMICAL_COLOUR]
        circles = list(g.iter(f"{SVG}circle"))
        assert bool(rects) == (rc.SHIFT in expected and rc.ASTRONOMICAL not in expected)  # the star wins
        assert bool(triangles) == (rc.TREND in expected)
        assert bool(stars) == (rc.ASTRONOMICAL in expected)
        assert bool(circles) == (not expected & kinds)
        if expected:
            assert all(charts.signal_kind_label(k) in g.find(f"{SVG}title").text for k in expected)


def test_a_runs_signal_rings_its_points_and_marks_the_median():
    values = list(range(1, 25))
    _figure, svg = parse(render(values))
    ringed = [g for g in points(svg) if any(p.get("fill") == "none" for p in g.iter(f"{SVG}polygon"))]
    assert len(ringed) == 24
    median = next(line for line in svg.iter(f"{SVG}line") if "data-median" in line.attrib)
    assert median.get("stroke") == charts.MEDIAN_SIGNAL and median.get("data-median") == "12,5"
    _figure, quiet = parse(render([1, 3] * 12, rule_set=rc.ANHOEJ))
    median = next(line for line in quiet.iter(f"{SVG}line") if "data-median" in line.attrib)
    assert median.get("stroke") == charts.MEDIAN and not any(g.get("data-signals") for g in points(quiet))


def test_pdsa_markers_are_numbered_and_carry_data_pdsa():
    _figure, svg = parse(render(markers=[(6, "1"), (6, "2"), (9, "3"), (40, "4")], labels=LABELS))
    markers = [g for g in svg.iter(f"{SVG}g") if "data-pdsa" in g.attrib]
    assert [g.get("data-pdsa") for g in markers] == ["1", "2", "3"]  # the one outside the series is left out
    assert markers[0].find(f"{SVG}title").text == "PDSA-sirkel 1: jul 2025"
    assert [t.text for g in markers for t in g.iter(f"{SVG}text")] == ["1", "2", "3"]
    # Two cycles in one month sit side by side.
    x = [float(g.find(f"{SVG}circle").get("cx")) for g in markers]
    assert x[1] > x[0]


def test_a_missing_month_breaks_the_line():
    values = [3, 2, None, 2, 3, 2, None, None, 8, 9]
    _figure, svg = parse(render(values))
    lines = list(svg.iter(f"{SVG}polyline"))
    assert [len(p.get("points").split()) for p in lines] == [2, 3, 2]
    assert len(points(svg)) == 7
    _figure, whole = parse(render([3, 2, 3]))
    assert len(list(whole.iter(f"{SVG}polyline"))) == 1


def test_the_target_line_only_when_there_is_a_target():
    _figure, svg = parse(render(target=4))
    (target,) = [line for line in svg.iter(f"{SVG}line") if "data-target" in line.attrib]
    assert target.get("data-target") == "4" and target.get("stroke") == charts.TARGET
    assert any(t.text == "Mål 4" for t in svg.iter(f"{SVG}text"))
    _figure, none = parse(render())
    assert not [line for line in none.iter(f"{SVG}line") if "data-target" in line.attrib]


def test_phases_and_a_frozen_baseline_are_drawn():
    values = [3, 2, 3, 2, 3, 2, 8, 9, 8, 9, 8, 9, 4, 5, 4, 5]
    _figure, svg = parse(render(values, baseline_end=6, phases=[12]))
    lines = list(svg.iter(f"{SVG}line"))
    assert [line.get("data-phase") for line in lines if "data-phase" in line.attrib] == ["2"]
    assert [line.get("data-baseline-end") for line in lines if "data-baseline-end" in line.attrib] == ["6"]
    assert [line.get("data-median") for line in lines if "data-median" in line.attrib] == ["2,5", "4,5"]
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert {"Fase 2", "Grunnlinje", "Median 2,5", "Median 4,5"} <= set(texts)


def test_the_title_is_escaped():
    html = render(title='<script>alert("x")</script> & co')
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    _figure, svg = parse(html)
    assert svg.find(f"{SVG}title").text == '<script>alert("x")</script> & co'


def test_no_style_attributes_no_script_and_no_classes_inside_the_svg():
    html = render(target=4, markers=[(3, "1")])
    assert "style=" not in html and "<script" not in html
    _figure, svg = parse(html)
    assert not [e.tag for e in svg.iter() if e is not svg and "class" in e.attrib]


def test_the_small_multiple_is_accessible_without_crowding():
    figure, svg = parse(render(compact=True, labels=LABELS, target=4, markers=[(6, "1")]))
    assert svg.get("role") == "img" and svg.find(f"{SVG}title").text == "Tid til første samtale"
    assert svg.find(f"{SVG}desc").text.startswith("Skift")
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "dager" not in texts and "Verdi" not in texts and "Mål 4" not in texts
    assert [t for t in texts if t in LABELS] == ["jan 2025", "des 2025"]
    assert [g.get("data-pdsa") for g in svg.iter(f"{SVG}g") if "data-pdsa" in g.attrib] == ["1"]
    assert figure.find("figcaption").text.startswith("IHI")


def test_the_full_chart_has_a_legend_of_what_it_shows():
    _figure, svg = parse(render(labels=LABELS, target=4, markers=[(6, "1")]))
    texts = {t.text for t in svg.iter(f"{SVG}text")}
    assert {"Verdi", "Median", "Mål", "Skift", "For få løp", "PDSA-sirkel", "dager"} <= texts
    assert "Trend" not in texts  # no trend in this series


def test_signal_summary_in_norwegian():
    analysis = rc.analyse(VALUES, direction=rc.DOWN)
    summary = charts.signal_summary(analysis, LABELS)
    # Direction down: points below the median are improvement, those above are not.
    assert summary == (
        "Skift: 6 punkter under medianen fra jan 2025 til jun 2025 (i retning av bedring). "
        "Skift: 6 punkter over medianen fra jul 2025 til des 2025 (bort fra bedring). "
        "For få løp: 2 løp blant 12 nyttige punkter (færre enn 4 gir signal)."
    )


def test_signal_summary_says_why_no_signal_is_claimed():
    short = rc.analyse([3, 2, 8, 9, 8])
    assert charts.signal_summary(short, LABELS[:5]) == (
        "Bare 3 nyttige punkter (punkter som ikke ligger på medianen) i denne perioden; reglene krever minst 10, "
        "så vi kan ikke påstå noe signal."
    )
    quiet = rc.analyse([1, 3] * 12, rule_set=rc.ANHOEJ)
    assert charts.signal_summary(quiet, [str(i) for i in range(24)]).startswith("Ingen signal")
    assert charts.signal_summary(rc.analyse([]), []) == "Ingen verdier ennå."


def test_signal_summary_trends_crossings_and_phases():
    trend = rc.analyse([8, 2, 9, 1, 2, 3, 4, 5, 9, 1, 8, 2, 9])
    assert charts.signal_summary(trend, [f"m{i}" for i in range(13)]) == "Trend: 6 punkter som stiger fra m3 til m8."
    anhoej = rc.analyse(list(range(1, 25)), rule_set=rc.ANHOEJ)
    text = charts.signal_summary(anhoej, [f"m{i}" for i in range(24)])
    assert "Uvanlig langt løp: 12 punkter under medianen fra m0 til m11" in text
    assert "For få kryssinger: linjen krysser medianen 1 ganger (færre enn 8 gir signal)" in text
    phased = rc.analyse([3, 2, 3, 2, 3, 2, 8, 9, 8, 9, 8, 9, 1, 1], phases=[12])
    assert charts.signal_summary(phased, [f"m{i}" for i in range(14)]).startswith("Fase 1: Skift")


def test_labels_are_translated():
    assert {k: charts.signal_kind_label(k) for k in rc.KINDS} == {
        rc.SHIFT: "Skift",
        rc.TREND: "Trend",
        rc.TOO_FEW_RUNS: "For få løp",
        rc.TOO_MANY_RUNS: "For mange løp",
        rc.LONG_RUN: "Uvanlig langt løp",
        rc.FEW_CROSSINGS: "For få kryssinger",
        rc.ASTRONOMICAL: "Astronomisk punkt",
    }
    assert charts.rule_set_label(rc.analyse([1], rule_set=rc.IHI)) == "IHIs regler for seriediagram"
    assert charts.rule_set_label(rc.analyse([1], rule_set=rc.ANHOEJ)) == "Anhøj-reglene"


def test_the_runchart_sentences_listed_for_translation_are_the_modules_own():
    assert charts.RUNCHART_MESSAGES == (
        rc.RUNS_LIMITS_EXACT,
        rc.RUNS_LIMITS_NORMAL,
        rc.ANHOEJ_LIMITS_EXACT,
        rc.ANHOEJ_LIMITS_NORMAL,
        rc.REASON_TOO_FEW_POINTS,
        rc.REASON_EMPTY_BASELINE,
    )


def test_weasyprint_renders_the_chart_without_warnings_with_the_bundled_font_only(caplog):
    from weasyprint import HTML

    caplog.set_level("WARNING", logger="weasyprint")
    template = engines["django"].from_string(
        '{% extends "reports/pdf/base.html" %}{% block title %}Diagram{% endblock %}'
        "{% block content %}<h1>Diagram</h1>{{ chart }}{{ small }}{% endblock %}"
    )
    chart = render(labels=LABELS, target=4, markers=[(6, "1")], values=[*VALUES[:-1], rc.Point(20, astronomical=True)])
    small = render(labels=LABELS, compact=True).replace("c1-", "c2-")
    html = template.render({"chart": chart, "small": small, "LANGUAGE_CODE": "nb", "STATIC_PREFIX": STATIC_PREFIX})
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_static_only_fetcher()).write_pdf(
        pdf_variant="pdf/ua-1"
    )
    assert pdf.startswith(b"%PDF")
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert not warnings, warnings
    reader = PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text()
    assert "Median 5,5" in text and "Mål 4" in text and "IHIs regler for seriediagram" in text
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Report-Sans" in f for f in fonts), fonts  # the bundled DejaVu, no system font
