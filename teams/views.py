"""Team pages: the team's workspace, its meetings with minutes and tasks, and supervision."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from teams import permissions as perm
from teams.forms import (
    MeetingTaskFormSet,
    SupervisionOfferForm,
    SupervisionSessionForm,
    TeamMeetingForm,
    meeting_tasks_from,
)
from teams.models import MeetingTask, TeamMeeting
from teams.selectors import (
    supervision_offer_list,
    supervision_sessions_used,
    team_meeting_list,
    team_task_candidates,
)
from teams.services import (
    MeetingConflict,
    meeting_task_toggle,
    meeting_version,
    supervision_offer_create,
    supervision_session_record,
    team_meeting_create,
    team_meeting_update,
)


def _add_service_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names, else on the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# --- Meetings -------------------------------------------------------------------------------------
class MeetingListView(perm.TeamPermissionMixin, TemplateView):
    template_name = "teams/meeting_list.html"
    team_permission = perm.TEAM_VIEW

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["meetings"] = list(team_meeting_list(team=self.team))
        return ctx


meeting_list_view = MeetingListView.as_view()


class MeetingDetailView(perm.TeamPermissionMixin, TemplateView):
    template_name = "teams/meeting_detail.html"
    team_permission = perm.TEAM_VIEW

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["meeting"] = get_object_or_404(team_meeting_list(team=self.team), pk=self.kwargs["meeting_pk"])
        ctx["can_work"] = perm.TEAM_WORK in ctx["team_perms"]
        return ctx


meeting_detail_view = MeetingDetailView.as_view()


class MeetingFormView(perm.TeamPermissionMixin, TemplateView):
    """Log a meeting (no `meeting_pk`) or edit one; any member of the team may do both."""

    template_name = "teams/meeting_form.html"
    team_permission = perm.TEAM_WORK

    def get_meeting(self) -> TeamMeeting | None:
        return None

    def get_forms(self, meeting: TeamMeeting | None, data=None):
        candidates = team_task_candidates(team=self.team, meeting=meeting)
        if meeting is None:
            form = TeamMeetingForm(data, initial={"held_on": timezone.localdate()})
            initial_tasks = []
        else:
            form = TeamMeetingForm(
                data,
                initial={
                    "held_on": meeting.held_on,
                    "title": meeting.title,
                    "minutes": meeting.minutes,
                    "next_meeting_on": meeting.next_meeting_on,
                    "version": meeting_version(meeting),
                },
            )
            initial_tasks = [
                {
                    "id": t.pk,
                    "description": t.description,
                    "responsible": t.responsible_id,
                    "responsible_note": t.responsible_note,
                    "due_on": t.due_on,
                    "done": t.done,
                }
                for t in meeting.tasks.all()
            ]
        formset = MeetingTaskFormSet(
            data, initial=initial_tasks, prefix="tasks", form_kwargs={"candidates": candidates}
        )
        return form, formset

    def render_forms(self, meeting, form, formset, status=200, conflict=None):
        return self.render_to_response(
            self.get_context_data(meeting=meeting, form=form, formset=formset, conflict=conflict), status=status
        )

    def get(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        return self.render_forms(meeting, *self.get_forms(meeting))

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        form, formset = self.get_forms(meeting, request.POST)
        valid = [form.is_valid(), formset.is_valid()]  # both, so every error shows at once
        if not all(valid):
            return self.render_forms(meeting, form, formset, status=400)
        fields = dict(form.cleaned_data, tasks=meeting_tasks_from(formset), by=request.user)
        version = fields.pop("version", "")
        try:
            if meeting is None:
                meeting = team_meeting_create(team=self.team, **fields)
                messages.success(request, _("The meeting is logged. Everyone in the team can read it."))
            else:
                meeting = team_meeting_update(meeting=meeting, base_version=version or None, **fields)
                messages.success(request, _("The meeting is saved."))
        except MeetingConflict as exc:
            # Nothing is lost: what this person typed comes back, next to the meeting as saved;
            # saving again (on the new version) keeps theirs.
            data = request.POST.copy()
            data["version"] = exc.version
            form, formset = self.get_forms(meeting, data)
            form.is_valid(), formset.is_valid()
            saved = team_meeting_list(team=self.team).get(pk=exc.meeting.pk)
            return self.render_forms(meeting, form, formset, status=409, conflict=saved)
        except ValidationError as exc:
            _add_service_errors(form, exc)
            return self.render_forms(meeting, form, formset, status=400)
        return redirect("teams:meeting-detail", slug=self.network.slug, pk=self.team.pk, meeting_pk=meeting.pk)


class MeetingCreateView(MeetingFormView):
    pass


meeting_create_view = MeetingCreateView.as_view()


class MeetingEditView(MeetingFormView):
    def get_meeting(self) -> TeamMeeting:
        return get_object_or_404(self.team.meetings.prefetch_related("tasks"), pk=self.kwargs["meeting_pk"])


meeting_edit_view = MeetingEditView.as_view()


class MeetingTaskToggleView(perm.TeamPermissionMixin, View):
    """POST only: mark a task done (done=1) or not done (done=0)."""

    team_permission = perm.TEAM_WORK
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        task = get_object_or_404(
            MeetingTask.objects.select_related("meeting"),
            pk=kwargs["task_pk"],
            meeting_id=kwargs["meeting_pk"],
            meeting__team=self.team,
        )
        meeting_task_toggle(task=task, done=request.POST.get("done") == "1", by=request.user)
        url = reverse(
            "teams:meeting-detail",
            kwargs={"slug": self.network.slug, "pk": self.team.pk, "meeting_pk": task.meeting_id},
        )
        return redirect(f"{url}#task-{task.pk}")


meeting_task_toggle_view = MeetingTaskToggleView.as_view()


# --- Supervision ----------------------------------------------------------------------------------
class SupervisionView(perm.TeamPermissionMixin, TemplateView):
    """The team's supervision: offered and used. The whole team reads; the project group writes."""

    template_name = "teams/supervision_list.html"
    team_permission = perm.TEAM_VIEW

    @property
    def can_manage(self) -> bool:
        return perm.NETWORK_MANAGE in self.permissions

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        offers = list(supervision_offer_list(team=self.team))
        ctx.update(
            offers=offers,
            sessions=list(supervision_sessions_used(team=self.team)),
            can_manage=self.can_manage,
            has_sessions_left=any(o.used_count < o.sessions_offered for o in offers),
        )
        if self.can_manage:
            ctx.setdefault("offer_form", SupervisionOfferForm(prefix="offer"))
            ctx.setdefault(
                "session_form",
                SupervisionSessionForm(
                    prefix="session",
                    offers=supervision_offer_list(team=self.team),
                    initial={"held_on": timezone.localdate()},
                ),
            )
        return ctx

    def post(self, request, *args, **kwargs):
        if not self.can_manage:
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "offer":
            form = SupervisionOfferForm(request.POST, prefix="offer")
            context_key = "offer_form"
        elif action == "session":
            form = SupervisionSessionForm(
                request.POST, prefix="session", offers=supervision_offer_list(team=self.team)
            )
            context_key = "session_form"
        else:
            return self.render_to_response(self.get_context_data(), status=400)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "offer":
                    supervision_offer_create(team=self.team, by=request.user, **data)
                    messages.success(request, _("Supervision is offered to the team."))
                else:
                    supervision_session_record(by=request.user, **data)
                    messages.success(request, _("The supervision session is recorded as used."))
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                return redirect("teams:supervision", slug=self.network.slug, pk=self.team.pk)
        return self.render_to_response(self.get_context_data(**{context_key: form}), status=400)


supervision_view = SupervisionView.as_view()
