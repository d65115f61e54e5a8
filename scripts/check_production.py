"""CI's production check: the image's own commands on production settings, served by gunicorn.

1. `collectstatic` with the production storage (manifest + compressed) into a temporary STATIC_ROOT,
   as the Dockerfile does, and at the same time
2. `migrate` into a separate PostgreSQL database, recreated on every run and dropped afterwards;
3. gunicorn on a free 127.0.0.1 port, then, as the TLS proxy would forward them: the login page,
   every static file it links (hashed names, served by WhiteNoise with the right type, compressed
   and cached for good), and /healthz; /healthz also exactly as docker-compose.yml's health check
   asks (scripts/healthcheck.py: plain HTTP, no proxy header), and a plain-HTTP page must still be
   redirected to HTTPS.

gunicorn is stopped on every way out. Loopback only, a timeout on every step and request; about
20 seconds. No broker: /healthz reports Celery as eager (the worker is not what this checks).

Environment: DATABASE_URL (PostgreSQL, as .ci/run exports it; only its server and credentials are
used), PRODUCTION_CHECK_DATABASE (default learningnet_prod_check).
Run: .venv/bin/python scripts/check_production.py
"""

from __future__ import annotations

import http.client
import importlib
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
HOST = "laeringsnett.example.no"  # the one name in ALLOWED_HOSTS, as in production
TIMEOUT = 10  # seconds for one request
STEP_TIMEOUT = 90  # seconds for one manage.py command
START_TIMEOUT = 30  # seconds for gunicorn to accept connections
HASHED = re.compile(r"\.[0-9a-f]{12}\.[a-z0-9]+$")  # ManifestStaticFilesStorage's names
CONTENT_TYPES = {".css": "text/css", ".js": "text/javascript"}


class CheckFailed(Exception):
    pass


def say(message: str) -> None:
    print(f"check-production: {message}", flush=True)


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def database_urls() -> tuple[str, str, str]:
    """(the check's DATABASE_URL, a libpq URL of the maintenance database, the check database's name)."""
    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise CheckFailed(f"DATABASE_URL must point to PostgreSQL (got {parts.scheme or 'nothing'!r})")
    name = os.environ.get("PRODUCTION_CHECK_DATABASE", "learningnet_prod_check")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise CheckFailed(f"PRODUCTION_CHECK_DATABASE={name!r} is not a plain database name")
    check = urlunsplit(parts._replace(path=f"/{name}"))
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    return check, maintenance, name


def recreate_database(maintenance_url: str, name: str, *, create: bool = True) -> None:
    import psycopg  # noqa: PLC0415 - the venv's; imported late so a bad URL is reported first
    from psycopg import sql  # noqa: PLC0415

    with psycopg.connect(maintenance_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
        check=False,
    )
    expect(result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    say(f"manage.py {' '.join(args)}: ok ({time.monotonic() - started:.1f} s)")


def production_settings(env: dict[str, str]):
    """The production settings module as the server sees them (read, never configured here)."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    return importlib.import_module("learningnet.settings.production")


def proxy_headers(settings) -> dict[str, str]:
    """What the TLS proxy in front adds: the header SECURE_PROXY_SSL_HEADER names, if any."""
    if not getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return {}
    meta, value = settings.SECURE_PROXY_SSL_HEADER
    return {meta.removeprefix("HTTP_").replace("_", "-").title(): value}


def get(port: int, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request("GET", path, headers={"Host": HOST, **headers})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def wait_until_listening(server: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        expect(server.poll() is None, f"gunicorn exited with {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise CheckFailed(f"gunicorn did not listen on 127.0.0.1:{port} within {START_TIMEOUT} s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.terminate()  # gunicorn's graceful shutdown, workers included
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(5)


def check_pages(port: int, settings, static_root: Path, env: dict[str, str]) -> None:
    proxy = proxy_headers(settings)

    if settings.SECURE_SSL_REDIRECT and proxy:
        status, headers, _ = get(port, "/accounts/login/", {})
        expect(status == 301, f"plain HTTP /accounts/login/ answered {status}, expected a redirect to HTTPS")
        expect(
            headers.get("location") == f"https://{HOST}/accounts/login/", f"redirected to {headers.get('location')}"
        )
        say("plain HTTP page: 301 to HTTPS")

    status, headers, body = get(port, "/accounts/login/", proxy)
    expect(status == 200, f"/accounts/login/ answered {status}:\n{body[:2000].decode(errors='replace')}")
    expect(headers.get("content-type", "").startswith("text/html"), f"login page is {headers.get('content-type')}")
    page = body.decode()
    links = sorted(set(re.findall(r'(?:href|src)="(' + re.escape(settings.STATIC_URL) + r'[^"?#]+)"', page)))
    expect(any(link.endswith(".css") for link in links), f"no stylesheet on the login page: {links}")
    say(f"/accounts/login/: 200, {len(links)} static files linked")

    for link in links:
        name = link.removeprefix(settings.STATIC_URL)
        expect(HASHED.search(name) is not None, f"{link} is not a manifest (hashed) name")
        status, headers, body = get(port, link, proxy)
        expect(status == 200, f"{link} answered {status}")
        suffix = Path(name).suffix
        expected_type = CONTENT_TYPES.get(suffix)
        if expected_type:
            expect(
                headers.get("content-type", "").startswith(expected_type),
                f"{link} is served as {headers.get('content-type')}, expected {expected_type}",
            )
        expect(body == (static_root / name).read_bytes(), f"{link} differs from the collected file")
        expect("max-age=315360000" in headers.get("cache-control", ""), f"{link} is not cached for good")
        if suffix == ".css":
            status, headers, _ = get(port, link, {**proxy, "Accept-Encoding": "gzip"})
            expect(status == 200 and headers.get("content-encoding") == "gzip", f"{link} is not served compressed")
        say(f"{link}: 200 {headers.get('content-type')}")

    status, headers, body = get(port, "/healthz", proxy)
    expect(status == 200, f"/healthz answered {status}: {body[:2000].decode(errors='replace')}")
    say(f"/healthz through the proxy: 200 {body.decode()}")

    # The compose health check itself: plain HTTP to 127.0.0.1, Host from DJANGO_ALLOWED_HOSTS.
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "healthcheck.py")],
        env={**env, "HEALTHCHECK_PORT": str(port)},
        capture_output=True,
        text=True,
        timeout=TIMEOUT + 5,
        check=False,
    )
    expect(result.returncode == 0, f"the compose health check failed: {result.stdout}{result.stderr}")
    say(f"compose health check (scripts/healthcheck.py): {result.stdout.strip()}")


def run() -> None:
    check_url, maintenance_url, name = database_urls()
    with tempfile.TemporaryDirectory(prefix="learningnet-production-check-") as tmp:
        static_root, media_root, log_path = Path(tmp) / "static", Path(tmp) / "media", Path(tmp) / "gunicorn.log"
        inherited = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_", "REDIS_CACHE_URL", "EMAIL_"))
        }
        env = {
            **inherited,
            "DJANGO_SETTINGS_MODULE": "learningnet.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DJANGO_STATIC_ROOT": str(static_root),
            "DJANGO_MEDIA_ROOT": str(media_root),
            "DATABASE_URL": check_url,
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        settings = production_settings(env)

        recreate_database(maintenance_url, name)
        try:
            # The two slow steps (compressing the static files, building the schema) side by side.
            with ThreadPoolExecutor(2) as pool:
                steps = [
                    pool.submit(manage, env, "collectstatic", "--noinput", "-v0"),
                    pool.submit(manage, env, "migrate", "--noinput", "-v0"),
                ]
                for step in steps:
                    step.result()
            port = free_port()
            with log_path.open("w") as log:
                server = subprocess.Popen(
                    [
                        *(sys.executable, "-m", "gunicorn", "learningnet.wsgi:application"),
                        *("-b", f"127.0.0.1:{port}", "-w", "2", "--timeout", "30", "--access-logfile", "-"),
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # its own process group, for the last-resort kill
                )
            try:
                wait_until_listening(server, port)
                say(f"gunicorn on 127.0.0.1:{port}")
                check_pages(port, settings, static_root, env)
            except BaseException:
                stop(server)
                print(f"--- gunicorn's log ---\n{log_path.read_text()}", file=sys.stderr)
                raise
            finally:
                stop(server)
        finally:
            recreate_database(maintenance_url, name, create=False)


def main() -> int:
    # A CI timeout or Ctrl-C still runs the cleanup (gunicorn stopped, database dropped).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    try:
        run()
    except (CheckFailed, subprocess.TimeoutExpired, OSError) as exc:
        print(f"check-production: FAILED: {exc}", file=sys.stderr)
        return 1
    say(f"ok ({time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
