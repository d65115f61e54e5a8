"""Services of the pages that combine the apps."""

from __future__ import annotations

import tablib
from django.db import transaction

from core.imports import ImportOutcome, import_run
from core.models import User
from networks.models import Network


@transaction.atomic
def network_data_import(
    *, network: Network, kind: str, resource, dataset: tablib.Dataset, by: User | None
) -> ImportOutcome:
    """Write every row of a confirmed import (organisations, teams or members) in one transaction,
    and log it on the network; nothing is written when a row fails (the outcome says which)."""
    outcome = import_run(resource=resource, dataset=dataset, dry_run=False)
    if outcome.ok:
        network.log_action(f"networks.network.imported_{kind}", user=by, data={"totals": outcome.totals})
    return outcome
