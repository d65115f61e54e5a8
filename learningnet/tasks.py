from celery import shared_task


@shared_task(ignore_result=False)  # its result is read back (tasks ignore results by default)
def ping() -> str:
    """Answered by a worker; used by /healthz and the integration tests."""
    return "pong"
