"""The teams' improvement work seen from above: every team's measures as small multiples with
their signals, and the aggregates as a spreadsheet. Submitted values only; the toolkit's measures
with the five-respondent rule. Raw records never leave the team."""

from __future__ import annotations

import tablib
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View
from django.views.generic import TemplateView

from core.exports import safe_dataset
from core.http import PrivateNoStoreMixin
from improvement import charts, selectors
from improvement.charts import chart_for, period_label
from teams import permissions as perm


class NetworkImprovementMixin(PrivateNoStoreMixin, perm.NetworkPermissionMixin):
    permission = perm.TEAMS_VIEW_ALL

    def teams(self) -> list[selectors.TeamMeasures]:
        return selectors.network_improvement(teams=self.network.teams.all())


class NetworkImprovementView(NetworkImprovementMixin, TemplateView):
    template_name = "improvement/network.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        teams = self.teams()
        ctx.update(
            teams=[
                {
                    "team": t.team,
                    "signalled": t.signalled,
                    "measures": [
                        {"series": s, "chart": chart_for(s, compact=True, chart_id=f"n-{s.measure.pk}")}
                        for s in t.measures
                    ],
                }
                for t in teams
            ],
            signalled=sum(1 for t in teams if t.signalled),
        )
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
