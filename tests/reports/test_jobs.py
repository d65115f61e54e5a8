"""Report jobs: request, render, archive, retry, permissions, the command line, the monthly e-mail."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from networks.models import NetworkRole
from reports.models import ReportRun
from reports.monthly import monthly_network_reports_send
from reports.services import report_run_render, report_run_request, report_run_retry, report_runs_reset_stuck

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def request_network_report(client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("reports:run-create", kwargs={"slug": cast.network.slug}), {"kind": "network"})


def test_request_renders_archives_and_downloads(cast, client, django_capture_on_commit_callbacks):
    client.force_login(cast.observer)
    response = request_network_report(client, cast, django_capture_on_commit_callbacks)
    run = ReportRun.objects.get()
    assert response.url == run.get_absolute_url()
    assert run.status == ReportRun.Status.DONE and run.requested_by == cast.observer and run.locale == "nb"
    status = client.get(reverse("reports:run-status", kwargs={"slug": cast.network.slug, "pk": run.pk})).json()
    assert status["status"] == "done" and status["download"]
    download = client.get(status["download"])
    # A Norwegian name a person recognises in their Downloads folder.
    name = f"statusrapport-{cast.network.slug}-{run.created_at:%Y-%m-%d}-{run.pk}.pdf"
    assert download.headers["Content-Disposition"] == f'attachment; filename="{name}"'
    text = pdf_text(b"".join(download.streaming_content))
    assert "Fosen" in text and "Værnes" in text
    assert run.pages and run.pages >= 2 and run.expires_at > timezone.now()
    archive = client.get(reverse("reports:run-list", kwargs={"slug": cast.network.slug})).content.decode()
    assert "(Norsk bokmål)" in archive and "(nb)" not in archive


def test_double_click_starts_one_job(cast, client, django_capture_on_commit_callbacks, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # keep the run pending between the two clicks
    from learningnet.celery import app

    app.conf.task_always_eager = False
    try:
        run1 = report_run_request(kind="network", network=cast.network, user=cast.observer, locale="nb")
        run2 = report_run_request(kind="network", network=cast.network, user=cast.observer, locale="nb")
    finally:
        app.conf.task_always_eager = True
    assert run1 == run2 and ReportRun.objects.count() == 1


def test_snapshot_is_taken_when_asked_and_rerender_is_the_same(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = report_run_request(kind="network", network=cast.network, user=cast.project_group, locale="nb")
    cast.team_b.name = "Nytt navn"
    cast.team_b.save()
    run.refresh_from_db()
    first = run.snapshot
    run.status = ReportRun.Status.FAILED
    run.save()
    report_run_render(run_id=run.pk)
    run.refresh_from_db()
    assert run.snapshot == first
    assert "Nytt navn" not in pdf_text(run.file.read())


def test_failed_run_shows_a_clear_message_and_can_be_retried(
    cast, client, monkeypatch, django_capture_on_commit_callbacks
):
    import reports.services as services

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "render_snapshot", broken)
    client.force_login(cast.project_group)
    request_network_report(client, cast, django_capture_on_commit_callbacks)
    run = ReportRun.objects.get()
    assert run.status == ReportRun.Status.FAILED
    status = client.get(reverse("reports:run-status", kwargs={"slug": cast.network.slug, "pk": run.pk})).json()
    assert "boom" not in status["error"] and status["error"]
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:run-retry", kwargs={"slug": cast.network.slug, "pk": run.pk}))
    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE and run.attempts == 1  # a manual retry starts afresh


def test_team_member_cannot_request_network_report_and_nothing_is_created(cast, client):
    client.force_login(cast.team_member)
    response = client.post(reverse("reports:run-create", kwargs={"slug": cast.network.slug}), {"kind": "network"})
    assert response.status_code == 403
    client.force_login(cast.outsider)
    assert (
        client.post(reverse("reports:run-create", kwargs={"slug": cast.network.slug}), {"kind": "network"}).status_code
        == 404
    )
    assert not ReportRun.objects.exists()


def test_coordinator_makes_the_own_teams_report_only(cast, client, django_capture_on_commit_callbacks):
    client.force_login(cast.coordinator)
    url = reverse("reports:run-create", kwargs={"slug": cast.network.slug})
    assert client.post(url, {"kind": "team", "team": cast.team_b.pk}).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"kind": "team", "team": cast.team_a.pk}).status_code == 302
    run = ReportRun.objects.get()
    assert run.team == cast.team_a and run.status == ReportRun.Status.DONE
    assert cast.coordinator.full_name in pdf_text(run.file.read()) or cast.team_a.name in pdf_text(run.file.read())
    client.force_login(cast.team_member)  # not coordinator or leader
    assert client.get(run.get_absolute_url()).status_code == 404


def test_stuck_running_run_is_requeued(cast, settings, django_capture_on_commit_callbacks):
    run = ReportRun.objects.create(
        kind="network",
        network=cast.network,
        status=ReportRun.Status.RUNNING,
        started_at=timezone.now() - datetime.timedelta(seconds=settings.REPORTS_STUCK_AFTER + 5),
        snapshot={},
    )
    run.snapshot = __import__("reports.services", fromlist=["x"]).snapshot_for(
        kind="network", network=cast.network, locale="nb"
    )
    run.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert report_runs_reset_stuck() == 1
    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE


def test_command_line_writes_a_pdf(cast, tmp_path):
    out = tmp_path / "status.pdf"
    call_command("report", "network", cast.network.slug, "-o", str(out), verbosity=0)
    assert out.read_bytes().startswith(b"%PDF") and "Fosen" in pdf_text(out.read_bytes())
    team_out = tmp_path / "team.pdf"
    call_command("report", "team", cast.network.slug, "--team", "fosen", "-o", str(team_out), verbosity=0)
    assert team_out.read_bytes().startswith(b"%PDF")


def test_command_line_bad_input_gives_clear_message_and_no_job(cast, tmp_path):
    with pytest.raises(CommandError, match="No network with the short name «finnes-ikke»"):
        call_command("report", "network", "finnes-ikke", "-o", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="No team «Bergen» in trondelag"):
        call_command("report", "team", cast.network.slug, "--team", "Bergen", "-o", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists() and not ReportRun.objects.exists()


def test_monthly_report_goes_to_observers_who_want_it_once(cast):
    today = datetime.date(2026, 10, 1)
    other_observer = NetworkRole.objects.create(
        network=cast.network, user=cast.outsider, role="observator", monthly_report=False
    )
    assert monthly_network_reports_send(today=today) == 1
    assert [m.to for m in mail.outbox] == [[cast.observer.email]]
    assert mail.outbox[0].attachments[0][2] == "application/pdf"
    assert monthly_network_reports_send(today=today) == 0  # once a month
    assert other_observer.user.email not in [m.to[0] for m in mail.outbox]


def test_observer_switches_the_monthly_report_off(cast, client):
    client.force_login(cast.observer)
    client.post(reverse("reports:monthly-toggle", kwargs={"slug": cast.network.slug}), {})
    assert not NetworkRole.objects.get(user=cast.observer).monthly_report
    assert monthly_network_reports_send(today=datetime.date(2026, 10, 1)) == 0


def audit_trail(run) -> list[tuple[str, dict]]:
    from core.models import AuditLogEntry

    entries = AuditLogEntry.objects.filter(content_type__model="reportrun", object_id=run.pk).order_by("pk")
    return [(entry.action, entry.data) for entry in entries]


def test_monthly_run_goes_through_the_state_machine_like_a_requested_run(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        requested = report_run_request(kind="network", network=cast.network, user=cast.observer, locale="nb")
    requested.refresh_from_db()
    with django_capture_on_commit_callbacks() as queued:
        assert monthly_network_reports_send(today=datetime.date(2026, 10, 1)) == 1
    assert not queued  # rendered in the monthly task itself: no render task races it
    monthly = ReportRun.objects.get(parameters__monthly=True)
    assert monthly.status == ReportRun.Status.DONE and monthly.requested_by is None
    assert monthly.attempts == requested.attempts == 1
    assert monthly.started_at and monthly.finished_at and monthly.expires_at > timezone.now()
    assert monthly.pages == requested.pages and monthly.pages >= 2
    expected = [
        ("reports.reportrun.requested", {"kind": "network", "locale": "nb"}),
        ("reports.reportrun.done", {"pages": monthly.pages}),
    ]
    assert audit_trail(monthly) == audit_trail(requested) == expected
    # The e-mail carries the run's stored file, made by Læringsnett.
    filename, content, mimetype = mail.outbox[0].attachments[0]
    assert filename == monthly.filename and mimetype == "application/pdf"
    assert content == monthly.file.read()
    assert PdfReader(io.BytesIO(content)).metadata.author == "Læringsnett"


def test_monthly_run_that_fails_is_left_failed_and_sends_nothing(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    import reports.services as services

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "render_snapshot", broken)
    with django_capture_on_commit_callbacks(execute=True):
        requested = report_run_request(kind="network", network=cast.network, user=cast.observer, locale="nb")
    assert monthly_network_reports_send(today=datetime.date(2026, 10, 1)) == 0
    assert mail.outbox == []
    requested.refresh_from_db()
    monthly = ReportRun.objects.get(parameters__monthly=True)
    assert monthly.status == requested.status == ReportRun.Status.FAILED
    assert monthly.error == requested.error == "internal" and not monthly.file
    assert monthly.attempts == requested.attempts == 1
    expected = [
        ("reports.reportrun.requested", {"kind": "network", "locale": "nb"}),
        ("reports.reportrun.failed", {"error": "RuntimeError"}),
    ]
    assert audit_trail(monthly) == audit_trail(requested) == expected
    assert monthly_network_reports_send(today=datetime.date(2026, 10, 2)) == 0  # the month has its run
    assert mail.outbox == []
    # Like any failed run, it can be retried from the archive.
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        report_run_retry(run=monthly, by=cast.project_group)
    monthly.refresh_from_db()
    assert monthly.status == ReportRun.Status.DONE and monthly.attempts == 1 and monthly.file


def test_monthly_report_failures_are_retried_later_and_nobody_gets_it_twice(cast, monkeypatch):
    """E-mail delivery is outside our control, so a failing SMTP server is simulated for one address;
    everything else is real: two networks, their runs, the archive."""
    from django.core.mail import EmailMessage

    from tests.networks.factories import NetworkFactory, NetworkRoleFactory

    second = NetworkRoleFactory(network=cast.network, role="observator").user
    other = NetworkFactory(name="Læringsnettverk Agder", slug="agder")
    agder_observer = NetworkRoleFactory(network=other, role="observator").user
    original = EmailMessage.send

    def failing_for_second(message, *args, **kwargs):
        if message.to == [second.email]:
            raise ConnectionRefusedError("SMTP down")
        return original(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", failing_for_second)
    first_day = datetime.date(2026, 10, 1)
    monthly_network_reports_send(today=first_day)
    received = sorted(m.to[0] for m in mail.outbox)
    # One address failing stops neither the others in its network's list nor the other network.
    assert cast.observer.email in received and agder_observer.email in received and second.email not in received
    assert len(received) == len(set(received))

    monkeypatch.setattr(EmailMessage, "send", original)
    mail.outbox.clear()
    assert monthly_network_reports_send(today=first_day + datetime.timedelta(days=1)) == 1
    assert [m.to for m in mail.outbox] == [[second.email]]  # only the one it failed for
    assert ReportRun.objects.filter(parameters__monthly=True).count() == 2  # one run per network
    assert monthly_network_reports_send(today=first_day + datetime.timedelta(days=2)) == 0
    assert monthly_network_reports_send(today=datetime.date(2026, 10, 9)) == 0  # after the first week: nothing
