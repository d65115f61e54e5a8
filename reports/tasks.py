from celery import shared_task


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def report_run_render_task(self, run_id: int, outbox_id: int | None = None) -> None:
    """Render one report run. A redelivered message (the worker died) may take the run over. The
    run's own state machine makes a second message harmless, so the outbox message is only marked
    done (core/outbox.py)."""
    from core.outbox import outbox_mark_done
    from reports.services import report_run_render

    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    report_run_render(run_id=run_id, redelivered=redelivered, heartbeat=not self.request.is_eager)
    outbox_mark_done(outbox_id=outbox_id)


@shared_task
def report_runs_reset_stuck_task() -> int:
    from reports.services import report_runs_reset_stuck

    return report_runs_reset_stuck()


@shared_task
def report_files_purge_expired_task() -> int:
    from reports.services import report_files_purge_expired

    return report_files_purge_expired()


@shared_task
def monthly_network_reports_task() -> int:
    from reports.monthly import monthly_network_reports_send

    return monthly_network_reports_send()
