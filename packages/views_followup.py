"""Following the teams: the teams × packages matrix, one question's answers side by side, the Excel
export, the "Remind" button, and the day-1 compilation ("Notater fra nettverkene") as a page (its
PDF is made by reports from the same selector).

Network keys come from teams.permissions (mixins); which team's answers a person may read
comes from packages.access.
"""

from __future__ import annotations

import tablib
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.exports import safe_cell
from core.fragments import CSRF_INPUT, cached_fragment
from core.http import PrivateNoStoreMixin
from packages import selectors
from packages.access import compilation_for, package_for, readable_team_ids
from packages.models import Package, Question, Response
from packages.services import response_remind
from teams import permissions as perm

__all__ = [
    "package_matrix_view",
    "question_answers_view",
    "package_export_view",
    "response_remind_view",
    "package_compilation_view",
]


class FollowupMixin(PrivateNoStoreMixin, perm.NetworkPermissionMixin):
    permission = perm.NETWORK_VIEW

    @property
    def can_manage(self) -> bool:
        return perm.NETWORK_MANAGE in self.permissions

    def get_package(self) -> Package:
        """The package of the URL; a draft is 404 for everyone but the project group."""
        if not hasattr(self, "_package"):
            self._package = package_for(self.request, self.network, self.kwargs["pk"])
        return self._package


# --- The matrix ---------------------------------------------------------------------------------
class PackageMatrixView(FollowupMixin, TemplateView):
    """Every team × every published package: status, how much is answered, last activity."""

    permission = perm.TEAMS_VIEW_ALL
    template_name = "packages/followup_matrix.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        network, can_export = self.network, perm.DATA_EXPORT in self.permissions

        def render() -> str:
            return render_to_string(
                "packages/_followup_matrix.html",
                {
                    "matrix": selectors.package_matrix(network=network),
                    "network": network,
                    "can_manage": self.can_manage,
                    "perms_here": self.permissions & {perm.DATA_EXPORT},
                    "request": {"path": self.request.path},
                    "csrf_input": CSRF_INPUT,
                },
            )

        # The same for everyone with the same rights, so rendered once per state of the packages,
        # teams and answers (core.fragments); the forms get this request's CSRF token.
        parts = (
            network.pk,
            network.updated_at,
            selectors.package_matrix_stamp(network=network, now=timezone.now()),
            self.can_manage,
            can_export,
        )
        ctx.update(
            can_manage=self.can_manage, matrix_html=cached_fragment("package-matrix", parts, render, self.request)
        )
        return ctx


package_matrix_view = PackageMatrixView.as_view()


# --- One question, every team -------------------------------------------------------------------
class QuestionAnswersView(FollowupMixin, TemplateView):
    """All teams' answers to one question, side by side: only the responses the person may read
    (packages.access) – the project group sees drafts, marked as such."""

    template_name = "packages/followup_answers.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        package = self.get_package()
        question = get_object_or_404(
            Question.objects.select_related("task"), task__package=package, pk=self.kwargs["question_pk"]
        )
        responses = Response.objects.filter(package=package)
        visible = readable_team_ids(self.request, package, responses)
        tasks = selectors.package_structure(package=package)
        numbered = selectors.numbered_questions(tasks)
        number = next(n for n, q in numbered if q.pk == question.pk)
        index = [q.pk for _n, q in numbered].index(question.pk)
        ctx.update(
            package=package,
            question=question,
            number=number,
            numbered=numbered,
            previous=numbered[index - 1][1] if index > 0 else None,
            next=numbered[index + 1][1] if index + 1 < len(numbered) else None,
            can_manage=self.can_manage,
            can_follow=perm.TEAMS_VIEW_ALL in self.permissions,
        )

        def render() -> str:
            entries = selectors.answers_side_by_side(question=question, visible_team_ids=visible)
            return render_to_string(
                "packages/_followup_answers.html",
                {"entries": entries, "network": self.network, "package": package, "question": question}
                | {"can_manage": self.can_manage},
            )

        # The same for everyone who may read the same teams, so rendered once per state of the
        # answers (core.fragments).
        parts = (
            self.network.pk,
            self.network.updated_at,
            package.pk,
            package.deadline,
            question.pk,
            question.updated_at,
            selectors.answers_side_by_side_stamp(question=question),
            sorted(visible),
            self.can_manage,
        )
        ctx["entries_html"] = cached_fragment("answers-side-by-side", parts, render)
        return ctx


question_answers_view = QuestionAnswersView.as_view()


# --- Export -------------------------------------------------------------------------------------
_xlsx_cell = safe_cell


class PackageExportView(FollowupMixin, View):
    """Every team's answers to one package as Excel: one row per team, one column per question.
    Drafts only for the project group; those who read across the network get submitted rows."""

    permission = perm.DATA_EXPORT

    def get(self, request, slug, pk):
        package = self.get_package()
        table = selectors.package_export(package=package, include_drafts=self.can_manage)
        data = tablib.Dataset(headers=[_xlsx_cell(h) for h in table.headers])
        for row in table.rows:
            data.append([_xlsx_cell(v) for v in row])
        data.title = package.title[:31]
        response = HttpResponse(
            data.export("xlsx"), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        name = slugify(package.title) or "package"
        response["Content-Disposition"] = f'attachment; filename="{self.network.slug}-{name}.xlsx"'
        return response


package_export_view = PackageExportView.as_view()


# --- Remind one team ----------------------------------------------------------------------------
class ResponseRemindView(FollowupMixin, View):
    """POST: e-mail every current member of one team about a package (the project group)."""

    def post(self, request, slug, pk, team_pk):
        if not self.can_manage:
            raise PermissionDenied
        package = self.get_package()
        team = get_object_or_404(self.network.teams, pk=team_pk)
        try:
            n = response_remind(package=package, team=team, by=request.user)
        except ValidationError as exc:
            # A team that has submitted is no mistake of the user: told as information.
            show = messages.info if exc.code in ("submitted", "recent") else messages.error
            show(request, " ".join(exc.messages))
        else:
            if n:
                messages.success(
                    request,
                    _("A reminder about «%(package)s» is being sent to the %(n)s members of %(team)s.")
                    % {"package": package.title, "n": n, "team": team.name},
                )
            else:
                messages.warning(request, _("%(team)s has no members to remind.") % {"team": team.name})
        fallback = reverse("packages:package-matrix", kwargs={"slug": slug}) + f"#cell-{package.pk}-{team.pk}"
        target = request.POST.get("next", "")
        # Only a path on this site; a control character (a NUL) would make the Location header fail.
        safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
        if not safe or not target.startswith("/") or any(ord(ch) < 32 for ch in target):
            target = fallback
        return redirect(target)


response_remind_view = ResponseRemindView.as_view()


# --- The day-1 compilation ----------------------------------------------------------------------
class CompilationMixin(FollowupMixin):
    """Submitted answers of every team: for those who follow the teams, and for the teams when the
    package shares its answers after the deadline."""

    def get_compilation(self) -> selectors.Compilation:
        self._package = compilation_for(self.request, self.network, self.kwargs["pk"])
        return selectors.compilation(package=self._package)


class PackageCompilationView(CompilationMixin, TemplateView):
    template_name = "packages/followup_compilation.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            compilation=self.get_compilation(),
            package=self.get_package(),
            can_follow=perm.TEAMS_VIEW_ALL in self.permissions,
        )
        return ctx


package_compilation_view = PackageCompilationView.as_view()
