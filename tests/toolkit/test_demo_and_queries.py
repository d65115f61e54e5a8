"""The toolkit's demo records (F-01 reproduces the toolkit's worked example) and the cost of the
team page's selector, which must not grow with the number of people."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.identity import looks_like_full_name
from core.models import AuditLogEntry
from learningnet.demo.toolkit import synthetic_records
from teams.models import Team
from tests.teams.factories import TeamFactory
from toolkit import scoring, selectors
from toolkit.models import (
    Checklist,
    ChecklistAnswer,
    ChecklistItem,
    ChecklistTemplate,
    Conversation,
    LifeArea,
    PlanItem,
    Score,
    ServiceUser,
)

pytestmark = pytest.mark.django_db

TOOLKIT_MODELS = (
    ServiceUser,
    LifeArea,
    Conversation,
    Score,
    PlanItem,
    ChecklistTemplate,
    ChecklistItem,
    Checklist,
    ChecklistAnswer,
    AuditLogEntry,
)


@pytest.fixture
def demo(db, demo_database):
    """The demo, loaded once for this module (tests/conftest.py::demo_database)."""


def team(name: str) -> Team:
    return Team.objects.get(network__slug="trondelag-2019", name=name)


def test_f01_reproduces_the_worked_example(demo):
    f01 = ServiceUser.objects.get(team=team("Fosen"), code="F-01")
    record = selectors.service_user_record(service_user=f01)
    assert [record.grid[(a.pk, 1)] for a in record.areas] == [1, 4, 1, 2]
    assert scoring.one_decimal(record.averages[1]) == Decimal("2.0")  # 8 / 4 = 2,0
    assert scoring.one_decimal(record.averages[2]) == Decimal("5.0")
    assert scoring.one_decimal(record.benefit) == Decimal("3.0")  # opplevd nytte 5,0 − 2,0
    (figures,) = selectors.people_figures(service_users=ServiceUser.objects.filter(pk=f01.pk))
    assert (figures.first_average, figures.second_average, figures.benefit) == (2, 5, 3)
    latest = record.checklists[0]
    assert latest.points == 8 and latest.fidelity_percent == 80
    assert figures.fidelity == Decimal(80)
    assert len(record.plan) == 3


def test_the_demo_records_span_2020_and_2021_and_name_no_one(demo):
    for name, prefix in (("Fosen", "F-"), ("Værnes", "V-")):
        people = ServiceUser.objects.filter(team=team(name))
        assert 8 <= people.count() <= 12
        assert all(code.startswith(prefix) for code in people.values_list("code", flat=True))
        years = {
            d.year
            for d in Conversation.objects.filter(service_user__team=team(name)).values_list("held_on", flat=True)
        }
        assert years == {2020, 2021}
        figures = selectors.team_toolkit(team=team(name))
        assert all(3 <= len(p.service_user.areas.all()) <= 6 for p in figures.people)
        benefits = [p.benefit for p in figures.with_two_conversations]
        assert sum(b > 0 for b in benefits) > len(benefits) / 2  # mostly better, not all
        assert any(b <= 0 for b in benefits)
        assert Checklist.objects.filter(service_user__team=team(name)).exists()
    texts = [*LifeArea.objects.values_list("name", flat=True)]
    for measure, responsible, comment in PlanItem.objects.values_list("measure", "responsible", "comment"):
        texts += [measure, responsible, comment]
    texts += ChecklistItem.objects.values_list("text", flat=True)
    assert [t for t in texts if looks_like_full_name(t)] == []


def test_fosen_writes_its_own_checklist_items_and_vaernes_keeps_the_default(demo):
    fosen = Checklist.objects.filter(service_user__team=team("Fosen")).select_related("template")
    assert {c.template.team_id for c in fosen} == {team("Fosen").pk}
    assert ChecklistItem.objects.get(template__team=team("Fosen"), number=2).text.startswith("Samtalehjulet")
    assert not ChecklistTemplate.objects.filter(team=team("Værnes")).exists()
    assert {c.template.team_id for c in Checklist.objects.filter(service_user__team=team("Værnes"))} == {None}


def test_loading_the_demo_twice_changes_no_toolkit_row(demo):
    first = [m.objects.count() for m in TOOLKIT_MODELS]
    call_command("load_demo", allow_without_debug=True, verbosity=0)
    assert [m.objects.count() for m in TOOLKIT_MODELS] == first
    # The writes went through the services: the audit log has them, by a member of the team.
    entries = AuditLogEntry.objects.filter(action="toolkit.serviceuser.conversation_recorded")
    assert entries.count() == Conversation.objects.count()
    assert all(e.user.team_memberships.filter(team__name__in=["Fosen", "Værnes"]).exists() for e in entries[:5])


def queries_for(team: Team) -> int:
    with CaptureQueriesContext(connection) as ctx:
        result = selectors.team_toolkit(team=team)
        _ = (result.mean_benefit, result.improved_share, result.mean_fidelity, [m.benefit for m in result.months])
    return len(ctx.captured_queries)


def test_team_toolkit_costs_the_same_queries_for_10_and_200_people():
    small, large = TeamFactory(), TeamFactory()
    synthetic_records(team=small, people=10, conversations=5, months=24, start=datetime.date(2020, 1, 1))
    synthetic_records(team=large, people=200, conversations=5, months=24, start=datetime.date(2020, 1, 1))
    assert Conversation.objects.filter(service_user__team=large).count() == 1000
    held = Conversation.objects.filter(service_user__team=large).values_list("held_on", flat=True)
    assert (max(held) - min(held)).days < 24 * 31
    result = selectors.team_toolkit(team=large)
    assert len(result.people) == 200 and len(result.months) > 12
    assert queries_for(small) == queries_for(large)
