from __future__ import annotations

from django.utils import timezone
from django.views.generic import TemplateView

from learningnet import permissions as perm


class TeamDetailView(perm.TeamPermissionMixin, TemplateView):
    template_name = "teams/team_detail.html"
    team_permission = perm.TEAM_VIEW

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        ctx["memberships"] = self.team.memberships.select_related("user", "organisation").order_by(
            "role", "user__full_name"
        )
        ctx["team_organisations"] = self.team.team_organisations.select_related("organisation")
        ctx["regions"] = self.team.regions.all()
        ctx["today"] = today
        ctx["upcoming_gatherings"] = self.network.gatherings.filter(ends_on__gte=today)[:3]
        return ctx


team_detail_view = TeamDetailView.as_view()
