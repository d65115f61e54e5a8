"""The project group's survey pages: the list, making a survey from a template, the builder and the
preview, the panel and its e-mails, the open link as a QR code for the screen, results with
breakdowns and quotes, and the raw responses out and the Questback export in.

Who sees what (teams/permissions.py): those who read across the network (teams:view: the project
group, observers, the working group) see the list, the questions and the results; only
network:manage changes anything, sees the panel or downloads the raw responses. A team member has
network:view only and gets 403; a person without a role in the network gets 404.

Views parse input, call one service or selector, and render; the figures come from results.py."""

from __future__ import annotations

import base64
from functools import cached_property

import segno
import tablib
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.exports import safe_dataset
from core.http import PrivateNoStoreMixin, int_list_param, int_param
from core.imports import ImportFileError
from surveys import charts, imports, results, services
from surveys.forms import ExtendForm, ImportForm, QuestionForm, QuoteForm, ScheduleForm, SectionForm, SurveyCreateForm
from surveys.models import PanelMember, Question, Quote, Response, Section, Survey
from teams import permissions as perm

IMPORT_SESSION_KEY = "surveys.import.%s"
EXTEND_ID = "id_extend_%s"  # the schedule form beside it also has a closes_at field
PREVIEW_ROWS = 10


def answer_url(request, name: str, **kwargs) -> str:
    """An absolute link to a respondents' page, on the configured site address (DJANGO_SITE_URL:
    the QR code and the e-mails must work on the participants' phones, not only where the
    project group happens to be logged in); "" if the page does not exist."""
    try:
        return settings.SITE_URL + reverse(f"answer:{name}", kwargs=kwargs)
    except NoReverseMatch:
        return ""


def add_service_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def survey_rows(network) -> list[dict]:
    """The network's surveys with their submitted count and response rate, in one query."""
    surveys = Survey.objects.filter(network=network).select_related("gathering")
    surveys = surveys.annotate(submitted=Count("responses", filter=Q(responses__status=Response.Status.SUBMITTED)))
    return [{"survey": s, "rate": charts.rate_text(results.response_rate(s, s.submitted))} for s in surveys]


class SurveyMixin(PrivateNoStoreMixin, perm.NetworkPermissionMixin):
    """Every survey page: read with teams:view, changed with network:manage."""

    permission = perm.TEAMS_VIEW_ALL

    @cached_property
    def survey(self) -> Survey:
        surveys = Survey.objects.select_related("gathering")
        return get_object_or_404(surveys, network=self.network, pk=self.kwargs["pk"])

    @cached_property
    def can_manage(self) -> bool:
        return perm.NETWORK_MANAGE in self.permissions

    def survey_url(self, name: str = "survey", anchor: str = "") -> str:
        url = reverse(f"surveys:{name}", kwargs={"slug": self.network.slug, "pk": self.survey.pk})
        return f"{url}#{anchor}" if anchor else url

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_manage"] = self.can_manage
        if "pk" in self.kwargs:
            submitted = self.survey.responses.filter(status=Response.Status.SUBMITTED).count()
            ctx.update(
                survey=self.survey,
                submitted=submitted,
                rate=charts.rate_text(results.response_rate(self.survey, submitted)),
                locked=services.survey_has_responses(self.survey),
            )
        return ctx


class ManageMixin(SurveyMixin):
    permission = perm.NETWORK_MANAGE


class ActionView(ManageMixin, View):
    """A POST-only action: call the service, tell the result, go back."""

    anchor = ""
    next_name = "survey"

    def act(self, request) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            text = self.act(request)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            if text:
                messages.success(request, text)
        return redirect(self.survey_url(self.next_name, self.anchor))


# --- The list and a new survey ---------------------------------------------------------------------
class SurveyListView(SurveyMixin, TemplateView):
    template_name = "surveys/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rows = survey_rows(self.network)
        ctx["groups"] = [
            (label, [r for r in rows if r["survey"].status == status])
            for status, label in (
                (Survey.Status.OPEN, _("Open")),
                (Survey.Status.DRAFT, _("Drafts")),
                (Survey.Status.CLOSED, _("Closed")),
            )
        ]
        ctx["count"] = len(rows)
        return ctx


survey_list_view = SurveyListView.as_view()


class SurveyCreateView(ManageMixin, TemplateView):
    template_name = "surveys/create.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", SurveyCreateForm(network=self.network, initial={"template": "samlingsevaluering"}))
        return ctx

    def post(self, request, *args, **kwargs):
        form = SurveyCreateForm(request.POST, network=self.network)
        if form.is_valid():
            data = form.cleaned_data
            try:
                survey = services.survey_create(
                    network=self.network,
                    template_key=data["template"],
                    gathering=data["gathering"],
                    invited=data["invited"],
                    title=data["title"],
                    by=request.user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The survey has been made from the template. Check the questions."))
                return redirect("surveys:survey", slug=self.network.slug, pk=survey.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


survey_create_view = SurveyCreateView.as_view()


# --- The survey and its builder --------------------------------------------------------------------
def sections_with_questions(survey: Survey) -> list[tuple[Section, list[Question]]]:
    """The sections in order with their questions (two queries)."""
    questions = services.questions_of(survey)
    sections = list(Section.objects.filter(survey=survey).order_by("order", "pk"))
    return [(s, [q for q in questions if q.section_id == s.pk]) for s in sections]


class SurveyView(SurveyMixin, TemplateView):
    """The survey's page: its status and times, and its sections and questions (the builder)."""

    template_name = "surveys/survey.html"

    def get_context_data(self, schedule_form=None, extend_form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        initial = {"opens_at": self.survey.opens_at, "closes_at": self.survey.closes_at}
        ctx.update(
            sections=sections_with_questions(self.survey),
            extensions=self.survey.extensions.select_related("by"),
            schedule_form=schedule_form or ScheduleForm(initial=initial),
            extend_form=extend_form or ExtendForm(auto_id=EXTEND_ID),
        )
        return ctx


survey_view = SurveyView.as_view()


class PreviewView(SurveyMixin, TemplateView):
    """The sections as a respondent sees them, read-only: nothing here is sent or stored."""

    template_name = "surveys/preview.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["sections"] = sections_with_questions(self.survey)
        return ctx


preview_view = PreviewView.as_view()


class BuilderFormMixin(ManageMixin):
    template_name = "surveys/builder_form.html"

    def refuse_if_locked(self):
        if services.survey_has_responses(self.survey):
            messages.error(
                self.request, _("The survey has responses: its sections and questions can no longer be changed.")
            )
            return redirect(self.survey_url())
        return None

    def get(self, request, *args, **kwargs):
        return self.refuse_if_locked() or super().get(request, *args, **kwargs)


class SectionFormView(BuilderFormMixin, TemplateView):
    @cached_property
    def section(self) -> Section | None:
        if "section_pk" not in self.kwargs:
            return None
        return get_object_or_404(Section, survey=self.survey, pk=self.kwargs["section_pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        initial = {"title": self.section.title, "intro": self.section.intro} if self.section else {}
        ctx.setdefault("form", SectionForm(initial=initial))
        ctx.update(
            here=_("Edit the section") if self.section else _("New section"),
            delete_kind="section" if self.section else "",
            delete_pk=getattr(self.section, "pk", None),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        form = SectionForm(request.POST)
        if form.is_valid():
            try:
                section = services.section_save(
                    survey=self.survey, section=self.section, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The section has been saved."))
                return redirect(self.survey_url(anchor=f"section-{section.pk}"))
        return self.render_to_response(self.get_context_data(form=form), status=400)


section_form_view = SectionFormView.as_view()


class QuestionFormView(BuilderFormMixin, TemplateView):
    @cached_property
    def question(self) -> Question | None:
        if "question_pk" not in self.kwargs:
            return None
        return get_object_or_404(
            Question.objects.select_related("section"), section__survey=self.survey, pk=self.kwargs["question_pk"]
        )

    @cached_property
    def section(self) -> Section:
        if self.question is not None:
            return self.question.section
        return get_object_or_404(Section, survey=self.survey, pk=self.kwargs["section_pk"])

    def earlier_codes(self) -> list[str]:
        return services._earlier_codes(self.survey, self.section, self.question)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        initial = QuestionForm.initial_for(self.question) if self.question else {"code": "", "kind": "scale"}
        ctx.setdefault("form", QuestionForm(initial=initial, earlier_codes=self.earlier_codes()))
        ctx.update(
            here=_("Edit the question") if self.question else _("New question"),
            section=self.section,
            delete_kind="question" if self.question else "",
            delete_pk=getattr(self.question, "pk", None),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        form = QuestionForm(request.POST, earlier_codes=self.earlier_codes())
        if form.is_valid():
            try:
                question = services.question_save(
                    section=self.section, question=self.question, fields=form.fields_for_service(), by=request.user
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The question %(code)s has been saved.") % {"code": question.code})
                return redirect(self.survey_url(anchor=f"question-{question.pk}"))
        return self.render_to_response(self.get_context_data(form=form), status=400)


question_form_view = QuestionFormView.as_view()


class BuilderObjectMixin:
    def builder_object(self) -> Section | Question:
        kind, pk = self.request.POST.get("kind"), int_param(self.request.POST, "obj_pk")
        if pk is None or kind not in ("section", "question"):
            raise Http404
        if kind == "section":
            return get_object_or_404(Section, survey=self.survey, pk=pk)
        questions = Question.objects.select_related("section__survey")
        return get_object_or_404(questions, section__survey=self.survey, pk=pk)


class BuilderMoveView(BuilderObjectMixin, ActionView):
    anchor = "builder"

    def act(self, request) -> str:
        services.builder_move(obj=self.builder_object(), up=request.POST.get("direction") == "up", by=request.user)
        return ""


builder_move_view = BuilderMoveView.as_view()


class BuilderDeleteView(BuilderObjectMixin, ActionView):
    anchor = "builder"

    def act(self, request) -> str:
        services.builder_delete(obj=self.builder_object(), by=request.user)
        return _("Deleted.")


builder_delete_view = BuilderDeleteView.as_view()


# --- Opening, closing, extending -------------------------------------------------------------------
class TimesView(ManageMixin, SurveyView):
    """Setting the times or extending: a refused form (a date typed wrong, a deadline before the
    opening) shows the survey page again with what was typed and the error at the field (400)."""

    http_method_names = ["post"]
    form_class: type = ScheduleForm
    form_name = "schedule_form"
    form_kwargs: dict = {}

    def act(self, request, data: dict) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, **self.form_kwargs)
        if form.is_valid():
            try:
                text = self.act(request, form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if text:
                    messages.success(request, text)
                return redirect(self.survey_url("survey", "schedule"))
        messages.error(request, _("Please correct the errors below. Nothing you typed has been lost."))
        for error in form.non_field_errors():  # the page shows the fields' own errors at the fields
            messages.error(request, error)
        return self.render_to_response(self.get_context_data(**{self.form_name: form}), status=400)


class ScheduleView(TimesView):
    def act(self, request, data: dict) -> str:
        opens_at, closes_at = data["opens_at"], data["closes_at"]
        if request.POST.get("open"):
            if self.survey.status == Survey.Status.OPEN:
                return ""
            services.survey_open(survey=self.survey, opens_at=opens_at, closes_at=closes_at, by=request.user)
            return _("The survey is open.")
        services.survey_schedule(survey=self.survey, opens_at=opens_at, closes_at=closes_at, by=request.user)
        return _("The times have been saved.")


schedule_view = ScheduleView.as_view()


class ExtendView(TimesView):
    form_class = ExtendForm
    form_name = "extend_form"
    form_kwargs = {"auto_id": EXTEND_ID}

    def act(self, request, data: dict) -> str:
        services.survey_extend(survey=self.survey, by=request.user, **data)
        return _("The deadline has been extended.")


extend_view = ExtendView.as_view()


class CloseView(ActionView):
    anchor = "schedule"

    def act(self, request) -> str:
        if self.survey.status == Survey.Status.CLOSED:
            return ""
        services.survey_close(survey=self.survey, by=request.user)
        return _("The survey is closed: it takes no more answers.")


close_view = CloseView.as_view()


# --- The panel -------------------------------------------------------------------------------------
class PanelView(ManageMixin, TemplateView):
    """Who is invited (names, for the project group only) and whether each has answered: never what."""

    template_name = "surveys/panel.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        members = list(PanelMember.objects.filter(survey=self.survey).select_related("user"))
        approved = [m for m in members if m.approved]
        invited = [m for m in approved if m.invited_at]
        ctx.update(
            members=members,
            approved=len(approved),
            invited=len(invited),
            answered=sum(1 for m in approved if m.answered),
            last_invited=max((m.invited_at for m in invited), default=None),
            last_reminded=max((m.reminded_at for m in invited if m.reminded_at), default=None),
            remind_again=services.REMIND_AGAIN_AFTER,
        )
        return ctx


panel_view = PanelView.as_view()


class PanelBuildView(ActionView):
    next_name = "panel"

    def act(self, request) -> str:
        added = services.panel_build(survey=self.survey, by=request.user)
        return _("%(n)s added from registrations and attendance. Review and approve them.") % {"n": added}


panel_build_view = PanelBuildView.as_view()


class PanelApproveView(ActionView):
    next_name = "panel"

    def act(self, request) -> str:
        ids = int_list_param(request.POST, "approved")
        count = services.panel_approve(survey=self.survey, approved=ids, by=request.user)
        return _("%(n)s approved for the panel.") % {"n": count}


panel_approve_view = PanelApproveView.as_view()


class PanelInviteView(ActionView):
    next_name = "panel"

    def act(self, request) -> str:
        sent = services.panel_invite(survey=self.survey, base_url=settings.SITE_URL + "/", by=request.user)
        if not sent:
            return _("Everybody approved has been invited already: nothing was sent.")
        return _("Invitations to %(n)s are on their way.") % {"n": sent}


panel_invite_view = PanelInviteView.as_view()


class PanelRemindView(ActionView):
    next_name = "panel"

    def act(self, request) -> str:
        sent = services.panel_remind(survey=self.survey, base_url=settings.SITE_URL + "/", by=request.user)
        if not sent:
            return _("Nobody to remind now: those who have not answered were reminded a moment ago.")
        return _("Reminders to %(n)s are on their way.") % {"n": sent}


panel_remind_view = PanelRemindView.as_view()


# --- The open link on the screen -------------------------------------------------------------------
def qr_data_uri(url: str) -> str:
    """The QR code of `url` as an SVG data URI (an <img>, allowed by the CSP's img-src data:)."""
    return segno.make(url, error="m").svg_data_uri(scale=10, border=2)


class ScreenView(SurveyMixin, TemplateView):
    """Shown on the screen at the end of a gathering: a big QR code, the short link and the count.
    The page reloads itself (a Refresh header: no script) so the count stays live."""

    template_name = "surveys/screen.html"
    refresh_seconds = 15

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        url = answer_url(self.request, "open", token=self.survey.open_token)
        ctx.update(
            open_url=url,
            short_url=url.split("://", 1)[-1],
            qr=qr_data_uri(url) if url else "",
            refresh_seconds=self.refresh_seconds,
        )
        return ctx

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["Refresh"] = str(self.refresh_seconds)  # the live count, without a script
        return response


screen_view = ScreenView.as_view()


# --- Results and quotes ----------------------------------------------------------------------------
def result_rows(survey_results: results.SurveyResults) -> list[dict]:
    rows = []
    for question, code_results in survey_results.questions:
        for r in code_results:
            if r.kind == Question.Kind.TEXT:
                rows.append({"question": question, "result": r, "text": True})
                continue
            rows.append(
                {
                    "question": question,
                    "result": r,
                    "chart": charts.distribution_chart(r, chart_id=f"chart-{r.code.replace('.', '-')}"),
                    "summary": charts.mean_text(r),
                    "bars": [{"bar": b, "share": charts.decimal_text(b.share, 1)} for b in r.bars],
                    "mean": charts.decimal_text(r.mean, 2) if r.mean is not None else "",
                }
            )
    return rows


def breakdown_rows(found: results.Breakdown) -> dict:
    """The breakdown as a table: a column per group, a row per scaled code with the group's mean and
    n; a group under five shows its size only."""
    scaled = [g for g in found.groups if g.results is not None]
    codes = [r for r in scaled[0].results if r.kind in (Question.Kind.SCALE, Question.Kind.MATRIX)] if scaled else []
    rows = []
    for r in codes:
        cells = []
        for g in found.groups:
            if g.results is None:
                cells.append(None)
            else:
                got = next(x for x in g.results if x.code == r.code)
                cells.append({"mean": charts.decimal_text(got.mean, 2), "n": got.scored})
        rows.append({"code": r.code, "text": r.text, "cells": cells})
    return {"by": found.by, "groups": found.groups, "rows": rows, "hidden": found.hidden}


class ResultsView(SurveyMixin, TemplateView):
    template_name = "surveys/results.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        questions = services.questions_of(self.survey)
        survey_results = results.survey_results(self.survey, questions)
        by = self.request.GET.get("by", "")
        found = results.survey_breakdown(self.survey, by, questions) if by else None
        quotes = {(str(q.response_id), q.code): q for q in Quote.objects.filter(survey=self.survey)}
        ctx.update(
            rows=result_rows(survey_results),
            backgrounds=results.background_questions(questions),
            by=by,
            breakdown=breakdown_rows(found) if found else None,
            quotes=quotes,
            min_group=results.MIN_GROUP,
        )
        return ctx


results_view = ResultsView.as_view()


class QuotesView(SurveyMixin, TemplateView):
    """The quote step: every free-text answer, the picked ones trimmed beside their original."""

    template_name = "surveys/quotes.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        survey_results = results.survey_results(self.survey)
        picked = {(str(q.response_id), q.code): q for q in Quote.objects.filter(survey=self.survey)}
        texts = []
        for _question, code_results in survey_results.questions:
            for r in code_results:
                if r.kind == Question.Kind.TEXT:
                    texts.append(
                        {
                            "result": r,
                            "answers": [
                                {"id": rid, "text": text, "quote": picked.get((rid, r.code))} for rid, text in r.texts
                            ],
                        }
                    )
        ctx.update(texts=texts, picked=list(Quote.objects.filter(survey=self.survey).select_related("response")))
        return ctx


quotes_view = QuotesView.as_view()


class QuotePickView(ActionView):
    next_name = "quotes"

    def act(self, request) -> str:
        form = QuoteForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Write the quote before you pick it."))
        response = Response.objects.filter(
            survey=self.survey, status=Response.Status.SUBMITTED, pk=form.cleaned_data["response"]
        ).first()
        if response is None:
            raise ValidationError(_("There is no such answer to quote."))
        services.quote_pick(
            survey=self.survey,
            response=response,
            code=form.cleaned_data["code"],
            text=form.cleaned_data["text"],
            by=request.user,
        )
        return _("The quote has been picked for the report.")


quote_pick_view = QuotePickView.as_view()


class QuoteDropView(ActionView):
    next_name = "quotes"

    def act(self, request) -> str:
        pk = int_param(request.POST, "quote")
        quote = get_object_or_404(Quote, survey=self.survey, pk=pk) if pk is not None else None
        if quote is None:
            raise Http404
        services.quote_drop(quote=quote, by=request.user)
        return _("The quote has been dropped; the answer is kept.")


quote_drop_view = QuoteDropView.as_view()


# --- Out and in ------------------------------------------------------------------------------------
def responses_dataset(survey: Survey) -> tablib.Dataset:
    """One row per submitted response, one column per answer code; no id, no person, no time."""
    questions = services.questions_of(survey)
    codes = [c for q in questions for c in q.codes()]
    kinds = {c: q.kind for q in questions for c in q.codes()}
    data = tablib.Dataset(headers=codes, title=_("Responses"))
    for _rid, answers in results.submitted_answers(survey):
        row = []
        for code in codes:
            value = answers.get(code)
            if kinds[code] == Question.Kind.MULTIPLE and isinstance(value, list):
                value = " | ".join(value)
            row.append("" if value is None else value)
        data.append(row)
    return safe_dataset(data)


def _download(request, content, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class ExportView(ManageMixin, View):
    """The raw anonymous responses: for the project group only (network:manage and data:export),
    since a row with its background answers could point to someone in a small group."""

    def get(self, request, *args, **kwargs):
        if perm.DATA_EXPORT not in self.permissions:
            raise PermissionDenied
        if kwargs["fmt"] not in ("csv", "xlsx"):
            raise Http404
        data = responses_dataset(self.survey)
        stem = f"{self.network.slug}-undersokelse-{self.survey.pk}-svar-{timezone.localdate():%Y-%m-%d}"
        if kwargs["fmt"] == "csv":
            return _download(request, "\ufeff" + data.export("csv"), stem + ".csv", "text/csv; charset=utf-8")
        return _download(
            request,
            data.export("xlsx"),
            stem + ".xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )


export_view = ExportView.as_view()


class ResultsExportView(SurveyMixin, View):
    """The figures as a spreadsheet: per code n, N, mean and distribution; with ?by=B3 one block per
    group, a group under five with its size only («færre enn fem svar – vises ikke»)."""

    def get(self, request, *args, **kwargs):
        if perm.DATA_EXPORT not in self.permissions:
            raise PermissionDenied
        questions = services.questions_of(self.survey)
        by = request.GET.get("by", "")
        found = results.survey_breakdown(self.survey, by, questions) if by else None
        data = tablib.Dataset(
            headers=[_("Group"), _("Code"), _("Question"), "n", "N", _("Mean"), _("Don't know"), _("Distribution")],
            title=_("Results"),
        )

        def add(group: str, code_results):
            for r in code_results:
                if r.kind == Question.Kind.TEXT:
                    continue
                distribution = "; ".join(f"{b.label}: {b.count}" for b in r.bars)
                mean = None if r.mean is None else float(results.rounded(r.mean, 2))
                data.append([group, r.code, r.text, r.answered, r.respondents, mean, r.dont_know, distribution])

        if found is None:
            add(_("Everybody"), [r for _q, rs in results.survey_results(self.survey, questions).questions for r in rs])
        else:
            for g in found.groups:
                label = f"{found.by.code}: {g.label}"
                if g.results is None:
                    data.append([label, "", _("fewer than five responses – not shown"), "", g.respondents, "", "", ""])
                else:
                    add(label, g.results)
        name = f"{self.network.slug}-undersokelse-{self.survey.pk}-resultater{'-' + by if found else ''}.xlsx"
        return _download(
            request,
            safe_dataset(data).export("xlsx"),
            name,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )


results_export_view = ResultsExportView.as_view()


class ImportView(ManageMixin, TemplateView):
    """The Questback export in: upload → a preview of what would be imported (or the refused rows by
    number) → import, all or nothing. The file waits in the session between the two steps."""

    template_name = "surveys/import.html"

    @property
    def session_key(self) -> str:
        return IMPORT_SESSION_KEY % self.survey.pk

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", ImportForm())
        ctx["codes"] = [c for q in services.questions_of(self.survey) for c in q.codes()]
        return ctx

    def dry_run(self, content: bytes) -> tuple[list[dict], list[str]]:
        """The rows the file would give and the problems, without writing anything."""
        try:
            rows = imports.read_rows(self.survey, content)
        except ImportFileError as exc:
            return [], list(exc.messages)
        try:
            with transaction.atomic():
                services.responses_import(survey=self.survey, rows=rows, by=self.request.user)
                transaction.set_rollback(True)
        except ValidationError as exc:
            return rows, exc.messages
        return rows, []

    def post(self, request, *args, **kwargs):
        if request.POST.get("confirm"):
            stored = request.session.pop(self.session_key, None)
            if stored is None:
                messages.error(request, _("Upload the file again: the preview has expired."))
                return redirect(self.survey_url("import"))
            try:
                count = imports.import_file(survey=self.survey, content=base64.b64decode(stored), by=request.user)
            except ValidationError as exc:
                ctx = self.get_context_data(file_errors=exc.messages)
                return self.render_to_response(ctx, status=400)
            messages.success(request, _("%(n)s responses imported.") % {"n": count})
            return redirect(self.survey_url("results"))
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        content = form.cleaned_data["file"].read()
        rows, problems = self.dry_run(content)
        if problems:
            return self.render_to_response(self.get_context_data(form=form, file_errors=problems), status=400)
        request.session[self.session_key] = base64.b64encode(content).decode()
        codes = list(rows[0]) if rows else []
        preview = [[_cell(row.get(c)) for c in codes] for row in rows[:PREVIEW_ROWS]]
        ctx = self.get_context_data(
            preview=preview, preview_codes=codes, row_count=len(rows), file_name=form.cleaned_data["file"].name
        )
        return self.render_to_response(ctx)


def _cell(value) -> str:
    if isinstance(value, list):
        return " | ".join(str(v) for v in value)
    return "" if value is None else str(value)


import_view = ImportView.as_view()
