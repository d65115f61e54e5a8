"""The gathering program: view (draft for the project group, published for everyone in the
network), session editor, reordering, team presentation slots, copying, publishing, A4 PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.fragments import cached_fragment
from core.http import int_param
from core.uploads import file_response
from gatherings.forms import PresentationSlotsForm, ProgramCopyForm, SessionForm
from gatherings.models import Gathering, ProgramSession, SessionMaterial
from gatherings.selectors import program_for, program_unpublished_changes
from gatherings.services import (
    program_copy,
    program_generate_presentations,
    program_publish,
    program_session_delete,
    program_session_move,
    program_session_save,
)
from gatherings.views.plan import _people
from teams import permissions as perm

__all__ = [
    "program_view",
    "session_create_view",
    "session_edit_view",
    "session_delete_view",
    "session_move_view",
    "material_download_view",
    "program_presentations_view",
    "program_copy_view",
    "program_publish_view",
]


class GatheringMixin(perm.NetworkPermissionMixin):
    permission = perm.NETWORK_VIEW

    @property
    def can_manage(self) -> bool:
        return perm.NETWORK_MANAGE in self.permissions

    def get_gathering(self) -> Gathering:
        if not hasattr(self, "_gathering"):
            self._gathering = get_object_or_404(
                Gathering.objects.select_related("network"), network=self.network, pk=self.kwargs["pk"]
            )
        return self._gathering

    def manager_only(self):
        if not self.can_manage:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied


def _managed_gatherings(request, exclude: Gathering):
    """Gatherings whose program the user may copy: those of networks they manage."""
    return (
        Gathering.objects.filter(network__in=perm.networks_managed_by(request.user))
        .exclude(pk=exclude.pk)
        .filter(sessions__isnull=False)
        .distinct()
        .select_related("network")
        .order_by("-starts_on")
    )


class ProgramView(GatheringMixin, TemplateView):
    template_name = "gatherings/program.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        gathering = self.get_gathering()
        visible = gathering.is_published or self.can_manage
        ctx.update(gathering=gathering, can_manage=self.can_manage, program_visible=visible)
        if visible and not self.can_manage:
            ctx["program_html"] = self.published_days(gathering, ctx)
        elif visible:
            ctx.update(program_for(gathering=gathering))
        if self.can_manage:
            ctx["unpublished_changes"] = program_unpublished_changes(gathering=gathering)
            ctx.setdefault("slots_form", PresentationSlotsForm(initial={"minutes_per_team": 20}))
            ctx.setdefault("copy_form", ProgramCopyForm(sources=_managed_gatherings(self.request, gathering)))
        return ctx

    def published_days(self, gathering: Gathering, ctx: dict) -> str:
        """The days of a published program as everyone but its managers sees them: the same for
        every reader, so rendered once per program version and language (a hundred phones open it
        in the same minute) and cached (core.fragments); any write to the program raises the
        version (gatherings.services._program_changed), so the page is never stale."""

        def render() -> str:
            days = {"network": self.network, "gathering": gathering, "can_manage": False}
            return render_to_string("gatherings/_program_days.html", days | program_for(gathering=gathering))

        return cached_fragment("program-days", (gathering.pk, gathering.program_version), render)


program_view = ProgramView.as_view()


class SessionFormView(GatheringMixin, TemplateView):
    template_name = "gatherings/session_form.html"

    def session(self):
        if "session_pk" not in self.kwargs:
            return ProgramSession(gathering=self.get_gathering(), day=self.get_gathering().starts_on)
        return get_object_or_404(ProgramSession, gathering=self.get_gathering(), pk=self.kwargs["session_pk"])

    def form(self, data=None, files=None):
        gathering = self.get_gathering()
        return SessionForm(data, files, instance=self.session(), gathering=gathering, people=_people(self.network))

    def get(self, request, *args, **kwargs):
        self.manager_only()
        return self.render_to_response(self.get_context_data(form=self.form(), gathering=self.get_gathering()))

    def post(self, request, *args, **kwargs):
        self.manager_only()
        form = self.form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(form=form, gathering=self.get_gathering()), status=400
            )
        data = form.cleaned_data
        try:
            session = program_session_save(
                session=form.save(commit=False),
                by=request.user,
                speakers=form.speakers(),
                material={
                    "title": data.get("material_title"),
                    "file": data.get("material_file"),
                    "url": data.get("material_url"),
                },
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            context = self.get_context_data(form=form, gathering=self.get_gathering())
            return self.render_to_response(context, status=400)
        messages.success(request, _("Saved: %(title)s.") % {"title": session.title})
        return redirect(f"{self.get_gathering().get_program_url()}#session-{session.pk}")


session_create_view = SessionFormView.as_view()
session_edit_view = SessionFormView.as_view()


class SessionDeleteView(GatheringMixin, TemplateView):
    """GET: confirm, naming the session and what deleting it means; POST: delete."""

    template_name = "gatherings/session_delete.html"

    def get(self, request, *args, **kwargs):
        self.manager_only()
        session = get_object_or_404(ProgramSession, gathering=self.get_gathering(), pk=self.kwargs["session_pk"])
        return self.render_to_response(self.get_context_data(gathering=self.get_gathering(), session=session))

    def post(self, request, slug, pk, session_pk):
        self.manager_only()
        session = get_object_or_404(ProgramSession, gathering=self.get_gathering(), pk=session_pk)
        program_session_delete(session=session, by=request.user)
        messages.success(request, _("Deleted: %(title)s.") % {"title": session.title})
        return redirect(self.get_gathering().get_program_url())


session_delete_view = SessionDeleteView.as_view()


class SessionMoveView(GatheringMixin, View):
    """Move a session earlier or later (buttons for the keyboard; drag and drop posts here too)."""

    def post(self, request, slug, pk, session_pk):
        self.manager_only()
        session = get_object_or_404(ProgramSession, gathering=self.get_gathering(), pk=session_pk)
        direction = "up" if request.POST.get("direction") == "up" else "down"
        steps = max(1, min(50, int_param(request.POST, "steps", 1)))
        try:
            for _step in range(steps):
                session = program_session_move(session=session, direction=direction, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        if request.headers.get("HX-Request") or request.POST.get("ajax"):
            return HttpResponse(status=204)
        return redirect(f"{self.get_gathering().get_program_url()}#session-{session.pk}")


session_move_view = SessionMoveView.as_view()


class MaterialDownloadView(GatheringMixin, View):
    """Uploaded materials are served through the permission check, never from a public folder."""

    def get(self, request, slug, pk, material_pk):
        gathering = self.get_gathering()
        if not (gathering.is_published or self.can_manage):
            raise Http404
        material = get_object_or_404(SessionMaterial, session__gathering=gathering, pk=material_pk)
        if not material.file:
            raise Http404
        return file_response(material.file)


material_download_view = MaterialDownloadView.as_view()


class ProgramPresentationsView(GatheringMixin, View):
    def post(self, request, slug, pk):
        self.manager_only()
        form = PresentationSlotsForm(request.POST)
        gathering = self.get_gathering()
        if form.is_valid():
            try:
                created = program_generate_presentations(
                    gathering=gathering,
                    start_time=form.cleaned_data["start_time"],
                    minutes_per_team=form.cleaned_data["minutes_per_team"],
                    rooms=form.cleaned_data["rooms"].split(","),
                    by=request.user,
                )
                messages.success(request, _("%(n)s presentation slots added on day 1.") % {"n": len(created)})
                return redirect(gathering.get_program_url())
            except ValidationError as exc:
                form.add_error(None, exc)
        view = ProgramView(request=request, kwargs=self.kwargs, args=())
        view.network, view.permissions = self.network, self.permissions
        return view.render_to_response(view.get_context_data(slots_form=form), status=400)


program_presentations_view = ProgramPresentationsView.as_view()


class ProgramCopyView(GatheringMixin, View):
    def post(self, request, slug, pk):
        self.manager_only()
        gathering = self.get_gathering()
        form = ProgramCopyForm(request.POST, sources=_managed_gatherings(request, gathering))
        if form.is_valid():
            try:
                count = program_copy(source=form.cleaned_data["source"], target=gathering, by=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return redirect(gathering.get_program_url())
            messages.success(request, _("%(n)s sessions copied. Adjust times and speakers as needed.") % {"n": count})
            return redirect(gathering.get_program_url())
        messages.error(request, _("Choose a gathering to copy from."))
        return redirect(gathering.get_program_url())


program_copy_view = ProgramCopyView.as_view()


class ProgramPublishView(GatheringMixin, TemplateView):
    """GET: what publishing means, with the program's unresolved conflicts named; POST: publish."""

    template_name = "gatherings/program_publish.html"

    def get(self, request, *args, **kwargs):
        self.manager_only()
        gathering = self.get_gathering()
        program = program_for(gathering=gathering)
        titles = {s.pk: s.title for day in program["days"] for s in day.sessions}
        conflicts = [(titles[pk], message) for pk, messages_ in program["warnings"].items() for message in messages_]
        return self.render_to_response(
            self.get_context_data(
                gathering=gathering,
                conflicts=conflicts,
                session_count=program["session_count"],
                changes=program_unpublished_changes(gathering=gathering),
            )
        )

    def post(self, request, slug, pk):
        self.manager_only()
        gathering = program_publish(gathering=self.get_gathering(), by=request.user)
        messages.success(request, _("The program is published and visible to everyone in the network."))
        return redirect(gathering.get_program_url())


program_publish_view = ProgramPublishView.as_view()
