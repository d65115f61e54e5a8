"""One network status report, measured in a fresh process (bench/run.py calls this).

Prints JSON: seconds gathering data (the snapshot) and rendering, pages, queries, peak RSS."""

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningnet.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from networks.models import Network  # noqa: E402
from reports.services import _count_pages, render_snapshot, snapshot_for  # noqa: E402

network = Network.objects.get(slug=sys.argv[1])
t0 = time.perf_counter()
with CaptureQueriesContext(connection) as ctx:
    snapshot = snapshot_for(kind="network", network=network, locale="nb")
t1 = time.perf_counter()
pdf = render_snapshot(
    kind="network", snapshot=snapshot, locale="nb", requested_by_name="Bench", generated_at=timezone.now()
)
t2 = time.perf_counter()
print(
    json.dumps(
        {
            "snapshot_s": t1 - t0,
            "render_s": t2 - t1,
            "pages": _count_pages(pdf),
            "queries": len(ctx.captured_queries),
            "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "teams": network.teams.count(),
        }
    )
)
