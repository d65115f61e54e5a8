"""No free text of the activity plan, the programs and the registrations stores a national identity
number (the one guard, core.identity, on every field; registration answers included)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import constants
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse

from core.models import AuditLogEntry
from gatherings.models import Activity, ProgramSession, Registration, SessionMaterial, SessionSpeaker
from gatherings.services import (
    activity_save,
    program_copy,
    program_generate_presentations,
    program_session_save,
    registration_save,
)
from tests.networks.factories import GatheringFactory, ProgramSessionFactory

pytestmark = pytest.mark.django_db

NUMBER = "010190-10046"  # a valid fødselsnummer (01019010046) written with a dash
DIGITS = "10046"  # what is left of it in any spelling
REFUSED = "Dette ser ut som et fødselsnummer eller D-nummer."


def _stored() -> list[str]:
    """Every place of this app where the number could have ended up."""
    text = ["title", "description", "venue", "target_groups", "responsible_note", "notes"]
    checks = {
        "Activity": Activity.objects.filter(
            Q(*[Q(**{f"{f}__contains": DIGITS}) for f in text], _connector=Q.OR)
            | Q(registration_questions__icontains=DIGITS)
        ),
        "ProgramSession": ProgramSession.objects.filter(
            Q(title__contains=DIGITS) | Q(description__contains=DIGITS) | Q(room__contains=DIGITS)
        ),
        "SessionSpeaker": SessionSpeaker.objects.filter(Q(name__contains=DIGITS) | Q(organisation__contains=DIGITS)),
        "SessionMaterial": SessionMaterial.objects.filter(title__contains=DIGITS),
        "Registration": Registration.objects.filter(answers__icontains=DIGITS),
        "AuditLogEntry": AuditLogEntry.objects.filter(data__icontains=DIGITS),
    }
    return [name for name, rows in checks.items() if rows.exists()]


def _activity(**fields):
    return {
        "kind": "koordinatorsamling",
        "title": "Koordinatorsamling",
        "starts_on": "2026-12-10",
        "ends_on": "2026-12-10",
        "mode": "fysisk",
        "status": "planlagt",
        **fields,
    }


def _session(cast, **fields):
    return {
        "day": cast.gathering.starts_on.isoformat(),
        "start_time": "10:00",
        "end_time": "10:45",
        "kind": "plenum",
        "title": "Innlegg om samhandling",
        "room": "",
        **fields,
    }


def _open_registration(cast):
    cast.activity.registration_open = True
    cast.activity.registration_questions = ["Matbehov"]
    cast.activity.save()
    return {"slug": cast.network.slug, "pk": cast.activity.pk}


def _plan(cast):
    return {"slug": cast.network.slug}


def _activity_pk(cast):
    return {"slug": cast.network.slug, "pk": cast.activity.pk}


def _gathering(cast):
    return {"slug": cast.network.slug, "pk": cast.gathering.pk}


# (role, url name, URL kwargs from the cast, POST data from the cast)
VIEW_CASES = {
    "activity title": ("project_group", "activity-create", _plan, lambda c: _activity(title=f"Møte {NUMBER}")),
    "activity description": ("project_group", "activity-create", _plan, lambda c: _activity(description=NUMBER)),
    "activity venue": ("project_group", "activity-create", _plan, lambda c: _activity(venue=f"Hos {NUMBER}")),
    "activity target groups": ("project_group", "activity-create", _plan, lambda c: _activity(target_groups=NUMBER)),
    "activity responsible (others)": (
        "project_group",
        "activity-create",
        _plan,
        lambda c: _activity(responsible_note=f"Pårørende til {NUMBER}"),
    ),
    "activity notes": ("project_group", "activity-create", _plan, lambda c: _activity(notes=f"Om {NUMBER}")),
    "activity registration questions": (
        "project_group",
        "activity-create",
        _plan,
        lambda c: _activity(registration_questions_text=f"Matbehov\nGjelder {NUMBER}?"),
    ),
    "activity title (edit)": (
        "project_group",
        "activity-edit",
        _activity_pk,
        lambda c: _activity(kind="webinar", title=f"Webinar {NUMBER}"),
    ),
    "session title": ("project_group", "session-create", _gathering, lambda c: _session(c, title=f"Om {NUMBER}")),
    "session description": ("project_group", "session-create", _gathering, lambda c: _session(c, description=NUMBER)),
    "session room": ("project_group", "session-create", _gathering, lambda c: _session(c, room=f"Sal {NUMBER}")),
    "session external speakers": (
        "project_group",
        "session-create",
        _gathering,
        lambda c: _session(c, external_speakers=f"Kari Lie, NAPHA\nBruker {NUMBER}, NAV"),
    ),
    "session material title": (
        "project_group",
        "session-create",
        _gathering,
        lambda c: _session(c, material_url="https://example.org/lysark", material_title=f"Lysark {NUMBER}"),
    ),
    "presentation rooms": (
        "project_group",
        "program-presentations",
        _gathering,
        lambda c: {"start_time": "13:00", "minutes_per_team": "20", "rooms": f"Sal A, {NUMBER}"},
    ),
    "registration answer": (
        "coordinator",
        "activity-register",
        _open_registration,
        lambda c: {"team": c.team_a.pk, "q0": f"Følger {NUMBER}"},
    ),
}


@pytest.mark.parametrize("case", list(VIEW_CASES))
def test_a_view_refuses_an_identity_number_keeps_the_input_and_stores_nothing(cast, client, case):
    role, name, kwargs, data = VIEW_CASES[case]
    url = reverse(f"gatherings:{name}", kwargs=kwargs(cast))
    client.force_login(cast.role(role))
    response = client.post(url, data(cast))
    assert response.status_code == 400
    page = response.content.decode()
    assert REFUSED in page
    assert NUMBER in page  # nothing typed is lost
    assert _stored() == []


def _new_session(cast):
    return ProgramSession(
        gathering=cast.gathering,
        day=cast.gathering.starts_on,
        start_time=datetime.time(10),
        end_time=datetime.time(11),
        title="Innlegg",
    )


def _open(cast):
    _open_registration(cast)
    return cast.activity


# Services called without a form refuse it too.
SERVICE_CASES = {
    "activity notes": lambda c: activity_save(
        activity=Activity(
            network=c.network,
            kind=Activity.Kind.WEBINAR,
            title="Webinar",
            starts_on=datetime.date(2026, 12, 10),
            ends_on=datetime.date(2026, 12, 10),
            notes=NUMBER,
        ),
        by=None,
    ),
    "speaker name": lambda c: program_session_save(session=_new_session(c), by=None, speakers=[{"name": NUMBER}]),
    "speaker organisation": lambda c: program_session_save(
        session=_new_session(c), by=None, speakers=[{"name": "Kari Lie", "organisation": f"NAV {NUMBER}"}]
    ),
    "material title": lambda c: program_session_save(
        session=_new_session(c), by=None, material={"title": NUMBER, "url": "https://example.org/a"}
    ),
    "presentation rooms": lambda c: program_generate_presentations(
        gathering=c.gathering, start_time=datetime.time(13), minutes_per_team=20, rooms=["Sal A", NUMBER], by=None
    ),
    "registration answer": lambda c: registration_save(
        activity=_open(c), user=c.coordinator, answers={"Matbehov": f"Følger {NUMBER}"}
    ),
    "registration question as key": lambda c: registration_save(
        activity=_open(c), user=c.coordinator, answers={f"Gjelder {NUMBER}?": "Ja"}
    ),
}


@pytest.mark.parametrize("case", list(SERVICE_CASES))
def test_a_service_refuses_an_identity_number_and_stores_nothing(cast, case):
    with pytest.raises(ValidationError) as exc:
        SERVICE_CASES[case](cast)
    assert REFUSED in " ".join(exc.value.messages)
    assert _stored() == []


@pytest.mark.parametrize("where", ["title", "speaker"])
def test_copying_an_older_program_holding_a_number_is_refused(cast, client, where):
    earlier = GatheringFactory(
        network=cast.network, number=2, starts_on=datetime.date(2026, 1, 14), ends_on=datetime.date(2026, 1, 15)
    )
    session = ProgramSessionFactory(gathering=earlier, title="Innlegg")
    # Rows written before every text was checked (an update bypasses the validators).
    if where == "title":
        ProgramSession.objects.filter(pk=session.pk).update(title=f"Om {NUMBER}")
    else:
        SessionSpeaker.objects.bulk_create([SessionSpeaker(session=session, name=NUMBER)])
    with pytest.raises(ValidationError):
        program_copy(source=earlier, target=cast.gathering, by=None)
    client.force_login(cast.project_group)
    url = reverse("gatherings:program-copy", kwargs=_gathering(cast))
    response = client.post(url, {"source": earlier.pk}, follow=True)
    [message] = response.context["messages"]
    assert message.level == constants.ERROR and message.message.startswith(REFUSED)
    assert not cast.gathering.sessions.exclude(pk=cast.session.pk).exists()
