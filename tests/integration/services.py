"""Real services for integration tests: PostgreSQL, Redis and a Celery worker process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1):
            return True
    except OSError:
        return False


def services_available() -> str:
    """'' when PostgreSQL and Redis are configured and reachable, else why not."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return "DATABASE_URL does not point to PostgreSQL"
    broker = settings.CELERY_BROKER_URL
    if not broker.startswith("redis://"):
        return "CELERY_BROKER_URL does not point to Redis"
    if not _reachable(broker, 6379):
        return f"Redis is not reachable at {broker}"
    return ""


def database_url_for_test_db() -> str:
    from django.db import connection

    s = connection.settings_dict
    auth = s["USER"] or ""
    if s.get("PASSWORD"):
        auth += f":{s['PASSWORD']}"
    host = s["HOST"] or "127.0.0.1"
    return f"postgres://{auth}@{host}:{s['PORT'] or 5432}/{s['NAME']}"


class WorkerProcess:
    """A `celery worker` in its own process, on the test database, stopped by PID."""

    def __init__(self, tmp_path: Path, name: str = "w", pool: str = "solo", extra_env: dict | None = None):
        self.log_path = tmp_path / f"worker-{name}.log"
        self.name = name
        self.pool = pool
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "learningnet.settings.test",
            "DATABASE_URL": database_url_for_test_db(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "CELERY_RESULT_BACKEND": settings.CELERY_RESULT_BACKEND or settings.CELERY_BROKER_URL,
            "CELERY_TASK_ALWAYS_EAGER": "False",
            "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
            **(extra_env or {}),
        }
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> WorkerProcess:
        log = open(self.log_path, "w")  # noqa: SIM115 - kept open for the child
        cmd = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "learningnet",
            "worker",
            f"--pool={self.pool}",
            "-l",
            "info",
            "-n",
            f"{self.name}-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
        if self.pool == "prefork":
            cmd.append("--concurrency=1")
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while "ready." not in self.log_path.read_text():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Celery worker did not start:\n{self.log_path.read_text()}")
            time.sleep(0.1)
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def log(self) -> str:
        return self.log_path.read_text()
