"""The teams' improvement work seen from above: every team's measures as small multiples with
their signals, and the aggregates as a spreadsheet. Submitted values only; the toolkit's measures
with the five-respondent rule. Raw records never leave the team."""

from __future__ import annotations

import hashlib

import tablib
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View
from django.views.generic import TemplateView

from core.exports import safe_dataset
from core.http import PrivateNoStoreMixin
from improvement import charts, selectors
from improvement.charts import period_label, sparkline_for
from teams import permissions as perm


class NetworkImprovementMixin(PrivateNoStoreMixin, perm.NetworkPermissionMixin):
    permission = perm.TEAMS_VIEW_ALL

    def teams(self) -> list[selectors.TeamMeasures]:
        return selectors.network_improvement(teams=self.network.teams.all())


# Bump when the small multiple's markup changes, so no cached chart of the old renderer is shown.
CHART_VERSION = 1
CHART_TIMEOUT = 60 * 60 * 24 * 7


def chart_cache_key(measure, *, slug: str, language: str) -> str:
    """A small multiple's key: the measure's fingerprint (see `selectors.network_measures`), so a
    change to its values, rules, baseline, phases or PDSA cycles is a new key and a cached chart is
    never stale; the network's slug (the links) and the language (the words)."""
    digest = hashlib.sha256(f"{slug}|{language}|{measure.fingerprint}".encode()).hexdigest()[:32]
    return f"improvement:network-chart:v{CHART_VERSION}:{measure.pk}:{digest}"


class NetworkImprovementView(NetworkImprovementMixin, TemplateView):
    """Every team's measures as small multiples. Rendering 180 of them costs more than reading
    them, so each is cached under its measure's fingerprint: a page whose charts have not changed
    reads the teams and the measures' fingerprints (two queries) and no values at all."""

    template_name = "improvement/network.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        slug = self.network.slug
        language = translation.get_language()
        rows = selectors.network_measures(teams=self.network.teams.all())
        keys = {
            m.pk: chart_cache_key(m, slug=slug, language=language)
            for _team, measures in rows
            for m in measures
            if m.fingerprint is not None
        }
        cached = cache.get_many(keys.values())
        missing = [m.pk for _team, measures in rows for m in measures if keys.get(m.pk) not in cached]
        fresh = {}
        for pk, series in selectors.network_series(teams=[t for t, _m in rows], pks=missing).items():
            url = reverse("improvement:measure", kwargs={"slug": slug, "pk": series.measure.team_id, "obj_pk": pk})
            fresh[pk] = {
                "url": url,
                "chart": str(sparkline_for(series, chart_id=f"n-{pk}", href=url)),
                "points": bool(series.points),
                "signalled": bool(series.signals),
            }
        cache.set_many({keys[pk]: entry for pk, entry in fresh.items() if pk in keys}, CHART_TIMEOUT)
        teams = []
        for team, measures in rows:
            shown = []
            for m in measures:
                entry = fresh.get(m.pk) or cached[keys[m.pk]]
                shown.append({"measure": m, **entry, "chart": mark_safe(entry["chart"])})  # noqa: S308 (sparkline)
            teams.append({"team": team, "measures": shown, "signalled": any(e["signalled"] for e in shown)})
        ctx.update(teams=teams, signalled=sum(1 for t in teams if t["signalled"]))
        return ctx


network_improvement_view = NetworkImprovementView.as_view()


class NetworkExportView(NetworkImprovementMixin, View):
    """One row per team, measure and period: the submitted value, the centre line and the signals."""

    def get(self, request, *args, **kwargs):
        data = tablib.Dataset(
            headers=[
                _("Team"),
                pgettext("improvement", "Measure"),
                _("Kind"),
                _("Unit"),
                _("Run-chart rules"),
                _("Period"),
                _("Value"),
                _("Median"),
                _("Signals"),
            ]
        )
        for t in self.teams():
            for s in t.measures:
                measure = s.measure
                kinds = s.analysis.kinds_by_point()
                for i, point in enumerate(s.points):
                    if point.value is None:
                        continue
                    median = s.analysis.median[i]
                    data.append(
                        [
                            t.team.name,
                            measure.title,
                            measure.get_kind_display(),
                            measure.unit,
                            charts.rule_set_label(s.analysis),
                            period_label(point.period, measure.frequency),
                            float(point.value),
                            None if median is None else round(float(median), 4),
                            ", ".join(charts.signal_kind_label(k) for k in kinds[i]),
                        ]
                    )
        response = HttpResponse(
            safe_dataset(data).export("xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"{self.network.slug}-forbedringsarbeid-{timezone.localdate():%Y-%m-%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


network_export_view = NetworkExportView.as_view()
