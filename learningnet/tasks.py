from celery import shared_task


@shared_task
def ping() -> str:
    """Answered by a worker; used by /healthz and the integration tests."""
    return "pong"
