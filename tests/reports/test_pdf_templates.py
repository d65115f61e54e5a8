"""The report templates render their snapshot to a tagged, accessible PDF through render_pdf."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from packages.models import Package
from reports.rendering import render_pdf
from reports.snapshots import (
    TEMPLATES,
    network_status_snapshot,
    package_compilation_snapshot,
    team_status_snapshot,
)
from tests.reports.conftest import DEMO_TODAY, TODAY, build_network

pytestmark = pytest.mark.django_db

REQUESTED_BY = "Kari Nordmann"
GENERATED_AT = datetime.datetime(2026, 11, 25, 9, 30, tzinfo=datetime.UTC)


def render(snapshot: dict, language: str = "nb") -> bytes:
    return render_pdf(
        template=TEMPLATES[snapshot["kind"]],
        context={"snapshot": snapshot, "requested_by_name": REQUESTED_BY, "generated_at": GENERATED_AT},
        language=language,
    )


def pdf_text(reader: PdfReader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def struct_elements(root) -> list:
    """Every structure element of the tagged PDF, depth first."""
    found, stack = [], [root["/StructTreeRoot"].get_object()]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        kids = kids if isinstance(kids, list) else [kids]
        for kid in kids:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and "/S" in kid:
                found.append(kid)
                stack.append(kid)
    return found


def check_accessible_pdf(pdf: bytes, snapshot: dict) -> tuple[PdfReader, list[str]]:
    """What every report must be: a tagged PDF/UA document in Norwegian with its title and author,
    the bundled font only, the footer «side X av Y», and no e-mail address."""
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nb"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert "pdfuaid:part" in root["/Metadata"].get_object().get_data().decode()
    assert reader.metadata.title == f"{snapshot['title']} – {snapshot['subtitle']}"
    assert reader.metadata.author == REQUESTED_BY
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Report-Sans" in name for name in fonts), fonts  # not the system DejaVu

    pages = pdf_text(reader)
    total = len(pages)
    with translation.override("nb"):
        page_word, of_word = gettext("page"), gettext("of")
    assert page_word == "side" and of_word == "av"
    # The cover has no running header or footer; the table of contents is page 2.
    assert f"{page_word} 2 {of_word} {total}" in pages[1]
    assert f"{page_word} {total} {of_word} {total}" in pages[-1]
    assert "@" not in " ".join(pages)
    return reader, pages


def caption(word_msgid: str, number: int) -> str:
    """«Tabell 1» once the Norwegian catalogue has the word, «Table 1» until then."""
    with translation.override("nb"):
        return f"{gettext(word_msgid)} {number}:"


@pytest.fixture
def weasyprint_log(caplog):
    """WeasyPrint reports CSS it ignores, missing fonts or alt texts as log lines, not exceptions."""
    caplog.set_level("WARNING", logger="weasyprint")
    return caplog


def test_network_status_pdf(demo, weasyprint_log):
    with translation.override("nb"):
        snapshot = network_status_snapshot(network=demo, today=DEMO_TODAY)
    pdf = render(snapshot)
    assert not weasyprint_log.records

    reader, pages = check_accessible_pdf(pdf, snapshot)
    assert len(pages) > 2  # cover, contents, the report
    text = " ".join(pages)
    assert snapshot["title"] in pages[0] and demo.name in pages[0] and REQUESTED_BY in pages[0]
    for team in ("Fosen", "Inn-Trøndelag", "Orkland/Fjellregionen", "Trondheim", "Værnes", "Ytre Namdal"):
        assert team in text
    assert caption("Table", 1) in text and caption("Table", 2) in text and caption("Figure", 1) in text
    assert "Arbeidsutvalg møter" in text and "16,7 %" in text  # 1 of 6 submitted, decimal comma
    # The table of contents gives each chapter's number and page: «3. <teams chapter> ….. 5».
    teams_page = next(i for i, page in enumerate(pages) if "Levert" in page and "Steinkjer" in page) + 1
    with translation.override("nb"):
        chapter = re.escape(gettext("The improvement teams"))
    assert re.search(rf"3\. {chapter}[ .]*{teams_page}\b", pages[1]), pages[1]
    # The bar chart is a figure whose alternative text is the SVG's <title>.
    figures = [e for e in struct_elements(reader.trailer["/Root"]) if e["/S"] == "/Figure"]
    assert figures and all(str(f.get("/Alt", "")).strip() for f in figures)
    # The team overview is on a landscape page.
    wide = [p for p in reader.pages if float(p.mediabox.width) > float(p.mediabox.height)]
    assert wide and any("Steinkjer" in " ".join(w.extract_text().split()) for w in wide)

    # The per-team checks: clear column heads, a legend, and Fosen's shift in its key measure.
    with translation.override("nb"):
        heads = [
            gettext(msgid)
            for msgid in (
                "Improvement work and composition per team",
                "Signal in a key measure",
                "No user representative",
                "No health-trust member",
                "Late preparation packages",
            )
        ]
    assert heads[0] == "Forbedringsarbeid og sammensetning per team"
    checks_page = next(page for page in pages if heads[0] in page and heads[1] in page)
    assert all(head in checks_page for head in heads)
    fosen = next(t for t in snapshot["teams"] if t["name"] == "Fosen")
    assert fosen["checks"]["signal"]["flag"]
    assert "Dager fra henvisning til første samtale (skift)" in checks_page
    assert "Antall team markert" in checks_page  # the legend's counts


def test_team_status_pdf(demo, weasyprint_log):
    fosen = demo.teams.get(name="Fosen")
    with translation.override("nb"):
        snapshot = team_status_snapshot(team=fosen, today=DEMO_TODAY)
    pdf = render(snapshot)
    assert not weasyprint_log.records

    reader, pages = check_accessible_pdf(pdf, snapshot)
    text = " ".join(pages)
    assert "Fosen" in pages[0]
    for member in snapshot["members"]:
        assert member["name"] in text
    assert "Koordinator" in text and "Brukerrepresentant" in text
    assert "Teammøte: henvisningspraksis" in text
    assert "Fosen forbedringsteam" in text  # a submitted answer
    assert caption("Table", 1) in text

    # The improvement work: headings, goals and tiltak, a numbered run chart with its signals in
    # words and the rule set, and the PDSA cycles.
    for heading in ("Forbedringsområder, mål og tiltak", "Målinger og seriediagram", "PDSA-sirkler"):
        assert heading in text
    assert "Samhandling og roller" in text and "Gjennomført" in text
    assert f"{caption('Figure', 1)} Seriediagram for «Dager fra henvisning til første samtale»" in text
    assert "Signaler (IHIs regler for seriediagram): Skift: 8 punkter under medianen" in text
    assert "Prediksjon" in text and "Første henvisningsmøte i Ørland" in text
    figures = [e for e in struct_elements(reader.trailer["/Root"]) if e["/S"] == "/Figure"]
    assert figures and all(str(f.get("/Alt", "")).strip() for f in figures)


def test_package_compilation_pdf(demo, weasyprint_log):
    package = Package.objects.get(gathering__network=demo)
    with translation.override("nb"):
        snapshot = package_compilation_snapshot(package=package)
    pdf = render(snapshot)
    assert not weasyprint_log.records

    _reader, pages = check_accessible_pdf(pdf, snapshot)
    text = " ".join(pages)
    assert snapshot["title"] in pages[0] and snapshot["title"].startswith("Notater fra læringsnettverkene")
    assert "Fosen" in text and "Fosen forbedringsteam" in text
    assert "Værnes" not in text  # a draft is never compiled
    assert caption("Table", 1) in text


def test_the_same_snapshot_gives_the_same_pdf(demo):
    """The task renders the stored snapshot, so a re-run produces the same file."""
    with translation.override("nb"):
        snapshot = team_status_snapshot(team=demo.teams.get(name="Værnes"), today=DEMO_TODAY)
    assert render(snapshot) == render(snapshot)


def test_the_language_of_the_run_is_the_language_of_the_pdf(demo):
    with translation.override("en"):
        snapshot = package_compilation_snapshot(package=Package.objects.get(gathering__network=demo))
    reader = PdfReader(io.BytesIO(render(snapshot, language="en")))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    text = " ".join(pdf_text(reader))
    assert "Notes from the networks" in text and "page 2 of" in text and "Table 1:" in text


def test_an_email_address_as_the_requester_name_never_reaches_the_pdf():
    """The job passes the requester's name; User.get_full_name() falls back to the e-mail address."""
    network = build_network(2)
    with translation.override("nb"):
        snapshot = network_status_snapshot(network=network, today=TODAY)
    pdf = render_pdf(
        template=TEMPLATES[snapshot["kind"]],
        context={"snapshot": snapshot, "requested_by_name": "kari@eksempel.no", "generated_at": ""},
        language="nb",
    )
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.author == "Læringsnett"
    assert "@" not in " ".join(pdf_text(reader))
    assert "Team 000" in " ".join(pdf_text(reader))
