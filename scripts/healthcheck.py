"""The web container's health check (docker-compose.yml): GET /healthz from this machine's gunicorn.

Plain HTTP to 127.0.0.1 (production exempts /healthz from the HTTPS redirect) with a Host header
that ALLOWED_HOSTS accepts: the first name in DJANGO_ALLOWED_HOSTS, so ALLOWED_HOSTS need not
list 127.0.0.1. Exits 0 on 200 only. Standard library only: it runs every 30 s.

Environment: DJANGO_ALLOWED_HOSTS, HEALTHCHECK_PORT (default 8000).
"""

from __future__ import annotations

import http.client
import os
import sys

TIMEOUT = 10  # seconds; /healthz itself gives the broker 2 s and the workers' ping 1 s


def host_header(allowed_hosts: str) -> str:
    """A Host value that the first ALLOWED_HOSTS entry accepts."""
    first = allowed_hosts.split(",")[0].strip()
    if first in {"", "*"}:
        return "localhost"
    return first.lstrip(".")  # ".example.no" accepts example.no itself


def main() -> int:
    port = int(os.environ.get("HEALTHCHECK_PORT", "8000"))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request("GET", "/healthz", headers={"Host": host_header(os.environ.get("DJANGO_ALLOWED_HOSTS", ""))})
        response = conn.getresponse()
        body = response.read(2000).decode(errors="replace")
    except OSError as exc:
        print(f"healthz: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        conn.close()
    print(f"healthz: {response.status} {body}")
    return 0 if response.status == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
