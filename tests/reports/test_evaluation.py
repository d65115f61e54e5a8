"""Evalueringsrapport for en samling: the snapshot (rate, numbered figures with their numbers in
the captions, breakdowns that never show a group under five, the picked quotes, the program as
an appendix), its constant query count, the PDF, the command, and who may order and download it."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from gatherings.models import SessionSpeaker
from learningnet.demo.surveys import INVITED, gathering_responses
from reports.models import ReportRun
from reports.services import render_snapshot, report_run_render, report_run_request, snapshot_for
from surveys.models import Response
from surveys.services import questions_of, quote_pick, responses_import, survey_create
from tests.networks.factories import GatheringFactory, NetworkFactory, ProgramSessionFactory
from tests.surveys.test_results import responses_for

pytestmark = pytest.mark.django_db

QUOTE = "Terskelen for kontakt er blitt lavere"


def evaluation_of(cast):
    """The sluttevaluering's 35 responses (35 av 110) put on the cast's gathering: background
    questions with a group of four (B1 «Andre del»), a picked and trimmed quote, and a speaker."""
    SessionSpeaker.objects.create(session=cast.session, name="Kari Nordmann", organisation="KS")
    survey = survey_create(
        network=cast.network, template_key="sluttevaluering", gathering=cast.gathering, invited=INVITED, by=None
    )
    responses_import(survey=survey, rows=responses_for(survey), by=None)
    response = next(r for r in Response.objects.filter(survey=survey) if "lavere" in str(r.answers.get("O6f", "")))
    quote_pick(survey=survey, response=response, code="O6f", text=QUOTE, by=None)
    return survey


@pytest.fixture
def evaluation(cast):
    return evaluation_of(cast)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def render(survey) -> bytes:
    snapshot = snapshot_for(kind="evaluation", network=survey.network, survey=survey, locale="nb")
    return render_snapshot(
        kind="evaluation", snapshot=snapshot, locale="nb", requested_by_name="Kari Nordmann", generated_at=None
    )


def test_the_snapshot_numbers_figures_and_tables_in_order(evaluation):
    snap = snapshot_for(kind="evaluation", network=evaluation.network, survey=evaluation, locale="nb")
    assert snap["survey"]["rate_text"] == "35 av 110 (31,8 %)"
    figures = [item["figure"] for s in snap["sections"] for item in s["items"] if "figure" in item]
    assert [f["number"] for f in figures] == list(range(1, len(figures) + 1)) and len(figures) > 20
    o1 = next(f for f in figures if f["code"] == "O1")
    assert o1["caption"].startswith(f"Figur {o1['number']} viser svarene på O1")
    assert "35 av 35 svarte; gjennomsnitt 4,69 (uten «vet ikke»)." in o1["caption"]
    assert [t["number"] for t in snap["tables"]] == list(range(1, len(snap["tables"]) + 1))
    days = [t["caption"] for t in snap["tables"] if "Program" in t["caption"]]
    assert days[0].startswith(f"Tabell {len(snap['tables']) - 1}: Program, dag 1: torsdag 17. september 2026")
    assert snap["quotes"] == [{"code": "O6f", "question": snap["quotes"][0]["question"], "quotes": [QUOTE]}]
    assert snap["program"][0]["sessions"][0]["speakers"] == ["Kari Nordmann (KS)"]


def test_a_breakdown_group_under_five_never_appears(evaluation):
    snap = snapshot_for(kind="evaluation", network=evaluation.network, survey=evaluation, locale="nb")
    b1 = next(b for b in snap["breakdowns"] if b["code"] == "B1")
    assert [g["label"] for g in b1["groups"]] == ["Første del", "Hele perioden"]  # «Andre del» has four
    assert all(len(row["cells"]) == 2 for row in b1["rows"])
    assert b1["hidden_groups"] == 1 and "færre enn 5" in b1["note"]
    for b in snap["breakdowns"]:
        assert all(g["N"] >= 5 for g in b["groups"]), b["code"]
        assert all(c["n"] is None or c["n"] >= 5 for row in b["rows"] for c in row["cells"]), b["code"]
    b3 = next(b for b in snap["breakdowns"] if b["code"] == "B3")  # Helseforetak: six, one rated O4.c
    o4c = next(row for row in b3["rows"] if row["code"] == "O4.c")
    assert o4c["cells"][1] == {"hidden": True, "mean": None, "mean_text": "–", "n": None}
    text = " ".join(pdf_text(render(evaluation)).split())
    heading = "3. Resultater etter bakgrunn"
    start = text.index(heading, text.index(heading) + 1)  # the chapter, not its line in the contents
    chapter = text[start : text.index("4. Sitater", start)]
    assert "Hele perioden" in chapter and "Andre del" not in chapter


def test_the_pdf_has_the_headings_figures_rate_mean_quote_and_program(evaluation, cast):
    text = pdf_text(render(evaluation))
    for heading in ("Innhold", "1. Sammendrag", "2. Resultater", "4. Sitater", "5. Vedlegg: samlingens program"):
        assert heading in text, heading
    assert "Figur 1 viser" in text and "Figurer" in text and "Tabeller" in text
    assert "35 av 110 (31,8 %)" in text
    assert "gjennomsnitt 4,69" in text
    assert f"«{QUOTE}»" in text
    assert cast.session.title in text and "Kari Nordmann (KS)" in text and "09:00–09:45" in text


def counted_queries(survey) -> int:
    with CaptureQueriesContext(connection) as ctx:
        snapshot_for(kind="evaluation", network=survey.network, survey=survey, locale="nb")
    return len(ctx.captured_queries)


def small_gathering_evaluation(sessions: int, responses: int):
    network = NetworkFactory()
    gathering = GatheringFactory(network=network, number=4)
    for i in range(sessions):
        session = ProgramSessionFactory(gathering=gathering)
        SessionSpeaker.objects.create(session=session, name=f"Taler {i}")
    survey = survey_create(
        network=network, template_key="samlingsevaluering", gathering=gathering, invited=40, by=None
    )
    codes = [c for q in questions_of(survey) for c in q.codes()]
    responses_import(survey=survey, rows=gathering_responses(codes)[:responses], by=None)
    return survey


def test_the_snapshot_runs_a_constant_number_of_queries():
    small = small_gathering_evaluation(sessions=1, responses=5)
    large = small_gathering_evaluation(sessions=6, responses=24)  # six more statements to rate (S2)
    assert len(questions_of(large)[1].statements) == 6 > len(questions_of(small)[1].statements)
    queries = counted_queries(small)
    assert queries == counted_queries(large) <= 10


def test_the_command_writes_the_pdf(evaluation, cast, tmp_path):
    out = tmp_path / "evaluering.pdf"
    call_command("report", "evaluation", cast.network.slug, "--gathering", str(cast.gathering.number), "-o", str(out))
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF")
    assert "35 av 110 (31,8 %)" in pdf_text(pdf)


def test_the_command_names_the_gatherings_with_a_survey(evaluation, cast):
    with pytest.raises(CommandError, match=re.escape("Gatherings with a survey: 1 (Samling 1)")):
        call_command("report", "evaluation", cast.network.slug, "--gathering", "9", "-o", "/dev/null")


# --- Ordering and downloading in the browser ---------------------------------------------------
def create_url(cast) -> str:
    return reverse("reports:run-create", kwargs={"slug": cast.network.slug})


def test_the_project_group_orders_it_from_the_results_page(
    evaluation, cast, client, django_capture_on_commit_callbacks
):
    client.force_login(cast.project_group)
    results = reverse("surveys:results", kwargs={"slug": cast.network.slug, "pk": evaluation.pk})
    page = client.get(results).content.decode()
    assert create_url(cast) in page and f'name="survey" value="{evaluation.pk}"' in page
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(create_url(cast), {"kind": "evaluation", "survey": evaluation.pk})
    run = ReportRun.objects.get(kind="evaluation")
    assert response.status_code == 302 and response.url == run.get_absolute_url()
    assert run.survey == evaluation and run.parameters["gathering"] == cast.gathering.number
    reports_page = client.get(reverse("reports:run-list", kwargs={"slug": cast.network.slug})).content.decode()
    assert 'value="evaluation"' in reports_page and cast.gathering.title in reports_page


def test_team_members_may_neither_order_nor_download_it(evaluation, cast, client):
    run = report_run_request(
        kind="evaluation", network=cast.network, user=cast.project_group, locale="nb", survey=evaluation, enqueue=False
    )
    report_run_render(run_id=run.pk)
    download = reverse("reports:run-download", kwargs={"slug": cast.network.slug, "pk": run.pk})
    client.force_login(cast.team_member)
    assert client.post(create_url(cast), {"kind": "evaluation", "survey": evaluation.pk}).status_code == 403
    assert client.get(download).status_code == 403
    results = reverse("surveys:results", kwargs={"slug": cast.network.slug, "pk": evaluation.pk})
    assert client.get(results).status_code == 403  # the same people as the survey's results
    client.force_login(cast.observer)  # reads the results: may download
    detail = client.get(run.get_absolute_url())
    assert detail.status_code == 200 and "Evalueringsrapport for en samling: Samling 1" in detail.content.decode()
    response = client.get(download)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "evalueringsrapport-samling-1-" in response["Content-Disposition"]
