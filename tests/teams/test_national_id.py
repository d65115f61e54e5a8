"""No free text of the follow-up between gatherings stores a national identity number: meetings,
their tasks, supervision notes, and teams (the one guard, core.identity, on every field)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import AuditLogEntry
from teams.models import MeetingTask, SupervisionOffer, SupervisionSession, Team, TeamMeeting
from teams.services import (
    MeetingTaskInput,
    supervision_offer_create,
    supervision_session_record,
    team_meeting_create,
    team_meeting_update,
    team_upsert,
)
from tests.teams.factories import TeamMeetingFactory

pytestmark = pytest.mark.django_db

NUMBER = "010190-10046"  # a valid fødselsnummer (01019010046) written with a dash
DIGITS = "10046"  # what is left of it in any spelling
REFUSED = "Dette ser ut som et fødselsnummer eller D-nummer."


def _stored() -> list[str]:
    """Every place of this app where the number could have ended up."""
    found = []
    for model, fields in [
        (Team, ["name", "improvement_area"]),
        (TeamMeeting, ["title", "minutes"]),
        (MeetingTask, ["description", "responsible_note"]),
        (SupervisionOffer, ["note"]),
        (SupervisionSession, ["note"]),
    ]:
        for field in fields:
            if model.objects.filter(**{f"{field}__contains": DIGITS}).exists():
                found.append(f"{model.__name__}.{field}")
    if AuditLogEntry.objects.filter(data__icontains=DIGITS).exists():
        found.append("AuditLogEntry.data")
    return found


def _url(name, cast, **kwargs):
    return reverse(f"teams:{name}", kwargs={"slug": cast.network.slug, "pk": cast.team_a.pk, **kwargs})


def _meeting(tasks=(), **fields):
    data = {
        "held_on": "2026-10-06",
        "title": "Teammøte i oktober",
        "minutes": "Vi gikk gjennom kartleggingen.",
        "next_meeting_on": "2026-11-03",
        "tasks-TOTAL_FORMS": "3",
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "30",
        **fields,
    }
    for i, task in enumerate(tasks):
        data.update({f"tasks-{i}-{key}": value for key, value in task.items()})
    return data


def _offer(cast):
    return supervision_offer_create(team=cast.team_a, sessions_offered=2, hours_per_session=Decimal("2"))


# (role, url name, POST data from the cast); every field gets the number inside an ordinary sentence.
VIEW_CASES = {
    "meeting title": ("coordinator", "meeting-create", lambda c: _meeting(title=f"Møte om {NUMBER}")),
    "meeting minutes": ("team_member", "meeting-create", lambda c: _meeting(minutes=f"Bruker {NUMBER} ringte.")),
    "task description": (
        "team_member",
        "meeting-create",
        lambda c: _meeting(tasks=[{"description": f"Ringe tilbake til {NUMBER}"}]),
    ),
    "task responsible (others)": (
        "coordinator",
        "meeting-create",
        lambda c: _meeting(tasks=[{"description": "Ringe tilbake", "responsible_note": f"Pårørende til {NUMBER}"}]),
    ),
    "supervision offer note": (
        "project_group",
        "supervision",
        lambda c: {
            "action": "offer",
            "offer-sessions_offered": "2",
            "offer-hours_per_session": "2.0",
            "offer-note": f"Gjelder {NUMBER}",
        },
    ),
    "supervision session note": (
        "project_group",
        "supervision",
        lambda c: {
            "action": "session",
            "session-offer": _offer(c).pk,
            "session-held_on": "2026-10-14",
            "session-note": f"Drøftet {NUMBER}",
        },
    ),
}


@pytest.mark.parametrize("case", list(VIEW_CASES))
def test_a_view_refuses_an_identity_number_keeps_the_input_and_stores_nothing(cast, client, case):
    role, name, data = VIEW_CASES[case]
    client.force_login(cast.role(role))
    response = client.post(_url(name, cast), data(cast))
    assert response.status_code == 400
    page = response.content.decode()
    assert REFUSED in page
    assert NUMBER in page  # nothing typed is lost
    assert _stored() == []


def _task(description="Ringe tilbake", note=""):
    return MeetingTaskInput(description=description, responsible_note=note)


def _existing_meeting(cast):
    return TeamMeetingFactory(team=cast.team_a, title="Teammøte", minutes="Referat")


# Services called without a form (imports, other apps, the shell) refuse it too.
SERVICE_CASES = {
    "team name": lambda c: team_upsert(network=c.network, name=f"Team {NUMBER}"),
    "team improvement area": lambda c: team_upsert(
        network=c.network, name="Namdal", improvement_area=f"Oppfølging av {NUMBER}"
    ),
    "meeting title": lambda c: team_meeting_create(
        team=c.team_a, held_on=datetime.date(2026, 10, 6), title=f"Møte {NUMBER}"
    ),
    "meeting minutes (update)": lambda c: team_meeting_update(
        meeting=_existing_meeting(c), held_on=datetime.date(2026, 10, 6), title="Teammøte", minutes=NUMBER
    ),
    "task description": lambda c: team_meeting_create(
        team=c.team_a, held_on=datetime.date(2026, 10, 6), title="Møte", tasks=[_task(description=NUMBER)]
    ),
    "task responsible (others)": lambda c: team_meeting_update(
        meeting=_existing_meeting(c), held_on=datetime.date(2026, 10, 6), title="Teammøte", tasks=[_task(note=NUMBER)]
    ),
    "supervision offer note": lambda c: supervision_offer_create(
        team=c.team_a, sessions_offered=2, hours_per_session=Decimal("2"), note=NUMBER
    ),
    "supervision session note": lambda c: supervision_session_record(
        offer=_offer(c), held_on=datetime.date(2026, 10, 14), note=NUMBER
    ),
}


@pytest.mark.parametrize("case", list(SERVICE_CASES))
def test_a_service_refuses_an_identity_number_and_stores_nothing(cast, case):
    with pytest.raises(ValidationError) as exc:
        SERVICE_CASES[case](cast)
    assert REFUSED in " ".join(exc.value.messages)
    assert _stored() == []
