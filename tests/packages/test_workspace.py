"""The package builder and the team workspace: autosave, conflicts, versions, submission."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from packages.models import Answer, AnswerRevision, Package, Question, Response
from packages.services import package_copy_from_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def package(cast):
    p = package_copy_from_library(
        gathering=cast.gathering, key="fp1-2014", deadline=timezone.now() + datetime.timedelta(days=7), by=None
    )
    p.status = Package.Status.PUBLISHED
    p.save()
    return p


def q(package, kind):
    return Question.objects.filter(task__package=package, kind=kind).order_by("task__order", "order").first()


def url(name, cast, package, **kw):
    return reverse(f"packages:{name}", kwargs={"slug": cast.network.slug, "pk": package.pk, **kw})


def save(client, cast, package, question, data, base=0, team=None):
    team = team or cast.team_a
    return client.post(
        url("answer-save", cast, package, team_pk=team.pk, question_pk=question.pk), {**data, "base_version": base}
    )


def test_library_copies_are_word_for_word(cast):
    fp1 = package_copy_from_library(gathering=cast.gathering, key="fp1-2014", deadline=timezone.now(), by=None)
    texts = list(Question.objects.filter(task__package=fp1).values_list("text", flat=True))
    assert "Hvordan involverer kommunen brukernes familier og øvrige nettverk?" in texts
    assert [t.title for t in fp1.tasks.all()] == [
        "Etablering av forbedringsteamet.",
        "Kartlegging av egne tjenester:",
        "Lytte til de erfaringene brukerne har med tjenestene",
    ]
    assert fp1.min_interviews == 2
    selfeval = package_copy_from_library(
        gathering=cast.gathering, key="egenevaluering-trondelag", deadline=timezone.now(), by=None
    )
    assert [t.title for t in selfeval.tasks.all()][1:] == [
        "HVEM HAR DELTATT?",
        "HVILKET FORBEDRINGSOMRÅDE VALGTE DERE OG HVORFOR?",
        "HVORDAN HAR DERE JOBBET I perioden?",
        "VEIEN VIDERE:",
        "KOMMENTARER",
    ]


def test_project_group_builds_from_library_in_the_browser_flow(cast, client):
    client.force_login(cast.project_group)
    response = client.post(
        reverse("packages:package-create", kwargs={"slug": cast.network.slug}),
        {
            "gathering": cast.gathering.pk,
            "deadline_0": "10.09.2026",
            "deadline_1": "12:00",
            "start_from": "library:fp2-2014",
        },
    )
    assert response.status_code == 302
    package = Package.objects.get(title="Forberedelsespakke 2")
    assert package.status == Package.Status.DRAFT
    client.force_login(cast.team_member)
    assert client.get(package.get_absolute_url()).status_code == 404  # a draft is the project group's
    client.force_login(cast.project_group)
    client.post(url("package-publish", cast, package))
    client.force_login(cast.team_member)
    assert client.get(package.get_absolute_url()).status_code == 302  # straight to the team's workspace


def test_question_needs_alternatives_and_keeps_input(cast, client, package):
    client.force_login(cast.project_group)
    task = package.tasks.first()
    response = client.post(
        url("question-create", cast, package, task_pk=task.pk),
        {"kind": "ett_valg", "text": "Hvem leder teamet?", "choices_text": "Bare ett"},
    )
    assert response.status_code == 400
    assert "Hvem leder teamet?" in response.content.decode()


def test_autosave_then_conflict_then_keep_mine(cast, client, package):
    question = q(package, "lang_tekst")
    client.force_login(cast.coordinator)
    first = save(client, cast, package, question, {f"q-{question.pk}": "Vi spør brukerne etter hver samtale."})
    assert first.status_code == 200 and first.json()["version"] == 1
    client.force_login(cast.team_member)
    stale = save(client, cast, package, question, {f"q-{question.pk}": "Vi har brukerpanel."}, base=0)
    assert stale.status_code == 409
    body = stale.json()
    assert body["version"] == 1 and "Vi spør brukerne" in body["their_html"]
    assert body["updated_by"] == cast.coordinator.full_name
    answer = Answer.objects.get(question=question)
    assert answer.value == "Vi spør brukerne etter hver samtale."  # nothing overwritten silently
    merged = save(client, cast, package, question, {f"q-{question.pk}": "Begge deler."}, base=1)
    assert merged.status_code == 200 and merged.json()["version"] == 2
    revisions = list(
        AnswerRevision.objects.filter(answer=answer).order_by("version").values_list("created_by", "value")
    )
    assert revisions == [
        (cast.coordinator.pk, "Vi spør brukerne etter hver samtale."),
        (cast.team_member.pk, "Begge deler."),
    ]
    assert Response.objects.get(team=cast.team_a).status == Response.Status.IN_PROGRESS


def test_restore_an_earlier_version(cast, client, package):
    question = q(package, "lang_tekst")
    client.force_login(cast.coordinator)
    save(client, cast, package, question, {f"q-{question.pk}": "Første"})
    save(client, cast, package, question, {f"q-{question.pk}": "Andre"}, base=1)
    answer = Answer.objects.get(question=question)
    first = answer.revisions.get(version=1)
    client.post(
        url("answer-history", cast, package, team_pk=cast.team_a.pk, question_pk=question.pk), {"revision": first.pk}
    )
    answer.refresh_from_db()
    assert answer.value == "Første" and answer.version == 3


def test_invalid_value_is_refused_and_the_whole_form_keeps_what_was_typed(cast, client, package):
    client.force_login(cast.coordinator)
    table = q(package, "tabell")
    text = q(package, "lang_tekst")
    bad = save(client, cast, package, text, {f"q-{text.pk}": "Bruker 01019010046 fortalte"})
    assert bad.status_code == 400 and "fødselsnummer" in bad.json()["error"]
    response = client.post(
        url("workspace", cast, package, team_pk=cast.team_a.pk),
        {
            f"q-{text.pk}": "Ola Nordmann 010190 10046",
            f"q-{table.pk}-r0-c0": "Kari Lie",
            f"q-{table.pk}-r0-c1": "Fosen kommune",
            f"q-{table.pk}-r0-c2": "Koordinator",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ola Nordmann 010190 10046" in page and 'value="Fosen kommune"' in page
    assert not Answer.objects.filter(question=text).exclude(value=None).exists()
    assert Answer.objects.get(question=table).value == [["Kari Lie", "Fosen kommune", "Koordinator"]]


def test_expired_session_gets_401_not_a_redirect(cast, client, package):
    question = q(package, "lang_tekst")
    response = save(client, cast, package, question, {f"q-{question.pk}": "tekst"})
    assert response.status_code == 401 and "Logg inn" in response.json()["error"]


def test_other_teams_and_outsiders_get_404(cast, client, package):
    question = q(package, "lang_tekst")
    for user in (cast.other_team_member, cast.outsider):
        client.force_login(user)
        assert client.get(url("workspace", cast, package, team_pk=cast.team_a.pk)).status_code == 404
        assert save(client, cast, package, question, {f"q-{question.pk}": "x"}).status_code == 404
    assert not Answer.objects.exists()


def test_submit_needs_required_answers_and_interviews_then_closes(cast, client, package):
    client.force_login(cast.coordinator)
    submit = url("response-submit", cast, package, team_pk=cast.team_a.pk)
    client.post(submit)
    assert Response.objects.get(team=cast.team_a).status != Response.Status.SUBMITTED
    for question in Question.objects.filter(task__package=package, required=True):
        if question.kind == "tabell":
            save(client, cast, package, question, {f"q-{question.pk}-r0-c0": "Psykisk helsetjeneste"})
        else:
            save(client, cast, package, question, {f"q-{question.pk}": "Svar"})
    interview = q(package, "intervju")
    data = {}
    for e in range(2):
        data[f"q-{interview.pk}-e{e}-experience"] = f"Erfaring {e}"
        data[f"q-{interview.pk}-e{e}-what_matters"] = "Å bli hørt"
    assert save(client, cast, package, interview, data).status_code == 200
    client.post(submit)
    response = Response.objects.get(team=cast.team_a)
    assert response.status == Response.Status.SUBMITTED and not response.is_late
    text = q(package, "lang_tekst")
    assert save(client, cast, package, text, {f"q-{text.pk}": "etterpå"}, base=1).status_code == 403
    client.force_login(cast.project_group)
    client.post(url("response-reopen", cast, package, team_pk=cast.team_a.pk))
    client.force_login(cast.coordinator)
    assert save(client, cast, package, text, {f"q-{text.pk}": "etterpå"}, base=1).status_code == 200


def test_only_coordinator_or_leader_submits_and_late_is_marked(cast, client, package):
    client.force_login(cast.team_member)
    assert client.post(url("response-submit", cast, package, team_pk=cast.team_a.pk)).status_code == 403
    Package.objects.filter(pk=package.pk).update(
        deadline=timezone.now() - datetime.timedelta(days=1), min_interviews=0
    )
    Question.objects.filter(task__package=package).update(required=False)
    client.force_login(cast.coordinator)
    client.post(url("response-submit", cast, package, team_pk=cast.team_a.pk))
    assert Response.objects.get(team=cast.team_a).is_late


def test_file_upload_checked_by_content(cast, client, package, settings):
    task = package.tasks.first()
    question = Question.objects.create(task=task, kind="fil", text="Last opp organisasjonskart", order=9)
    client.force_login(cast.coordinator)
    target = url("answer-file", cast, package, team_pk=cast.team_a.pk, question_pk=question.pk)
    client.post(target, {f"q-{question.pk}": SimpleUploadedFile("kart.pdf", b"MZ\x90\x00 not a pdf")})
    assert not Answer.objects.filter(question=question).exists()
    client.post(target, {f"q-{question.pk}": SimpleUploadedFile("kart.pdf", b"%PDF-1.7 kart")})
    assert Answer.objects.get(question=question).files.count() == 1


def test_upload_from_the_form_keeps_the_typed_answers(cast, client, package):
    task = package.tasks.first()
    question = Question.objects.create(task=task, kind="fil", text="Organisasjonskart", order=9)
    text = q(package, "lang_tekst")
    client.force_login(cast.coordinator)
    response = client.post(
        url("workspace", cast, package, team_pk=cast.team_a.pk),
        {
            f"q-{text.pk}": "Skrevet før opplasting",
            "upload": question.pk,
            f"q-{question.pk}": SimpleUploadedFile("kart.pdf", b"%PDF-1.7 kart"),
        },
    )
    assert response.status_code == 302
    assert Answer.objects.get(question=text).value == "Skrevet før opplasting"
    assert Answer.objects.get(question=question).files.count() == 1


DATE_MESSAGE = "Skriv datoen som dd.mm.åååå, for eksempel 07.12.2026."


def test_date_answers_are_typed_as_norwegian_dates_and_stored_as_iso(cast, client, package):
    task = package.tasks.first()
    day = Question.objects.create(task=task, kind="dato", text="Når startet teamet?", order=9)
    interview = q(package, "intervju")
    client.force_login(cast.coordinator)
    assert save(client, cast, package, day, {f"q-{day.pk}": "7.12.2026"}).status_code == 200
    assert Answer.objects.get(question=day).value == "2026-12-07"
    data = {f"q-{interview.pk}-e0-date": "01.09.2026", f"q-{interview.pk}-e0-experience": "Ble hørt"}
    assert save(client, cast, package, interview, data).status_code == 200
    assert Answer.objects.get(question=interview).value[0]["date"] == "2026-09-01"

    page = client.get(url("workspace", cast, package, team_pk=cast.team_a.pk)).content.decode()
    assert f'name="q-{day.pk}" value="07.12.2026" type="text"' in page
    assert f'name="q-{interview.pk}-e0-date" value="01.09.2026"' in page
    assert page.count('placeholder="dd.mm.åååå"') >= 2 and 'data-date-input="Velg dato"' in page

    bad = save(client, cast, package, day, {f"q-{day.pk}": "12/07/2026"}, base=1)
    assert bad.status_code == 400 and bad.json()["error"] == DATE_MESSAGE
    bad = save(client, cast, package, interview, {**data, f"q-{interview.pk}-e0-date": "1. sept."}, base=1)
    assert bad.status_code == 400 and bad.json()["error"] == DATE_MESSAGE
    # Without JavaScript: the whole form is shown again with the date as typed and the message.
    response = client.post(url("workspace", cast, package, team_pk=cast.team_a.pk), {f"q-{day.pk}": "12/07/2026"})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'name="q-{day.pk}" value="12/07/2026"' in page and DATE_MESSAGE in page
    assert Answer.objects.get(question=day).value == "2026-12-07"
