"""The toolkit seen from above (figures per team, the five-respondent rule), the team's own wording of
the checklist, and «Min plan» printed for the person."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from teams.models import TeamMembership
from tests.learningnet.factories import UserFactory
from tests.teams.factories import TeamFactory, TeamMembershipFactory
from tests.toolkit.factories import LifeAreaFactory, ServiceUserFactory, scored
from toolkit.models import Checklist, ChecklistTemplate, PlanItem
from toolkit.selectors import MIN_RESPONDENTS
from toolkit.services import checklist_default_template, checklist_template_for

pytestmark = pytest.mark.django_db

FIRST = datetime.date(2025, 3, 4)
SECOND = datetime.date(2025, 5, 6)


def _network_url(cast) -> str:
    return reverse("toolkit:network", kwargs={"slug": cast.network.slug})


def _checklist_url(cast, team=None) -> str:
    return reverse("toolkit:checklist-template", kwargs={"slug": cast.network.slug, "pk": (team or cast.team_a).pk})


def _plan_url(cast, person, team=None) -> str:
    return reverse(
        "reports:toolkit-plan-pdf",
        kwargs={"slug": cast.network.slug, "pk": (team or cast.team_a).pk, "person_pk": person.pk},
    )


def _followed(team, code: str, first: int, second: int | None = None, *, points: int | None = None):
    """A person scored `first` on two areas at the 1st conversation (and `second` at the 2nd)."""
    person = ServiceUserFactory(team=team, code=code)
    scored(person, 1, FIRST, {"Bolig": first, "Arbeid": first})
    if second is not None:
        scored(person, 2, SECOND, {"Bolig": second, "Arbeid": second})
    if points is not None:
        Checklist.objects.create(
            service_user=person, template=checklist_default_template(), filled_on=SECOND, points=points
        )
    return person


def _figures(response, team):
    return next(t for t in response.context["teams"] if t.team == team)


# --- The network page -------------------------------------------------------------------------------
def test_network_page_is_for_those_who_read_across_the_network(cast, client):
    url = _network_url(cast)
    for role, status in [
        ("project_group", 200),
        ("observer", 200),
        ("working_group", 200),
        ("coordinator", 403),  # they see their own figures on their team's toolkit page
        ("team_member", 403),
        ("other_team_member", 403),
        ("outsider", 404),
        ("superuser", 404),
    ]:
        client.force_login(getattr(cast, role))
        assert client.get(url).status_code == status, role


def test_network_page_shows_figures_per_team_never_a_code(cast, client):
    # Team A: five people with two conversations (four improved by 3, one got worse by 1).
    for i in range(4):
        _followed(cast.team_a, f"FOSEN-{i}", 2, 5, points=8)
    _followed(cast.team_a, "FOSEN-4", 4, 3, points=6)
    _followed(cast.team_a, "FOSEN-5", 6)  # only a 1st conversation so far
    client.force_login(cast.project_group)
    response = client.get(_network_url(cast))
    assert response.status_code == 200
    html = response.content.decode()
    assert "FOSEN-" not in html  # never a person's code

    a = _figures(response, cast.team_a)
    assert (a.followed, a.with_first, a.with_two, a.with_checklist) == (6, 6, 5, 5)
    assert a.means_shown
    assert a.mean_benefit == Decimal("2.2")  # (3 + 3 + 3 + 3 − 1) / 5
    assert a.improved_share == Decimal(80)
    assert a.mean_fidelity == Decimal("76")  # (80 × 4 + 60) / 5
    assert "2,2" in html and "80 %" in html and "76 %" in html
    [may] = a.months
    assert (may.month, may.people, may.checklists) == (datetime.date(2025, 5, 1), 5, 5)
    assert may.benefit == Decimal("2.2") and may.fidelity == Decimal("76")
    # The figures hold no person at all: nothing for a template to leak.
    assert not hasattr(a, "people")


def test_fewer_than_five_with_two_conversations_shows_counts_but_no_means(cast, client):
    for i in range(MIN_RESPONDENTS - 1):
        _followed(cast.team_b, f"VAERNES-{i}", 3, 9, points=10)
    client.force_login(cast.observer)
    response = client.get(_network_url(cast))
    html = response.content.decode()
    b = _figures(response, cast.team_b)
    assert (b.followed, b.with_two, b.with_checklist) == (4, 4, 4)
    assert not b.means_shown
    assert b.mean_benefit is b.improved_share is b.mean_fidelity is None
    [may] = b.months
    assert (may.people, may.checklists) == (4, 4)
    assert may.benefit is may.improved_share is may.fidelity is None
    # The mean (6,0) and the share (100 %) of four people are nowhere on the page.
    assert "6,0" not in html and "100 %" not in html
    assert "VAERNES-" not in html
    # The rule is stated on the page.
    assert str(MIN_RESPONDENTS) in html


def test_a_team_with_five_but_a_month_with_fewer_hides_that_months_means(cast, client):
    for i in range(MIN_RESPONDENTS):
        _followed(cast.team_a, f"FOSEN-{i}", 2, 4)
    # Move one person's 2nd conversation to June: May has four, June one.
    person = cast.team_a.service_users.get(code="FOSEN-0")
    person.conversations.filter(number=2).update(held_on=datetime.date(2025, 6, 2))
    client.force_login(cast.project_group)
    a = _figures(client.get(_network_url(cast)), cast.team_a)
    assert a.means_shown and a.mean_benefit == Decimal(2)
    assert [(m.people, m.benefit) for m in a.months] == [(4, None), (1, None)]


def _network_page_queries(client, cast) -> int:
    client.force_login(cast.project_group)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(_network_url(cast))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_network_page_query_count_is_constant(cast, client):
    def fill(team, n):
        for i in range(2):
            _followed(team, f"{n}-{i}", 3, 6, points=7)

    fill(cast.team_a, "A")
    fill(cast.team_b, "B")
    two = _network_page_queries(client, cast)
    for n in range(18):
        fill(TeamFactory(network=cast.network, name=f"Team {n}"), f"T{n}")
    twenty = _network_page_queries(client, cast)
    assert two == twenty, (two, twenty)


def test_the_network_menu_has_the_toolkit_tab_for_readers_only(cast, client):
    url = cast.network.get_absolute_url()
    client.force_login(cast.project_group)
    assert _network_url(cast) in client.get(url).content.decode()
    client.force_login(cast.coordinator)
    assert _network_url(cast) not in client.get(url).content.decode()


# --- The team's checklist ---------------------------------------------------------------------------
def _texts(**overrides) -> dict[str, str]:
    return {f"item_{n}": f"Tiltak nummer {n}" for n in (2, 3, 4, 5, 6, 7, 8, 10)} | overrides


def test_checklist_page_shows_ten_items_with_1_and_9_fixed(cast, client):
    client.force_login(cast.team_member)
    response = client.get(_checklist_url(cast))
    assert response.status_code == 200
    html = response.content.decode()
    rows = response.context["rows"]
    assert [item.number for item, _field in rows] == list(range(1, 11))
    assert [item.number for item, field in rows if field is None] == [1, 9]
    assert 'name="item_2"' in html and 'name="item_10"' in html
    assert 'name="item_1"' not in html and 'name="item_9"' not in html
    assert "Gjennomsnittsscore fra 1. samtale" in html
    assert response.context["checklist_template"].version == 1


def test_saving_makes_a_new_version_and_old_checklists_keep_their_wording(cast, client):
    old = checklist_template_for(team=cast.team_a)
    person = ServiceUserFactory(team=cast.team_a)
    filled = Checklist.objects.create(service_user=person, template=old, filled_on=FIRST, points=5)
    client.force_login(cast.coordinator)

    response = client.post(_checklist_url(cast), _texts(item_3="Ansvarsgruppemøte holdt", item_1="Kapret"))
    assert response.status_code == 302
    new = checklist_template_for(team=cast.team_a)
    assert (new.team, new.version) == (cast.team_a, 1)
    texts = dict(new.items.values_list("number", "text"))
    assert texts[3] == "Ansvarsgruppemøte holdt"
    assert texts[1].startswith("Gjennomsnittsscore fra 1. samtale")  # item 1 is not the team's to write
    filled.refresh_from_db()
    assert filled.template == old
    assert old.items.get(number=3).text != "Ansvarsgruppemøte holdt"
    # Another team still has the default.
    assert checklist_template_for(team=cast.team_b) == old

    response = client.get(_checklist_url(cast))
    assert response.context["checklist_template"] == new
    assert 'value="Ansvarsgruppemøte holdt"' in response.content.decode()

    client.post(_checklist_url(cast), _texts(item_3="Ansvarsgruppemøte holdt", item_4="Plan skrevet"))
    assert checklist_template_for(team=cast.team_a).version == 2


def test_saving_without_changes_keeps_the_version(cast, client):
    client.force_login(cast.team_member)
    current = {f"item_{i.number}": i.text for i in checklist_template_for(team=cast.team_a).items.all()}
    current.pop("item_1"), current.pop("item_9")
    assert client.post(_checklist_url(cast), current).status_code == 302
    assert not ChecklistTemplate.objects.filter(team=cast.team_a).exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"item_5": ""},  # blank
        {"item_5": "x" * 301},  # too long
        {"item_5": "Gjelder 010190 10046"},  # a national identity number
    ],
)
def test_bad_input_re_renders_with_everything_typed_kept(cast, client, overrides):
    client.force_login(cast.team_member)
    data = _texts(item_2="Mitt eget punkt", **overrides)
    response = client.post(_checklist_url(cast), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Mitt eget punkt"' in html
    assert not ChecklistTemplate.objects.filter(team=cast.team_a).exists()
    assert "is-invalid" in html or "alert-danger" in html


def test_checklist_page_is_for_the_teams_own_members(cast, client):
    client.force_login(cast.project_group)
    assert client.get(_checklist_url(cast)).status_code == 403
    assert client.post(_checklist_url(cast), _texts()).status_code == 403
    client.force_login(cast.other_team_member)
    assert client.get(_checklist_url(cast)).status_code == 404
    assert client.post(_checklist_url(cast), _texts()).status_code == 404
    assert not ChecklistTemplate.objects.filter(team=cast.team_a).exists()


# --- «Min plan» ---------------------------------------------------------------------------------------
def _plan(team, code="B-07"):
    person = ServiceUserFactory(team=team, code=code)
    housing = LifeAreaFactory(service_user=person, name="Bolig", wants_help=True)
    LifeAreaFactory(service_user=person, name="Fritid", wants_help=False)
    LifeAreaFactory(service_user=person, name="Arbeid", wants_help=True)
    PlanItem.objects.create(
        service_user=person,
        area=housing,
        measure="Søke om kommunal bolig",
        responsible="Tildelingskontoret",
        due="innen mars",
        status=PlanItem.Status.ONGOING,
        comment="Vil helst bo nær sentrum.",
        order=1,
    )
    PlanItem.objects.create(service_user=person, measure="Møte med NAV om arbeidstrening", responsible="NAV", order=2)
    return person


def _pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_a_team_member_prints_the_persons_plan(cast, client):
    person = _plan(cast.team_a)
    other = _plan(cast.team_a, code="B-08")
    other.plan_items.update(measure="Noe helt annet")
    client.force_login(cast.team_member)
    response = client.get(_plan_url(cast, person))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf)
    for expected in [
        "B-07",
        "Søke om kommunal bolig",
        "Tildelingskontoret",
        "innen mars",
        "Vil helst bo nær sentrum.",
        "Møte med NAV om arbeidstrening",
        "Bolig",
        "Arbeid",
    ]:
        assert expected in text, expected
    assert "Fritid" not in text  # not an area the person wants help with
    assert "Noe helt annet" not in text and "B-08" not in text
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "nb"
    assert "B-07" in reader.metadata.title


def test_plan_pdf_without_measures_still_prints(cast, client):
    person = ServiceUserFactory(team=cast.team_a, code="C-01")
    client.force_login(cast.coordinator)
    response = client.get(_plan_url(cast, person))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "C-01" in _pdf_text(response.content)


def test_plan_pdf_is_only_for_the_persons_team(cast, client):
    person = _plan(cast.team_a)
    client.force_login(cast.project_group)
    assert client.get(_plan_url(cast, person)).status_code == 403
    client.force_login(cast.observer)
    assert client.get(_plan_url(cast, person)).status_code == 403
    client.force_login(cast.other_team_member)
    assert client.get(_plan_url(cast, person)).status_code == 404
    # Team B's member cannot reach team A's person through team B's URL either.
    assert client.get(_plan_url(cast, person, team=cast.team_b)).status_code == 404
    client.force_login(cast.outsider)
    assert client.get(_plan_url(cast, person)).status_code == 404


def test_a_former_team_member_no_longer_prints_the_plan(cast, client):
    person = _plan(cast.team_a)
    former = UserFactory()
    TeamMembershipFactory(
        team=cast.team_a,
        user=former,
        role=TeamMembership.Role.STAFF,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
    )
    client.force_login(former)
    assert client.get(_plan_url(cast, person)).status_code == 404
