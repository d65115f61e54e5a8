"""Reports rendered by a real Celery worker on Redis, and a worker killed mid-job."""

import io
import time

import pytest
from django.db import transaction
from pypdf import PdfReader

from packages.models import Response
from packages.services import response_for
from reports.models import ReportRun
from reports.services import report_run_request
from tests.packages.factories import package_for_cast
from tests.reports.conftest import measure_with_values

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def wait_for(run, statuses, timeout=60, worker=None):
    deadline = time.monotonic() + timeout
    while True:
        run.refresh_from_db()
        if run.status in statuses:
            return run
        assert time.monotonic() < deadline, (run.status, worker.log() if worker else "")
        time.sleep(0.2)


def text_of(run) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(run.file.read())).pages)


def test_worker_renders_every_report_kind(celery_worker_proc, real_celery, cast):
    worker = celery_worker_proc()
    package = package_for_cast(cast)
    response = response_for(package=package, team=cast.team_a)
    Response.objects.filter(pk=response.pk).update(status=Response.Status.SUBMITTED)
    measure_with_values(cast.team_a)  # a shift in a key measure
    with transaction.atomic():
        runs = [
            report_run_request(kind="network", network=cast.network, user=cast.project_group, locale="nb"),
            report_run_request(
                kind="team", network=cast.network, user=cast.project_group, locale="nb", team=cast.team_a
            ),
            report_run_request(
                kind="package", network=cast.network, user=cast.project_group, locale="nb", package=package
            ),
        ]
    for run in runs:
        wait_for(run, {ReportRun.Status.DONE, ReportRun.Status.FAILED}, worker=worker)
        assert run.status == ReportRun.Status.DONE, (run.error, worker.log())
    network_text, team_text, package_text = (text_of(r) for r in runs)
    assert "Fosen" in network_text and "Værnes" in network_text and "Tabell 1" in network_text
    assert "Fosen" in team_text and cast.coordinator.full_name in team_text
    assert "Målinger og seriediagram" in team_text and "PDSA-sirkler" in team_text
    assert "Seriediagram for «Dager fra henvisning til første samtale»" in team_text
    words = " ".join(network_text.split())
    assert "Forbedringsarbeid og sammensetning per team" in words and "Signal i en nøkkelmåling:" in words
    assert "Fosen" in package_text and "Værnes" not in package_text  # only submitted answers


def test_killed_worker_leaves_a_job_that_completes_after_restart(celery_worker_proc, real_celery, cast):
    fast_redelivery = {
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
    }
    first = celery_worker_proc(name="doomed", extra_env={**fast_redelivery, "REPORTS_RENDER_DELAY": "30"})
    with transaction.atomic():
        run = report_run_request(kind="network", network=cast.network, user=cast.observer, locale="nb")
    wait_for(run, {ReportRun.Status.RUNNING}, timeout=30, worker=first)
    first.proc.kill()  # SIGKILL mid-job: no chance to clean up
    first.proc.wait()
    run.refresh_from_db()
    assert run.status == ReportRun.Status.RUNNING  # left behind by the dead worker

    second = celery_worker_proc(name="rescuer", extra_env=fast_redelivery)
    wait_for(run, {ReportRun.Status.DONE}, timeout=60, worker=second)
    assert run.attempts == 2 and run.file
    assert "Fosen" in text_of(run)


def test_worker_renders_a_gatherings_evaluation(celery_worker_proc, real_celery, cast):
    from tests.reports.test_evaluation import QUOTE, evaluation_of

    worker = celery_worker_proc()
    survey = evaluation_of(cast)
    with transaction.atomic():
        run = report_run_request(
            kind="evaluation", network=cast.network, user=cast.project_group, locale="nb", survey=survey
        )
    wait_for(run, {ReportRun.Status.DONE, ReportRun.Status.FAILED}, worker=worker)
    assert run.status == ReportRun.Status.DONE, (run.error, worker.log())
    assert run.filename.startswith("evalueringsrapport-samling-1-") and run.pages > 10
    pdf = PdfReader(io.BytesIO(run.file.read()))
    assert pdf.trailer["/Root"]["/Lang"] == "nb" and "/StructTreeRoot" in pdf.trailer["/Root"]  # PDF/UA, tagged
    text = " ".join("\n".join(p.extract_text() for p in pdf.pages).split())
    for heading in ("Innhold", "1. Sammendrag", "2. Resultater", "3. Resultater etter bakgrunn", "4. Sitater"):
        assert heading in text, heading
    assert "5. Vedlegg: samlingens program" in text and cast.session.title in text and "Kari Nordmann (KS)" in text
    assert "Figur 1 viser svarene på B1" in text and "35 av 110 (31,8 %)" in text
    assert "gjennomsnitt 4,69 (uten «vet ikke»)" in text  # O1's mean, Norwegian format
    assert f"«{QUOTE}»" in text


def test_worker_renders_the_final_report(celery_worker_proc, real_celery, cast):
    from reports.services import final_report_text_save
    from tests.reports.test_final import with_final_survey

    worker = celery_worker_proc()
    with_final_survey(cast.network)
    final_report_text_save(
        network=cast.network, key="recommendations", text="- Fortsett teamene", base_version=0, by=cast.project_group
    )
    with transaction.atomic():
        run = report_run_request(kind="final", network=cast.network, user=cast.project_group, locale="nb")
    wait_for(run, {ReportRun.Status.DONE, ReportRun.Status.FAILED}, worker=worker)
    assert run.status == ReportRun.Status.DONE, (run.error, worker.log())
    assert run.filename.startswith("sluttrapport-trondelag-")
    pdf = PdfReader(io.BytesIO(run.file.read()))
    assert pdf.trailer["/Root"]["/Lang"] == "nb" and "/StructTreeRoot" in pdf.trailer["/Root"]  # PDF/UA, tagged
    text = " ".join("\n".join(p.extract_text() for p in pdf.pages).split())
    for heading in ("Forord", "Sammendrag", "Del 1", "Del 2", "Del 3", "Vedlegg 1", "Vedlegg 2"):
        assert heading in text, heading
    assert "Tabell 1 viser" in text and "Tabell 2 viser" in text and "SUM" in text
    assert "35 av 110 (31,8 %)" in text and "gjennomsnitt 4,69" in text
    assert "Fortsett teamene" in text and text.count("Plassholder:") == 3
    assert cast.activity.title in text  # the fremdriftsplan
