"""The respondents' pages: a survey answered on a phone, through the open link (the QR code on the
screen at the end of a gathering) or a personal link from an e-mail.

One section is one page, with «Forrige», «Neste» and, on the last page, «Send». Every page works
without JavaScript: each button saves the page's answers into a draft first, so nothing typed is
lost. With JavaScript, `static/js/survey.js` also saves each answer as it is given (a phone that
locks keeps them) and shows or hides the conditional questions on the page.

The draft is found again by a random key kept in the respondent's browser (a cookie), never by
who they are. The key is made when the page is first shown and travels in the form too, so two
taps on «Send» that arrive together find the same response and count it once.

Nobody needs to log in; nothing here reads or writes a person, except marking a personal link's
panel member as having answered (services.response_submit)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from core.http import PrivateNoStoreMixin
from surveys import services
from surveys.answers import missing_required, visible
from surveys.models import DONT_KNOW, PanelMember, Question, Response, Section, Survey

COOKIE_DAYS = 60


class Page:
    """One section as a page: its questions with their values, choices and errors."""

    def __init__(self, number: int, section: Section, questions: list[Question]):
        self.number = number
        self.section = section
        self.questions = questions
        self.codes = {code for q in questions for code in q.codes()}

    def shown(self, answers: dict[str, Any]) -> list[Question]:
        """The questions shown: a condition on an earlier page is decided here; one on this page
        is shown with its condition (the script hides it until it applies)."""
        return [q for q in self.questions if q.show_if_code in self.codes or visible(q, answers)]


def _choices(question: Question) -> list[tuple[str, str]]:
    if question.is_scaled:
        points = [(str(p), str(p)) for p in question.scale]
        return points + ([(DONT_KNOW, _("Don't know"))] if question.dont_know else [])
    return [(o, o) for o in question.options]


def _given(value: Any) -> set[str]:
    if value in (None, ""):
        return set()
    return {str(v) for v in value} if isinstance(value, list) else {str(value)}


def question_rows(page: Page, answers: dict, raw: dict, errors: dict) -> list[dict]:
    """What the template draws for each question: an entry per answer code (a matrix has one per
    statement) with the value to show (what was typed when it was refused) and its errors."""
    rows = []
    for q in page.shown(answers):
        statements = q.statements if q.kind == Question.Kind.MATRIX else [{"code": q.code, "text": ""}]
        items = []
        for s in statements:
            code = s["code"]
            value = raw[code] if code in errors and code in raw else answers.get(code)
            items.append(
                {
                    "code": code,
                    "text": s["text"],
                    "value": value,
                    "given": _given(value),
                    "errors": errors.get(code, []),
                }
            )
        rows.append(
            {
                "q": q,
                "items": items,
                "choices": _choices(q),
                "errors": [m for item in items for m in item["errors"]],
                "same_page_condition": bool(q.show_if_code) and q.show_if_code in page.codes,
            }
        )
    return rows


class AnswerView(PrivateNoStoreMixin, View):
    """The pages of one survey for one respondent; subclasses find the survey from the link."""

    channel = Response.Channel.OPEN
    member: PanelMember | None = None

    def find(self, token: str) -> Survey:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.survey = self.find(kwargs["token"])
        return super().dispatch(request, *args, **kwargs)

    # --- The draft's key and the pages -------------------------------------------------------------
    @property
    def cookie_name(self) -> str:
        return f"ln_svar_{self.survey.pk}"

    def browser_key(self) -> str | None:
        for key in (self.request.POST.get("key", ""), self.request.COOKIES.get(self.cookie_name, "")):
            if services.draft_key_valid(key):
                return key
        return None

    def keep_key(self, response, key: str):
        response.set_cookie(
            self.cookie_name,
            key,
            max_age=COOKIE_DAYS * 24 * 3600,
            path="/s/",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    @cached_property
    def questions(self) -> list[Question]:
        return services.questions_of(self.survey)

    @cached_property
    def pages(self) -> list[Page]:
        sections = list(self.survey.sections.order_by("order", "pk"))
        by_section: dict[int, list[Question]] = {s.pk: [] for s in sections}
        for q in self.questions:
            by_section[q.section_id].append(q)
        return [Page(n, s, by_section[s.pk]) for n, s in enumerate(sections, start=1)]

    def pages_shown(self, answers: dict) -> list[Page]:
        return [p for p in self.pages if p.shown(answers)]

    def page_number(self, value: str, answers: dict) -> int:
        shown = [p.number for p in self.pages_shown(answers)]
        number = int(value) if value.isascii() and value.isdigit() else 0
        if number in shown:
            return number
        later = [n for n in shown if n > number]
        return later[0] if later and number else (shown[0] if shown else 1)

    def page_url(self, number: int) -> str:
        return f"{self.request.path}?side={number}"

    # --- Rendering -----------------------------------------------------------------------------------
    def notice(self, kind: str, status: int = 200):
        """A page with a message instead of the questions: sent, used, not open yet, closed."""
        ctx = {"survey": self.survey, "kind": kind, "open_channel": self.channel == Response.Channel.OPEN}
        return render(self.request, "surveys/answer_notice.html", ctx, status=status)

    def not_answerable(self, response: Response | None):
        """The page to show instead of the questions, if any: sent, used, not open."""
        if response is not None and response.status == Response.Status.SUBMITTED:
            return self.notice("sent")
        if self.member is not None and self.member.answered:
            return self.notice("used")
        if not self.pages:
            return self.notice("not_yet")
        if not self.survey.is_open:
            survey = self.survey
            ended = survey.status == Survey.Status.CLOSED or (survey.closes_at and survey.closes_at <= timezone.now())
            return self.notice("closed", status=410) if ended else self.notice("not_yet")
        return None

    def show(self, *, key: str, number: int, answers: dict, raw=None, errors=None, status=200):
        errors = errors or {}
        shown = self.pages_shown(answers)
        page = next((p for p in shown if p.number == number), shown[0] if shown else None)
        if page is None:
            return self.notice("not_yet")
        position = shown.index(page) + 1
        stray = {code: m for code, m in errors.items() if code not in page.codes}
        ctx = {
            "survey": self.survey,
            "page": page,
            "rows": question_rows(page, answers, raw or {}, errors),
            "position": position,
            "total": len(shown),
            "percent": round(100 * (position - 1) / len(shown)),
            "tenth": (10 * (position - 1)) // len(shown),
            "first": position == 1,
            "last": position == len(shown),
            "key": key,
            "error_count": sum(1 for code in errors if code in page.codes),
            "stray": stray,
        }
        return self.keep_key(render(self.request, "surveys/answer.html", ctx, status=status), key)

    # --- GET and POST --------------------------------------------------------------------------------
    def get(self, request, *args, **kwargs):
        key = self.browser_key()
        response = services.response_for_key(survey=self.survey, key=key) if key else None
        stop = self.not_answerable(response)
        if stop is not None:
            return stop
        answers = response.answers if response else {}
        number = self.page_number(request.GET.get("side", ""), answers)
        return self.show(key=key or services.draft_key_new(), number=number, answers=answers)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "next")
        autosave = action == "autosave"
        if action == "restart" and self.channel == Response.Channel.OPEN:
            gone = redirect(request.path)
            gone.delete_cookie(self.cookie_name, path="/s/")
            return gone
        key = self.browser_key()
        found = services.response_for_key(survey=self.survey, key=key) if key else None
        stop = self.not_answerable(found)
        if stop is not None:
            sent = found is not None and found.status == Response.Status.SUBMITTED
            if autosave:
                return JsonResponse({"saved": False, "sent": sent}, status=409)
            return redirect(request.path) if sent else stop  # a second tap on «Send» lands on «sent»
        if key is None:
            if autosave:
                return JsonResponse({"saved": False, "error": _("The page is too old. Reload it.")}, status=400)
            # Every page carries its key, so this is a tampered form: the page again, with a new key.
            return self.show(key=services.draft_key_new(), number=1, answers={}, status=400)
        try:
            draft = found or services.response_draft(survey=self.survey, key=key, channel=self.channel)
            number = self.page_number(request.POST.get("side", ""), draft.answers)
            page = next(p for p in self.pages if p.number == number)
            raw = self.raw_answers(page)
            errors = services.response_save(response=draft, raw=raw, questions=self.questions)
        except services.SurveyClosed:
            if autosave:
                return JsonResponse({"saved": False}, status=409)
            return self.notice("closed", status=410)
        draft.refresh_from_db(fields=["answers"])
        if autosave:
            return self.keep_key(JsonResponse({"saved": True, "errors": errors}, status=400 if errors else 200), key)
        if action in ("next", "send"):
            for q in missing_required(page.questions, draft.answers):
                errors.setdefault(q.codes()[0], []).append(_("Answer this question to go on."))
        if errors and action != "prev":
            stray = any(code not in page.codes for code in errors)
            return self.show(
                key=key, number=number, answers=draft.answers, raw=raw, errors=errors, status=400 if stray else 200
            )
        shown = [p.number for p in self.pages_shown(draft.answers)]
        if action == "prev":
            earlier = [n for n in shown if n < number]
            return self.keep_key(redirect(self.page_url(earlier[-1] if earlier else number)), key)
        later = [n for n in shown if n > number]
        if action == "next" and later:
            return self.keep_key(redirect(self.page_url(later[0])), key)
        return self.send(draft, key)

    def send(self, draft: Response, key: str):
        try:
            services.response_submit(response=draft, member=self.member)
        except services.SurveyClosed:
            return self.notice("closed", status=410)
        except ValidationError as exc:
            if exc.code == "used":
                return self.notice("used")
            errors = exc.message_dict if hasattr(exc, "error_dict") else {}
            codes = set(errors)
            page = next((p for p in self.pages if p.codes & codes), self.pages[0])
            return self.show(key=key, number=page.number, answers=draft.answers, errors=errors)
        return self.keep_key(redirect(self.request.path), key)

    def raw_answers(self, page: Page) -> dict[str, Any]:
        """The page's answers as given ("" where nothing is chosen, so a choice can be taken
        back), and any other `q-` field, which the service refuses as no question of the survey."""
        post = self.request.POST
        raw: dict[str, Any] = {}
        for q in page.questions:
            for code in q.codes():
                name = f"q-{code}"
                raw[code] = post.getlist(name) if q.kind == Question.Kind.MULTIPLE else post.get(name, "")
        for name in post:
            if name.startswith("q-") and name[2:] not in raw:
                raw[name[2:]] = post.get(name)
        return raw


class OpenAnswerView(AnswerView):
    def find(self, token: str) -> Survey:
        survey = Survey.objects.filter(open_token=token).first()
        if survey is None:
            raise Http404
        return survey


class PersonalAnswerView(AnswerView):
    channel = Response.Channel.PERSONAL

    def find(self, token: str) -> Survey:
        self.member = services.panel_member_for_token(token)
        if self.member is None:
            raise Http404
        return self.member.survey
