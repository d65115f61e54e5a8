"""Reads of the reports app (constant queries)."""

from __future__ import annotations

from networks.models import Network
from reports.models import FinalReportText


def final_report_texts(network: Network) -> dict[str, FinalReportText]:
    """The network's final-report parts by key; a part nobody has written yet is an unsaved,
    empty row (version 0), so a page and the snapshot treat every key alike. One query."""
    saved = {p.key: p for p in FinalReportText.objects.filter(network=network).select_related("updated_by")}
    return {key: saved.get(key) or FinalReportText(network=network, key=key) for key in FinalReportText.Key.values}
