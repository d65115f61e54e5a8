import pytest
from django.conf import settings

from learningnet.celery import app
from tests.integration.services import WorkerProcess


@pytest.fixture
def real_celery(settings):
    """Send tasks to the real broker instead of running them in-process."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = True


@pytest.fixture
def celery_worker_proc(tmp_path, transactional_db):
    workers = []

    def start(**kwargs):
        worker = WorkerProcess(tmp_path, **kwargs).start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture(autouse=True)
def _purge_queue(request):
    if "integration" in request.keywords and settings.CELERY_BROKER_URL:
        app.control.purge()


@pytest.fixture
def broker(real_celery):
    """Switch this process's broker off and on: while down, publishing meets a closed port (a real
    connection refusal, as with Redis stopped); workers keep the real broker."""
    url = app.conf.broker_url

    def point_to(target: str) -> None:
        app.conf.broker_url = app.conf.broker_write_url = target
        app._pool = None
        app.amqp._producer_pool = None

    class Switch:
        def down(self) -> None:
            point_to("redis://127.0.0.1:1/0")

        def up(self) -> None:
            point_to(url)

    yield Switch()
    point_to(url)
