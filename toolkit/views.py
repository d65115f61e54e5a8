"""The team's toolkit pages: its people with their figures, and each person's record (the wheel,
the «Hva er viktig for meg» form, the plan and the checklists).

Only members of the team (team:work) ever reach these pages: the project group and observers get
403 before anything about a person is read, members of other teams 404. Views parse input, call
one service or selector, and render."""

from __future__ import annotations

import math
from functools import cached_property

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.http import PrivateNoStoreMixin
from teams import permissions as perm
from toolkit import charts, scoring, selectors, services
from toolkit.forms import AreaForm, ChecklistForm, CloseForm, ConversationForm, PersonForm, PlanItemForm
from toolkit.models import ChecklistAnswer, ChecklistItem, PlanItem, ServiceUser


def _add_service_errors(form, exc: ValidationError, default_field: str | None = None) -> None:
    """Show a service's ValidationError on the form: on the field it names (or `default_field`),
    else above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else default_field, errors)
    else:
        form.add_error(default_field, exc)


def _warn(request, warnings: list[str]) -> None:
    for warning in warnings:
        messages.warning(request, warning)


def _d(value):
    """An average as shown: one decimal (the template localises the comma)."""
    return scoring.one_decimal(value)


class ToolkitMixin(PrivateNoStoreMixin, perm.TeamPermissionMixin):
    """Every toolkit page of a team: only its members, with team:work."""

    team_permission = perm.TEAM_WORK

    def team_url(self) -> str:
        return reverse("toolkit:team", kwargs={"slug": self.network.slug, "pk": self.team.pk})


class PersonMixin(ToolkitMixin):
    """A page about one person of the team (404 for a person of another team)."""

    @cached_property
    def person(self) -> ServiceUser:
        person = get_object_or_404(ServiceUser.objects.filter(team=self.team), pk=self.kwargs["person_pk"])
        person.team = self.team
        return person

    def person_url(self, anchor: str = "") -> str:
        url = reverse(
            "toolkit:person", kwargs={"slug": self.network.slug, "pk": self.team.pk, "person_pk": self.person.pk}
        )
        return f"{url}#{anchor}" if anchor else url

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["person"] = self.person
        return ctx


# --- The team's page --------------------------------------------------------------------------------
class TeamToolkitView(ToolkitMixin, TemplateView):
    template_name = "toolkit/team.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        toolkit = selectors.team_toolkit(team=self.team)
        people = [
            {
                "pk": p.service_user.pk,
                "code": p.service_user.code,
                "status": p.service_user.get_status_display(),
                "closed": p.service_user.status == ServiceUser.Status.CLOSED,
                "conversations": len(p.conversations),
                "first": _d(p.first_average),
                "second": _d(p.second_average),
                "latest": _d(p.latest_average),
                "benefit": _d(p.benefit),
                "benefit_latest": _d(p.benefit_latest),
                "fidelity": p.fidelity,
                "checklist_on": p.checklist_on,
            }
            for p in toolkit.people
        ]
        months = [
            {
                "month": m.month,
                "people": m.people,
                "first": _d(m.first_average),
                "second": _d(m.second_average),
                "benefit": _d(m.benefit),
                "improved_share": m.improved_share,
                "checklists": m.checklists,
                "fidelity": m.fidelity,
            }
            for m in toolkit.months
        ]
        ctx.update(
            toolkit=toolkit,
            people=people,
            months=months,
            mean_benefit=_d(toolkit.mean_benefit),
            pairs=len(toolkit.with_two_conversations),
            charts=self.charts(months),
        )
        return ctx

    def charts(self, months: list[dict]) -> list[dict]:
        if not months:
            return []
        labels = [date_format(m["month"], "b Y") for m in months]
        span = {"first": labels[0], "last": labels[-1]}
        benefits = [m["benefit"] for m in months if m["benefit"] is not None]
        low = min([0, *benefits])
        title = _("Average score and perceived benefit per month")
        scores = charts.line_chart(
            chart_id="chart-scores",
            title=title,
            description=_(
                "Line chart of the table «Measures per month», from %(first)s to %(last)s: the mean average "
                "score at the 1st and at the 2nd conversation, and the mean perceived benefit, of the people "
                "whose 2nd conversation was in the month."
            )
            % span,
            x_labels=labels,
            series=[
                charts.Series(_("1st conversation"), [m["first"] for m in months]),
                charts.Series(_("2nd conversation"), [m["second"] for m in months]),
                charts.Series(_("Perceived benefit"), [m["benefit"] for m in months]),
            ],
            y_min=math.floor(low),
            y_max=10,
            y_step=1,
            x_axis_label=_("Month"),
            y_axis_label=_("Score (1–10)"),
        )
        title_shares = _("Share improved and programoppfyllelse per month")
        shares = charts.line_chart(
            chart_id="chart-shares",
            title=title_shares,
            description=_(
                "Line chart of the table «Measures per month», from %(first)s to %(last)s: the share of "
                "people whose average went up from the 1st to the 2nd conversation, and the mean "
                "programoppfyllelse of the checklists filled in that month, in per cent."
            )
            % span,
            x_labels=labels,
            series=[
                charts.Series(_("Share improved"), [m["improved_share"] for m in months]),
                charts.Series(_("Programoppfyllelse"), [m["fidelity"] for m in months]),
            ],
            y_min=0,
            y_max=100,
            y_step=20,
            x_axis_label=_("Month"),
            y_axis_label=_("Per cent"),
            format_value=lambda v: f"{round(v)} %",
        )
        return [{"title": title, "svg": scores}, {"title": title_shares, "svg": shares}]


team_toolkit_view = TeamToolkitView.as_view()


class PersonCreateView(ToolkitMixin, TemplateView):
    template_name = "toolkit/person_form.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=PersonForm()))

    def post(self, request, *args, **kwargs):
        form = PersonForm(request.POST)
        if form.is_valid():
            try:
                person, warnings = services.service_user_create(
                    team=self.team, code=form.cleaned_data["code"], by=request.user
                )
            except ValidationError as exc:
                _add_service_errors(form, exc, default_field="code")
            else:
                _warn(request, warnings)
                messages.success(
                    request, _("%(code)s is registered. Start with the conversation wheel.") % {"code": person.code}
                )
                return redirect("toolkit:person", slug=self.network.slug, pk=self.team.pk, person_pk=person.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


person_create_view = PersonCreateView.as_view()


# --- One person's record ------------------------------------------------------------------------------
class PersonView(PersonMixin, TemplateView):
    template_name = "toolkit/person.html"

    def plan_pdf_url(self) -> str | None:
        # The printable plan is made by reports; until its URL exists the page goes without the link.
        try:
            return reverse(
                "reports:toolkit-plan-pdf",
                kwargs={"slug": self.network.slug, "pk": self.team.pk, "person_pk": self.person.pk},
            )
        except NoReverseMatch:
            return None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        record = selectors.service_user_record(service_user=self.person)
        first_number = record.conversations[0].number if record.conversations else None
        rows = []
        for area in record.areas:
            added_at = record.first_scored.get(area.pk)
            rows.append(
                {
                    "area": area,
                    "cells": [record.grid.get((area.pk, c.number)) for c in record.conversations],
                    "added_at": added_at if added_at is not None and added_at != first_number else None,
                }
            )
        ctx.update(
            record=record,
            rows=rows,
            averages=[_d(record.averages.get(c.number)) for c in record.conversations],
            benefit=_d(record.benefit),
            benefit_latest=_d(record.benefit_latest),
            plan_pdf_url=self.plan_pdf_url(),
        )
        ctx.setdefault("area_form", AreaForm())
        ctx.setdefault("close_form", CloseForm())
        return ctx


person_view = PersonView.as_view()


class AreaAddView(PersonView):
    """POST only: a new area in the conversation wheel. A bad name re-renders the record (400)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = AreaForm(request.POST)
        if form.is_valid():
            try:
                area, warnings = services.area_add(service_user=self.person, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _add_service_errors(form, exc, default_field="name")
            else:
                _warn(request, warnings)
                messages.success(request, _("«%(name)s» is added to the wheel.") % {"name": area.name})
                return redirect(self.person_url("wheel"))
        return self.render_to_response(self.get_context_data(area_form=form), status=400)


area_add_view = AreaAddView.as_view()


class PersonCloseView(PersonView):
    """POST only: end the follow-up (the record and its figures stay)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = CloseForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(close_form=form), status=400)
        services.service_user_close(service_user=self.person, on=form.cleaned_data["closed_on"], by=request.user)
        messages.success(request, _("The follow-up of %(code)s is ended.") % {"code": self.person.code})
        return redirect(self.person_url())


person_close_view = PersonCloseView.as_view()


class PersonReopenView(PersonMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        services.service_user_reopen(service_user=self.person, by=request.user)
        messages.success(request, _("%(code)s is followed up again.") % {"code": self.person.code})
        return redirect(self.person_url())


person_reopen_view = PersonReopenView.as_view()


class PersonDeleteView(PersonMixin, TemplateView):
    """GET: are you sure? POST: the record and everything in it is deleted for good."""

    template_name = "toolkit/person_confirm_delete.html"

    def post(self, request, *args, **kwargs):
        code = self.person.code
        services.service_user_delete(service_user=self.person, by=request.user)
        messages.success(request, _("The record of %(code)s is deleted.") % {"code": code})
        return redirect(self.team_url())


person_delete_view = PersonDeleteView.as_view()


# --- The «Hva er viktig for meg» form ------------------------------------------------------------------
class ConversationFormView(PersonMixin, TemplateView):
    """Record the next conversation, or correct one (`number` in the URL)."""

    template_name = "toolkit/conversation_form.html"

    @cached_property
    def record(self) -> selectors.Record:
        return selectors.service_user_record(service_user=self.person)

    @cached_property
    def conversation(self):
        number = self.kwargs.get("number")
        if number is None:
            return None
        conversation = next((c for c in self.record.conversations if c.number == number), None)
        if conversation is None:
            raise Http404
        return conversation

    def number(self) -> int:
        if self.conversation is not None:
            return self.conversation.number
        return max((c.number for c in self.record.conversations), default=0) + 1

    def get_form(self, data=None) -> ConversationForm:
        record, conversation = self.record, self.conversation
        # Each area's latest score before this conversation, shown as a reminder.
        previous: dict[int, tuple[int, int]] = {}
        for (area_id, n), score in sorted(record.grid.items(), key=lambda kv: kv[0][1]):
            if n < self.number():
                previous[area_id] = (score, n)
        initial = {"held_on": timezone.localdate()}
        if conversation is not None:
            initial = {"held_on": conversation.held_on} | {
                f"score_{area_id}": score for (area_id, n), score in record.grid.items() if n == conversation.number
            }
        return ConversationForm(data, areas=record.areas, previous=previous, initial=initial)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(conversation=self.conversation, number=self.number())
        return ctx

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                conversation = services.conversation_record(
                    service_user=self.person,
                    held_on=form.cleaned_data["held_on"],
                    scores=form.scores,
                    number=self.conversation.number if self.conversation else None,
                    new_areas=form.new_areas,
                    by=request.user,
                )
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                messages.success(request, _("Conversation %(number)s is saved.") % {"number": conversation.number})
                return redirect(self.person_url("form"))
        return self.render_to_response(self.get_context_data(form=form), status=400)


conversation_create_view = ConversationFormView.as_view()
conversation_edit_view = ConversationFormView.as_view()


# --- The plan -------------------------------------------------------------------------------------------
class PlanItemFormView(PersonMixin, TemplateView):
    template_name = "toolkit/plan_item_form.html"

    def get_item(self) -> PlanItem:
        if "item_pk" in self.kwargs:
            return get_object_or_404(self.person.plan_items.all(), pk=self.kwargs["item_pk"])
        return PlanItem(service_user=self.person)

    def get_form(self, data=None) -> PlanItemForm:
        return PlanItemForm(data, instance=self.get_item(), areas=self.person.areas.all())

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                _item, warnings = services.plan_item_save(item=form.instance, by=request.user)
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                _warn(request, warnings)
                messages.success(request, _("The plan is saved."))
                return redirect(self.person_url("plan"))
        return self.render_to_response(self.get_context_data(form=form), status=400)


plan_item_create_view = PlanItemFormView.as_view()
plan_item_edit_view = PlanItemFormView.as_view()


class PlanItemDeleteView(PersonMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        item = get_object_or_404(self.person.plan_items.all(), pk=kwargs["item_pk"])
        services.plan_item_delete(item=item, by=request.user)
        messages.success(request, _("The measure is removed from the plan."))
        return redirect(self.person_url("plan"))


plan_item_delete_view = PlanItemDeleteView.as_view()


# --- The collaboration checklist --------------------------------------------------------------------
class ChecklistCreateView(PersonMixin, TemplateView):
    template_name = "toolkit/checklist_form.html"

    @cached_property
    def template(self):
        return services.checklist_template_for(team=self.team)

    @cached_property
    def items(self) -> list[ChecklistItem]:
        return list(self.template.items.all())

    def get_context_data(self, form, **kwargs):
        ctx = super().get_context_data(form=form, **kwargs)
        averages = selectors.conversation_averages(service_user=self.person)
        rows = []
        for item in self.items:
            row = {"item": item, "field": form.item_field(item)}
            state = services.automatic_state(item, averages)
            if state is not None:
                number = 1 if item.source == ChecklistItem.Source.FIRST_AVERAGE else 2
                row.update(
                    average=_d(averages.get(number)), conversation=number, state=ChecklistAnswer.State(state).label
                )
            rows.append(row)
        ctx.update(template=self.template, rows=rows)
        return ctx

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=ChecklistForm(items=self.items)))

    def post(self, request, *args, **kwargs):
        form = ChecklistForm(request.POST, items=self.items)
        if form.is_valid():
            try:
                checklist = services.checklist_fill(
                    service_user=self.person,
                    filled_on=form.cleaned_data["filled_on"],
                    states=form.states,
                    by=request.user,
                )
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The checklist is saved: %(points)s of 10 points, %(percent)s %% programoppfyllelse.")
                    % {"points": checklist.points, "percent": checklist.fidelity_percent},
                )
                return redirect(self.person_url("checklists"))
        return self.render_to_response(self.get_context_data(form=form), status=400)


checklist_create_view = ChecklistCreateView.as_view()
