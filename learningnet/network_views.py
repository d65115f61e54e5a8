"""Network pages: the dashboard, inviting people, import and export."""

from __future__ import annotations

import tablib
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.exports import safe_dataset
from core.fragments import cached_fragment
from core.imports import ROW_TYPE_LABELS, ImportFileError, dataset_from_bytes, import_run
from core.models import Organisation
from core.resources import OrganisationResource
from gatherings.models import Activity
from gatherings.selectors import activities_visible, gatherings_upcoming
from learningnet.forms import ImportUploadForm, InviteForm
from learningnet.selectors import (
    network_dashboard,
    network_dashboard_stamp,
    team_members_current,
    team_next_weeks,
    team_package_steps,
)
from learningnet.services import network_data_import
from teams import permissions as perm
from teams.models import TeamMembership
from teams.resources import TeamMemberResource, TeamResource
from teams.selectors import supervision_offer_list, team_meetings_recent
from teams.services import person_invite


class NetworkDetailView(perm.NetworkPermissionMixin, TemplateView):
    template_name = "networks/network_detail.html"
    permission = perm.NETWORK_VIEW

    def get(self, request, *args, **kwargs):
        """`?members=<team>`: that team's member list opened. The page's script asks for the list
        alone (`X-Fragment`) when someone opens it; without script the whole page comes back with
        the list open."""
        members_of = request.GET.get("members")
        if members_of is not None:
            team = self.network.teams.filter(pk=int(members_of) if members_of.isdigit() else 0).first()
            if team is None:
                raise Http404
            members = team_members_current(team=team)
            if request.headers.get("X-Fragment"):
                response = render(request, "networks/_team_members.html", {"members": members})
            else:
                response = self.render_to_response(self.get_context_data(open_team=team.pk, open_members=members))
        else:
            response = super().get(request, *args, **kwargs)
        patch_vary_headers(response, ["X-Fragment"])
        return response

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        network = self.network
        scope = perm.team_scope(self.request, self.permissions)
        ctx["today"] = today
        data = {}

        def render(template: str, **extra) -> str:
            if not data:
                data.update(network_dashboard(network=network, today=today), network=network)
                data["can_open_team"] = {t.pk for t in data["teams"] if scope == "all" or t.pk in scope}
            return render_to_string(template, {**data, **extra})

        if "open_team" in kwargs:  # a member list opened without script: this one page is not cached
            open_list = {"open_team": kwargs["open_team"], "open_members": kwargs["open_members"]}
            ctx["dashboard"] = {
                "phase": mark_safe(render("networks/_dashboard_phase.html")),  # noqa: S308 - our own template
                "body": mark_safe(render("networks/_dashboard_body.html", **open_list)),  # noqa: S308
            }
        else:
            # The same for everyone with the same scope, so rendered once per state of what it shows
            # (core.fragments): the stamp is one query, the gatherings, phases and cards are none.
            parts = (network.pk, network.updated_at, today, network_dashboard_stamp(network=network), scope)
            ctx["dashboard"] = {
                "phase": cached_fragment("network-phase", parts, lambda: render("networks/_dashboard_phase.html")),
                "body": cached_fragment("network-dashboard", parts, lambda: render("networks/_dashboard_body.html")),
            }
        return ctx


network_detail_view = NetworkDetailView.as_view()


class PersonInviteView(perm.NetworkPermissionMixin, TemplateView):
    template_name = "networks/person_invite.html"
    permission = perm.MEMBERS_INVITE

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", InviteForm(network=self.network))
        return ctx

    def post(self, request, *args, **kwargs):
        form = InviteForm(request.POST, network=self.network)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        try:
            user, invited = person_invite(
                network=self.network,
                email=data["email"],
                full_name=data["full_name"],
                network_role=data["network_role"],
                team=data["team"],
                team_role=data["team_role"],
                by=request.user,
                base_url=settings.SITE_URL + "/",
            )
        except ValidationError as exc:
            by_field = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
            for name, errors in by_field.items():
                form.add_error(name if name in form.fields else None, errors)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if invited:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
        else:
            messages.success(
                request, _("%(email)s already has an account and got the new role.") % {"email": user.email}
            )
        return redirect(self.network.get_absolute_url())


person_invite_view = PersonInviteView.as_view()


def _resource(kind: str, network):
    if kind == "organisations":
        return OrganisationResource()
    if kind == "teams":
        return TeamResource(network=network)
    if kind == "members":
        return TeamMemberResource(network=network)
    raise Http404


IMPORT_KINDS = {"organisations", "teams", "members"}


class ImportView(perm.NetworkPermissionMixin, View):
    """Upload → dry-run preview with row-numbered errors → confirm. Nothing is written before."""

    permission = perm.DATA_IMPORT
    template_name = "networks/import.html"

    def session_key(self, kind: str) -> str:
        return f"import:{self.network.pk}:{kind}"

    def render(self, request, kind, status=200, **ctx):
        resource = _resource(kind, self.network)
        ctx.setdefault("form", ImportUploadForm())
        return render(
            request,
            self.template_name,
            {
                "network": self.network,
                "perms_here": self.permissions,
                "kind": kind,
                "columns": [f.column_name for f in resource.get_import_fields()],
                "required_columns": resource.required_columns,
                "row_labels": ROW_TYPE_LABELS,
                **ctx,
            },
            status=status,
        )

    def get(self, request, slug, kind):
        if kind not in IMPORT_KINDS:
            raise Http404
        return self.render(request, kind)

    def post(self, request, slug, kind):
        if kind not in IMPORT_KINDS:
            raise Http404
        resource = _resource(kind, self.network)
        if request.POST.get("action") == "confirm":
            stored = request.session.get(self.session_key(kind))
            if not stored:
                messages.error(request, _("The preview has expired. Upload the file again."))
                return redirect(request.path)
            dataset = tablib.Dataset().load(stored, format="json")
            try:
                outcome = network_data_import(
                    network=self.network, kind=kind, resource=resource, dataset=dataset, by=request.user
                )
            except ImportFileError as exc:
                return self.render(request, kind, status=400, file_errors=exc.messages)
            if not outcome.ok:
                return self.render(request, kind, status=400, outcome=outcome)
            del request.session[self.session_key(kind)]
            messages.success(
                request,
                _("Import done: %(new)s new, %(update)s updated, %(skip)s unchanged.")
                % {k: outcome.totals.get(k, 0) for k in ("new", "update", "skip")},
            )
            return redirect(self.network.get_absolute_url())

        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(request, kind, status=400, form=form)
        try:
            dataset = dataset_from_bytes(form.cleaned_data["file"].read())
            outcome = import_run(resource=resource, dataset=dataset, dry_run=True)
        except ImportFileError as exc:
            return self.render(request, kind, status=400, form=form, file_errors=exc.messages)
        if outcome.ok:
            request.session[self.session_key(kind)] = dataset.export("json")
        return self.render(request, kind, status=200 if outcome.ok else 400, outcome=outcome)


import_view = ImportView.as_view()


# Download names in Norwegian, whatever the page's language: «trondelag-2019-medlemmer-2026-12-07.xlsx».
EXPORT_FILE_WORDS = {"organisations": "organisasjoner", "teams": "team", "members": "medlemmer"}


class ExportView(perm.NetworkPermissionMixin, View):
    permission = perm.DATA_EXPORT

    def get(self, request, slug, kind):
        if kind not in IMPORT_KINDS:
            raise Http404
        if kind == "members" and perm.MEMBERS_INVITE not in self.permissions:
            raise PermissionDenied  # the list holds everyone's e-mail address: the project group only
        resource = _resource(kind, self.network)
        if kind == "organisations":
            queryset = Organisation.objects.filter(team_organisations__team__network=self.network).distinct()
        elif kind == "teams":
            queryset = self.network.teams.prefetch_related("team_organisations__organisation")
        else:
            queryset = TeamMembership.objects.filter(team__network=self.network).select_related(
                "team", "user", "organisation"
            )
        dataset = safe_dataset(resource.export(queryset=queryset))
        fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
        content = dataset.export(fmt)
        mimetype = (
            "text/csv; charset=utf-8"
            if fmt == "csv"
            else ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )
        response = HttpResponse(content, content_type=mimetype)
        name = f"{self.network.slug}-{EXPORT_FILE_WORDS[kind]}-{timezone.localdate():%Y-%m-%d}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


export_view = ExportView.as_view()


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
        ctx["upcoming_gatherings"] = gatherings_upcoming(network=self.network).select_related("network")[:3]
        ctx["recent_meetings"] = team_meetings_recent(team=self.team, limit=3)
        ctx["supervision_offers"] = list(supervision_offer_list(team=self.team))
        # What the team must do next: the packages with their deadlines, where the team stands.
        ctx["package_steps"] = team_package_steps(team=self.team)
        ctx["submits"] = perm.TEAM_SUBMIT in perm.permissions_for(self.request).for_team(self.team)
        return ctx


team_detail_view = TeamDetailView.as_view()


class TeamNextView(perm.TeamPermissionMixin, TemplateView):
    """ "What is next for us": from today, week by week, the team's own activities, the ones it is
    invited to, the network-wide ones, and the deadlines of the packages it has not submitted."""

    template_name = "networks/team_next.html"
    team_permission = perm.TEAM_VIEW

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        team, today = self.team, timezone.localdate()
        activities = (
            activities_visible(
                network=self.network,
                user=self.request.user,
                keys=self.permissions,
                team_ids=perm.permissions_for(self.request).team_ids,
            )
            .filter(ends_on__gte=today)
            .filter(Q(team=team) | Q(invited_teams=team) | Q(team__isnull=True))
            .exclude(status=Activity.Status.CANCELLED)
            .distinct()
        )
        ctx.update(weeks=team_next_weeks(activities=activities, steps=team_package_steps(team=team), today=today))
        return ctx


team_next_view = TeamNextView.as_view()
