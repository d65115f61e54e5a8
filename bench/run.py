"""`make bench`: serve the app with gunicorn on PostgreSQL and measure pages against a trivial
view in the same run. Prints requests/s, p95, queries per request and worker memory, and the
ratios against the trivial view. Benchmarks are not tests: nothing here asserts a time.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/learningnet_bench),
BENCH_REQUESTS (per page, default 300), BENCH_CONCURRENCY (default 4), BENCH_TEAMS (default 60),
BENCH_REDIS_CACHE_URL (default redis://127.0.0.1:6379/9, flushed each run: the cache, as in production).

Also in-process, without the server: the run-chart analysis of 10 000 points against `sorted()` of
the same list (the median needs a sort, so that is the floor), median of BENCH_RUNCHART_REPEAT runs.

A page that does not answer 200 is still measured and printed (with its status), and the run
then exits with 1.
"""

from __future__ import annotations

import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/learningnet_bench")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
TEAMS = int(os.environ.get("BENCH_TEAMS", "60"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
PROJECT_GROUP = "prosjektgruppe@demo.laeringsnett.no"
COORDINATOR = "koordinator@demo.laeringsnett.no"  # coordinator of the synthetic team with toolkit records
PARTICIPANT = "bench-1-ansatt@eksempel.no"  # a staff member of a synthetic team: the published program, cached
TOOLKIT_PEOPLE, TOOLKIT_CONVERSATIONS, TOOLKIT_MONTHS = 200, 5, 24
IMPROVEMENT_MEASURES, IMPROVEMENT_MONTHS = 3, 24  # per synthetic team
RUNCHART_POINTS = 10_000
RUNCHART_REPEAT = int(os.environ.get("BENCH_RUNCHART_REPEAT", "21"))
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "learningnet.settings.local",
    "DJANGO_DEBUG": "false",
    "DATABASE_URL": DB_URL,
    "CELERY_BROKER_URL": "",
    "DJANGO_LOG_LEVEL": "WARNING",
    # As in production (docker-compose.yml): the cache and the sessions' cache in Redis, shared by the workers.
    "REDIS_CACHE_URL": os.environ.get("BENCH_REDIS_CACHE_URL", "redis://127.0.0.1:6379/9"),
}
os.environ.update(ENV)


def recreate_database() -> None:
    parsed = urlparse(DB_URL)
    name = parsed.path.lstrip("/")
    admin = DB_URL.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def flush_cache() -> None:
    import redis

    redis.Redis.from_url(ENV["REDIS_CACHE_URL"]).flushdb()


def prepare() -> tuple[int, str, str]:
    recreate_database()
    flush_cache()
    for cmd in (["migrate", "-v0"], ["load_demo", "--allow-without-debug", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *cmd], cwd=ROOT, env=ENV, check=True)
    import django

    django.setup()
    from core.models import Organisation, User
    from learningnet.demo.data import DEMO_LOGINS  # noqa: F401 - the demo must be loaded
    from networks.models import Network, NetworkRole
    from networks.services import network_role_add
    from teams.models import TeamMembership
    from teams.services import team_member_add, team_organisation_add, team_upsert

    owner = Organisation.objects.get(name="KS", kind="ks")
    network = Network.objects.create(
        name=f"Syntetisk nettverk med {TEAMS} team",
        slug="bench-synthetic",
        owner=owner,
        starts_on="2026-01-01",
        ends_on="2027-12-31",
    )
    for i in range(TEAMS):
        team = team_upsert(network=network, name=f"Team {i:02d}", improvement_area="Brukermedvirkning.")
        team_organisation_add(
            team=team,
            organisation=Organisation.objects.get_or_create(name=f"Syntetisk kommune {i:02d}", kind="kommune")[0],
        )
        for role in TeamMembership.Role.values[:5]:
            user, _ = User.objects.get_or_create(
                email=f"bench-{i}-{role}@eksempel.no", defaults={"full_name": f"P {i} {role}"}
            )
            team_member_add(team=team, user=user, role=role)
    pg = User.objects.get(email="prosjektgruppe@demo.laeringsnett.no")
    participant = User.objects.get(email=PARTICIPANT)
    participant.set_password("laeringsnett-demo")
    participant.save(update_fields=["password"])
    network_role_add(network=network, user=pg, role=NetworkRole.Role.PROJECT_GROUP)
    # An activity plan and a two-day program with a presentation slot for every team.
    import datetime as dt

    from gatherings.models import Activity, Gathering, ProgramSession
    from gatherings.services import program_generate_presentations, program_publish

    gathering = Gathering.objects.create(
        network=network,
        kind="nettverkssamling",
        number=1,
        title="Samling 1",
        starts_on=dt.date(2026, 9, 17),
        ends_on=dt.date(2026, 9, 18),
    )
    for i, team in enumerate(network.teams.all()):
        Activity.objects.create(
            network=network,
            kind="veiledning_team",
            title=f"Veiledning {team.name}",
            team=team,
            starts_on=dt.date(2026, 10, 1) + dt.timedelta(days=i),
            ends_on=dt.date(2026, 10, 1) + dt.timedelta(days=i),
        )
    for day in gathering.days:
        for hour in range(9, 16):
            ProgramSession.objects.create(
                gathering=gathering,
                day=day,
                start_time=dt.time(hour),
                end_time=dt.time(hour, 45),
                title=f"Innlegg {hour}",
                room="" if hour % 2 else "Sal B",
            )
    program_generate_presentations(
        gathering=gathering,
        start_time=dt.time(8, 0),
        minutes_per_team=20,
        rooms=["Sal A", "Sal B", "Sal C", "Sal D", "Sal E", "Sal F"],
        by=None,
    )
    program_publish(gathering=gathering, by=None)
    # Preparation packages: the three of 2014 published before the gathering; every team answers the
    # long texts of the first (bulk_create, for speed), half of them have submitted.
    package_pk, question_pk = synthetic_packages(network=network, gathering=gathering)
    # The improvement work: every team follows 3 measures with 24 submitted months, each with a tiltak
    # and a PDSA cycle (bulk_create, for speed).
    from learningnet.demo.improvement import synthetic_improvement

    for i, team in enumerate(network.teams.order_by("name")):
        synthetic_improvement(
            team=team, measures=IMPROVEMENT_MEASURES, months=IMPROVEMENT_MONTHS, first=dt.date(2024, 1, 1), seed=i
        )
    # The toolkit: one team's records of 200 people with 5 conversations each over 24 months, read by
    # the team's coordinator (bulk_create, for speed).
    from django.urls import reverse

    from learningnet.demo.toolkit import synthetic_records

    team = network.teams.order_by("name").first()
    team_member_add(team=team, user=User.objects.get(email=COORDINATOR), role=TeamMembership.Role.COORDINATOR)
    synthetic_records(
        team=team,
        people=TOOLKIT_PEOPLE,
        conversations=TOOLKIT_CONVERSATIONS,
        months=TOOLKIT_MONTHS,
        start=dt.date(2024, 11, 1),
    )
    return (
        gathering.pk,
        reverse("toolkit:team", kwargs={"slug": network.slug, "pk": team.pk}),
        reverse("improvement:network", kwargs={"slug": network.slug}),
        reverse("packages:package-matrix", kwargs={"slug": network.slug}),
        reverse(
            "packages:question-answers", kwargs={"slug": network.slug, "pk": package_pk, "question_pk": question_pk}
        ),
    )


def synthetic_packages(*, network, gathering) -> tuple[int, int]:
    """FP1–FP3 published in `gathering`; every team's answers to FP1's long texts (about 600
    characters each), every other team submitted. Returns FP1 and its first long-text question."""
    import datetime as dt

    from django.utils import timezone

    from packages.models import Answer, Package, Question, Response
    from packages.services import package_copy_from_library

    packages = []
    for n, key in enumerate(("fp1-2014", "fp2-2014", "fp3-2014")):
        package = package_copy_from_library(
            gathering=gathering, key=key, deadline=dt.datetime(2026, 9, 1 + 7 * n, 10, tzinfo=dt.UTC), by=None
        )
        Package.objects.filter(pk=package.pk).update(status=Package.Status.PUBLISHED)
        packages.append(package)
    fp1 = packages[0]
    questions = list(Question.objects.filter(task__package=fp1, kind="lang_tekst").order_by("task__order", "order"))
    now = timezone.now()
    responses = Response.objects.bulk_create(
        [
            Response(
                package=fp1,
                team=team,
                status=Response.Status.SUBMITTED if i % 2 else Response.Status.IN_PROGRESS,
                submitted_at=now if i % 2 else None,
                last_activity_at=now,
            )
            for i, team in enumerate(network.teams.order_by("name"))
        ]
    )
    text = (
        "Teamet har kartlagt tjenestene i kommunen sammen med brukerrepresentantene og fastlegene. "
        "Vi har hatt fire teammøter og ett dialogmøte med frivillige organisasjoner. "
    ) * 4
    Answer.objects.bulk_create(
        [Answer(response=r, question=q, value=f"{r.team_id}: {text}", version=1) for r in responses for q in questions]
    )
    return fp1.pk, questions[0].pk


def queries_per_request(
    paths: dict[str, str], users: dict[str, str]
) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Queries, status and HTML size (bytes) per page, each page fetched as its user (the project
    group unless named)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from core.models import User

    clients = {}
    queries, statuses, sizes = {}, {}, {}
    for name, path in paths.items():
        email = users.get(name, PROJECT_GROUP)
        if email not in clients:
            clients[email] = Client(HTTP_HOST="127.0.0.1")
            clients[email].force_login(User.objects.get(email=email))
        client = clients[email]
        client.get(path)  # warm caches (content types, etc.)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        statuses[name], sizes[name] = response.status_code, len(response.content)
        queries[name] = len(ctx.captured_queries)
        if statuses[name] != 200:
            print(f"WARNING: {path} answered {statuses[name]}, not 200", flush=True)
    return queries, statuses, sizes


def runchart_timings() -> list[tuple[str, float, float]]:
    """Milliseconds per run-chart analysis of 10 000 points and per `sorted()` of the same list,
    median of the repeats, for both rule sets (a baseline and a later phase, as teams use them)."""
    import random

    from improvement import runcharts

    rng = random.Random(2026)
    points = [rng.gauss(50, 10) + (8 if i > RUNCHART_POINTS // 2 else 0) for i in range(RUNCHART_POINTS)]

    def median_ms(fn) -> float:
        fn()  # warm: the cached limits are computed once per n
        times = []
        for _ in range(RUNCHART_REPEAT):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return statistics.median(times) * 1000

    baseline = median_ms(lambda: sorted(points))
    out = []
    for rule_set in runcharts.RULE_SETS:
        ms = median_ms(lambda rule_set=rule_set: runcharts.analyse(points, rule_set=rule_set, direction="up"))
        out.append((f"{rule_set}, one phase", ms, baseline))
        ms = median_ms(
            lambda rule_set=rule_set: runcharts.analyse(
                points, rule_set=rule_set, baseline_end=1_000, phases=[RUNCHART_POINTS // 2], direction="up"
            )
        )
        out.append((f"{rule_set}, frozen baseline + phase", ms, baseline))
    return out


def autosave_queries() -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from core.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email="teammedlem@demo.laeringsnett.no"))
    url = autosave_urls()[-1]
    field = url.rstrip("/").rsplit("/", 1)[-1]
    with CaptureQueriesContext(connection) as ctx:
        from packages.models import Answer

        current = Answer.objects.filter(question_id=int(field), response__team__name="Værnes").first()
        base = current.version if current else 0
        response = client.post(url, {f"q-{field}": "Måling av spørringer.", "base_version": base})
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def login_cookie(email: str = PROJECT_GROUP) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", PORT)
    conn.request("GET", "/accounts/login/")
    resp = conn.getresponse()
    body = resp.read().decode()
    cookies = SimpleCookie(resp.getheader("Set-Cookie"))
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = urlencode(
        {
            "username": email,
            "password": "laeringsnett-demo",
            "csrfmiddlewaretoken": csrf,
        }
    )
    conn.request(
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken'].value}",
            "Referer": f"http://127.0.0.1:{PORT}/accounts/login/",
        },
    )
    resp = conn.getresponse()
    resp.read()
    assert resp.status == 302, resp.status
    jar = SimpleCookie()
    for header, value in resp.getheaders():
        if header.lower() == "set-cookie":
            jar.load(value)
    return f"sessionid={jar['sessionid'].value}; csrftoken={jar['csrftoken'].value}"


def _stats(latencies: list[float], elapsed: float, errors: int) -> dict:
    latencies = sorted(latencies)
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "errors": errors,
    }


def load(path: str, cookie: str) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    per_thread = REQUESTS // CONCURRENCY

    def worker():
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        for _ in range(per_thread):
            t0 = time.perf_counter()
            conn.request("GET", path, headers={"Cookie": cookie})
            resp = conn.getresponse()
            resp.read()
            dt = time.perf_counter() - t0
            with lock:
                latencies.append(dt)
                errors += resp.status != 200

    for _ in range(10):  # warm-up
        c = http.client.HTTPConnection("127.0.0.1", PORT)
        c.request("GET", path, headers={"Cookie": cookie})
        c.getresponse().read()
    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _stats(latencies, time.perf_counter() - start, errors)


def autosave_load(cookie: str, urls: list[str]) -> dict:
    """Each client thread autosaves its own answer, again and again, with the right version."""
    csrf = cookie.split("csrftoken=")[1]
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    per_thread = REQUESTS // CONCURRENCY

    def worker(url):
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        version = 0
        for i in range(per_thread):
            field = url.rstrip("/").rsplit("/", 1)[-1]
            body = urlencode({f"q-{field}": f"Tekst skrevet av teamet, endring {i}.", "base_version": version})
            t0 = time.perf_counter()
            conn.request(
                "POST",
                url,
                body=body,
                headers={
                    "Cookie": cookie,
                    "X-CSRFToken": csrf,
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Referer": f"http://127.0.0.1:{PORT}/",
                },
            )
            resp = conn.getresponse()
            data = resp.read()
            dt = time.perf_counter() - t0
            if resp.status in (200, 409):
                import json

                version = json.loads(data)["version"]  # after a 409, continue from the newer version
            with lock:
                latencies.append(dt)
                errors += resp.status not in (200, 409)  # a 409 on the demo answer is the expected conflict

    threads = [threading.Thread(target=worker, args=(u,)) for u in urls[:CONCURRENCY]]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _stats(latencies, time.perf_counter() - start, errors)


def autosave_urls() -> list[str]:
    from packages.models import Package, Question
    from teams.models import Team

    package = Package.objects.get(gathering__network__slug="trondelag-2019")
    team = Team.objects.get(network__slug="trondelag-2019", name="Værnes")
    questions = Question.objects.filter(task__package=package, kind="lang_tekst").order_by("pk")[:CONCURRENCY]
    return [f"/n/trondelag-2019/packages/{package.pk}/teams/{team.pk}/answers/{q.pk}/" for q in questions]


def rss_mib(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total = max(total, int(line.split()[1]))
    return total / 1024


def main() -> int:
    print(f"Preparing {DB_URL} (demo + synthetic network of {TEAMS} teams)...", flush=True)
    gathering_pk, toolkit_path, improvement_path, matrix_path, answers_path = prepare()
    toolkit_page = f"toolkit, {TOOLKIT_PEOPLE} people × {TOOLKIT_CONVERSATIONS}"
    pages = {
        "trivial (/robots.txt)": "/robots.txt",
        # A small logged-in page: session, user, the base template and a form (crispy), no network.
        "logged-in, password form": "/accounts/password/change/",
        "dashboard, Trøndelag demo": "/n/trondelag-2019/",
        f"dashboard, {TEAMS} teams": "/n/bench-synthetic/",
        "home (my networks)": "/",
        "activity plan, Trøndelag (72)": "/n/trondelag-2019/plan/",
        f"activity plan, {TEAMS} teams": "/n/bench-synthetic/plan/",
        f"program, {TEAMS} team slots": f"/n/bench-synthetic/gatherings/{gathering_pk}/program/",
        f"program, participant ({TEAMS})": f"/n/bench-synthetic/gatherings/{gathering_pk}/program/",
        toolkit_page: toolkit_path,
        "improvement, Trøndelag demo": "/n/trondelag-2019/improvement/",
        f"improvement, {TEAMS} teams × {IMPROVEMENT_MEASURES}": improvement_path,
        f"package matrix, {TEAMS} teams × 3": matrix_path,
        f"side-by-side answers, {TEAMS} teams": answers_path,
    }
    users = {
        toolkit_page: COORDINATOR,
        f"program, participant ({TEAMS})": PARTICIPANT,
    }  # a team's records are read by the team's own members only
    queries, statuses, sizes = queries_per_request(pages, users)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "learningnet.wsgi:application",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**ENV, "DJANGO_SETTINGS_MODULE": "learningnet.settings.local"},
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/robots.txt")
                break
            except OSError:
                time.sleep(0.1)
        cookies = {email: login_cookie(email) for email in {PROJECT_GROUP, *users.values()}}
        results = {name: load(path, cookies[users.get(name, PROJECT_GROUP)]) for name, path in pages.items()}
        results["autosave (POST, versioned)"] = autosave_load(
            login_cookie("teammedlem@demo.laeringsnett.no"), autosave_urls()
        )
        queries["autosave (POST, versioned)"] = autosave_queries()
        children = [
            int(p)
            for p in subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        ]
        memory = rss_mib(children)
    finally:
        server.terminate()
        server.wait(10)
    base = results["trivial (/robots.txt)"]
    print(f"\ngunicorn, 2 workers, {CONCURRENCY} concurrent clients, {REQUESTS} requests per page, PostgreSQL\n")
    print(
        f"{'page':32} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'rps ratio':>10} {'p95 ratio':>10}"
        f" {'HTML KiB':>9}"
    )
    for name, r in results.items():
        print(
            f"{name:32} {r['rps']:8.1f} {r['p50']:8.1f} {r['p95']:8.1f} {queries[name]:8d} "
            f"{r['rps'] / base['rps']:10.2f} {r['p95'] / base['p95']:10.2f}"
            + (f" {sizes[name] / 1024:9.1f}" if name in sizes else f" {'':9}")
            + (f"  ERRORS: {r['errors']}" if r["errors"] else "")
            + (f"  HTTP {statuses[name]}" if statuses.get(name, 200) != 200 else "")
        )
    print(f"\npeak worker RSS: {memory:.0f} MiB")
    print(f"\nRun-chart analysis of {RUNCHART_POINTS} points, in-process, median of {RUNCHART_REPEAT}\n")
    print(f"{'rules':36} {'ms':>8} {'sorted() ms':>12} {'ratio':>8}")
    for label, ms, baseline in runchart_timings():
        print(f"{label:36} {ms:8.2f} {baseline:12.2f} {ms / baseline:8.1f}")
    print("\nNetwork status report (snapshot + render in a fresh process; median of 3 runs)\n")
    print(
        f"{'network':28} {'teams':>5} {'total s':>8} {'data %':>7} {'render %':>9}"
        f" {'pages':>6} {'queries':>8} {'peak MiB':>9}"
    )
    import json

    for slug in ("trondelag-2019", "bench-synthetic"):
        runs = []
        for _ in range(3):
            out = (
                subprocess.run(
                    [sys.executable, str(ROOT / "bench" / "report_one.py"), slug],
                    cwd=ROOT,
                    env=ENV,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            runs.append(json.loads(out))
        r = sorted(runs, key=lambda x: x["snapshot_s"] + x["render_s"])[1]
        total = r["snapshot_s"] + r["render_s"]
        print(
            f"{slug:28} {r['teams']:5d} {total:8.2f} {100 * r['snapshot_s'] / total:6.0f}%"
            f" {100 * r['render_s'] / total:8.0f}%"
            f" {r['pages']:6d} {r['queries']:8d} {r['maxrss_mib']:9.0f}"
        )
    failed = [name for name, status in statuses.items() if status != 200]
    if failed:
        print(f"\nNot 200: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
