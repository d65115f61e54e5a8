"""Follow-up between gatherings: team meetings with minutes and tasks, and supervision."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditLogEntry
from teams.forms import supervision_offer_summary
from teams.models import MeetingTask, SupervisionOffer, TeamMeeting
from teams.selectors import supervision_offer_list
from teams.services import (
    MeetingTaskInput,
    supervision_offer_create,
    supervision_session_record,
    team_meeting_create,
    team_meeting_update,
)
from tests.learningnet.factories import UserFactory
from tests.teams.factories import MeetingTaskFactory, SupervisionOfferFactory, TeamMeetingFactory

pytestmark = pytest.mark.django_db

MINUTES = "Vi gikk gjennom kartleggingen av brukermedvirkning og ble enige om å prøve ut nye samtaleskjema."


def _team_page(cast):
    return reverse("networks:team-detail", kwargs={"slug": cast.network.slug, "pk": cast.team_a.pk})


def _url(name, cast, team=None, **kwargs):
    team = team or cast.team_a
    return reverse(f"teams:{name}", kwargs={"slug": cast.network.slug, "pk": team.pk, **kwargs})


def _meeting_post(tasks=(), initial=0, **fields):
    data = {
        "held_on": "2026-10-06",
        "title": "Teammøte i oktober",
        "minutes": MINUTES,
        "next_meeting_on": "2026-11-03",
        "tasks-TOTAL_FORMS": str(max(len(tasks), 3)),
        "tasks-INITIAL_FORMS": str(initial),
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "30",
        **fields,
    }
    for i, task in enumerate(tasks):
        data.update({f"tasks-{i}-{key}": value for key, value in task.items()})
    return data


# --- Meetings -------------------------------------------------------------------------------------
def test_team_member_logs_a_meeting_and_the_whole_team_sees_minutes_and_tasks(cast, client):
    client.force_login(cast.team_member)
    response = client.post(
        _url("meeting-create", cast),
        _meeting_post(
            tasks=[
                {"description": "Lage utkast til brukerundersøkelse", "responsible": cast.coordinator.pk},
                {"description": "Avtale møte med NAV", "responsible_note": "NAV-kontakten", "due_on": "2026-10-27"},
            ]
        ),
    )
    meeting = TeamMeeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("meeting-detail", cast, meeting_pk=meeting.pk)
    assert meeting.team == cast.team_a and meeting.created_by == cast.team_member
    tasks = list(meeting.tasks.all())
    assert [t.description for t in tasks] == ["Lage utkast til brukerundersøkelse", "Avtale møte med NAV"]
    assert tasks[0].responsible == cast.coordinator
    assert tasks[1].responsible_note == "NAV-kontakten" and tasks[1].due_on == datetime.date(2026, 10, 27)
    assert AuditLogEntry.objects.filter(action="teams.meeting.created", object_id=meeting.pk).exists()

    # Not only the coordinator: every member of the team, and those who follow the network, read it.
    for user in (cast.coordinator, cast.team_member, cast.project_group, cast.observer):
        client.force_login(user)
        page = client.get(_url("meeting-detail", cast, meeting_pk=meeting.pk)).content.decode()
        assert MINUTES in page
        assert "Lage utkast til brukerundersøkelse" in page and "Avtale møte med NAV" in page
        listing = client.get(_url("meeting-list", cast)).content.decode()
        assert "Teammøte i oktober" in listing and "Avtale møte med NAV" in listing
        team_page = client.get(_team_page(cast)).content.decode()
        assert "Teammøte i oktober" in team_page and "Lage utkast til brukerundersøkelse" in team_page


def test_member_of_another_team_gets_404(cast, client):
    meeting = TeamMeetingFactory(team=cast.team_a)
    client.force_login(cast.other_team_member)
    for url in (
        _url("meeting-list", cast),
        _url("meeting-detail", cast, meeting_pk=meeting.pk),
        _url("meeting-create", cast),
        _url("supervision", cast),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(_url("meeting-create", cast), _meeting_post()).status_code == 404
    assert TeamMeeting.objects.count() == 1


def test_meeting_of_another_team_is_not_found_through_my_team(cast, client):
    other = TeamMeetingFactory(team=cast.team_b)
    task = MeetingTaskFactory(meeting=other)
    client.force_login(cast.coordinator)
    assert client.get(_url("meeting-detail", cast, meeting_pk=other.pk)).status_code == 404
    assert client.get(_url("meeting-edit", cast, meeting_pk=other.pk)).status_code == 404
    toggle = _url("meeting-task-toggle", cast, meeting_pk=other.pk, task_pk=task.pk)
    assert client.post(toggle, {"done": "1"}).status_code == 404
    task.refresh_from_db()
    assert not task.done


def test_validation_error_keeps_what_was_typed(cast, client):
    client.force_login(cast.coordinator)
    response = client.post(
        _url("meeting-create", cast),
        _meeting_post(
            next_meeting_on="2026-10-01",  # before the meeting itself
            tasks=[{"description": "Sende ut referat til kommunene"}],
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert MINUTES in page
    assert "Sende ut referat til kommunene" in page
    assert 'value="Teammøte i oktober"' in page
    assert "next_meeting_on" in response.context["form"].errors
    assert TeamMeeting.objects.count() == 0


def test_task_without_description_is_an_error_but_blank_rows_are_ignored(cast, client):
    client.force_login(cast.coordinator)
    response = client.post(
        _url("meeting-create", cast), _meeting_post(tasks=[{"responsible_note": "Fastlegen", "due_on": "2026-10-20"}])
    )
    assert response.status_code == 400
    assert "Fastlegen" in response.content.decode()
    assert response.context["formset"].forms[0].errors["description"]
    assert client.post(_url("meeting-create", cast), _meeting_post()).status_code == 302
    assert TeamMeeting.objects.get().tasks.count() == 0


def test_readers_cannot_log_meetings(cast, client):
    for user in (cast.project_group, cast.observer):
        client.force_login(user)
        assert client.post(_url("meeting-create", cast), _meeting_post()).status_code == 403
    assert TeamMeeting.objects.count() == 0


def test_edit_changes_adds_and_removes_tasks(cast, client):
    meeting = team_meeting_create(
        team=cast.team_a,
        held_on=datetime.date(2026, 10, 6),
        title="Teammøte",
        minutes="Første utkast.",
        by=cast.coordinator,
        tasks=[MeetingTaskInput(description="Beholdes"), MeetingTaskInput(description="Fjernes")],
    )
    keep, remove = meeting.tasks.all()
    client.force_login(cast.team_member)
    edit_url = _url("meeting-edit", cast, meeting_pk=meeting.pk)
    form = client.get(edit_url)
    assert form.status_code == 200 and "Første utkast." in form.content.decode()

    response = client.post(
        edit_url,
        _meeting_post(
            initial=2,
            minutes="Referatet er fullført.",
            tasks=[
                {"id": keep.pk, "description": "Beholdes, men endret", "done": "on"},
                {"id": remove.pk, "description": "Fjernes", "DELETE": "on"},
                {"description": "Ny oppgave", "responsible": cast.team_member.pk},
            ],
        ),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "Referatet er fullført."
    assert [(t.pk, t.description, t.done) for t in meeting.tasks.all()] == [
        (keep.pk, "Beholdes, men endret", True),
        (meeting.tasks.last().pk, "Ny oppgave", False),
    ]
    assert not MeetingTask.objects.filter(pk=remove.pk).exists()
    entry = AuditLogEntry.objects.get(action="teams.meeting.changed")
    assert entry.user == cast.team_member and entry.data["tasks_removed"] == 1


def test_team_member_marks_a_task_done_and_readers_cannot(cast, client):
    task = MeetingTaskFactory(meeting=TeamMeetingFactory(team=cast.team_a))
    url = _url("meeting-task-toggle", cast, meeting_pk=task.meeting_id, task_pk=task.pk)
    client.force_login(cast.observer)
    assert client.post(url, {"done": "1"}).status_code == 403
    client.force_login(cast.team_member)
    assert client.post(url, {"done": "1"}).status_code == 302
    assert client.post(url, {"done": "1"}).status_code == 302  # a double click does not flip it back
    task.refresh_from_db()
    assert task.done
    assert AuditLogEntry.objects.filter(action="teams.meeting_task.done").count() == 1
    client.post(url, {"done": "0"})
    task.refresh_from_db()
    assert not task.done


def test_services_guard_tasks(cast):
    meeting = TeamMeetingFactory(team=cast.team_a)
    foreign = MeetingTaskFactory(meeting=TeamMeetingFactory(team=cast.team_b))
    with pytest.raises(ValidationError):
        team_meeting_update(
            meeting=meeting,
            held_on=meeting.held_on,
            title=meeting.title,
            tasks=[MeetingTaskInput(description="Kapret", pk=foreign.pk)],
        )
    with pytest.raises(ValidationError):
        team_meeting_create(
            team=cast.team_a,
            held_on=datetime.date(2026, 10, 6),
            title="Teammøte",
            tasks=[MeetingTaskInput(description="Utenfor teamet", responsible=UserFactory())],
        )
    with pytest.raises(ValidationError):
        team_meeting_create(
            team=cast.team_a,
            held_on=datetime.date(2026, 10, 6),
            next_meeting_on=datetime.date(2026, 10, 5),
            title="Teammøte",
        )
    foreign.refresh_from_db()
    assert foreign.description != "Kapret"


def _meeting_list_queries(client, cast, n_meetings: int) -> int:
    TeamMeeting.objects.filter(team=cast.team_a).delete()
    for i in range(n_meetings):
        meeting = TeamMeetingFactory(team=cast.team_a, created_by=cast.coordinator, title=f"Møte nr. {i}")
        MeetingTaskFactory(meeting=meeting, responsible=cast.team_member)
        MeetingTaskFactory(meeting=meeting, responsible=cast.coordinator)
        MeetingTaskFactory(meeting=meeting, done=True)
    client.force_login(cast.team_member)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(_url("meeting-list", cast))
    assert response.status_code == 200
    assert response.content.decode().count("Møte nr. ") == n_meetings
    return len(ctx.captured_queries)


def test_meeting_list_query_count_is_constant(cast, client):
    few = _meeting_list_queries(client, cast, 2)
    many = _meeting_list_queries(client, cast, 20)
    assert few == many, (few, many)


# --- Supervision ----------------------------------------------------------------------------------
def _offer_post(**fields):
    return {"action": "offer", "offer-sessions_offered": "2", "offer-hours_per_session": "2.0", **fields}


def _session_post(offer, **fields):
    return {"action": "session", "session-offer": offer.pk, "session-held_on": "2026-10-14", **fields}


def test_project_group_offers_two_times_two_hours_and_records_one_used(cast, client):
    client.force_login(cast.project_group)
    url = _url("supervision", cast)
    assert client.get(url).status_code == 200
    assert client.post(url, _offer_post(**{"offer-note": "Veiledning på forbedringsarbeidet"})).status_code == 302
    offer = SupervisionOffer.objects.get()
    assert (offer.team, offer.sessions_offered, offer.hours_per_session) == (cast.team_a, 2, Decimal("2.0"))
    assert offer.offered_by == cast.project_group
    assert offer.sessions.count() == 2 and not offer.sessions.filter(used=True).exists()

    assert client.post(url, _session_post(offer)).status_code == 302
    used = offer.sessions.filter(used=True)
    assert used.count() == 1
    assert used.get().held_on == datetime.date(2026, 10, 14) and used.get().hours == Decimal("2.0")
    assert AuditLogEntry.objects.filter(action="teams.supervision_session.recorded").count() == 1

    # The whole team sees the summary ("2 × 2 t tilbudt, 1 brukt") on the team page.
    summary = supervision_offer_summary(supervision_offer_list(team=cast.team_a).get())
    for user in (cast.coordinator, cast.team_member, cast.observer):
        client.force_login(user)
        assert summary in client.get(_team_page(cast)).content.decode()
        assert client.get(url).status_code == 200


def test_sessions_used_cannot_exceed_sessions_offered(cast, client):
    offer = supervision_offer_create(
        team=cast.team_a, sessions_offered=2, hours_per_session=Decimal("2"), by=cast.project_group
    )
    client.force_login(cast.project_group)
    url = _url("supervision", cast)
    assert client.post(url, _session_post(offer)).status_code == 302
    assert client.post(url, _session_post(offer, **{"session-hours": "1.5"})).status_code == 302
    response = client.post(url, _session_post(offer, **{"session-note": "En tredje gang"}))
    assert response.status_code == 400
    assert "En tredje gang" in response.content.decode()
    assert offer.sessions.filter(used=True).count() == 2
    with pytest.raises(ValidationError):
        supervision_session_record(offer=offer, held_on=datetime.date(2026, 11, 1))


def test_hours_must_be_more_than_zero(cast, client):
    client.force_login(cast.project_group)
    url = _url("supervision", cast)
    response = client.post(url, _offer_post(**{"offer-hours_per_session": "0", "offer-note": "Skrevet inn"}))
    assert response.status_code == 400
    assert "Skrevet inn" in response.content.decode()
    assert "hours_per_session" in response.context["offer_form"].errors
    offer = SupervisionOfferFactory(team=cast.team_a)
    offer.sessions.create(hours=offer.hours_per_session)
    assert client.post(url, _session_post(offer, **{"session-hours": "0"})).status_code == 400
    assert not offer.sessions.filter(used=True).exists()
    with pytest.raises(ValidationError):
        supervision_offer_create(team=cast.team_a, sessions_offered=2, hours_per_session=Decimal("0"))


def test_team_members_cannot_offer_supervision(cast, client):
    url = _url("supervision", cast)
    for user in (cast.team_member, cast.coordinator, cast.observer):
        client.force_login(user)
        assert client.get(url).status_code == 200
        assert client.post(url, _offer_post()).status_code == 403
    assert not SupervisionOffer.objects.exists()
    offer = SupervisionOfferFactory(team=cast.team_a)
    offer.sessions.create(hours=offer.hours_per_session)
    client.force_login(cast.team_member)
    assert client.post(url, _session_post(offer)).status_code == 403
    assert not offer.sessions.filter(used=True).exists()
