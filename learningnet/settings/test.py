"""Test settings: PostgreSQL when DATABASE_URL is set (always in CI), SQLite otherwise."""

import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
# Shared with the Celery worker processes the integration tests start (they pass it on).
MEDIA_ROOT = env("DJANGO_MEDIA_ROOT", default=tempfile.mkdtemp(prefix="learningnet-test-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_FAILURE_LIMIT = 5
LANGUAGE_CODE = "nb"
# Unit tests run tasks in-process; integration tests switch to the real broker and worker
# (tests/integration/conftest.py::real_celery).
CELERY_TASK_ALWAYS_EAGER = True
