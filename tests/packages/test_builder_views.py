"""The views show what the services refuse, as messages or form errors."""

from __future__ import annotations

import pytest
from django.contrib.messages import constants
from django.urls import reverse
from django.utils import timezone

from core.models import AuditLogEntry
from packages.models import Package, Question
from tests.networks.factories import GatheringFactory
from tests.packages.factories import PackageFactory, package_with_questions, respond

pytestmark = pytest.mark.django_db


def _url(name, cast, **kwargs):
    return reverse(f"packages:{name}", kwargs={"slug": cast.network.slug, **kwargs})


def _messages(response):
    """The messages shown on the page the view redirected to (follow=True)."""
    return [(m.level, m.message) for m in response.context["messages"]]


def test_question_delete_view_tells_why_an_answered_question_stays_and_deletes_an_unanswered_one(cast, client):
    package = package_with_questions(gathering=cast.gathering)
    answered, unanswered = Question.objects.filter(task__package=package).order_by("order")[:2]
    respond(package, cast.team_a, {answered: "Vi har brukerråd."})
    client.force_login(cast.project_group)

    refused = client.post(_url("question-delete", cast, pk=package.pk, question_pk=answered.pk), follow=True)
    assert refused.redirect_chain == [(package.get_absolute_url(), 302)]
    assert _messages(refused) == [(constants.ERROR, "Team har svart på dette spørsmålet, så det kan ikke slettes.")]
    assert Question.objects.filter(pk=answered.pk).exists()

    deleted = client.post(_url("question-delete", cast, pk=package.pk, question_pk=unanswered.pk), follow=True)
    assert deleted.redirect_chain == [(package.get_absolute_url(), 302)]
    assert [level for level, _m in _messages(deleted)] == [constants.SUCCESS]
    assert not Question.objects.filter(pk=unanswered.pk).exists()


def test_package_create_view_copies_only_packages_the_person_may_copy(cast, client):
    own = PackageFactory(gathering=GatheringFactory(network=cast.network), title="Fra i fjor")
    elsewhere = PackageFactory(gathering=GatheringFactory(), title="Et annet nettverk")
    client.force_login(cast.project_group)
    data = {"gathering": cast.gathering.pk, "deadline_0": "10.09.2026", "deadline_1": "12:00"}

    refused = client.post(_url("package-create", cast), {**data, "start_from": f"package:{elsewhere.pk}"})
    assert refused.status_code == 400
    assert Package.objects.count() == 2

    copied = client.post(_url("package-create", cast), {**data, "start_from": f"package:{own.pk}"})
    assert copied.status_code == 302
    package = Package.objects.exclude(pk__in=[own.pk, elsewhere.pk]).get()
    assert (package.title, package.gathering, package.status) == ("Fra i fjor", cast.gathering, Package.Status.DRAFT)
    assert AuditLogEntry.objects.get(action="packages.package.copied", object_id=package.pk).data == {"source": own.pk}


def test_remind_view_tells_a_draft_as_an_error_and_a_submitted_team_as_information(cast, client):
    draft = package_with_questions(gathering=cast.gathering, status=Package.Status.DRAFT)
    published = package_with_questions(gathering=cast.gathering)
    respond(published, cast.team_a, submitted_at=timezone.now())
    client.force_login(cast.project_group)

    response = client.post(_url("response-remind", cast, pk=draft.pk, team_pk=cast.team_b.pk), follow=True)
    assert _messages(response) == [(constants.ERROR, "Publiser pakken før du sender påminnelse til teamene.")]
    response = client.post(_url("response-remind", cast, pk=published.pk, team_pk=cast.team_a.pk), follow=True)
    assert _messages(response) == [(constants.INFO, "Fosen har allerede levert.")]
    assert not AuditLogEntry.objects.filter(action="packages.response.reminded").exists()
