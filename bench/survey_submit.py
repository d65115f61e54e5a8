"""`make bench`, part two: the end of a gathering. 300 participants open the survey's open link
on their phones and answer it, page by page, as a browser without JavaScript would (GET the
first page, then «Neste», «Neste», «Send»: four requests each), against gunicorn on PostgreSQL.

Prints p50/p95 of every request and of a whole participant, errors, the responses stored (which
must equal the responses sent), the time the 300 took (the goal: well within two minutes), and
the throughput against the trivial view measured in the same run. Nothing here asserts a time;
the run exits with 1 if a request failed or a response was lost or counted twice.

The load is made by threads with the standard library's http.client, as in bench/run.py (no
Locust: the same harness measures every page, and it needs no extra dependencies).

Environment: BENCH_DATABASE_URL (shared with bench/run.py), BENCH_PARTICIPANTS (300),
BENCH_SURVEY_SECONDS (60: the participants arrive evenly over this many seconds, each on
their own connection; the goal's two minutes halved, to leave room), BENCH_PORT.
"""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402 - the shared harness: environment, database, trivial-view load, statistics

PARTICIPANTS = int(os.environ.get("BENCH_PARTICIPANTS", "300"))
WINDOW = float(os.environ.get("BENCH_SURVEY_SECONDS", "60"))
BURST, BURST_AT_ONCE = 100, 8
PAGES = [
    {"q-B1": "Hele perioden", "q-B2": "Forbedringsteam", "q-B3": "Kommune", "q-B4": ["Nettverkssamlinger"]},
    {"q-O1": "5", "q-O3": "Ja", "q-O3a": "Vi lærte av de andre teamene.", "q-O5": "3"},
    {"q-E5": "4", "q-E1.a": "5", "q-E1.b": "4"},
]


def prepare() -> tuple[str, int]:
    """A network with the sluttevaluering open; returns the open link's path."""
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=run.ROOT, env=run.ENV, check=True)
    import django

    django.setup()
    from core.models import Organisation
    from networks.models import Network
    from surveys.services import survey_create, survey_open

    owner, _new = Organisation.objects.get_or_create(name="KS", kind="ks")
    network, _new = Network.objects.get_or_create(
        slug="bench-survey",
        defaults={
            "name": "Nettverk for måling av spørreundersøkelser",
            "owner": owner,
            "starts_on": "2026-01-01",
            "ends_on": "2027-12-31",
        },
    )
    survey = survey_create(network=network, template_key="sluttevaluering", invited=PARTICIPANTS, by=None)
    survey_open(survey=survey, by=None)
    return f"/s/{survey.open_token}/", survey.pk


def participant(path: str, latencies: list, whole: list, errors: list, lock: threading.Lock) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", run.PORT, timeout=30)
    jar = SimpleCookie()
    started = time.perf_counter()

    def request(method, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v.value}" for k, v in jar.items())}
        if body is not None:
            headers.update(
                {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://127.0.0.1:{run.PORT}{path}"}
            )
        t0 = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read().decode()
        with lock:
            latencies.append(time.perf_counter() - t0)
        for header, value in resp.getheaders():
            if header.lower() == "set-cookie":
                jar.load(value)
        return resp.status, data

    status, page = request("GET")
    ok = status == 200
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    key = re.search(r'name="key" value="([^"]+)"', page)
    for number, answers in enumerate(PAGES, start=1):
        if not (ok and csrf and key):
            break
        action = "send" if number == len(PAGES) else "next"
        form = {"csrfmiddlewaretoken": csrf.group(1), "key": key.group(1), "side": number, "action": action}
        status, _body = request("POST", urlencode({**form, **answers}, doseq=True))
        ok = status == 302
    with lock:
        whole.append(time.perf_counter() - started)
        if not ok:
            errors.append(status)


def main() -> int:
    print(f"Preparing a survey for {PARTICIPANTS} participants in {run.DB_URL}...", flush=True)
    path, survey_pk = prepare()
    server = subprocess.Popen(
        [str(run.ROOT / ".venv/bin/gunicorn"), "learningnet.wsgi:application", "-b", f"127.0.0.1:{run.PORT}"]
        + ["-w", "2", "--log-level", "warning"],
        cwd=run.ROOT,
        env=run.ENV,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", run.PORT, timeout=1).request("GET", "/robots.txt")
                break
            except OSError:
                time.sleep(0.1)
        trivial = run.load("/robots.txt", "")
        latencies: list[float] = []
        whole: list[float] = []
        errors: list[int] = []
        lock = threading.Lock()

        def arriving(at: float):
            time.sleep(max(0.0, at - (time.perf_counter() - start)))
            participant(path, latencies, whole, errors, lock)

        # The participants arrive evenly over WINDOW seconds, each on their own phone.
        threads = [threading.Thread(target=arriving, args=(i * WINDOW / PARTICIPANTS,)) for i in range(PARTICIPANTS)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
        # Then the capacity: BURST more participants, BURST_AT_ONCE at a time, as fast as they can.
        burst_latencies: list[float] = []
        burst_errors: list[int] = []
        left = list(range(BURST))

        def back_to_back():
            while True:
                with lock:
                    if not left:
                        return
                    left.pop()
                participant(path, burst_latencies, [], burst_errors, lock)

        pool = [threading.Thread(target=back_to_back) for _ in range(BURST_AT_ONCE)]
        burst_start = time.perf_counter()
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        burst = run._stats(burst_latencies, time.perf_counter() - burst_start, len(burst_errors))
    finally:
        server.terminate()
        server.wait(10)

    from surveys.models import Response

    stored = Response.objects.filter(survey_id=survey_pk, status=Response.Status.SUBMITTED).count()
    drafts = Response.objects.filter(survey_id=survey_pk, status=Response.Status.DRAFT).count()
    requests = run._stats(latencies, elapsed, len(errors))  # paced: the arrivals set the rate
    people = run._stats(whole, elapsed, len(errors))
    sent = PARTICIPANTS - len(errors)
    print(f"\nThe end of a gathering: {PARTICIPANTS} participants arriving over {WINDOW:.0f} s, 4 requests each")
    print(f"{'':28} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'rps ratio':>10}")
    print(f"{'trivial (/robots.txt)':28} {trivial['rps']:8.1f} {trivial['p50']:8.1f} {trivial['p95']:8.1f} {1:10.2f}")
    print(
        f"{'survey page (GET or POST)':28} {requests['rps']:8.1f} {requests['p50']:8.1f} {requests['p95']:8.1f} "
        f"{requests['rps'] / trivial['rps']:10.2f}"
    )
    print(f"{'whole participant':28} {'':8} {people['p50']:8.1f} {people['p95']:8.1f}")
    print(
        f"{'capacity: back to back':28} {burst['rps']:8.1f} {burst['p50']:8.1f} {burst['p95']:8.1f} "
        f"{burst['rps'] / trivial['rps']:10.2f}  ({BURST} more participants, {BURST_AT_ONCE} at a time)"
    )
    print(f"\n{PARTICIPANTS} participants done in {elapsed:.1f} s (goal: within 120 s); errors: {len(errors)}")
    sent += BURST - len(burst_errors)
    print(f"responses sent: {sent}, stored: {stored}, drafts left: {drafts}; capacity errors: {len(burst_errors)}")
    return 0 if not errors and not burst_errors and stored == sent else 1


if __name__ == "__main__":
    sys.exit(main())
