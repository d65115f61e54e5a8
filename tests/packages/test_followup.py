"""Following the teams: the matrix, answers side by side, sharing, reminders, compilation, export."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from core.models import AuditLogEntry
from packages import selectors
from packages.models import Answer, Package, Question, Response
from packages.tasks import LOCK_KEY, package_reminders_send_task
from teams.models import TeamMembership
from tests.learningnet.factories import UserFactory
from tests.networks.factories import GatheringFactory, NetworkFactory, NetworkRoleFactory
from tests.packages.factories import package_with_questions, respond
from tests.pages import page_html
from tests.teams.factories import TeamFactory, TeamMembershipFactory

pytestmark = pytest.mark.django_db

SUBMITTED_TEXT = "Vi spør brukerne etter hvert vedtak og har et brukerråd som møtes hver måned."
DRAFT_TEXT = "Utkast: vi har ikke bestemt oss ennå."


def _url(name, cast, package=None, **kwargs):
    kwargs = {"slug": cast.network.slug, **({"pk": package.pk} if package else {}), **kwargs}
    return reverse(f"packages:{name}", kwargs=kwargs)


def _questions(package):
    return list(Question.objects.filter(task__package=package).order_by("task__order", "order", "pk"))


@pytest.fixture
def package(cast):
    """A published package before its deadline: team A (Fosen) has submitted, team B (Værnes)
    has a draft."""
    package = package_with_questions(gathering=cast.gathering, title="Forberedelsespakke 1")
    text, number, table, interview = _questions(package)
    respond(
        package,
        cast.team_a,
        {
            text: SUBMITTED_TEXT,
            number: "4.5",
            table: [["Rask psykisk helsehjelp", "Lavterskel", "Voksne"]],
            interview: [
                {
                    "date": "2026-08-20",
                    "service": "Boligtjenesten",
                    "experience": "Ble møtt med respekt.",
                    "what_matters": "Å bli trodd.",
                    "suggestions": "Faste kontaktpersoner.",
                }
            ],
        },
        submitted_at=timezone.now(),
    )
    respond(package, cast.team_b, {text: DRAFT_TEXT})
    return package


# --- The matrix ---------------------------------------------------------------------------------
def test_matrix_statuses_answered_counts_and_norwegian_order(cast, package):
    text = _questions(package)[0]
    late = package_with_questions(
        gathering=cast.gathering, title="Forberedelsespakke 2", deadline=package.deadline + datetime.timedelta(days=7)
    )
    respond(late, cast.team_a, {text: "x"}, submitted_at=late.deadline + datetime.timedelta(hours=1))
    aukra, alesund = TeamFactory(network=cast.network, name="Aukra"), TeamFactory(network=cast.network, name="Ålesund")
    draft = package_with_questions(gathering=cast.gathering, title="Ikke publisert", status=Package.Status.DRAFT)

    matrix = selectors.package_matrix(network=cast.network)

    assert [c.package for c in matrix.columns] == [package, late]
    assert draft not in [c.package for c in matrix.columns]
    assert [r.team for r in matrix.rows] == [aukra, cast.team_a, cast.team_b, alesund]  # Å last, as in Norway
    cells = {(r.team.name, c.package.title): c for r in matrix.rows for c in r.cells}
    fosen_1, fosen_2 = cells["Fosen", "Forberedelsespakke 1"], cells["Fosen", "Forberedelsespakke 2"]
    assert (fosen_1.status, fosen_1.answered, fosen_1.questions) == (selectors.SUBMITTED, 4, 4)
    assert (fosen_2.status, fosen_2.answered) == (selectors.LATE, 1)
    assert fosen_2.label == str(selectors.STATUS_LABELS[selectors.LATE])
    assert (cells["Værnes", "Forberedelsespakke 1"].status, cells["Værnes", "Forberedelsespakke 1"].answered) == (
        selectors.IN_PROGRESS,
        1,
    )
    assert cells["Aukra", "Forberedelsespakke 1"].status == selectors.NOT_STARTED
    assert cells["Aukra", "Forberedelsespakke 1"].last_activity_at is None
    assert matrix.columns[0].counts == {"not_started": 2, "in_progress": 1, "submitted": 1, "late": 0}
    assert matrix.totals["late"] == 1


def test_matrix_page_links_cells_to_workspaces_and_offers_remind_to_the_project_group(cast, package, client):
    client.force_login(cast.project_group)
    page = client.get(_url("package-matrix", cast)).content.decode()
    for team in (cast.team_a, cast.team_b):
        assert _url("workspace", cast, package, team_pk=team.pk) in page
    # Only the team that has not submitted gets a "Remind" button.
    assert _url("response-remind", cast, package, team_pk=cast.team_b.pk) in page
    assert _url("response-remind", cast, package, team_pk=cast.team_a.pk) not in page
    assert _url("package-export", cast, package) in page

    client.force_login(cast.observer)
    page = client.get(_url("package-matrix", cast)).content.decode()
    assert _url("workspace", cast, package, team_pk=cast.team_b.pk) in page
    assert "response-remind" not in page and "/remind/" not in page


def _network_with(teams: int, packages: int = 4):
    network = NetworkFactory()
    gathering = GatheringFactory(network=network)
    team_list = [TeamFactory(network=network, name=f"Team {i:02d}") for i in range(teams)]
    for p in range(packages):
        package = package_with_questions(gathering=gathering, title=f"Pakke {p}")
        questions = _questions(package)
        for i, team in enumerate(team_list):
            if i % 3 == 0:
                continue  # not started
            respond(
                package,
                team,
                {questions[0]: "Svar", questions[1]: "3"},
                submitted_at=timezone.now() if i % 3 == 2 else None,
            )
    return network


def _matrix_queries(network, client, user) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as selector_queries:
        matrix = selectors.package_matrix(network=network)
        [c.answered for r in matrix.rows for c in r.cells]
    client.force_login(user)
    url = reverse("packages:package-matrix", kwargs={"slug": network.slug})
    with CaptureQueriesContext(connection) as view_queries:
        assert client.get(url).status_code == 200
    return len(selector_queries), len(view_queries)


def test_matrix_uses_a_constant_number_of_queries(client):
    small = _network_with(teams=6)
    large = _network_with(teams=60)
    manager = UserFactory()
    NetworkRoleFactory(network=small, user=manager)
    NetworkRoleFactory(network=large, user=manager)

    small_counts = _matrix_queries(small, client, manager)
    large_counts = _matrix_queries(large, client, manager)

    assert small_counts == large_counts
    assert small_counts[0] == 4  # packages, teams, responses, answered counts


# --- Answers side by side and sharing --------------------------------------------------------------
def test_observer_reads_submitted_answers_side_by_side_but_never_drafts(cast, package, client):
    question = _questions(package)[0]
    url = _url("question-answers", cast, package, question_pk=question.pk)

    client.force_login(cast.observer)
    page = client.get(url).content.decode()
    assert "Fosen" in page and SUBMITTED_TEXT in page
    assert "Værnes" not in page and DRAFT_TEXT not in page

    client.force_login(cast.project_group)
    page = client.get(url).content.decode()
    assert SUBMITTED_TEXT in page and DRAFT_TEXT in page
    assert 'badge text-bg-warning">' in page  # the draft is marked as a draft


def test_other_teams_see_submitted_answers_only_after_the_deadline_when_shared(cast, package, client):
    question = _questions(package)[0]
    third = TeamFactory(network=cast.network, name="Innherred")
    respond(package, third, {question: "Et annet utkast fra Innherred."})
    answers_url = _url("question-answers", cast, package, question_pk=question.pk)
    fosen_workspace = _url("workspace", cast, package, team_pk=cast.team_a.pk)
    client.force_login(cast.other_team_member)  # in Værnes

    def visible():
        page = client.get(answers_url).content.decode()
        return SUBMITTED_TEXT in page, DRAFT_TEXT in page, "Et annet utkast" in page

    # Before the deadline, with sharing on: only the team's own draft.
    Package.objects.filter(pk=package.pk).update(share_after_deadline=True)
    assert visible() == (False, True, False)
    assert client.get(fosen_workspace).status_code == 404
    assert client.get(_url("package-compilation", cast, package)).status_code == 403

    # After the deadline without sharing: still nothing of the other teams.
    past = timezone.now() - datetime.timedelta(hours=1)
    Package.objects.filter(pk=package.pk).update(share_after_deadline=False, deadline=past)
    assert visible() == (False, True, False)
    assert client.get(fosen_workspace).status_code == 404

    # After the deadline with sharing: the other teams' submitted answers, never their drafts.
    Package.objects.filter(pk=package.pk).update(share_after_deadline=True)
    assert visible() == (True, True, False)
    assert client.get(_url("package-compilation", cast, package)).status_code == 200


def test_draft_package_is_hidden_from_all_but_the_project_group(cast, package, client):
    Package.objects.filter(pk=package.pk).update(status=Package.Status.DRAFT)
    url = _url("question-answers", cast, package, question_pk=_questions(package)[0].pk)
    client.force_login(cast.observer)
    assert client.get(url).status_code == 404
    client.force_login(cast.project_group)
    assert client.get(url).status_code == 200


# --- Reminders ----------------------------------------------------------------------------------
def test_remind_button_emails_every_current_member_of_the_team(
    cast, package, client, mailoutbox, django_capture_on_commit_callbacks
):
    extra = TeamMembershipFactory(team=cast.team_b, role=TeamMembership.Role.LEADER).user
    extra.preferred_language = "en"
    extra.save(update_fields=["preferred_language"])
    former = TeamMembershipFactory(team=cast.team_b, ends_on=datetime.date(2020, 1, 1)).user
    url = _url("response-remind", cast, package, team_pk=cast.team_b.pk)

    client.force_login(cast.project_group)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#cell-{package.pk}-{cast.team_b.pk}")
    assert len(callbacks) == 1
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == sorted([cast.other_team_member.email, extra.email])  # the whole team, not only one
    assert former.email not in recipients
    english = next(m for m in mailoutbox if m.to == [extra.email])
    assert "Forberedelsespakke 1" in english.subject and "Værnes" in english.body
    assert _url("workspace", cast, package, team_pk=cast.team_b.pk) in english.body
    assert AuditLogEntry.objects.filter(action="packages.response.reminded", object_id=package.pk).count() == 1

    # A double click (or a colleague a minute later) sends nothing more, and says when it was sent.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url, follow=True)
    assert mailoutbox == []
    assert "ble påminnet kl." in again.content.decode() and "ingen ny påminnelse ble sendt" in again.content.decode()
    assert AuditLogEntry.objects.filter(action="packages.response.reminded", object_id=package.pk).count() == 1
    # The matrix shows when the team was last reminded.
    matrix = client.get(reverse("packages:package-matrix", kwargs={"slug": cast.network.slug})).content.decode()
    cell = matrix.split(f'id="cell-{package.pk}-{cast.team_b.pk}"')[1].split("</td>")[0]
    assert "Påminnet:" in cell
    # Ten minutes later a reminder goes again.
    Response.objects.filter(package=package, team=cast.team_b).update(
        last_reminded_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert len(mailoutbox) == 2

    # A team that has submitted is not reminded.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("response-remind", cast, package, team_pk=cast.team_a.pk))
    assert mailoutbox == []

    assert client.get(url).status_code == 405
    client.force_login(cast.observer)
    assert client.post(url).status_code == 403
    client.force_login(cast.coordinator)
    assert client.post(url).status_code == 403
    client.force_login(cast.outsider)
    assert client.post(url).status_code == 404


def test_periodic_reminder_is_sent_once_even_when_run_twice(cast, mailoutbox):
    cache.delete(LOCK_KEY)
    soon = package_with_questions(gathering=cast.gathering, deadline=timezone.now() + datetime.timedelta(days=2))
    later = package_with_questions(gathering=cast.gathering, deadline=timezone.now() + datetime.timedelta(days=10))
    respond(soon, cast.team_b, submitted_at=timezone.now())  # Værnes has submitted

    assert package_reminders_send_task() == 2
    assert package_reminders_send_task() == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted([cast.coordinator.email, cast.team_member.email])
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.last_reminder_at is not None and later.last_reminder_at is None

    # Two days later (the deadline is still ahead) the package is due for one more reminder.
    Package.objects.filter(pk=soon.pk).update(
        deadline=timezone.now() + datetime.timedelta(days=1),
        last_reminder_at=timezone.now() - datetime.timedelta(days=2, minutes=1),
    )
    assert package_reminders_send_task() == 2


def test_periodic_reminder_does_nothing_while_another_run_holds_the_lock(cast, mailoutbox):
    package_with_questions(gathering=cast.gathering, deadline=timezone.now() + datetime.timedelta(days=1))
    assert cache.add(LOCK_KEY, "1", 60)
    try:
        assert package_reminders_send_task() == 0
    finally:
        cache.delete(LOCK_KEY)
    assert mailoutbox == []
    assert package_reminders_send_task() == 3  # Fosen's two members and Værnes' one


def test_reminder_schedule_is_defined_in_code():
    from django.core.management import call_command
    from django_celery_beat.models import PeriodicTask

    call_command("setup_periodic_tasks", verbosity=0)
    task = PeriodicTask.objects.get(task="packages.tasks.package_reminders_send_task")
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == ("7", "0", "Europe/Oslo")


# --- The day-1 compilation ----------------------------------------------------------------------
def test_compilation_page_lists_only_submitted_teams(cast, package, client):
    client.force_login(cast.observer)
    page = client.get(_url("package-compilation", cast, package)).content.decode()
    assert "Fosen" in page and SUBMITTED_TEXT in page
    assert "Værnes" not in page and DRAFT_TEXT not in page
    assert "4,5" in page  # Norwegian decimal comma
    assert '<th scope="col">Målgruppe</th>' in page and "Rask psykisk helsehjelp" in page
    assert "Faste kontaktpersoner." in page
    client.force_login(cast.coordinator)
    assert client.get(_url("package-compilation", cast, package)).status_code == 403


def test_compilation_pdf_has_the_teams_answers_and_a_title_and_no_email_addresses(cast, package, client):
    client.force_login(cast.project_group)
    response = client.get(
        reverse("reports:package-compilation-pdf", kwargs={"slug": cast.network.slug, "pk": package.pk})
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Fosen" in text and "Rask psykisk helsehjelp" in text and "brukerråd" in text
    assert "Værnes" not in text and "Utkast" not in text
    assert "Forberedelsespakke 1" in reader.metadata.title
    assert "@" not in text


def test_compilation_is_a_constant_number_of_queries(cast, package):
    with CaptureQueriesContext(connection) as few:
        selectors.compilation(package=package)
    for i in range(5):
        team = TeamFactory(network=cast.network, name=f"Lag {i}")
        respond(package, team, {_questions(package)[0]: f"Svar {i}"}, submitted_at=timezone.now())
    package = Package.objects.select_related("gathering__network").get(pk=package.pk)
    with CaptureQueriesContext(connection) as many:
        result = selectors.compilation(package=package)
    assert len(result.teams) == 6
    assert len(few) == len(many)


# --- Values -------------------------------------------------------------------------------------
def test_values_render_in_norwegian_with_interview_labels_and_real_tables(cast, package):
    text, number, table, interview = _questions(package)
    answers = {a.question_id: a.value for a in Answer.objects.filter(response__team=cast.team_a)}
    assert render_to_string("packages/_value.html", {"question": number, "value": "1234.5"}).strip() == (
        '<p class="mb-1">1\xa0234,5</p>'
    )
    html = render_to_string("packages/_value.html", {"question": table, "value": answers[table.pk]})
    assert '<thead><tr><th scope="col">Tjeneste</th>' in html and "<td>Voksne</td>" in html
    html = render_to_string("packages/_value.html", {"question": interview, "value": answers[interview.pk]})
    assert "Dato" in html and "20.08.2026" in html and "Ble møtt med respekt." in html
    html = render_to_string("packages/_value.html", {"question": text, "value": "<b>fet</b>\nlinje to"})
    assert "&lt;b&gt;fet&lt;/b&gt;<br>linje to" in html
    as_text = selectors.answer_as_text(interview, answers[interview.pk])
    assert "Dato: 20.08.2026" in as_text and "Boligtjenesten" in as_text and "Faste kontaktpersoner." in as_text


# --- Export -------------------------------------------------------------------------------------
def _sheet(response):
    return list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)


def test_excel_export_has_one_row_per_team_and_drafts_only_for_the_project_group(cast, package, client):
    TeamFactory(network=cast.network, name="Innherred")  # not started
    client.force_login(cast.project_group)
    response = client.get(_url("package-export", cast, package))
    assert response.status_code == 200
    header, *rows = _sheet(response)
    assert [r[0] for r in rows] == ["Fosen", "Innherred", "Værnes"]
    assert len(header) == 4 + 4
    fosen = dict(zip(header, rows[0], strict=True))
    assert fosen[header[4]] == SUBMITTED_TEXT
    assert fosen[header[5]] == "4,5"
    assert fosen[header[6]] == "Tjeneste: Rask psykisk helsehjelp; Type: Lavterskel; Målgruppe: Voksne"
    assert "Boligtjenesten" in fosen[header[7]]
    assert rows[2][4] == DRAFT_TEXT
    assert isinstance(rows[0][2], datetime.datetime)

    client.force_login(cast.observer)
    _header, *rows = _sheet(client.get(_url("package-export", cast, package)))
    assert [r[0] for r in rows] == ["Fosen"]


def test_excel_export_never_turns_an_answer_into_a_formula(cast, package, client):
    response = Response.objects.get(package=package, team=cast.team_a)
    Answer.objects.filter(response=response, question=_questions(package)[0]).update(value='=HYPERLINK("x")')
    client.force_login(cast.project_group)
    _header, *rows = _sheet(client.get(_url("package-export", cast, package)))
    assert rows[0][4] == '\'=HYPERLINK("x")'


# --- The cached matrix --------------------------------------------------------------------------
def _matrix(client, cast, language=None) -> str:
    return page_html(client, _url("package-matrix", cast), language)


def _cell(page: str, package, team) -> str:
    return page.split(f'id="cell-{package.pk}-{team.pk}"')[1].split("</td>")[0]


def test_the_cached_matrix_is_never_stale_in_either_language(cast, package, client, monkeypatch):
    """The matrix is rendered once per state of what it shows (core.fragments); an answer, a
    submission, a reminder, a new team and a deadline passing are each seen at once."""
    from packages.services import answer_save, response_remind, response_submit

    client.force_login(cast.project_group)
    assert "1 av 4 besvart" in _cell(_matrix(client, cast), package, cast.team_b)
    assert "1 of 4 answered" in _cell(_matrix(client, cast, "en"), package, cast.team_b)

    response = Response.objects.get(package=package, team=cast.team_b)
    answer_save(response=response, question=_questions(package)[1], value="7", base_version=0, by=None)
    assert "2 av 4 besvart" in _cell(_matrix(client, cast), package, cast.team_b)
    assert "2 of 4 answered" in _cell(_matrix(client, cast, "en"), package, cast.team_b)

    response_remind(package=package, team=cast.team_b, by=cast.project_group)
    assert "Påminnet:" in _cell(_matrix(client, cast), package, cast.team_b)
    assert "Reminded:" in _cell(_matrix(client, cast, "en"), package, cast.team_b)

    response_submit(response=Response.objects.get(pk=response.pk), by=None)
    cell = _cell(_matrix(client, cast), package, cast.team_b)
    assert "Levert" in cell and "/remind/" not in cell

    TeamFactory(network=cast.network, name="Aukra")
    assert "Aukra" in _matrix(client, cast)

    # Nothing is written when a deadline passes; the page still says so at once.
    soon = package_with_questions(
        gathering=cast.gathering,
        title="Pakke med frist om en time",
        deadline=timezone.now() + datetime.timedelta(hours=1),
    )
    assert "fristen har gått ut" not in _cell(_matrix(client, cast), soon, cast.team_a)
    later = timezone.now() + datetime.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "fristen har gått ut" in _cell(_matrix(client, cast), soon, cast.team_a)
    assert "deadline passed" in _cell(_matrix(client, cast, "en"), soon, cast.team_a)


def test_the_cached_matrix_never_shows_one_persons_forms_to_another(cast, package, client):
    """The project group's copy has the remind forms, with each reader's own CSRF token; an
    observer's has none, whoever fills the cache first."""
    from django.test import Client

    observer = Client(enforce_csrf_checks=True)
    observer.force_login(cast.observer)
    manager = Client(enforce_csrf_checks=True)
    manager.force_login(cast.project_group)
    other_manager = Client(enforce_csrf_checks=True)
    other_manager.force_login(NetworkRoleFactory(network=cast.network).user)

    assert "/remind/" not in _matrix(observer, cast)
    pages = {c: _matrix(c, cast) for c in (manager, other_manager)}
    remind = _url("response-remind", cast, package, team_pk=cast.team_b.pk)
    assert all(remind in page for page in pages.values())
    tokens = {c: page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0] for c, page in pages.items()}
    assert tokens[manager] != tokens[other_manager]
    assert "csrf-input" not in pages[manager]
    # The token in the cached page is the reader's own: the form posts.
    response = manager.post(remind, {"csrfmiddlewaretoken": tokens[manager]})
    assert response.status_code == 302
    assert "/remind/" not in _matrix(observer, cast)


def test_the_cached_matrix_costs_one_query_for_its_data(cast, package, client):
    client.force_login(cast.project_group)
    with CaptureQueriesContext(connection) as miss:
        _matrix(client, cast)
    with CaptureQueriesContext(connection) as hit:
        _matrix(client, cast)
    assert len(hit.captured_queries) == len(miss.captured_queries) - 4  # the stamp, without the matrix's four


# --- The cached answers side by side --------------------------------------------------------------
def test_the_cached_answers_side_by_side_are_never_stale_and_never_another_persons(cast, package, client):
    """Rendered once per state of the answers and per set of teams the reader may read: the
    project group's copy (with drafts) never reaches an observer, and each change shows at once."""
    from packages.services import answer_save, response_submit
    from teams.models import Team

    question = _questions(package)[0]
    url = _url("question-answers", cast, package, question_pk=question.pk)
    client.force_login(cast.project_group)
    assert DRAFT_TEXT in client.get(url).content.decode()  # fills the cache with the drafts
    client.force_login(cast.observer)
    observer_page = client.get(url).content.decode()
    assert SUBMITTED_TEXT in observer_page and DRAFT_TEXT not in observer_page

    client.force_login(cast.project_group)
    draft = Response.objects.get(package=package, team=cast.team_b)
    answer = Answer.objects.get(response=draft, question=question)
    answer_save(
        response=draft, question=question, value="Vi har et brukerråd nå.", base_version=answer.version, by=None
    )
    page = client.get(url).content.decode()
    assert "Vi har et brukerråd nå." in page and DRAFT_TEXT not in page
    client.cookies["django_language"] = "en"
    assert "Vi har et brukerråd nå." in client.get(url).content.decode()
    del client.cookies["django_language"]

    team = Team.objects.get(pk=cast.team_a.pk)
    team.name = "Fosen og Ørland"
    team.save()
    assert "Fosen og Ørland" in client.get(url).content.decode()

    response_submit(response=Response.objects.get(pk=draft.pk), by=None)
    client.force_login(cast.observer)
    assert "Vi har et brukerråd nå." in client.get(url).content.decode()  # submitted: the observer reads it now
