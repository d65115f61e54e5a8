"""The network's final report (Sluttrapport): the snapshot from the Trøndelag demo (Tabell 1 counted
from the activity plan, Tabell 2 with the teams' own texts, the kommuneregioner with dated
municipalities, the survey's figures numbered on from the tables), the written parts and their
placeholders, the PDF read back with pypdf, its constant query count, and the command."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from reports.final import text_blocks
from reports.services import final_report_text_save, render_snapshot, snapshot_for
from surveys.services import responses_import, survey_create
from tests.reports.conftest import build_network
from tests.reports.test_pdf_templates import REQUESTED_BY, check_accessible_pdf
from tests.surveys.test_results import responses_for

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    return " ".join("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def snapshot(demo):
    return snapshot_for(kind="final", network=demo, locale="nb")


def test_table_1_counts_the_72_activities_of_the_plan_by_arena(snapshot):
    table = snapshot["table_1"]
    assert table["table"]["number"] == 1
    assert table["table"]["caption"].startswith("Tabell 1 viser antall aktiviteter som er gjennomført")
    counts = {row["label"]: row["count_text"] for row in table["rows"]}
    assert counts["Arbeidsutvalg møter"] == "30" and counts["Felles nettverkssamlinger"] == "4"
    assert counts["Veiledning i forbedringsteamene"] == "12" and counts["Informasjonsmøte"] == "1"
    assert counts["Møter i de ulike forbedringsteamene"] == "Er ikke telt"
    assert table["total"] == 72 == sum(row["count"] or 0 for row in table["rows"])
    gatherings = next(r for r in table["rows"] if r["label"] == "Felles nettverkssamlinger")
    assert "fysisk 2" in gatherings["comment"] and "digital 2" in gatherings["comment"]
    supervision = next(r for r in table["rows"] if r["label"] == "Veiledning i forbedringsteamene")
    assert (
        "for 6 team" in supervision["comment"] and "1 planlagt, ikke merket som gjennomført" in supervision["comment"]
    )


def test_table_2_and_the_regions_show_what_the_teams_gave_and_who_left(snapshot):
    assert snapshot["table_2"]["number"] == 2 and snapshot["table_2"]["caption"].startswith("Tabell 2 viser")
    teams = {t["name"]: t for t in snapshot["teams"]}
    assert list(teams)[0] == "Fosen"  # the order the teams were registered in, as the seed's appendix
    inn = teams["Inn-Trøndelag"]
    assert inn["health_trust"] == "Ingen" and not inn["has_health_trust"]
    assert "Snåsa (til 31. desember 2020)" in inn["municipalities"]
    assert inn["improvement_area"].startswith("Involvere kommunens innbyggere")
    assert snapshot["team_summary"]["health_trust"] == 5  # «5 av 6 forbedringsteam»
    assert "brukerrepresentant" in teams["Værnes"]["user_group"]
    regions = {r["name"]: {m["name"]: m for m in r["municipalities"]} for r in snapshot["regions"]}
    assert regions["Orkdalsregionen"]["Hitra"]["note"] == "deltok ikke"
    assert not regions["Orkdalsregionen"]["Frøya"]["took_part"] and regions["Orkdalsregionen"]["Orkland"]["took_part"]
    # Municipalities merged away are not «did not take part»: their region note says what happened.
    assert regions["Fosen"]["Bjugn"]["note"] == "Slått sammen med Ørland 1.1.2020"
    assert regions["Ytre Namdal"]["Nærøysund"]["note"].startswith("deltok fra 1. januar 2020")


def test_figures_and_tables_are_numbered_in_the_order_they_are_printed(snapshot):
    assert [t["number"] for t in snapshot["tables"]] == list(range(1, len(snapshot["tables"]) + 1))
    assert [f["number"] for f in snapshot["figures"]] == list(range(1, len(snapshot["figures"]) + 1))
    survey = snapshot["survey_part"]
    assert survey["survey"]["rate_text"] == "35 av 110 (31,8 %)" and len(survey["survey"]["extensions"]) == 2
    survey_figures = [i["figure"] for s in survey["sections"] for i in s["items"] if "figure" in i]
    run_charts = [m for t in snapshot["measure_teams"] for m in t["measures"]]
    assert survey_figures[0]["number"] == 1 and run_charts[0]["number"] == survey_figures[-1]["number"] + 1
    assert run_charts[0]["caption"].startswith(f"Figur {run_charts[0]['number']} viser")
    o1 = next(f for f in survey_figures if f["code"] == "O1")
    assert "gjennomsnitt 4,69" in o1["caption"]
    # The survey's breakdown tables come between Tabell 2 and the fremdriftsplan, the last table.
    assert snapshot["plan_table"]["number"] == len(snapshot["tables"]) > 3
    assert len(snapshot["plan"]) == 72 and snapshot["plan"][0]["when"] == "august 2019"


def test_unwritten_parts_are_placeholders_and_written_ones_print_as_written(demo):
    with_nothing = snapshot_for(kind="final", network=demo, locale="nb")
    assert with_nothing["placeholders"] == 4
    assert with_nothing["written"]["foreword"]["placeholder_text"].startswith("Her skriver prosjektgruppen forordet")
    final_report_text_save(
        network=demo,
        key="workshop",
        text="## Hva er viktig å ta med videre?\n\n- Tydelig retning\n- Møteplasser på tvers\n\nOppsummert av AU.",
        base_version=0,
        by=None,
    )
    written = snapshot_for(kind="final", network=demo, locale="nb")
    assert written["placeholders"] == 3 and not written["written"]["workshop"]["placeholder"]
    assert written["written"]["workshop"]["blocks"] == [
        {"kind": "h", "text": "Hva er viktig å ta med videre?"},
        {"kind": "ul", "items": ["Tydelig retning", "Møteplasser på tvers"]},
        {"kind": "p", "text": "Oppsummert av AU."},
    ]


def test_text_blocks_join_lines_into_paragraphs_and_bullets():
    assert text_blocks("") == []
    assert text_blocks("En linje\nsom fortsetter.\n\n• punkt\n➢ neste\nTekst") == [
        {"kind": "p", "text": "En linje som fortsetter."},
        {"kind": "ul", "items": ["punkt", "neste"]},
        {"kind": "p", "text": "Tekst"},
    ]


def test_the_pdf_has_every_part_table_1_table_2_the_survey_figures_and_both_appendices(demo):
    snapshot = snapshot_for(kind="final", network=demo, locale="nb")
    pdf = render_snapshot(
        kind="final", snapshot=snapshot, locale="nb", requested_by_name=REQUESTED_BY, generated_at=None
    )
    check_accessible_pdf(pdf, snapshot)
    text = pdf_text(pdf)
    for heading in (
        "Innhold",
        "Forord",
        "Sammendrag",
        "Del 1 Intensjonen med, organisering og gjennomføring av læringsnettverket",
        "Del 2 Evalueringen av læringsnettverket",
        "Del 2: Evalueringen av læringsnettverket",  # the running header
        "Forbedringsteamenes egenvurdering",
        "Spørreundersøkelsen",
        "Workshop",
        "Del 3 Anbefalinger for det videre arbeidet innenfor feltet",
        "Vedlegg 1 Forbedringsteamenes egenevaluering",
        "Vedlegg 2 Fremdriftsplan",
    ):
        assert heading in text, heading
    assert "Tabell 1 viser antall aktiviteter" in text and "SUM 72" in text and "Er ikke telt" in text
    assert "Tabell 2 viser hvilke regioner" in text and "Brukergruppen" in text
    assert "35 av 110 (31,8 %)" in text and "4,69" in text and "Figur 1 viser" in text
    assert "Når Aktivitet Målgruppe Hovedansvar Status" in text
    assert text.count("Plassholder:") == 4
    assert "Tabeller" in text and "Figurer" in text  # listed in the contents


def counted_queries(network) -> int:
    with CaptureQueriesContext(connection) as ctx:
        snapshot_for(kind="final", network=network, locale="nb")
    return len(ctx.captured_queries)


def with_final_survey(network):
    survey = survey_create(network=network, template_key="sluttevaluering", invited=110, by=None)
    responses_import(survey=survey, rows=responses_for(survey), by=None)
    return network


def test_the_snapshot_runs_a_constant_number_of_queries():
    small = with_final_survey(build_network(2, name="Lite nettverk", measures=1))
    large = with_final_survey(build_network(7, name="Stort nettverk", measures=3))
    assert counted_queries(small) == counted_queries(large)


def test_the_command_writes_the_final_report(demo, tmp_path):
    out = tmp_path / "sluttrapport.pdf"
    call_command("report", "final", demo.slug, "-o", str(out))
    text = pdf_text(out.read_bytes())
    assert "Sluttrapport" in text and "Vedlegg 2 Fremdriftsplan" in text
