"""Bad input never gives a 500: far dates, NUL bytes, non-numbers, odd number spellings, long
e-mail addresses and duplicate gathering numbers each get a Norwegian message, and nothing typed is lost."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.services import user_calendar_token
from core.validators import parse_decimal
from gatherings.models import Activity, Gathering
from packages.models import Answer, Question
from packages.services import package_copy_from_library, package_publish
from teams.models import TeamMeeting
from tests.formdata import post_forms
from tests.networks.factories import ActivityFactory, GatheringFactory
from tests.packages.factories import QuestionFactory

pytestmark = pytest.mark.django_db

RANGE_MESSAGE = "Skriv en dato mellom årene 2000 og 2100."
NUL_MESSAGE = "Teksten inneholder et tegn som ikke kan lagres (NUL)."


@pytest.fixture
def package(cast):
    p = package_copy_from_library(
        gathering=cast.gathering, key="fp1-2014", deadline=timezone.now() + datetime.timedelta(days=7), by=None
    )
    package_publish(package=p, by=None)
    return p


def _client(client, user):
    client.force_login(user)
    client.raise_request_exception = False
    return client


def _form(client, url):
    """The page's own form (posting to itself), with what the page filled in."""
    response = client.get(url)
    assert response.status_code == 200
    forms = [f for f in post_forms(response.content.decode()) if f.action in ("", url)]
    return max(forms, key=lambda f: len(f.data))


def _question(package, kind):
    return Question.objects.filter(task__package=package, kind=kind).order_by("task__order", "order").first()


# 1. Dates outside 2000–2100


@pytest.mark.parametrize("day", ["0001-01-01", "31.12.9999", "31.12.1999"])
def test_package_deadline_far_away_is_a_form_error(client, cast, package, day):
    c = _client(client, cast.project_group)
    url = reverse("packages:package-edit", kwargs={"slug": cast.network.slug, "pk": package.pk})
    form = _form(c, url)
    data = {**form.flat(), "deadline_0": day, "deadline_1": "23:59", "title": "Ny tittel som ikke må forsvinne"}
    response = c.post(url, data)
    assert response.status_code in (200, 400)
    assert RANGE_MESSAGE in response.content.decode()
    assert "Ny tittel som ikke må forsvinne" in response.content.decode()
    package.refresh_from_db()
    assert 2000 <= package.deadline.year <= 2100
    # The package pages keep working for everyone.
    assert c.get(reverse("packages:package-list", kwargs={"slug": cast.network.slug})).status_code == 200


def test_gathering_and_meeting_dates_are_bounded(client, cast):
    c = _client(client, cast.project_group)
    url = reverse("gatherings:activity-edit", kwargs={"slug": cast.network.slug, "pk": cast.activity.pk})
    form = _form(c, url)
    response = c.post(url, {**form.flat(), "starts_on": "0001-01-01", "ends_on": "9999-12-31"})
    assert response.status_code == 400
    assert response.content.decode().count(RANGE_MESSAGE) == 2
    cast.activity.refresh_from_db()
    assert cast.activity.starts_on.year >= 2000

    c = _client(client, cast.coordinator)
    url = reverse("teams:meeting-create", kwargs={"slug": cast.network.slug, "pk": cast.team_a.pk})
    form = _form(c, url)
    response = c.post(url, {**form.flat(), "title": "Teammøte", "held_on": "0001-01-01", "minutes": "Referat"})
    assert response.status_code in (200, 400)
    assert RANGE_MESSAGE in response.content.decode()
    assert "Referat" in response.content.decode()
    assert not TeamMeeting.objects.filter(team=cast.team_a).exists()


def test_models_refuse_far_dates_in_full_clean(cast):
    activity = Activity(network=cast.network, kind=Activity.Kind.WEBINAR, title="Webinar")
    activity.starts_on = activity.ends_on = datetime.date(1, 1, 1)
    with pytest.raises(ValidationError) as exc:
        activity.full_clean()
    assert {"starts_on", "ends_on"} <= set(exc.value.message_dict)


# 2. The calendar feed survives one activity with impossible dates


def test_calendar_feed_skips_an_activity_dated_9999(client, cast, caplog):
    bad = ActivityFactory(network=cast.network, title="Feil dato")
    Activity.objects.filter(pk=bad.pk).update(
        starts_on=datetime.date(9999, 12, 31), ends_on=datetime.date(9999, 12, 31)
    )
    token = user_calendar_token(user=cast.team_member)
    with caplog.at_level(logging.WARNING, logger="gatherings.calendar"):
        response = client.get(reverse("calendar-feed", kwargs={"token": token}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Webinar om brukermedvirkning" in body
    assert "Feil dato" not in body
    assert any(str(bad.pk) in r.getMessage() for r in caplog.records)


def test_calendar_key_with_a_nul_byte_is_not_found(client):
    client.raise_request_exception = False
    response = client.get("/calendar/%00" + "a" * 40 + ".ics")
    assert response.status_code in (400, 404)


# 3. NUL bytes in answers


def test_autosave_refuses_a_nul_byte(client, cast, package):
    c = _client(client, cast.coordinator)
    question = _question(package, Question.Kind.LONG_TEXT)
    url = reverse(
        "packages:answer-save",
        kwargs={"slug": cast.network.slug, "pk": package.pk, "team_pk": cast.team_a.pk, "question_pk": question.pk},
    )
    response = c.post(url, {f"q-{question.pk}": "Før\x00etter", "base_version": 0})
    assert response.status_code == 400
    assert response.json()["error"] == NUL_MESSAGE


def test_save_all_keeps_the_good_answers_and_shows_the_bad_one_again(client, cast, package):
    c = _client(client, cast.coordinator)
    questions = list(
        Question.objects.filter(task__package=package, kind=Question.Kind.LONG_TEXT).order_by("task__order", "order")
    )
    good, bad = questions[0], questions[1]
    url = reverse(
        "packages:workspace", kwargs={"slug": cast.network.slug, "pk": package.pk, "team_pk": cast.team_a.pk}
    )
    form = _form(c, url)
    data = {**form.flat(), f"q-{good.pk}": "Et godt svar", f"q-{bad.pk}": "Et svar med\x00NUL"}
    response = c.post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert NUL_MESSAGE in body
    assert "Et svar med" in body  # what was typed is shown again
    assert Answer.objects.get(question=good, response__team=cast.team_a).value == "Et godt svar"
    assert not Answer.objects.filter(question=bad, response__team=cast.team_a).exclude(value=None).exists()


def test_meeting_minutes_with_a_nul_byte_are_a_form_error(client, cast):
    c = _client(client, cast.coordinator)
    url = reverse("teams:meeting-create", kwargs={"slug": cast.network.slug, "pk": cast.team_a.pk})
    form = _form(c, url)
    response = c.post(url, {**form.flat(), "title": "Teammøte", "held_on": "2026-03-01", "minutes": "Ref\x00erat"})
    assert response.status_code in (200, 400)
    assert not TeamMeeting.objects.filter(team=cast.team_a).exists()


# 4. Parameters that are not numbers


@pytest.mark.parametrize("value", ["abc", "1.5", "²", "9" * 40])
def test_autosave_base_version_not_a_number_is_400(client, cast, package, value):
    c = _client(client, cast.coordinator)
    question = _question(package, Question.Kind.LONG_TEXT)
    url = reverse(
        "packages:answer-save",
        kwargs={"slug": cast.network.slug, "pk": package.pk, "team_pk": cast.team_a.pk, "question_pk": question.pk},
    )
    response = c.post(url, {f"q-{question.pk}": "Tekst", "base_version": value}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert "base_version" in response.json()["error"]


def test_other_non_numeric_parameters_are_400_with_a_message(client, cast, package):
    c = _client(client, cast.project_group)
    response = c.post(reverse("reports:run-create", kwargs={"slug": cast.network.slug}), {"kind": "team", "team": "x"})
    assert response.status_code == 400
    assert "«team» må være et helt tall" in response.content.decode()
    response = c.post(
        reverse(
            "gatherings:session-move",
            kwargs={"slug": cast.network.slug, "pk": cast.gathering.pk, "session_pk": cast.session.pk},
        ),
        {"direction": "down", "steps": "mange"},
    )
    assert response.status_code == 400
    assert "«steps» må være et helt tall" in response.content.decode()

    c = _client(client, cast.coordinator)
    question = _question(package, Question.Kind.LONG_TEXT)
    url = reverse(
        "packages:workspace", kwargs={"slug": cast.network.slug, "pk": package.pk, "team_pk": cast.team_a.pk}
    )
    response = c.post(url, {f"q-{question.pk}": "Tekst", f"v-{question.pk}": "null"})
    assert response.status_code == 400
    assert f"«v-{question.pk}» må være et helt tall" in response.content.decode()


def test_an_invitee_email_over_254_characters_is_a_form_error(client, cast):
    c = _client(client, cast.project_group)
    url = reverse("networks:person-invite", kwargs={"slug": cast.network.slug})
    form = _form(c, url)
    response = c.post(url, {**form.flat(), "email": "a" * 250 + "@eksempel.no"})
    assert response.status_code in (200, 400)
    assert "254" in response.content.decode()


# 5. Number answers


@pytest.mark.parametrize("text", ["1E+999999999", "-99999999999999999999999", "١٢٣", "1_000", "NaN", "inf", "1e3"])
def test_number_answers_refuse_odd_spellings(client, cast, package, text):
    question = QuestionFactory(task=package.tasks.first(), kind=Question.Kind.NUMBER, text="Hvor mange?")
    c = _client(client, cast.coordinator)
    url = reverse(
        "packages:answer-save",
        kwargs={"slug": cast.network.slug, "pk": package.pk, "team_pk": cast.team_a.pk, "question_pk": question.pk},
    )
    response = c.post(url, {f"q-{question.pk}": text, "base_version": 0})
    assert response.status_code == 400
    assert response.json()["error"].startswith("Skriv et tall")


@pytest.mark.parametrize(("text", "stored"), [("12", "12"), ("4,5", "4.5"), ("-3.25", "-3.25"), ("12 000", "12000")])
def test_number_answers_accept_plain_decimals(client, cast, package, text, stored):
    question = QuestionFactory(task=package.tasks.first(), kind=Question.Kind.NUMBER, text="Hvor mange?")
    c = _client(client, cast.coordinator)
    url = reverse(
        "packages:answer-save",
        kwargs={"slug": cast.network.slug, "pk": package.pk, "team_pk": cast.team_a.pk, "question_pk": question.pk},
    )
    assert c.post(url, {f"q-{question.pk}": text, "base_version": 0}).status_code == 200
    assert Answer.objects.get(question=question).value == stored


def test_parse_decimal_bounds():
    from decimal import Decimal

    assert parse_decimal("1000000000000") == Decimal("1e12")
    with pytest.raises(ValidationError):
        parse_decimal("1000000000001")
    with pytest.raises(ValidationError):
        parse_decimal("11", maximum=Decimal(10))


# 6. Gathering numbers are unique in a network


def test_a_duplicate_gathering_number_is_a_form_error(client, cast):
    GatheringFactory(network=cast.network, number=2)
    c = _client(client, cast.project_group)
    url = reverse("gatherings:gathering-create", kwargs={"slug": cast.network.slug})
    form = _form(c, url)
    data = {**form.flat(), "title": "Samling 3", "starts_on": "2027-03-01", "ends_on": "2027-03-02"}
    response = c.post(url, {**data, "number": "1"})
    assert response.status_code == 400
    assert "Nettverket har allerede en samling med nummer 1." in response.content.decode()
    assert Gathering.objects.filter(network=cast.network, number=1).count() == 1
    assert "Samling 3" in response.content.decode()
    response = c.post(url, {**data, "number": "7"})
    assert response.status_code == 302
    assert Gathering.objects.filter(network=cast.network, number=7).exists()


# Found by the junk walk (test_junk_input.py)


def test_an_external_speaker_name_over_200_characters_is_a_form_error(client, cast):
    c = _client(client, cast.project_group)
    url = reverse(
        "gatherings:session-edit",
        kwargs={"slug": cast.network.slug, "pk": cast.gathering.pk, "session_pk": cast.session.pk},
    )
    form = _form(c, url)
    response = c.post(url, {**form.flat(), "external_speakers": "Å" * 300 + ", KS"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "200" in body
    assert "Å" * 300 in body  # what was typed is shown again
    assert not cast.session.speakers.filter(name__startswith="Å").exists()


@pytest.mark.parametrize("target", ["abc", "/n/\x00", "https://example.com/"])
def test_a_reminder_goes_back_to_the_matrix_when_next_is_no_path_here(client, cast, package, target):
    c = _client(client, cast.project_group)
    url = reverse(
        "packages:response-remind", kwargs={"slug": cast.network.slug, "pk": package.pk, "team_pk": cast.team_a.pk}
    )
    response = c.post(url, {"next": target})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("packages:package-matrix", kwargs={"slug": cast.network.slug}))
