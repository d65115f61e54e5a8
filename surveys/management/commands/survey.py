"""`manage.py survey templates | create | import | results`: surveys from the command line, through
the same services as the pages."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from networks.models import Network
from surveys import library
from surveys.imports import import_file
from surveys.models import Question, Survey
from surveys.results import breakdown, submitted_answers, survey_results
from surveys.services import questions_of, survey_create


class Command(BaseCommand):
    help = "Evaluation surveys: list the templates, create a survey, import responses, print results."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("templates", help="List the template keys.")
        create = sub.add_parser("create", help="Create a survey from a template; prints its id.")
        create.add_argument("network")
        create.add_argument("--template", required=True)
        create.add_argument("--invited", type=int)
        imp = sub.add_parser("import", help="Import responses from a Questback export (CSV or XLSX).")
        imp.add_argument("survey_id", type=int)
        imp.add_argument("file")
        res = sub.add_parser("results", help="Print the results.")
        res.add_argument("survey_id", type=int)
        res.add_argument("--json", action="store_true")
        res.add_argument("--by", help="Break down by this background question's code.")

    def handle(self, *args, action, **options):
        return getattr(self, f"do_{action}")(**options)

    def do_templates(self, **options):
        for template in library.TEMPLATES:
            self.stdout.write(f"{template['key']}\t{template['title']}")

    def do_create(self, *, network, template, invited, **options):
        net = Network.objects.filter(slug=network).first()
        if net is None:
            raise CommandError(f"No network with the slug «{network}».")
        if template not in library.BY_KEY:
            raise CommandError(f"No template «{template}». Templates: {', '.join(library.BY_KEY)}")
        with transaction.atomic():
            survey = survey_create(network=net, template_key=template, invited=invited, by=None)
        self.stdout.write(str(survey.pk))

    def _survey(self, survey_id: int) -> Survey:
        survey = Survey.objects.filter(pk=survey_id).first()
        if survey is None:
            raise CommandError(f"No survey with the id {survey_id}.")
        return survey

    def do_import(self, *, survey_id, file, **options):
        survey = self._survey(survey_id)
        try:
            content = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        try:
            count = import_file(survey=survey, content=content, by=None)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        self.stdout.write(f"{count} responses imported.")

    def do_results(self, *, survey_id, json: bool, by: str | None, **options):
        survey = self._survey(survey_id)
        questions = questions_of(survey)
        results = survey_results(survey, questions)
        payload = results.as_dict()
        if by:
            question = next((q for q in questions if q.code.casefold() == by.casefold()), None)
            if question is None or question.kind not in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
                raise CommandError(f"«{by}» is not a choice question of this survey.")
            answers = [a for _i, a in submitted_answers(survey)]
            payload["by"] = {"code": question.code, "groups": breakdown(question, questions, answers).as_dict()}
        if json:
            self.stdout.write(_json(payload))
            return
        self.stdout.write(f"{survey.title}: {payload['responses']} of {payload['invited'] or '?'} responded")
        for code, r in payload["questions"].items():
            mean = "" if r["mean"] is None else f", mean {r['mean']:.2f}"
            self.stdout.write(f"{code}: n={r['n']} of {r['N']}{mean}")


def _json(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2)
