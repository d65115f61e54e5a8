"""`make bench`, part three: the network's final report (Sluttrapport), as the Celery job makes it,
for the Trøndelag demo network and for the synthetic network of BENCH_TEAMS teams that
bench/run.py prepared (run it first; `make bench` does). Each network is compiled in a process of
its own, so its peak memory is its own: the snapshot (gathering the data: every query the report
needs) and then the PDF rendering (WeasyPrint), timed apart.

Prints, per network: teams, run charts, queries, seconds gathering data and rendering with the
share of each, pages, PDF size and the process's peak memory. Nothing here asserts a time.

Environment: BENCH_DATABASE_URL (shared with bench/run.py).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402 - the shared harness: environment and database

NETWORKS = ("trondelag-2019", "bench-synthetic")


def compile_one(slug: str) -> dict:
    """In this process: snapshot, then render; the figures as a dict."""
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from networks.models import Network
    from reports.services import _count_pages, render_snapshot, snapshot_for
    from surveys.models import Survey

    network = Network.objects.get(slug=slug)
    if not Survey.objects.filter(network=network, gathering__isnull=True).exists():
        # The synthetic network gets the demo's final survey and its 35 responses.
        from learningnet.demo.surveys import final_responses
        from surveys.services import questions_of, responses_import, survey_create

        survey = survey_create(network=network, template_key="sluttevaluering", invited=110, by=None)
        regions = next(q for q in questions_of(survey) if q.code == "B5").options
        responses_import(survey=survey, rows=final_responses(regions=regions), by=None)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        snapshot = snapshot_for(kind="final", network=network, locale="nb")
    data_s = time.perf_counter() - started
    started = time.perf_counter()
    pdf = render_snapshot(
        kind="final", snapshot=snapshot, locale="nb", requested_by_name="Læringsnett", generated_at=None
    )
    render_s = time.perf_counter() - started
    return {
        "teams": snapshot["team_count"],
        "charts": sum(len(t["measures"]) for t in snapshot["measure_teams"]),
        "queries": len(queries.captured_queries),
        "data_s": data_s,
        "render_s": render_s,
        "pages": _count_pages(pdf),
        "kib": len(pdf) // 1024,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def prepared() -> bool:
    import psycopg

    try:
        with psycopg.connect(run.DB_URL) as conn:
            return bool(conn.execute("SELECT 1 FROM networks_network WHERE slug = 'bench-synthetic'").fetchone())
    except psycopg.Error:
        return False


def main() -> int:
    if not prepared():  # run on its own, not after bench/run.py
        print(f"Preparing {run.DB_URL} (demo + synthetic network of {run.TEAMS} teams)...", flush=True)
        run.prepare()
    rows = []
    for slug in NETWORKS:
        done = subprocess.run(
            [sys.executable, __file__, "--one", slug], env=run.ENV, capture_output=True, text=True, check=False
        )
        if done.returncode:
            print(f"{slug}: failed\n{done.stderr[-2000:]}")
            return 1
        rows.append((slug, json.loads(done.stdout.strip().splitlines()[-1])))
    print("\nFinal report (Sluttrapport), snapshot then PDF, each network in its own process")
    header = (
        f"{'network':<18} {'teams':>5} {'charts':>6} {'queries':>7} {'data s':>7} {'render s':>8} "
        f"{'total s':>7} {'data %':>6} {'pages':>5} {'KiB':>6} {'peak MiB':>8}"
    )
    print(header)
    print("-" * len(header))
    for slug, r in rows:
        total = r["data_s"] + r["render_s"]
        print(
            f"{slug:<18} {r['teams']:>5} {r['charts']:>6} {r['queries']:>7} {r['data_s']:>7.2f} "
            f"{r['render_s']:>8.2f} {total:>7.2f} {100 * r['data_s'] / total:>5.0f}% {r['pages']:>5} "
            f"{r['kib']:>6} {r['peak_mib']:>8.0f}"
        )
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(compile_one(sys.argv[2])))
        sys.exit(0)
    sys.exit(main())
