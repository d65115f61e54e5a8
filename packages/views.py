"""Package builder (project group) and the team workspace with autosave."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.http import PrivateNoStoreMixin, int_param
from core.uploads import file_response
from packages.access import access_for, package_for, require
from packages.forms import PackageCreateForm, PackageForm, QuestionForm, TaskForm
from packages.models import Answer, AnswerFile, Package, Question, Response, Task
from packages.selectors import packages_copyable_by
from packages.services import (
    AnswerConflict,
    answer_file_delete,
    answer_restore,
    package_create_from_source,
    package_publish,
    package_update,
    question_delete,
    question_move,
    question_save,
    response_missing,
    response_reopen,
    task_move,
    task_save,
    team_answer_file_add,
    team_answer_save,
    team_response_save,
    team_response_submit,
)
from teams import permissions as perm

INTERVIEW_FIELDS = ("date", "service", "experience", "what_matters", "suggestions")


class PackageMixin(perm.NetworkPermissionMixin):
    permission = perm.NETWORK_VIEW

    def get_package(self) -> Package:
        if not hasattr(self, "_package"):
            self._package = package_for(self.request, self.network, self.kwargs["pk"])
        return self._package

    @property
    def can_manage(self) -> bool:
        return perm.NETWORK_MANAGE in self.permissions

    def manager_only(self) -> None:
        if not self.can_manage:
            raise PermissionDenied


# --- Package list and builder ------------------------------------------------------------------
class PackageListView(PackageMixin, TemplateView):
    template_name = "packages/package_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        packages = Package.objects.filter(gathering__network=self.network).select_related("gathering__network")
        if not self.can_manage:
            packages = packages.filter(status=Package.Status.PUBLISHED)
        my_teams = list(self.network.teams.filter(pk__in=perm.permissions_for(self.request).team_ids).order_by("name"))
        responses = {
            (r.package_id, r.team_id): r for r in Response.objects.filter(package__in=packages, team__in=my_teams)
        }
        ctx.update(
            packages=[
                (p, [(team, responses.get((p.pk, team.pk))) for team in my_teams])
                for p in packages.order_by("deadline")
            ],
            can_manage=self.can_manage,
        )
        return ctx


package_list_view = PackageListView.as_view()


class PackageCreateView(PackageMixin, TemplateView):
    permission = perm.NETWORK_MANAGE
    template_name = "packages/package_form.html"

    def form(self, data=None):
        return PackageCreateForm(
            data, network=self.network, other_packages=packages_copyable_by(user=self.request.user)
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        try:
            package = package_create_from_source(
                gathering=data["gathering"], deadline=data["deadline"], source=data["start_from"], by=request.user
            )
        except ValidationError as exc:
            form.add_error("start_from", exc)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(
            request, _("The package is created as a draft. Only the project group sees it until you publish it.")
        )
        return redirect(package.get_absolute_url())


package_create_view = PackageCreateView.as_view()


def _structure(package: Package):
    return list(
        package.tasks.prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("order", "pk")))
    )


class PackageDetailView(PackageMixin, TemplateView):
    """The builder for the project group; for everyone else, the way to their team's workspace."""

    template_name = "packages/package_detail.html"

    def get(self, request, *args, **kwargs):
        package = self.get_package()
        if not self.can_manage:
            team_ids = perm.permissions_for(request).team_ids
            teams = list(self.network.teams.filter(pk__in=team_ids))
            if len(teams) == 1:
                return redirect("packages:workspace", slug=self.network.slug, pk=package.pk, team_pk=teams[0].pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        package = self.get_package()
        ctx.update(
            package=package,
            tasks=_structure(package),
            can_manage=self.can_manage,
            teams=self.network.teams.order_by("name"),
        )
        return ctx


package_detail_view = PackageDetailView.as_view()


class SimpleFormView(PackageMixin, TemplateView):
    """Edit one object of the package with a ModelForm (project group only)."""

    permission = perm.NETWORK_MANAGE
    template_name = "packages/simple_form.html"
    form_class = None
    heading = ""

    def get_object(self):
        raise NotImplementedError

    def save(self, obj):
        """Save the edited object with its service."""
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form_class(instance=self.get_object())))

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, instance=self.get_object())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            self.save(form.save(commit=False))
        except ValidationError as exc:
            # On the field it names when the form has it (choices and columns are typed in other fields).
            by_field = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
            for name, errors in by_field.items():
                form.add_error(name if name in form.fields else None, errors)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("Saved."))
        return redirect(self.get_package().get_absolute_url())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(package=self.get_package(), heading=self.heading)
        return ctx


class PackageEditView(SimpleFormView):
    form_class = PackageForm
    heading = "package"

    def get_object(self):
        return self.get_package()

    def save(self, obj):
        return package_update(package=obj, by=self.request.user)


package_edit_view = PackageEditView.as_view()


class TaskFormView(SimpleFormView):
    form_class = TaskForm
    heading = "task"

    def get_object(self):
        package = self.get_package()
        if "task_pk" in self.kwargs:
            return get_object_or_404(Task, package=package, pk=self.kwargs["task_pk"])
        return Task(package=package)

    def save(self, obj):
        return task_save(task=obj, by=self.request.user)


task_create_view = TaskFormView.as_view()
task_edit_view = TaskFormView.as_view()


class QuestionFormView(SimpleFormView):
    form_class = QuestionForm
    heading = "question"

    def get_object(self):
        package = self.get_package()
        if "question_pk" in self.kwargs:
            return get_object_or_404(Question, task__package=package, pk=self.kwargs["question_pk"])
        return Question(task=get_object_or_404(Task, package=package, pk=self.kwargs["task_pk"]))

    def save(self, obj):
        return question_save(question=obj, by=self.request.user)


question_create_view = QuestionFormView.as_view()
question_edit_view = QuestionFormView.as_view()


class MoveView(PackageMixin, View):
    permission = perm.NETWORK_MANAGE

    def post(self, request, slug, pk, **kwargs):
        package = self.get_package()
        direction = "up" if request.POST.get("direction") == "up" else "down"
        if "question_pk" in kwargs:
            question_move(
                question=get_object_or_404(Question, task__package=package, pk=kwargs["question_pk"]),
                direction=direction,
            )
        else:
            task_move(task=get_object_or_404(Task, package=package, pk=kwargs["task_pk"]), direction=direction)
        return redirect(package.get_absolute_url())


question_move_view = MoveView.as_view()
task_move_view = MoveView.as_view()


class QuestionDeleteView(PackageMixin, View):
    permission = perm.NETWORK_MANAGE

    def post(self, request, slug, pk, question_pk):
        package = self.get_package()
        question = get_object_or_404(Question, task__package=package, pk=question_pk)
        try:
            question_delete(question=question, by=request.user)
            messages.success(request, _("The question is deleted."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(package.get_absolute_url())


question_delete_view = QuestionDeleteView.as_view()


class PackagePublishView(PackageMixin, View):
    permission = perm.NETWORK_MANAGE

    def post(self, request, slug, pk):
        package = self.get_package()
        try:
            package_publish(package=package, by=request.user)
            messages.success(request, _("The package is published. The teams can answer it now."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(package.get_absolute_url())


package_publish_view = PackagePublishView.as_view()


# --- Values posted from the workspace ---------------------------------------------------------
def value_from_post(question: Question, data) -> object:
    """The answer of one question from form fields (the same names with or without JavaScript)."""
    name = f"q-{question.pk}"
    kind = question.kind
    if kind == Question.Kind.MULTIPLE_CHOICE:
        return data.getlist(name)
    if kind == Question.Kind.TABLE:
        rows = []
        for r in range(200):
            cells = [data.get(f"{name}-r{r}-c{c}") for c in range(len(question.columns))]
            if all(v is None for v in cells):
                break
            rows.append([v or "" for v in cells])
        return rows
    if kind == Question.Kind.INTERVIEW:
        entries = []
        for e in range(50):
            entry = {f: data.get(f"{name}-e{e}-{f}") for f in INTERVIEW_FIELDS}
            if all(v is None for v in entry.values()):
                break
            entries.append({k: v or "" for k, v in entry.items()})
        return entries
    return data.get(name, "")


def _workspace(request, network, package, team):
    response = Response.objects.filter(package=package, team=team).select_related("submitted_by").first()
    access = access_for(request, package, team, response)
    return response, access


class WorkspaceView(PrivateNoStoreMixin, PackageMixin, TemplateView):
    """The team's answers: autosaved by the browser, and saved as a whole without JavaScript."""

    template_name = "packages/workspace.html"

    def setup_objects(self):
        self.package = self.get_package()
        self.team = get_object_or_404(self.network.teams, pk=self.kwargs["team_pk"])
        self.response, self.access = _workspace(self.request, self.network, self.package, self.team)
        require(self.access, "read")

    def get(self, request, *args, **kwargs):
        self.setup_objects()
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, posted=None, errors=None, conflicts=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        answers = {}
        if self.response:
            answers = {
                a.question_id: a for a in self.response.answers.select_related("updated_by").prefetch_related("files")
            }
        tasks = _structure(self.package)
        blocks = []
        for task in tasks:
            items = []
            for q in task.questions.all():
                answer = answers.get(q.pk)
                value = posted[q.pk] if posted and q.pk in posted else (answer.value if answer else None)
                items.append(
                    {
                        "question": q,
                        "answer": answer,
                        "value": value,
                        "version": answer.version if answer else 0,
                        "error": (errors or {}).get(q.pk),
                        "conflict": (conflicts or {}).get(q.pk),
                        "rows": _rows(q, value),
                    }
                )
            blocks.append((task, items))
        ctx.update(
            package=self.package,
            team=self.team,
            response=self.response,
            access=self.access,
            blocks=blocks,
            # An untouched package has no response yet: everything required is still missing.
            missing=response_missing(response=self.response or Response(package=self.package, team=self.team))
            if self.access.submit
            else [],
            interview_fields=INTERVIEW_FIELDS,
        )
        return ctx

    def post(self, request, *args, **kwargs):
        """Save every answer at once (without JavaScript, or the "Save" button)."""
        self.setup_objects()
        require(self.access, "write")
        questions = list(Question.objects.filter(task__package=self.package))
        posted = {q.pk: value_from_post(q, request.POST) for q in questions if q.kind != Question.Kind.FILE}
        answers = [
            (q, posted[q.pk], int_param(request.POST, f"v-{q.pk}", 0, minimum=0)) for q in questions if q.pk in posted
        ]
        # Files chosen in the same form (the "Upload" button posts the whole form, so nothing typed
        # elsewhere is lost).
        uploads = [
            (q, request.FILES[f"q-{q.pk}"])
            for q in questions
            if q.kind == Question.Kind.FILE and request.FILES.get(f"q-{q.pk}") is not None
        ]
        saved = team_response_save(
            package=self.package, team=self.team, answers=answers, uploads=uploads, by=request.user
        )
        errors = {pk: " ".join(exc.messages) for pk, exc in saved.errors.items()}
        conflicts = saved.conflicts
        if errors or conflicts:
            self.response = saved.response
            if errors:
                messages.error(request, _("Some answers could not be saved. What you typed is kept below."))
            if conflicts:
                messages.warning(
                    request, _("Someone else changed an answer while you wrote. Compare the two versions below.")
                )
            return self.render_to_response(
                self.get_context_data(posted=posted, errors=errors, conflicts=conflicts), status=400 if errors else 409
            )
        if saved.upload_error is not None:
            messages.error(request, " ".join(saved.upload_error.messages))
            return redirect(request.path)
        messages.success(request, _("Saved %(time)s.") % {"time": date_format(timezone.localtime(), "H:i")})
        return redirect(request.path)


workspace_view = WorkspaceView.as_view()


def _rows(question: Question, value):
    """Rows to render for tables and interviews: what is there plus one empty row."""
    if question.kind == Question.Kind.TABLE:
        rows = [list(r) for r in (value or [])]
        return rows + [[""] * len(question.columns)]
    if question.kind == Question.Kind.INTERVIEW:
        entries = [dict(e) for e in (value or [])]
        return entries + [dict.fromkeys(INTERVIEW_FIELDS, "")]
    return []


class AnswerApiMixin(PrivateNoStoreMixin, PackageMixin):
    """JSON endpoints: an expired session answers 401 (the browser keeps the text), not a redirect."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse(
                {"error": _("Your session has expired. Log in again; what you typed is kept.")}, status=401
            )
        return super().dispatch(request, *args, **kwargs)

    def objects(self, write=True):
        package = self.get_package()
        team = get_object_or_404(self.network.teams, pk=self.kwargs["team_pk"])
        question = get_object_or_404(Question, task__package=package, pk=self.kwargs["question_pk"])
        response, access = _workspace(self.request, self.network, package, team)
        require(access, "write" if write else "read")
        self.response = response  # read once; the services reuse it
        return package, team, question, access


class AnswerSaveView(AnswerApiMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            package, team, question, access = self.objects()
        except PermissionDenied:
            return JsonResponse({"error": _("This package is closed for changes.")}, status=403)
        value = value_from_post(question, request.POST)
        base = int_param(request.POST, "base_version", 0, minimum=0)
        try:
            answer = team_answer_save(
                package=package,
                team=team,
                question=question,
                value=value,
                base_version=base,
                by=request.user,
                response=self.response,
            )
        except ValidationError as exc:
            return JsonResponse({"error": " ".join(exc.messages)}, status=400)
        except AnswerConflict as exc:
            return JsonResponse(
                {
                    "conflict": True,
                    "version": exc.version,
                    "updated_by": exc.updated_by,
                    "updated_at": date_format(timezone.localtime(exc.updated_at), "H:i"),
                    "their_html": render_to_string("packages/_value.html", {"value": exc.value, "question": question}),
                },
                status=409,
            )
        data = {"version": answer.version, "saved_at": date_format(timezone.localtime(answer.updated_at), "H:i")}
        if access.submit:  # the submit panel follows what is saved
            data["missing"] = response_missing(response=answer.response)
        return JsonResponse(data)


answer_save_view = AnswerSaveView.as_view()


class AnswerHistoryView(PrivateNoStoreMixin, PackageMixin, TemplateView):
    """Every saved version of one answer, with who and when; the team can restore one."""

    template_name = "packages/answer_history.html"

    def objects(self):
        package = self.get_package()
        team = get_object_or_404(self.network.teams, pk=self.kwargs["team_pk"])
        question = get_object_or_404(Question, task__package=package, pk=self.kwargs["question_pk"])
        response, access = _workspace(self.request, self.network, package, team)
        # Earlier versions are drafts: the team and the project group only (not readers of submissions).
        if not (access.member or access.manage):
            raise Http404
        answer = Answer.objects.filter(response=response, question=question).first() if response else None
        return package, team, question, answer, access

    def get(self, request, *args, **kwargs):
        package, team, question, answer, access = self.objects()
        revisions = answer.revisions.select_related("created_by") if answer else []
        return self.render_to_response(
            self.get_context_data(
                package=package, team=team, question=question, answer=answer, revisions=revisions, access=access
            )
        )

    def post(self, request, *args, **kwargs):
        package, team, question, answer, access = self.objects()
        require(access, "write")
        if answer is None:
            raise Http404
        revision = get_object_or_404(answer.revisions, pk=int_param(request.POST, "revision", 0))
        try:
            answer_restore(answer=answer, revision=revision, by=request.user)
            messages.success(request, _("Version %(n)s is restored.") % {"n": revision.version})
        except (ValidationError, AnswerConflict):
            messages.error(request, _("This version could not be restored. Reload the page and try again."))
        return redirect("packages:workspace", slug=self.network.slug, pk=package.pk, team_pk=team.pk)


answer_history_view = AnswerHistoryView.as_view()


class AnswerFileView(PrivateNoStoreMixin, PackageMixin, View):
    def post(self, request, *args, **kwargs):
        package = self.get_package()
        team = get_object_or_404(self.network.teams, pk=self.kwargs["team_pk"])
        question = get_object_or_404(
            Question, task__package=package, pk=self.kwargs["question_pk"], kind=Question.Kind.FILE
        )
        _response, access = _workspace(request, self.network, package, team)
        require(access, "write")
        try:
            team_answer_file_add(
                package=package,
                team=team,
                question=question,
                upload=request.FILES.get(f"q-{question.pk}"),
                by=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("packages:workspace", slug=self.network.slug, pk=package.pk, team_pk=team.pk)
        messages.success(request, _("The file is uploaded."))
        return redirect("packages:workspace", slug=self.network.slug, pk=package.pk, team_pk=team.pk)


answer_file_view = AnswerFileView.as_view()


class AnswerFileDownloadView(PrivateNoStoreMixin, PackageMixin, View):
    def get(self, request, slug, pk, team_pk, file_pk):
        package = self.get_package()
        team = get_object_or_404(self.network.teams, pk=team_pk)
        response, access = _workspace(request, self.network, package, team)
        require(access, "read")
        f = get_object_or_404(AnswerFile, pk=file_pk, answer__response=response)
        return file_response(f.file)


answer_file_download_view = AnswerFileDownloadView.as_view()


class AnswerFileDeleteView(PrivateNoStoreMixin, PackageMixin, View):
    """Delete one of the team's uploaded files (those who may write the answers, until submitted)."""

    def post(self, request, slug, pk, team_pk, file_pk):
        package = self.get_package()
        team = get_object_or_404(self.network.teams, pk=team_pk)
        response, access = _workspace(request, self.network, package, team)
        require(access, "write")
        answer_file = get_object_or_404(
            AnswerFile.objects.select_related("answer"), pk=file_pk, answer__response=response
        )
        try:
            answer_file_delete(answer_file=answer_file, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(file)s is deleted.") % {"file": answer_file.file.name.rsplit("/", 1)[-1]})
        return redirect("packages:workspace", slug=self.network.slug, pk=package.pk, team_pk=team.pk)


answer_file_delete_view = AnswerFileDeleteView.as_view()


class ResponseSubmitView(PrivateNoStoreMixin, PackageMixin, View):
    def post(self, request, slug, pk, team_pk):
        package = self.get_package()
        team = get_object_or_404(self.network.teams, pk=team_pk)
        _response, access = _workspace(request, self.network, package, team)
        require(access, "submit")
        try:
            response = team_response_submit(package=package, team=team, by=request.user)
        except ValidationError as exc:
            messages.error(request, _("Not submitted yet: %(what)s") % {"what": " ".join(exc.messages)})
            return redirect("packages:workspace", slug=slug, pk=pk, team_pk=team_pk)
        if response.is_late:
            messages.warning(request, _("Submitted after the deadline; the project group sees it as late."))
        else:
            messages.success(request, _("Submitted. Thank you!"))
        return redirect("packages:workspace", slug=slug, pk=pk, team_pk=team_pk)


response_submit_view = ResponseSubmitView.as_view()


class ResponseReopenView(PrivateNoStoreMixin, PackageMixin, View):
    permission = perm.NETWORK_MANAGE

    def post(self, request, slug, pk, team_pk):
        package = self.get_package()
        response = get_object_or_404(Response, package=package, team_id=team_pk)
        response_reopen(response=response, by=request.user)
        messages.success(request, _("Reopened: the team can change its answers again."))
        return redirect("packages:workspace", slug=slug, pk=pk, team_pk=team_pk)


response_reopen_view = ResponseReopenView.as_view()


class PackagePreviewView(PackageMixin, TemplateView):
    """The package exactly as the teams will see it, without saving anything."""

    permission = perm.NETWORK_MANAGE
    template_name = "packages/workspace.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        package = self.get_package()
        blocks = [
            (
                task,
                [
                    {"question": q, "answer": None, "value": None, "version": 0, "rows": _rows(q, None)}
                    for q in task.questions.all()
                ],
            )
            for task in _structure(package)
        ]
        from packages.access import Access

        ctx.update(
            package=package,
            team=None,
            response=None,
            preview=True,
            blocks=blocks,
            interview_fields=INTERVIEW_FIELDS,
            access=Access(read=True, write=False, submit=False, manage=False),
        )
        return ctx


package_preview_view = PackagePreviewView.as_view()
