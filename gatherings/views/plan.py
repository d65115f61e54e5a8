"""The activity plan (fremdriftsplan): by week, by month, per team, Excel; activities and
registration."""

from __future__ import annotations

import datetime as dt

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.exports import safe_dataset
from core.fragments import cached_fragment
from core.http import int_list_param
from core.models import User
from gatherings.calendar import calendar_bytes
from gatherings.formatting import activity_when
from gatherings.forms import ActivityForm, GatheringForm, RegistrationForm
from gatherings.models import Activity, Gathering, Registration
from gatherings.selectors import (
    activities_visible,
    activity_counts_by_kind,
    activity_month,
    activity_plan_months,
    activity_plan_stamp,
    registrations_summary,
)
from gatherings.services import (
    activity_save,
    attendance_mark,
    gathering_next_number,
    registration_cancel,
    registration_save,
)
from teams import permissions as perm

__all__ = [
    "activity_plan_view",
    "activity_month_view",
    "activity_plan_export_view",
    "activity_create_view",
    "gathering_create_view",
    "activity_detail_view",
    "activity_edit_view",
    "activity_ics_view",
    "activity_register_view",
    "activity_registrations_view",
]


class PlanMixin(perm.NetworkPermissionMixin):
    permission = perm.NETWORK_VIEW

    def visible_activities(self):
        perms = perm.permissions_for(self.request)
        return activities_visible(
            network=self.network, user=self.request.user, keys=self.permissions, team_ids=perms.team_ids
        )

    def get_activity(self, pk: int) -> Activity:
        activity = self.visible_activities().filter(pk=pk).first()
        if activity is None:
            raise Http404
        return activity


class ActivityPlanView(PlanMixin, TemplateView):
    template_name = "gatherings/plan.html"

    def requested_month(self) -> dt.date | None:
        """`?month=2020-11`: a folded month someone opened (404 for anything but a month)."""
        value = self.request.GET.get("month")
        if value is None:
            return None
        try:
            return dt.datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            raise Http404 from None

    def get(self, request, *args, **kwargs):
        """A folded month's activities are read when it is opened: the page's script asks for the
        month alone (`X-Fragment`); without script the whole plan comes back with it open."""
        month = self.requested_month()
        if month is not None and request.headers.get("X-Fragment"):
            activities = self.shown_activities().filter(
                starts_on__gte=month, starts_on__lt=(month + dt.timedelta(days=32)).replace(day=1)
            )
            response = render(request, "gatherings/_plan_month_items.html", {"activities": activities})
        else:
            response = super().get(request, *args, **kwargs)
        patch_vary_headers(response, ["X-Fragment"])
        return response

    def shown_activities(self):
        kind = self.request.GET.get("kind", "")
        activities = self.visible_activities()
        return activities.filter(kind=kind) if kind else activities

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today, kind, also_open = timezone.localdate(), self.request.GET.get("kind", ""), self.requested_month()
        ctx.update(kinds=Activity.Kind.choices, kind=kind, today=today)

        def render() -> str:
            counts = activity_counts_by_kind(self.visible_activities())
            months = activity_plan_months(self.shown_activities(), today=today, also_open=also_open)
            return render_to_string(
                "gatherings/_plan_body.html",
                {"months": months, "counts": counts, "total": sum(n for _label, n in counts)}
                | {"kind": kind, "today": today},
            )

        if also_open is not None or kind not in ("", *Activity.Kind.values):
            ctx["plan_html"] = mark_safe(render())  # noqa: S308 - our own template; a month opened without script
        else:
            # The same for everyone who sees the same activities, so rendered once per state of the
            # plan (core.fragments): those who read across teams see all, others their teams'.
            stamp = activity_plan_stamp(network=self.network)
            scope = perm.team_scope(self.request, self.permissions)
            parts = (self.network.pk, self.network.updated_at, today, kind, stamp, scope)
            ctx["plan_html"] = cached_fragment("activity-plan", parts, render)
        return ctx


activity_plan_view = ActivityPlanView.as_view()


class ActivityMonthView(PlanMixin, TemplateView):
    template_name = "gatherings/plan_month.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        year, month = self.kwargs["year"], self.kwargs["month"]
        if not (1 <= month <= 12 and 1900 < year < 3000):
            raise Http404
        first = dt.date(year, month, 1)
        previous = (first - dt.timedelta(days=1)).replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        activities = self.visible_activities().filter(starts_on__lt=following, ends_on__gte=first)
        grid = activity_month(activities, year, month)
        ctx.update(
            grid=grid,
            has_items=any(items for week in grid for day, items in week if day.month == month),
            month=first,
            previous=previous,
            following=following,
            today=timezone.localdate(),
            weekdays=[date_format(dt.date(2024, 1, i), "D") for i in range(1, 8)],
        )
        return ctx


activity_month_view = ActivityMonthView.as_view()


class ActivityPlanExportView(PlanMixin, View):
    permission = perm.DATA_EXPORT

    def get(self, request, slug):
        data = tablib.Dataset(
            headers=[
                _("When"),
                _("Week"),
                _("Activity"),
                _("Arena type"),
                _("Target group"),
                _("Responsible"),
                _("Status"),
            ]
        )
        for a in self.visible_activities():
            responsible = ", ".join(
                [u.get_full_name() for u in a.responsible.all()] + ([a.responsible_note] if a.responsible_note else [])
            )
            data.append(
                [
                    activity_when(a),
                    a.starts_on.isocalendar()[1],
                    a.title,
                    a.get_kind_display(),
                    a.target_groups,
                    responsible,
                    a.get_status_display(),
                ]
            )
        data.title = _("Activity plan")[:31]
        response = HttpResponse(
            safe_dataset(data).export("xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.network.slug}-fremdriftsplan.xlsx"'
        return response


activity_plan_export_view = ActivityPlanExportView.as_view()


def _people(network):
    """People who can be responsible or speak: everyone with a role in the network or its teams."""
    return (
        User.objects.filter(Q(network_roles__network=network) | Q(team_memberships__team__network=network))
        .distinct()
        .order_by("full_name")
    )


class ActivityFormMixin(PlanMixin):
    permission = perm.NETWORK_MANAGE
    template_name = "gatherings/activity_form.html"

    def form_class_for(self, instance):
        return GatheringForm if isinstance(instance, Gathering) else ActivityForm

    def render_form(self, form, status=200):
        return self.render_to_response(self.get_context_data(form=form), status=status)

    def save(self, form):
        activity = activity_save(
            activity=form.save(commit=False),
            by=self.request.user,
            responsible=form.cleaned_data.get("responsible"),
            invited_teams=form.cleaned_data.get("invited_teams"),
        )
        messages.success(self.request, _("Saved: %(title)s.") % {"title": activity.title})
        if isinstance(activity, Gathering):
            return redirect(activity.get_program_url())
        return redirect(activity.get_absolute_url())


class ActivityCreateView(ActivityFormMixin, TemplateView):
    def new_instance(self):
        kind = self.request.GET.get("kind")
        return Activity(network=self.network, kind=kind if kind in Activity.Kind.values else Activity.Kind.WEBINAR)

    def get(self, request, *args, **kwargs):
        instance = self.new_instance()
        return self.render_form(
            self.form_class_for(instance)(instance=instance, network=self.network, people=_people(self.network))
        )

    def post(self, request, *args, **kwargs):
        instance = self.new_instance()
        form = self.form_class_for(instance)(
            request.POST, instance=instance, network=self.network, people=_people(self.network)
        )
        if not form.is_valid():
            return self.render_form(form, status=400)
        return self.save(form)


activity_create_view = ActivityCreateView.as_view()


class GatheringCreateView(ActivityCreateView):
    def new_instance(self):
        return Gathering(
            network=self.network,
            kind=Activity.Kind.NETWORK_GATHERING,
            number=gathering_next_number(network=self.network),
            target_groups=_("All"),
        )


gathering_create_view = GatheringCreateView.as_view()


class ActivityEditView(ActivityFormMixin, TemplateView):
    def instance(self):
        activity = self.get_activity(self.kwargs["pk"])
        return (
            getattr(activity, "gathering", None)
            if activity.kind == Activity.Kind.NETWORK_GATHERING and hasattr(activity, "gathering")
            else activity
        )

    def get(self, request, *args, **kwargs):
        instance = self.instance()
        return self.render_form(
            self.form_class_for(instance)(instance=instance, network=self.network, people=_people(self.network))
        )

    def post(self, request, *args, **kwargs):
        instance = self.instance()
        form = self.form_class_for(instance)(
            request.POST, instance=instance, network=self.network, people=_people(self.network)
        )
        if not form.is_valid():
            return self.render_form(form, status=400)
        return self.save(form)


activity_edit_view = ActivityEditView.as_view()


def _my_teams(request, network):
    perms = perm.permissions_for(request)
    return network.teams.filter(pk__in=perms.team_ids)


class ActivityDetailView(PlanMixin, TemplateView):
    template_name = "gatherings/activity_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        activity = self.get_activity(self.kwargs["pk"])
        registration = Registration.objects.filter(activity=activity, user=self.request.user).first()
        teams = _my_teams(self.request, self.network)
        ctx.update(
            activity=activity,
            registration=registration,
            form=kwargs.get("form")
            or RegistrationForm(
                activity=activity,
                teams=teams,
                initial={"team": registration.team_id if registration else (teams[0].pk if len(teams) == 1 else None)},
                initial_answers=registration.answers if registration else None,
            ),
            registration_count=activity.registrations.filter(status=Registration.Status.REGISTERED).count(),
            can_register=activity.accepts_registrations(),
        )
        return ctx


activity_detail_view = ActivityDetailView.as_view()


class ActivityIcsView(PlanMixin, View):
    def get(self, request, slug, pk):
        activity = self.get_activity(pk)
        response = HttpResponse(
            calendar_bytes([activity], activity.title), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="aktivitet-{activity.pk}.ics"'
        return response


activity_ics_view = ActivityIcsView.as_view()


class ActivityRegisterView(PlanMixin, View):
    """Register (påmelding) or cancel. Answers survive a validation error."""

    def post(self, request, slug, pk):
        activity = self.get_activity(pk)
        if request.POST.get("action") == "cancel":
            registration = get_object_or_404(Registration, activity=activity, user=request.user)
            registration_cancel(registration=registration, by=request.user)
            messages.success(request, _("You are no longer registered."))
            return redirect(activity.get_absolute_url())
        if not activity.accepts_registrations():  # say so before checking the answers
            messages.error(request, _("Registration for this activity is closed."))
            return redirect(activity.get_absolute_url())
        form = RegistrationForm(request.POST, activity=activity, teams=_my_teams(request, self.network))
        if form.is_valid():
            try:
                registration_save(
                    activity=activity,
                    user=request.user,
                    answers=form.answers(),
                    team=form.cleaned_data.get("team"),
                    organisation=request.user.organisation,
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
        if not form.is_valid():
            view = ActivityDetailView(request=request, kwargs={"slug": slug, "pk": pk})
            view.network, view.permissions = self.network, self.permissions
            return view.render_to_response(view.get_context_data(form=form), status=400)
        messages.success(request, _("You are registered for %(title)s.") % {"title": activity.title})
        return redirect(activity.get_absolute_url())


activity_register_view = ActivityRegisterView.as_view()


class ActivityRegistrationsView(PlanMixin, TemplateView):
    """Numbers per team and organisation, the list as Excel, and attendance on the day."""

    permission = perm.NETWORK_MANAGE
    template_name = "gatherings/activity_registrations.html"

    def get(self, request, *args, **kwargs):
        activity = self.get_activity(self.kwargs["pk"])
        summary = registrations_summary(activity=activity)
        if request.GET.get("format") == "xlsx":
            data = tablib.Dataset(
                headers=[
                    _("Name"),
                    _("E-mail"),
                    _("Team"),
                    _("Organisation"),
                    *activity.registration_questions,
                    _("Attended"),
                ]
            )
            for r in summary["registrations"]:
                data.append(
                    [
                        r.user.get_full_name(),
                        r.user.email,
                        r.team.name if r.team else "",
                        r.organisation.name if r.organisation else "",
                        *[r.answers.get(q, "") for q in activity.registration_questions],
                        "" if r.attended is None else (_("Yes") if r.attended else _("No")),
                    ]
                )
            response = HttpResponse(
                safe_dataset(data).export("xlsx"),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="pameldte-{activity.pk}.xlsx"'
            return response
        return self.render_to_response(self.get_context_data(activity=activity, **summary))

    def post(self, request, *args, **kwargs):
        activity = self.get_activity(self.kwargs["pk"])
        present = set(int_list_param(request.POST, "present"))
        attendance_mark(activity=activity, present_user_ids=present, by=request.user)
        messages.success(request, _("Attendance saved: %(n)s present.") % {"n": len(present)})
        return redirect(request.path)


activity_registrations_view = ActivityRegistrationsView.as_view()
