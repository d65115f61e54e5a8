"""Settings: production passes `check --deploy`; missing secrets and typos fail at startup."""

import importlib.util
import os
import re
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


def production_value(expression: str, **env) -> str:
    """Evaluate `expression` (with `settings` in scope) on production settings in a fresh process."""
    result = manage("shell", "-c", f"from django.conf import settings; print({expression})", **{**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_serves_static_files_with_whitenoise_right_after_security_middleware():
    middleware = production_value("settings.MIDDLEWARE").strip("[]").replace("'", "").split(", ")
    assert middleware[:2] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    storage = production_value("settings.STORAGES['staticfiles']['BACKEND']")
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_development_and_tests_need_no_collectstatic():
    for module in ("learningnet.settings.local", "learningnet.settings.test"):
        result = manage(
            "shell",
            "-c",
            "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND']);"
            " print('whitenoise.middleware.WhiteNoiseMiddleware' in settings.MIDDLEWARE)",
            DJANGO_SETTINGS_MODULE=module,
        )
        assert result.stdout.split()[-2:] == ["django.contrib.staticfiles.storage.StaticFilesStorage", "False"], module


HEALTH_AND_LOGIN_OVER_PLAIN_HTTP = """
from django.test import Client
client = Client(HTTP_HOST="laeringsnett.example.no")
health, login = client.get("/healthz"), client.get("/accounts/login/")
print(health.status_code, login.status_code, login.get("Location"))
"""


def test_production_health_check_is_answered_over_plain_http_but_pages_redirect_to_https():
    """The container's health check asks http://127.0.0.1:8000/healthz with an allowed Host header."""
    result = manage("shell", "-c", HEALTH_AND_LOGIN_OVER_PLAIN_HTTP, **{**PRODUCTION, "CELERY_BROKER_URL": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["200", "301", "https://laeringsnett.example.no/accounts/login/"]


def test_health_check_sends_a_host_that_allowed_hosts_accepts():
    spec = importlib.util.spec_from_file_location("healthcheck", ROOT / "scripts" / "healthcheck.py")
    healthcheck = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(healthcheck)
    assert healthcheck.host_header("laeringsnett.example.no,www.laeringsnett.example.no") == "laeringsnett.example.no"
    assert healthcheck.host_header(".example.no") == "example.no"
    assert healthcheck.host_header("*") == "localhost"


def test_static_files_name_no_missing_source_maps():
    """ManifestStaticFilesStorage fails collectstatic on a sourceMappingURL to a file that is not there."""
    missing = []
    for path in (ROOT / "static").rglob("*"):
        if path.suffix in {".css", ".js"}:
            for name in re.findall(r"sourceMappingURL=([^\s*]+)", path.read_text(errors="replace")):
                if not (path.parent / name).exists():
                    missing.append(f"{path.relative_to(ROOT)} -> {name}")
    assert missing == []


def test_keys_in_templates_are_never_grouped_like_figures(settings):
    from django.template import Context, Template
    from django.utils import translation

    with translation.override("nb"):
        html = Template('<input id="q-{{ pk }}" data-question="{{ pk }}">').render(Context({"pk": 1257}))
    assert html == '<input id="q-1257" data-question="1257">'
