"""A broker or worker that is down loses nothing: the outbox with a real worker on Redis.

While the broker is unreachable, asking for a report, inviting a person and sending a reminder
answer at once and keep their work in the outbox; when the broker is back, the sweeper hands it
over and every e-mail is sent exactly once, also when a message is published twice. A report run
whose worker is killed stops beating, and the person's "Try again" takes it over."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from core.models import OutboxMessage
from core.outbox import outbox_dispatch, outbox_sweep
from packages.reminders import team_recipients
from reports.models import ReportRun
from tests.packages.factories import package_for_cast
from tests.teams.factories import TeamMembershipFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def mail_worker(celery_worker_proc, tmp_path, **env):
    mail_dir = tmp_path / "mail"
    worker = celery_worker_proc(
        extra_env={
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "DJANGO_EMAIL_FILE_PATH": str(mail_dir),
            **env,
        }
    )
    return worker, mail_dir


def mails(mail_dir) -> list[str]:
    # The file backend writes one file per connection; every message in it starts with a header.
    if not mail_dir.exists():
        return []
    return [m for f in sorted(mail_dir.iterdir()) for m in f.read_text().split("\n" + "-" * 79 + "\n") if "To: " in m]


def wait_until(predicate, *, timeout=60, log=lambda: ""):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, log()
        time.sleep(0.2)


def test_broker_down_then_back_loses_nothing_and_sends_once(
    broker, celery_worker_proc, tmp_path, cast, client, settings
):
    package = package_for_cast(cast)
    TeamMembershipFactory(team=cast.team_a)  # the team has two members besides the coordinator
    client.force_login(cast.project_group)
    slug = cast.network.slug

    broker.down()
    remind = client.post(
        reverse("packages:response-remind", kwargs={"slug": slug, "pk": package.pk, "team_pk": cast.team_a.pk})
    )
    invite = client.post(
        reverse("networks:person-invite", kwargs={"slug": slug}),
        {"email": "ny.deltaker@eksempel.no", "full_name": "Ny Deltaker", "network_role": "observator"},
    )
    report = client.post(reverse("reports:run-create", kwargs={"slug": slug}), {"kind": "network"})
    assert (remind.status_code, invite.status_code, report.status_code) == (302, 302, 302)
    run = ReportRun.objects.get(network=cast.network)
    # Every hand-off is kept, none was published, and the person is told the report is queued.
    pending = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
    assert sorted(pending.values_list("task", flat=True)) == [
        "networks.tasks.invitation_send_task",
        "packages.tasks.response_remind_task",
        "reports.tasks.report_run_render_task",
    ]
    assert all("Connection refused" in m.last_error for m in pending)
    status = client.get(reverse("reports:run-status", kwargs={"slug": slug, "pk": run.pk})).json()
    assert status["status"] == "pending" and status["queued"]
    # No token of the invitation is stored, not even in the outbox: only its id and the site.
    invitation_message = pending.get(task="networks.tasks.invitation_send_task")
    assert len(invitation_message.args) == 2 and "/invitation/" not in str(invitation_message.args)

    # Still down: the sweeper fails fast, keeps everything and stops at the first refusal.
    settings.OUTBOX_RETRY_AFTER = 0
    assert outbox_sweep() == 0
    assert pending.count() == 3

    broker.up()
    assert outbox_sweep() == 3
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count() == 3
    # Each message is published once more before any worker runs (as by a sweeper whose record of
    # the first publish was lost): two copies of every message wait in the queue.
    OutboxMessage.objects.update(status=OutboxMessage.Status.PENDING)
    for message in OutboxMessage.objects.all():
        assert outbox_dispatch(message_id=message.pk)

    worker, mail_dir = mail_worker(celery_worker_proc, tmp_path)
    expected = 1 + len(team_recipients(team=cast.team_a))  # the invitee and every member of team A
    wait_until(lambda: len(mails(mail_dir)) >= expected, log=worker.log)
    wait_until(lambda: OutboxMessage.objects.filter(status=OutboxMessage.Status.DONE).count() == 3, log=worker.log)
    wait_until(lambda: ReportRun.objects.get(pk=run.pk).status == ReportRun.Status.DONE, log=worker.log)
    wait_until(lambda: worker.log().count("succeeded in") >= 6, log=worker.log)  # the copies ran too
    sent = mails(mail_dir)
    assert len(sent) == expected, worker.log()
    recipients = [line for m in sent for line in m.splitlines() if line.startswith("To: ")]
    assert len(recipients) == len(set(recipients))
    assert any("ny.deltaker@eksempel.no" in r for r in recipients)
    assert ReportRun.objects.get(pk=run.pk).attempts == 1


def test_killed_worker_stops_beating_and_try_again_takes_the_run_over(
    real_celery, celery_worker_proc, cast, client, settings
):
    # No redelivery within the test (visibility timeout of an hour): only the heartbeat can tell.
    doomed = celery_worker_proc(
        name="doomed", extra_env={"REPORTS_RENDER_DELAY": "60", "REPORTS_HEARTBEAT_SECONDS": "0.3"}
    )
    client.force_login(cast.project_group)
    slug = cast.network.slug
    client.post(reverse("reports:run-create", kwargs={"slug": slug}), {"kind": "network"})
    run = ReportRun.objects.get(network=cast.network)
    wait_until(lambda: ReportRun.objects.get(pk=run.pk).status == ReportRun.Status.RUNNING, log=doomed.log)
    first_beat = ReportRun.objects.get(pk=run.pk).heartbeat_at
    wait_until(lambda: ReportRun.objects.get(pk=run.pk).heartbeat_at > first_beat, log=doomed.log)

    settings.REPORTS_STUCK_AFTER = 2
    retry_url = reverse("reports:run-retry", kwargs={"slug": slug, "pk": run.pk})
    client.post(retry_url)  # while it beats, "Try again" leaves the run to its worker
    assert ReportRun.objects.get(pk=run.pk).status == ReportRun.Status.RUNNING
    assert not client.get(reverse("reports:run-status", kwargs={"slug": slug, "pk": run.pk})).json()["stalled"]

    doomed.proc.kill()  # SIGKILL mid-render: no chance to clean up, the heartbeat stops
    doomed.proc.wait()
    wait_until(lambda: ReportRun.objects.get(pk=run.pk).is_stalled, timeout=20)
    assert client.get(reverse("reports:run-status", kwargs={"slug": slug, "pk": run.pk})).json()["stalled"]
    page = client.get(reverse("reports:run-detail", kwargs={"slug": slug, "pk": run.pk})).content.decode()
    assert 'id="ln-report-retry" hidden' not in page  # the button is there for the person

    rescuer = celery_worker_proc(name="rescuer")
    client.post(retry_url)
    wait_until(lambda: ReportRun.objects.get(pk=run.pk).status == ReportRun.Status.DONE, log=rescuer.log)
    run.refresh_from_db()
    assert run.attempts == 2 and run.file
