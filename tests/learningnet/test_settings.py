"""Settings: production passes `check --deploy`; missing secrets and typos fail at startup."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "learningnet.settings.production",
    "DJANGO_SECRET_KEY": "a-very-long-random-secret-key-for-the-deploy-check-0123456789-abcdefghijkl",
    "DJANGO_ALLOWED_HOSTS": "laeringsnett.example.no",
    "DATABASE_URL": "sqlite:////tmp/learningnet-deploy-check.sqlite3",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "smtp.example.no",
}


def manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True
    )


def test_production_passes_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SECRET_KEY"}
    result = manage("check", **env)
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_secret_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("x" * 60 + "-from-a-docker-secret-file\n")
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SECRET_KEY"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_SECRET_KEY_FILE=str(secret), **env)
    assert result.returncode == 0, result.stderr


def test_boolean_typo_fails_startup():
    result = manage("check", DJANGO_SETTINGS_MODULE="learningnet.settings.local", DJANGO_DEBUG="ja")
    assert result.returncode != 0 and "is not a boolean" in result.stderr


def test_development_email_never_goes_nowhere():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.EMAIL_BACKEND)",
        DJANGO_SETTINGS_MODULE="learningnet.settings.local",
    )
    assert result.stdout.strip().splitlines()[-1] == "django.core.mail.backends.console.EmailBackend"
