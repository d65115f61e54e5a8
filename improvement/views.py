"""A team's improvement pages: the plan (areas, goals, tiltak), the measures with their run charts,
PDSA cycles and actor maps.

The team's members (team:work) see and change everything, drafts included; those who read every
team (the project group, observers) see the same pages without drafts and without buttons;
members of other teams get 404. Views parse input, call one service or selector, and render."""

from __future__ import annotations

from functools import cached_property, lru_cache

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.http import PrivateNoStoreMixin, int_param
from improvement import charts, diagrams, selectors, services
from improvement.forms import ActionForm, ActorForm, ActorMapForm, AreaForm, GoalForm, MeasureForm, PDSAForm, ValueForm
from improvement.models import Action, ActorMap, Goal, ImprovementArea, Measure, MeasureValue, PDSACycle
from teams import permissions as perm


def add_service_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the field it names, else above the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def period_label(period, frequency: str) -> str:
    return _period_label(period, frequency, get_language())


@lru_cache(maxsize=4096)
def _period_label(period, frequency: str, language: str | None) -> str:
    # Cached per language: the network's page labels the same months on every team's charts, and
    # date_format is a fair share of drawing them.
    if frequency == Measure.Frequency.WEEKLY:
        return _("week %(week)s %(year)s") % {"week": period.isocalendar()[1], "year": period.isocalendar()[0]}
    return date_format(period, "b Y")


def chart_for(series: selectors.MeasureSeries, *, compact: bool = False, chart_id: str = ""):
    """The run chart of a series, with its PDSA cycles as numbered markers."""
    measure = series.measure
    labels = [period_label(p, measure.frequency) for p in series.periods]
    return charts.run_chart(
        chart_id=chart_id or f"measure-{measure.pk}",
        title=measure.title,
        description=charts.signal_summary(series.analysis, labels),
        x_labels=labels,
        analysis=series.analysis,
        unit_label=measure.unit,
        target=measure.target,
        markers=[(index, str(n)) for n, (index, _cycle) in enumerate(series.cycles, start=1)],
        compact=compact,
    )


def sparkline_for(series: selectors.MeasureSeries, *, chart_id: str, href: str = ""):
    """The small multiple of a series for the network page, its data table a link away."""
    measure = series.measure
    labels = [period_label(p, measure.frequency) for p in series.periods]
    return charts.sparkline(
        chart_id=chart_id,
        title=measure.title,
        description=charts.signal_summary(series.analysis, labels),
        x_labels=labels,
        analysis=series.analysis,
        target=measure.target,
        markers=[(index, str(n)) for n, (index, _cycle) in enumerate(series.cycles, start=1)],
        href=href,
    )


class ImprovementMixin(PrivateNoStoreMixin, perm.TeamPermissionMixin):
    """Every improvement page of a team: readable with team:view, changed with team:work."""

    team_permission = perm.TEAM_VIEW

    @cached_property
    def can_work(self) -> bool:
        return perm.TEAM_WORK in perm.permissions_for(self.request).for_team(self.team)

    def require_work(self) -> None:
        if not self.can_work:
            raise PermissionDenied

    def team_url(self, anchor: str = "") -> str:
        url = reverse("improvement:team", kwargs={"slug": self.network.slug, "pk": self.team.pk})
        return f"{url}#{anchor}" if anchor else url

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_work"] = self.can_work
        return ctx


class TeamImprovementView(ImprovementMixin, TemplateView):
    template_name = "improvement/team.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        work = selectors.team_improvement(team=self.team, drafts=self.can_work)
        ctx.update(
            work=work,
            measures=[{"series": s, "chart": chart_for(s, compact=True)} for s in work.measures],
        )
        return ctx


team_improvement_view = TeamImprovementView.as_view()


# --- Create and edit: one view for every kind of object ----------------------------------------------
class ObjectFormView(ImprovementMixin, TemplateView):
    """Create (no `obj_pk` in the URL) or edit one area, goal, tiltak, measure, PDSA cycle or actor
    map of the team. Subclasses say which model and form, and where the object hangs."""

    template_name = "improvement/object_form.html"
    model: type
    form_class: type
    anchor = ""
    title_new = title_edit = ""
    saved = gettext_lazy("Saved.")
    intro = ""

    def get_object(self):
        if "obj_pk" in self.kwargs:
            return get_object_or_404(self.owned(self.model.objects.all()), pk=self.kwargs["obj_pk"])
        return self.model()

    def owned(self, queryset):
        return queryset.filter(team=self.team)

    def parents(self) -> dict:
        return {"team": self.team}

    def form_kwargs(self) -> dict:
        return {"team": self.team}

    @cached_property
    def obj(self):
        return self.get_object()

    def get_form(self, data=None):
        return self.form_class(data, instance=self.obj, **self.form_kwargs())

    def success_url(self, obj) -> str:
        return self.team_url(self.anchor)

    def get(self, request, *args, **kwargs):
        self.require_work()
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        self.require_work()
        form = self.get_form(request.POST)
        if form.is_valid():
            data = {
                k: v for k, v in form.cleaned_data.items() if k in services.EDITABLE[self.model] or k == "measures"
            }
            try:
                obj = services.improvement_object_save(obj=self.obj, data=data, by=request.user, **self.parents())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, str(self.saved))
                return redirect(self.success_url(obj))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            here=self.title_edit if self.obj.pk else self.title_new,
            intro=self.intro,
            cancel_url=self.team_url(self.anchor),
            delete_url=self.delete_url() if self.obj.pk else "",
        )
        return ctx

    def delete_url(self) -> str:
        return reverse(
            "improvement:delete",
            kwargs={"slug": self.network.slug, "pk": self.team.pk, "kind": self.kind, "obj_pk": self.obj.pk},
        )


class AreaFormView(ObjectFormView):
    model, form_class, kind, anchor = ImprovementArea, AreaForm, "area", "plan"
    title_new, title_edit = gettext_lazy("Add an improvement area"), gettext_lazy("Edit the improvement area")
    saved = gettext_lazy("The improvement area is saved.")

    def form_kwargs(self) -> dict:
        return {}


class AreaChildMixin:
    """Goals and tiltak hang on an improvement area of the team."""

    def owned(self, queryset):
        return queryset.filter(area__team=self.team)

    @cached_property
    def area(self) -> ImprovementArea:
        if "obj_pk" in self.kwargs:
            return self.obj.area
        return get_object_or_404(ImprovementArea.objects.filter(team=self.team), pk=self.kwargs["area_pk"])

    def parents(self) -> dict:
        return {"area": self.area}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["area"] = self.area
        return ctx


class GoalFormView(AreaChildMixin, ObjectFormView):
    model, form_class, kind, anchor = Goal, GoalForm, "goal", "plan"
    title_new, title_edit = gettext_lazy("Add a goal"), gettext_lazy("Edit the goal")
    saved = gettext_lazy("The goal is saved.")
    intro = gettext_lazy("What do you want to achieve, how much, and by when? Link the measures that show it.")


class ActionFormView(AreaChildMixin, ObjectFormView):
    model, form_class, kind, anchor = Action, ActionForm, "action", "plan"
    title_new, title_edit = gettext_lazy("Add a tiltak"), gettext_lazy("Edit the tiltak")
    saved = gettext_lazy("The tiltak is saved.")
    intro = gettext_lazy("Write who holds the main responsibility as a service or a role, never a person's name.")

    def form_kwargs(self) -> dict:
        return {"area": self.area}


class MeasureFormView(ObjectFormView):
    model, form_class, kind, anchor = Measure, MeasureForm, "measure", "measures"
    title_new = pgettext_lazy("improvement", "Add a measure")
    title_edit = pgettext_lazy("improvement", "Edit the measure")
    saved = gettext_lazy("The measure is saved.")
    intro = gettext_lazy(
        "A measure is counted the same way every month. Choose a measure from the toolkit to follow the "
        "team's figures from «Hva er viktig for deg?» without typing them."
    )

    def success_url(self, obj) -> str:
        return reverse("improvement:measure", kwargs={"slug": self.network.slug, "pk": self.team.pk, "obj_pk": obj.pk})


class PDSAFormView(ObjectFormView):
    model, form_class, kind, anchor = PDSACycle, PDSAForm, "pdsa", "pdsa"
    title_new, title_edit = gettext_lazy("Record a PDSA cycle"), gettext_lazy("Edit the PDSA cycle")
    saved = gettext_lazy("The PDSA cycle is saved.")
    intro = gettext_lazy(
        "Plan with a prediction, do, study what happened, act on it. Linked to a measure, the cycle is "
        "shown as a numbered marker on its chart."
    )

    def get_object(self):
        obj = super().get_object()
        measure = int_param(self.request.GET, "measure")
        if obj.pk is None and measure is not None:
            obj.measure = Measure.objects.filter(team=self.team, pk=measure).first()
        return obj

    def success_url(self, obj) -> str:
        if obj.measure_id:
            return reverse(
                "improvement:measure", kwargs={"slug": self.network.slug, "pk": self.team.pk, "obj_pk": obj.measure_id}
            )
        return self.team_url("pdsa")


class ActorMapFormView(ObjectFormView):
    model, form_class, kind, anchor = ActorMap, ActorMapForm, "map", "actors"
    title_new, title_edit = gettext_lazy("Add an actor map"), gettext_lazy("Edit the actor map")
    saved = gettext_lazy("The actor map is saved.")
    intro = gettext_lazy("Map every actor around a person or a service: the relation to each, and what it means.")

    def form_kwargs(self) -> dict:
        return {}

    def success_url(self, obj) -> str:
        return reverse(
            "improvement:actor-map", kwargs={"slug": self.network.slug, "pk": self.team.pk, "obj_pk": obj.pk}
        )


area_create_view = area_edit_view = AreaFormView.as_view()
goal_create_view = goal_edit_view = GoalFormView.as_view()
action_create_view = action_edit_view = ActionFormView.as_view()
measure_create_view = measure_edit_view = MeasureFormView.as_view()
pdsa_create_view = pdsa_edit_view = PDSAFormView.as_view()
actor_map_create_view = actor_map_edit_view = ActorMapFormView.as_view()

DELETABLE = {
    "area": (ImprovementArea, "team", "plan"),
    "goal": (Goal, "area__team", "plan"),
    "action": (Action, "area__team", "plan"),
    "measure": (Measure, "team", "measures"),
    "pdsa": (PDSACycle, "team", "pdsa"),
    "map": (ActorMap, "team", "actors"),
}


class ObjectDeleteView(ImprovementMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, kind, obj_pk, **kwargs):
        self.require_work()
        if kind not in DELETABLE:
            raise Http404
        model, team_field, anchor = DELETABLE[kind]
        obj = get_object_or_404(model.objects.filter(**{team_field: self.team}), pk=obj_pk)
        services.improvement_object_delete(obj=obj, by=request.user)
        messages.success(request, _("«%(name)s» is deleted.") % {"name": obj})
        return redirect(self.team_url(anchor))


object_delete_view = ObjectDeleteView.as_view()


# --- A measure: its chart, its values and their entry -----------------------------------------------
class MeasureView(ImprovementMixin, TemplateView):
    template_name = "improvement/measure.html"

    @cached_property
    def series(self) -> selectors.MeasureSeries:
        series = selectors.measure_for_team(team=self.team, pk=self.kwargs["obj_pk"], drafts=self.can_work)
        if series is None:
            raise Http404
        return series

    def get_context_data(self, form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        series = self.series
        measure = series.measure
        labels = [period_label(p, measure.frequency) for p in series.periods]
        ctx.update(
            measure=measure,
            series=series,
            chart=chart_for(series),
            rows=self.rows(series, labels),
            summary=charts.signal_summary(series.analysis, labels),
            rule_set_label=charts.rule_set_label(series.analysis),
            cycles=[(n, cycle, labels[index]) for n, (index, cycle) in enumerate(series.cycles, start=1)],
            form=form or (ValueForm(measure=measure) if self.can_work and not measure.from_toolkit else None),
        )
        return ctx

    @staticmethod
    def rows(series: selectors.MeasureSeries, labels: list[str]) -> list[dict]:
        """The data behind the chart, newest first: what a screen reader reads instead of the picture."""
        kinds = series.analysis.kinds_by_point()
        rows = [
            {
                "label": label,
                "point": point,
                "median": series.analysis.median[i],
                "signals": ", ".join(charts.signal_kind_label(k) for k in kinds[i]),
            }
            for i, (point, label) in enumerate(zip(series.points, labels, strict=True))
        ]
        return rows[::-1]

    def post(self, request, *args, **kwargs):
        self.require_work()
        measure = self.series.measure
        form = ValueForm(request.POST, measure=measure)
        if form.is_valid():
            try:
                services.measure_value_save(measure=measure, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The value is saved as a draft. Submit it when the month is complete."))
                return redirect(request.path + "#values")
        return self.render_to_response(self.get_context_data(form=form), status=400)


measure_view = MeasureView.as_view()


class MeasureSubmitView(ImprovementMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, obj_pk, **kwargs):
        self.require_work()
        measure = get_object_or_404(Measure.objects.filter(team=self.team), pk=obj_pk)
        count = services.measure_values_submit(measure=measure, by=request.user)
        if count:
            messages.success(request, _("%(n)s values are submitted: the network sees them now.") % {"n": count})
        else:
            messages.info(request, _("There were no drafts to submit."))
        return redirect(
            reverse("improvement:measure", kwargs={"slug": self.network.slug, "pk": self.team.pk, "obj_pk": obj_pk})
        )


measure_submit_view = MeasureSubmitView.as_view()


class ValueDeleteView(ImprovementMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, obj_pk, value_pk, **kwargs):
        self.require_work()
        value = get_object_or_404(MeasureValue.objects.filter(measure__team=self.team, measure_id=obj_pk), pk=value_pk)
        services.measure_value_delete(measure=value.measure, period=value.period, by=request.user)
        messages.success(request, _("The value is deleted."))
        return redirect(
            reverse("improvement:measure", kwargs={"slug": self.network.slug, "pk": self.team.pk, "obj_pk": obj_pk})
            + "#values"
        )


value_delete_view = ValueDeleteView.as_view()


# --- Actor maps -------------------------------------------------------------------------------------
class ActorMapView(ImprovementMixin, TemplateView):
    template_name = "improvement/actor_map.html"

    @cached_property
    def actor_map(self) -> ActorMap:
        return get_object_or_404(
            ActorMap.objects.filter(team=self.team).prefetch_related("actors"), pk=self.kwargs["obj_pk"]
        )

    def get_context_data(self, form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        actors = list(self.actor_map.actors.all())
        ctx.update(
            actor_map=self.actor_map,
            actors=actors,
            diagram=diagrams.actor_diagram(actor_map=self.actor_map, actors=actors),
            form=form or (ActorForm() if self.can_work else None),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        self.require_work()
        form = ActorForm(request.POST)
        if form.is_valid():
            try:
                services.actor_add(actor_map=self.actor_map, data=form.cleaned_data, by=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The actor is added."))
                return redirect(request.path + "#actors")
        return self.render_to_response(self.get_context_data(form=form), status=400)


actor_map_view = ActorMapView.as_view()


class ActorDeleteView(ImprovementMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, obj_pk, actor_pk, **kwargs):
        self.require_work()
        actor_map = get_object_or_404(ActorMap.objects.filter(team=self.team), pk=obj_pk)
        actor = get_object_or_404(actor_map.actors.all(), pk=actor_pk)
        services.actor_delete(actor=actor, by=request.user)
        messages.success(request, _("The actor is removed."))
        return redirect(
            reverse("improvement:actor-map", kwargs={"slug": self.network.slug, "pk": self.team.pk, "obj_pk": obj_pk})
        )


actor_delete_view = ActorDeleteView.as_view()
