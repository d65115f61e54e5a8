"""Reports in the browser: request → status page that polls → download; the archive."""

from __future__ import annotations

from csp.decorators import csp_exempt
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core.http import PrivateNoStoreMixin, int_param
from gatherings.selectors import gathering_program_for, program_for
from networks.models import NetworkRole
from networks.services import network_role_monthly_report_set
from packages.access import compilation_for
from packages.models import Package
from reports.models import FinalReportText, ReportRun
from reports.rendering import render_pdf
from reports.selectors import final_report_texts
from reports.services import (
    TextConflict,
    error_message,
    final_report_text_save,
    person_name,
    render_snapshot,
    report_run_request,
    report_run_retry,
    snapshot_for,
)
from surveys.models import Survey
from teams import permissions as perm
from toolkit.models import ServiceUser
from toolkit.selectors import service_user_record


class ReportsMixin(PrivateNoStoreMixin, perm.NetworkPermissionMixin):
    permission = perm.NETWORK_VIEW

    @property
    def can_create(self) -> bool:
        return perm.REPORTS_CREATE in self.permissions

    def my_report_teams(self):
        """Teams whose own status report this person may make: coordinators and leaders."""
        perms = perm.permissions_for(self.request)
        teams = list(self.network.teams.filter(pk__in=perms.team_ids))
        for team in teams:
            team.network = self.network  # the request's network, not one read per team
        return [t for t in teams if perm.TEAM_SUBMIT in perms.for_team(t)]

    def get_run(self) -> ReportRun:
        run = get_object_or_404(
            ReportRun.objects.select_related("team", "package", "survey__gathering", "requested_by"),
            network=self.network,
            pk=self.kwargs["pk"],
        )
        if run.kind == ReportRun.Kind.EVALUATION:
            # A gathering's evaluation belongs to those who see the survey's results (teams:view);
            # like on the results page, a team member gets 403.
            if perm.TEAMS_VIEW_ALL in self.permissions:
                return run
            raise PermissionDenied
        if self.can_create or (run.kind == ReportRun.Kind.TEAM and run.team in self.my_report_teams()):
            return run
        raise Http404


def evaluation_surveys(network):
    """The network's surveys of a gathering: what an evaluation report can be made of, newest
    gathering first."""
    return (
        Survey.objects.filter(network=network, gathering__isnull=False)
        .select_related("gathering")
        .order_by("-gathering__number", "-created_at")
    )


class RunListView(ReportsMixin, TemplateView):
    template_name = "reports/run_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        my_teams = self.my_report_teams()
        if not self.can_create and not my_teams:
            raise PermissionDenied
        runs = ReportRun.objects.filter(network=self.network).select_related(
            "team", "package", "survey__gathering", "requested_by"
        )
        if not self.can_create:
            runs = runs.filter(kind=ReportRun.Kind.TEAM, team__in=my_teams)
        observer_role = (
            NetworkRole.objects.active_on()
            .filter(network=self.network, user=self.request.user, role=NetworkRole.Role.OBSERVER)
            .first()
        )
        ctx.update(
            runs=runs[:50],
            can_create=self.can_create,
            teams=self.network.teams.order_by("name") if self.can_create else my_teams,
            packages=Package.objects.filter(gathering__network=self.network, status=Package.Status.PUBLISHED),
            evaluations=evaluation_surveys(self.network) if self.can_create else [],
            observer_role=observer_role,
        )
        return ctx


run_list_view = RunListView.as_view()


class RunCreateView(ReportsMixin, View):
    def post(self, request, slug):
        kind = request.POST.get("kind")
        team = package = survey = None
        if kind == ReportRun.Kind.EVALUATION:
            if not self.can_create:
                raise PermissionDenied
            survey = get_object_or_404(
                Survey.objects.select_related("gathering"),
                network=self.network,
                gathering__isnull=False,
                pk=int_param(request.POST, "survey", 0),
            )
        elif kind == ReportRun.Kind.TEAM:
            team = get_object_or_404(self.network.teams, pk=int_param(request.POST, "team", 0))
            if not self.can_create and team not in self.my_report_teams():
                raise PermissionDenied
        elif kind == ReportRun.Kind.PACKAGE:
            package = get_object_or_404(
                Package,
                gathering__network=self.network,
                status=Package.Status.PUBLISHED,
                pk=int_param(request.POST, "package", 0),
            )
        elif kind not in (ReportRun.Kind.NETWORK, ReportRun.Kind.FINAL):
            raise Http404
        if kind != ReportRun.Kind.TEAM and not self.can_create:
            raise PermissionDenied
        run = report_run_request(
            kind=kind,
            network=self.network,
            user=request.user,
            locale=request.LANGUAGE_CODE,
            team=team,
            package=package,
            survey=survey,
        )
        return redirect(run.get_absolute_url())


run_create_view = RunCreateView.as_view()


def _status_payload(run: ReportRun) -> dict:
    payload = {
        "status": run.status,
        "label": run.get_status_display(),
        "progress": run.progress,
        "stalled": "",
        "queued": "",
    }
    if run.status == ReportRun.Status.DONE and run.file:
        payload["download"] = reverse("reports:run-download", kwargs={"slug": run.network.slug, "pk": run.pk})
        payload["pages"] = run.pages
    if run.status == ReportRun.Status.FAILED:
        payload["error"] = error_message(run)
    if run.is_stalled:
        # Its worker stopped: the sweeper takes it over within a minute, or the person does now.
        payload["stalled"] = str(_("The report stopped while it was being made. Try again to finish it."))
    elif run.status == ReportRun.Status.PENDING and run.waiting_for_broker:
        payload["queued"] = str(
            _("The report is queued. The background service is not answering right now; it starts on its own.")
        )
    return payload


class RunDetailView(ReportsMixin, TemplateView):
    template_name = "reports/run_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        run = self.get_run()
        ctx.update(run=run, status=_status_payload(run))
        return ctx


run_detail_view = RunDetailView.as_view()


class RunStatusView(ReportsMixin, View):
    def get(self, request, slug, pk):
        return JsonResponse(_status_payload(self.get_run()))


run_status_view = RunStatusView.as_view()


class RunDownloadView(ReportsMixin, View):
    def get(self, request, slug, pk):
        run = self.get_run()
        if run.status != ReportRun.Status.DONE or not run.file:
            messages.info(request, _("The file is not available. Make it again from the archive."))
            return redirect(run.get_absolute_url())
        return FileResponse(
            run.file.open("rb"), as_attachment=True, filename=run.filename, content_type="application/pdf"
        )


run_download_view = RunDownloadView.as_view()


class RunRetryView(ReportsMixin, View):
    def post(self, request, slug, pk):
        run = report_run_retry(run=self.get_run(), by=request.user)
        return redirect(run.get_absolute_url())


run_retry_view = RunRetryView.as_view()


class MonthlyToggleView(ReportsMixin, View):
    """An observer switches the monthly e-mail on or off."""

    def post(self, request, slug):
        role = network_role_monthly_report_set(
            network=self.network, user=request.user, on=request.POST.get("monthly_report") == "on"
        )
        if role is None:
            raise PermissionDenied
        if role.monthly_report:
            messages.success(request, _("You will get the status report by e-mail on the first of every month."))
        else:
            messages.success(request, _("You will no longer get the monthly status report by e-mail."))
        return redirect("reports:run-list", slug=slug)


monthly_toggle_view = MonthlyToggleView.as_view()


# --- Small PDFs, rendered in the request (under a second; status reports go through the job) --------
# Shown inline, so they go without the Content-Security-Policy: Chrome's PDF viewer is an <embed> in a
# page made from the PDF's own response, and `object-src 'none'` would block it (crbug.com/271452).
def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class ProgramPdfView(PrivateNoStoreMixin, perm.NetworkPermissionMixin, View):
    """A gathering's program on A4, for printing."""

    def get(self, request, slug, pk):
        gathering = gathering_program_for(network=self.network, pk=pk, keys=self.permissions)
        pdf = render_pdf(
            template="reports/pdf/program.html",
            context={"gathering": gathering, **program_for(gathering=gathering)},
            language=request.LANGUAGE_CODE,
        )
        return _pdf_response(pdf, f"program-{gathering.network.slug}-{gathering.number}.pdf")


program_pdf_view = csp_exempt()(ProgramPdfView.as_view())


class PackageCompilationPdfView(PrivateNoStoreMixin, perm.NetworkPermissionMixin, View):
    """«Notater fra nettverkene»: the same snapshot and template as the package report job."""

    def get(self, request, slug, pk):
        package = compilation_for(request, self.network, pk)
        snapshot = snapshot_for(
            kind=ReportRun.Kind.PACKAGE, network=self.network, package=package, locale=request.LANGUAGE_CODE
        )
        pdf = render_snapshot(
            kind=ReportRun.Kind.PACKAGE,
            snapshot=snapshot,
            locale=request.LANGUAGE_CODE,
            requested_by_name=person_name(request.user),
            generated_at=timezone.now(),
        )
        name = slugify(package.title) or "package"
        return _pdf_response(pdf, f"notater-{self.network.slug}-{name}.pdf")


package_compilation_pdf_view = csp_exempt()(PackageCompilationPdfView.as_view())


class ToolkitPlanPdfView(PrivateNoStoreMixin, perm.TeamPermissionMixin, View):
    """«Min plan»: one person's plan on A4, for the person to keep and write on. Only the members
    of the person's team; the project group never sees a person's record."""

    team_permission = perm.TEAM_WORK

    def get(self, request, slug, pk, person_pk):
        person = get_object_or_404(ServiceUser.objects.filter(team=self.team), pk=person_pk)
        record = service_user_record(service_user=person)
        pdf = render_pdf(
            template="reports/pdf/toolkit_plan.html",
            context={
                "record": record,
                "wishes": [area for area in record.areas if area.wants_help],
                "printed_on": timezone.localdate(),
            },
            language=request.LANGUAGE_CODE,
        )
        return _pdf_response(pdf, f"min-plan-{slugify(person.code) or person.pk}.pdf")


toolkit_plan_pdf_view = csp_exempt()(ToolkitPlanPdfView.as_view())


# --- The final report's written parts (foreword, summary, workshop, recommendations) ----------------
# Those who manage the network write them; those who read across the network (reports:create) see
# them read-only, so they know what the report they may order will say; team members get 403.
FINAL_HINTS = {
    FinalReportText.Key.FOREWORD: gettext_lazy(
        "The network's owners and partners, your main assessment of the network, thanks; "
        "place and date, and the signatures with role titles (for example process supervisor and "
        "professional adviser)."
    ),
    FinalReportText.Key.SUMMARY: gettext_lazy(
        "Participation (how many regions and municipalities took part), how the teams were made up, "
        "the main effects, user involvement, and the recommendations in brief."
    ),
    FinalReportText.Key.WORKSHOP: gettext_lazy(
        "A short summary of what came up at the workshop, as bullet points under the two questions."
    ),
    FinalReportText.Key.RECOMMENDATIONS: gettext_lazy(
        "Part 3 of the report: your recommendations for the further work, under the four headings."
    ),
}
# The seed's fixed words (the Trøndelag report, 2021), in Norwegian in both languages: the two
# workshop questions and the four headings of Del 3.
FINAL_OUTLINES = {
    FinalReportText.Key.WORKSHOP: [
        "Hva er det som er gjort i nettverket som det er viktig å ta med videre i regionens utviklingsarbeid?",
        "Hva er det nettverket ikke har lykkes med i tilstrekkelig grad som det blir viktig å gripe fatt i og "
        "gjøre noe med i regionen fremover?",
    ],
    FinalReportText.Key.RECOMMENDATIONS: [
        "Samarbeid om systematisk tjenesteutvikling i kommuneregionene",
        "Samhandling",
        "Brukermedvirkning og tilgang på erfaringskompetanse i tjenestene",
        "Lokalsamfunnets betydning for psykisk helse og rusavhengighet",
    ],
}


def _saved_label(part: FinalReportText) -> str:
    return _("Saved %(time)s") % {"time": date_format(timezone.localtime(part.updated_at), "H:i")}


def _last_saved(part: FinalReportText) -> str:
    if not part.version:
        return ""
    return _("Last saved by %(who)s, %(when)s") % {
        "who": person_name(part.updated_by) if part.updated_by_id else "–",
        "when": date_format(timezone.localtime(part.updated_at), "j.n. H:i"),
    }


class FinalMixin(PrivateNoStoreMixin, perm.NetworkPermissionMixin):
    permission = perm.NETWORK_VIEW

    def dispatch(self, request, *args, **kwargs):
        if "key" in kwargs and kwargs["key"] not in FinalReportText.Key.values:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @property
    def can_edit(self) -> bool:
        return perm.NETWORK_MANAGE in self.permissions

    def require_read(self) -> None:
        if perm.REPORTS_CREATE not in self.permissions:
            raise PermissionDenied

    def require_edit(self) -> None:
        if not self.can_edit:
            raise PermissionDenied


class FinalEditView(FinalMixin, TemplateView):
    """The four written parts on one page: autosaved by the browser (static/js/final_report.js), and
    saved all at once with «Lagre» without JavaScript."""

    template_name = "reports/final_edit.html"

    def get(self, request, *args, **kwargs):
        self.require_read()
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, posted=None, errors=None, conflicts=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        texts = final_report_texts(self.network)
        parts = []
        for key, label in FinalReportText.Key.choices:
            part = texts[key]
            conflict = (conflicts or {}).get(key)
            parts.append(
                {
                    "key": key,
                    "label": label,
                    "part": part,
                    "hint": FINAL_HINTS[key],
                    "outline": FINAL_OUTLINES.get(key, []),
                    "text": posted[key] if posted and key in posted else part.text,
                    # After a conflict the next save is based on the other person's version: «Lagre»
                    # again keeps what is in the field (yours, or yours merged with theirs).
                    "version": conflict.version if conflict else part.version,
                    "error": (errors or {}).get(key),
                    "conflict": conflict,
                    "last_saved": _last_saved(part),
                }
            )
        ctx.update(parts=parts, can_edit=self.can_edit, can_create=perm.REPORTS_CREATE in self.permissions)
        return ctx

    def post(self, request, *args, **kwargs):
        self.require_edit()
        posted = {
            key: request.POST[f"text-{key}"] for key in FinalReportText.Key.values if f"text-{key}" in request.POST
        }
        errors, conflicts = {}, {}
        for key, text in posted.items():
            try:
                final_report_text_save(
                    network=self.network,
                    key=key,
                    text=text,
                    base_version=int_param(request.POST, f"v-{key}", 0, minimum=0),
                    by=request.user,
                )
            except ValidationError as exc:
                errors[key] = " ".join(exc.messages)
            except TextConflict as exc:
                conflicts[key] = exc
        if errors or conflicts:
            if errors:
                messages.error(request, _("Some parts could not be saved. What you wrote is kept below."))
            if conflicts:
                messages.warning(
                    request, _("Someone else saved a part while you wrote. Compare the two versions below.")
                )
            return self.render_to_response(
                self.get_context_data(posted=posted, errors=errors, conflicts=conflicts),
                status=400 if errors else 409,
            )
        messages.success(request, _("Saved %(time)s.") % {"time": date_format(timezone.localtime(), "H:i")})
        return redirect("reports:final-edit", slug=self.network.slug)


final_edit_view = FinalEditView.as_view()


class FinalSaveView(FinalMixin, View):
    """Autosave of one part (JSON). An expired session answers 401, not a login page, so the
    browser keeps the text and saves it after the person has logged in again."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse(
                {"error": _("Your session has expired. Log in again; what you typed is kept.")}, status=401
            )
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, slug, key):
        self.require_edit()
        try:
            part = final_report_text_save(
                network=self.network,
                key=key,
                text=request.POST.get("text", ""),
                base_version=int_param(request.POST, "base_version", 0, minimum=0),
                by=request.user,
            )
        except ValidationError as exc:
            return JsonResponse({"error": " ".join(exc.messages)}, status=400)
        except TextConflict as exc:
            return JsonResponse(
                {
                    "conflict": True,
                    "version": exc.version,
                    "text": exc.text,
                    "updated_by": exc.updated_by,
                    "updated_at": date_format(timezone.localtime(exc.updated_at), "H:i"),
                    "their_html": render_to_string("reports/_final_text.html", {"text": exc.text}),
                },
                status=409,
            )
        return JsonResponse(
            {
                "version": part.version,
                "saved_at": date_format(timezone.localtime(part.updated_at), "H:i"),
                "saved": _saved_label(part),
                "last_saved": _last_saved(part),
            }
        )


final_save_view = FinalSaveView.as_view()


class FinalHistoryView(FinalMixin, TemplateView):
    """Every saved text of one part, with who and when; those who write may restore one (saved as a
    new version, so nothing is lost by restoring either)."""

    template_name = "reports/final_history.html"

    def get(self, request, *args, **kwargs):
        self.require_read()
        part = final_report_texts(self.network).get(self.kwargs["key"])
        if part is None:
            raise Http404
        revisions = part.revisions.select_related("created_by") if part.pk else []
        return self.render_to_response(
            self.get_context_data(
                part=part,
                label=part.get_key_display(),
                revisions=revisions,
                can_edit=self.can_edit,
            )
        )

    def post(self, request, slug, key):
        self.require_edit()
        part = get_object_or_404(FinalReportText, network=self.network, key=key)
        revision = get_object_or_404(part.revisions, pk=int_param(request.POST, "revision", 0))
        try:
            final_report_text_save(
                network=self.network, key=key, text=revision.text, base_version=part.version, by=request.user
            )
            messages.success(request, _("Version %(n)s is restored.") % {"n": revision.version})
        except (ValidationError, TextConflict):
            messages.error(request, _("This version could not be restored. Reload the page and try again."))
        return redirect(f"{reverse('reports:final-edit', kwargs={'slug': slug})}#part-{key}")


final_history_view = FinalHistoryView.as_view()
