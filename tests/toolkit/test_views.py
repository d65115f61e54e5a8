"""The team's toolkit pages: who gets in, what they show, and that nothing typed is lost."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from tests.toolkit.factories import LifeAreaFactory, ServiceUserFactory, scored
from toolkit import charts, services
from toolkit.models import Checklist, ChecklistAnswer, Conversation, LifeArea, PlanItem, Score, ServiceUser

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
FIRST_DAY = TODAY - datetime.timedelta(days=40)
SECOND_DAY = TODAY - datetime.timedelta(days=2)
FNR = "01019010046"  # a valid fødselsnummer (check digits right), made up
ID_MESSAGE = (
    "This looks like a national identity number (fødselsnummer or D-number). "
    "Never write who the person is: use the team's code for them."
)
SCORE_MESSAGE = "A score is a whole number from 1 (most difficult) to 10 (least difficult)."


def url(name, cast, person=None, **kwargs):
    kwargs = {"slug": cast.network.slug, "pk": cast.team_a.pk, **kwargs}
    if person is not None:
        kwargs["person_pk"] = person.pk
    return reverse(f"toolkit:{name}", kwargs=kwargs)


@pytest.fixture
def person(cast):
    """B-07 of team A: the toolkit's worked example (2,0 → 5,0), the 4th area added at the 2nd."""
    p = ServiceUserFactory(team=cast.team_a, code="B-07")
    scored(p, 1, FIRST_DAY, {"Bolig": 1, "Økonomi": 4, "Arbeid": 1, "Venner": 2})
    scored(p, 2, SECOND_DAY, {"Bolig": 5, "Økonomi": 6, "Arbeid": 4, "Venner": 5, "Fritid": 5})
    PlanItem.objects.create(service_user=p, measure="Søke kommunal bolig", responsible="NAV", order=1)
    return p


@pytest.fixture
def member(client, cast):
    client.force_login(cast.team_member)
    return client


def messages_of(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


# --- Who gets in ---------------------------------------------------------------------------------------
PAGES = [
    ("team", False, {}, 200),
    ("person-create", False, {}, 200),
    ("person", True, {}, 200),
    ("area-add", True, {}, 405),
    ("conversation-create", True, {}, 200),
    ("conversation-edit", True, {"number": 1}, 200),
    ("plan-create", True, {}, 200),
    ("checklist-create", True, {}, 200),
    ("person-close", True, {}, 405),
    ("person-reopen", True, {}, 405),
    ("person-delete", True, {}, 200),
]


@pytest.mark.parametrize(("name", "needs_person", "extra", "status"), PAGES)
def test_each_page_is_for_the_teams_members_only(name, needs_person, extra, status, client, cast, person):
    target = url(name, cast, person if needs_person else None, **extra)
    for user, expected in [
        (cast.team_member, status),
        (cast.coordinator, status),
        (cast.other_team_member, 404),
        (cast.outsider, 404),
        (cast.project_group, 403),
        (cast.observer, 403),
    ]:
        client.force_login(user)
        response = client.get(target)
        assert response.status_code == expected, (user, response.status_code)
        if expected in (403, 404):
            assert b"B-07" not in response.content
            assert b"Bolig" not in response.content


def test_plan_item_pages_are_for_the_teams_members_only(client, cast, person):
    item = person.plan_items.get()
    for name, status in [("plan-edit", 200), ("plan-delete", 405)]:
        target = url(name, cast, person, item_pk=item.pk)
        for user, expected in [(cast.team_member, status), (cast.other_team_member, 404), (cast.project_group, 403)]:
            client.force_login(user)
            assert client.get(target).status_code == expected


def test_project_group_gets_403_on_a_record_and_no_row_leaks(client, cast, person):
    client.force_login(cast.project_group)
    for target in (url("person", cast, person), url("team", cast)):
        response = client.get(target)
        assert response.status_code == 403
        for secret in (b"B-07", b"Bolig", b"kommunal bolig", b"2,0"):
            assert secret not in response.content
    # Writing is refused too, and changes nothing.
    response = client.post(url("person-delete", cast, person))
    assert response.status_code == 403
    assert ServiceUser.objects.filter(pk=person.pk).exists()


def test_a_person_of_another_team_is_404_under_my_team(member, cast):
    theirs = ServiceUserFactory(team=cast.team_b, code="V-01")
    assert member.get(url("person", cast, theirs)).status_code == 404
    assert member.post(url("person-delete", cast, theirs)).status_code == 404
    assert ServiceUser.objects.filter(pk=theirs.pk).exists()


def test_team_detail_links_to_the_toolkit_for_members_only(client, cast):
    target = reverse("networks:team-detail", kwargs={"slug": cast.network.slug, "pk": cast.team_a.pk})
    link = url("team", cast).encode()
    client.force_login(cast.team_member)
    assert link in client.get(target).content
    client.force_login(cast.project_group)
    assert link not in client.get(target).content


# --- The team's page ------------------------------------------------------------------------------------
def test_team_page_shows_people_figures_months_and_chart(member, cast, person):
    Checklist.objects.create(
        service_user=person,
        template=services.checklist_template_for(team=cast.team_a),
        filled_on=SECOND_DAY,
        points=8,
    )
    response = member.get(url("team", cast))
    assert response.status_code == 200
    html = response.content.decode()
    people = html[html.index('id="people"') : html.index("</table>", html.index('id="people"'))]
    assert "B-07" in people
    # 1st: (1+4+1+2)/4 = 2,0; 2nd: 25/5 = 5,0; benefit 3,0; programoppfyllelse 80 %.
    for figure in ("2,0", "5,0", "3,0", "80&nbsp;%"):
        assert figure in people
    months = html[html.index('id="months"') : html.index("</table>", html.index('id="months"'))]
    assert "2,0" in months and "5,0" in months and "100&nbsp;%" in months
    assert '<svg role="img" aria-labelledby="chart-scores-title chart-scores-desc"' in html
    assert html.count("<polyline") == 5  # 3 series + 2 series
    for name in ("person-create", "import", "checklist-template"):
        assert url(name, cast) in html
    assert "<script" not in html.split("<footer")[0].split("</header>")[1]


def test_team_page_without_people(member, cast):
    response = member.get(url("team", cast))
    assert response.status_code == 200
    assert b"<svg" not in response.content


def test_team_page_costs_the_same_queries_for_3_and_30_people(member, cast):
    def build(count: int):
        for n in range(count):
            p = ServiceUser.objects.create(team=cast.team_a, code=f"Q-{ServiceUser.objects.count():03d}")
            for number, day in enumerate((60, 30, 5), start=1):
                scored(p, number, TODAY - datetime.timedelta(days=day), {"Bolig": n % 10 + 1, "Arbeid": number})

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = member.get(url("team", cast))
        assert response.status_code == 200
        return len(queries)

    build(3)
    member.get(url("team", cast))  # warm the session
    small = count_queries()
    build(27)
    assert ServiceUser.objects.filter(team=cast.team_a).count() == 30
    assert count_queries() == small


# --- Registering a person -----------------------------------------------------------------------------
def test_register_a_person(member, cast):
    response = member.post(url("person-create", cast), {"code": "B-12"})
    person = ServiceUser.objects.get(team=cast.team_a, code="B-12")
    assert response.status_code == 302
    assert response["Location"] == url("person", cast, person)
    assert person.created_by == cast.team_member


def test_register_warns_about_a_full_name(member, cast):
    response = member.post(url("person-create", cast), {"code": "Kari Nordmann"})
    assert response.status_code == 302
    assert any(level == "warning" and "Kari Nordmann" in text for level, text in messages_of(response))


def test_register_refuses_a_national_id_and_keeps_the_input(member, cast):
    response = member.post(url("person-create", cast), {"code": "010190 10046"})
    assert response.status_code == 400
    assert response.context["form"].errors["code"] == [gettext(ID_MESSAGE)]
    assert b'value="010190 10046"' in response.content
    assert not ServiceUser.objects.exists()


def test_register_refuses_a_code_in_use(member, cast, person):
    response = member.post(url("person-create", cast), {"code": "b-07"})
    assert response.status_code == 400
    assert "code" in response.context["form"].errors
    assert b'value="b-07"' in response.content


# --- The record -------------------------------------------------------------------------------------------
def test_record_shows_wheel_grid_averages_benefit_plan_and_pdf_link(member, cast, person):
    response = member.get(url("person", cast, person))
    assert response.status_code == 200
    html = response.content.decode()
    scores = html[html.index('id="scores"') : html.index("</table>", html.index('id="scores"'))]
    assert FIRST_DAY.strftime("%-d.%-m.%Y") in scores and SECOND_DAY.strftime("%-d.%-m.%Y") in scores
    assert re.search(r"data-average>2,0<", scores) and re.search(r"data-average>5,0<", scores)
    assert "Fritid" in scores
    assert escape(gettext("added at conversation %(number)s") % {"number": 2}) in scores
    assert re.search(r"data-benefit>3,0<", html)
    assert "Søke kommunal bolig" in html and "NAV" in html
    assert (
        reverse(
            "reports:toolkit-plan-pdf",
            kwargs={"slug": cast.network.slug, "pk": cast.team_a.pk, "person_pk": person.pk},
        )
        in html
    )


def test_add_an_area(member, cast, person):
    response = member.post(url("area-add", cast, person), {"name": "Trening", "wants_help": "on"})
    assert response.status_code == 302
    assert person.areas.filter(name="Trening", wants_help=True).exists()


def test_add_an_area_refuses_a_national_id_and_keeps_the_input(member, cast, person):
    response = member.post(url("area-add", cast, person), {"name": f"Ringe {FNR}"})
    assert response.status_code == 400
    assert response.context["area_form"].errors["name"] == [gettext(ID_MESSAGE)]
    assert f'value="Ringe {FNR}"'.encode() in response.content
    assert not person.areas.filter(name__startswith="Ringe").exists()


# --- The «Hva er viktig for meg» form ----------------------------------------------------------------------
def _areas(person):
    return {a.name: a for a in person.areas.all()}


def test_record_a_conversation_with_a_new_area(member, cast, person):
    areas = _areas(person)
    data = {
        "held_on": TODAY.isoformat(),
        f"score_{areas['Bolig'].pk}": "7",
        "new_1_name": "Trening",
        "new_1_score": "3",
    }
    response = member.post(url("conversation-create", cast, person), data)
    assert response.status_code == 302
    third = Conversation.objects.get(service_user=person, number=3)
    assert {s.area.name: s.score for s in third.scores.select_related("area")} == {"Bolig": 7, "Trening": 3}


def test_first_conversation_shows_average_2_0(member, cast):
    person = ServiceUserFactory(team=cast.team_a, code="B-20")
    rows = {f"new_{i}_name": name for i, name in enumerate(["Bolig", "Økonomi", "Arbeid"], start=1)}
    rows |= {"new_1_score": "1", "new_2_score": "4", "new_3_score": "1"}
    LifeAreaFactory(service_user=person, name="Venner")
    venner = person.areas.get(name="Venner")
    response = member.post(
        url("conversation-create", cast, person), {"held_on": FIRST_DAY.isoformat(), f"score_{venner.pk}": "2", **rows}
    )
    assert response.status_code == 302
    page = member.get(url("person", cast, person)).content.decode()
    assert re.search(r"data-average>2,0<", page)


@pytest.mark.parametrize("bad", ["0", "11", "-1", "fem"])
def test_a_score_outside_1_to_10_is_refused_and_nothing_is_lost(member, cast, person, bad):
    areas = _areas(person)
    data = {
        "held_on": TODAY.isoformat(),
        f"score_{areas['Bolig'].pk}": bad,
        f"score_{areas['Arbeid'].pk}": "6",
        "new_1_name": "Trening",
        "new_1_score": "4",
    }
    response = member.post(url("conversation-create", cast, person), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[f"score_{areas['Bolig'].pk}"] == [gettext(SCORE_MESSAGE)]
    html = response.content.decode()
    assert f'value="{bad}"' in html and 'value="6"' in html and 'value="Trening"' in html
    assert f'value="{TODAY.isoformat()}"' in html
    assert not Conversation.objects.filter(service_user=person, number=3).exists()
    assert not person.areas.filter(name="Trening").exists()


def test_a_conversation_dated_before_the_previous_one_is_refused(member, cast, person):
    areas = _areas(person)
    day = SECOND_DAY - datetime.timedelta(days=1)
    data = {"held_on": day.isoformat(), f"score_{areas['Bolig'].pk}": "8"}
    response = member.post(url("conversation-create", cast, person), data)
    assert response.status_code == 400
    errors = response.context["form"].errors["held_on"]
    assert errors and SECOND_DAY.strftime("%d.%m.%Y") in errors[0]
    assert 'value="8"' in response.content.decode()
    assert person.conversations.count() == 2


def test_a_new_area_with_a_national_id_is_refused(member, cast, person):
    data = {"held_on": TODAY.isoformat(), "new_1_name": f"Lege {FNR[:6]} {FNR[6:]}", "new_1_score": "4"}
    response = member.post(url("conversation-create", cast, person), data)
    assert response.status_code == 400
    assert response.context["form"].errors["new_1_name"] == [gettext(ID_MESSAGE)]
    assert f'value="Lege {FNR[:6]} {FNR[6:]}"' in response.content.decode()
    assert person.conversations.count() == 2


def test_a_new_area_needs_a_score_and_a_score_a_name(member, cast, person):
    data = {"held_on": TODAY.isoformat(), "new_1_name": "Trening", "new_2_score": "5"}
    response = member.post(url("conversation-create", cast, person), data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"new_1_score", "new_2_name"}


def test_edit_a_conversation(member, cast, person):
    areas = _areas(person)
    target = url("conversation-edit", cast, person, number=1)
    response = member.get(target)
    assert response.status_code == 200
    assert response.context["form"].initial[f"score_{areas['Økonomi'].pk}"] == 4
    data = {"held_on": FIRST_DAY.isoformat()} | {f"score_{a.pk}": "2" for a in areas.values() if a.name != "Fritid"}
    assert member.post(target, data).status_code == 302
    assert set(
        Score.objects.filter(conversation__service_user=person, conversation__number=1).values_list("score", flat=True)
    ) == {2}
    assert member.get(url("conversation-edit", cast, person, number=9)).status_code == 404


# --- The plan ------------------------------------------------------------------------------------------------
def test_plan_item_create_edit_delete(member, cast, person):
    bolig = person.areas.get(name="Bolig")
    data = {
        "measure": "Møte med NAV",
        "area": bolig.pk,
        "responsible": "Koordinator",
        "due": "innen mars",
        "status": PlanItem.Status.PLANNED,
        "comment": "Vil ha med seg søsteren",
    }
    assert member.post(url("plan-create", cast, person), data).status_code == 302
    item = person.plan_items.get(measure="Møte med NAV")
    assert item.area == bolig and item.comment == "Vil ha med seg søsteren"
    response = member.post(url("plan-edit", cast, person, item_pk=item.pk), data | {"status": PlanItem.Status.DONE})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == PlanItem.Status.DONE
    assert member.post(url("plan-delete", cast, person, item_pk=item.pk)).status_code == 302
    assert not PlanItem.objects.filter(pk=item.pk).exists()


def test_plan_item_refuses_a_national_id_and_keeps_the_input(member, cast, person):
    data = {
        "measure": "Søke om støtte",
        "responsible": "NAV",
        "status": PlanItem.Status.PLANNED,
        "comment": f"Fnr {FNR}",
    }
    response = member.post(url("plan-create", cast, person), data)
    assert response.status_code == 400
    assert response.context["form"].errors["comment"] == [gettext(ID_MESSAGE)]
    assert f"Fnr {FNR}" in response.content.decode() and 'value="NAV"' in response.content.decode()
    assert person.plan_items.count() == 1


def test_plan_item_warns_about_a_name(member, cast, person):
    data = {"measure": "Følge til lege", "responsible": "Ola Hansen", "status": PlanItem.Status.PLANNED}
    response = member.post(url("plan-create", cast, person), data)
    assert response.status_code == 302
    assert any(level == "warning" and "Ola Hansen" in text for level, text in messages_of(response))


def test_plan_item_of_another_person_is_404(member, cast, person):
    other = ServiceUserFactory(team=cast.team_a, code="B-08")
    item = PlanItem.objects.create(service_user=other, measure="X", responsible="NAV")
    assert member.get(url("plan-edit", cast, person, item_pk=item.pk)).status_code == 404


# --- The checklist ------------------------------------------------------------------------------------------
def test_checklist_shows_the_averages_and_asks_the_rest(member, cast, person):
    response = member.get(url("checklist-create", cast, person))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="item_1"' not in html and 'name="item_9"' not in html
    assert 'name="item_2"' in html and 'name="item_10"' in html
    assert re.search(r"<strong>2,0</strong>", html) and re.search(r"<strong>5,0</strong>", html)


def test_fill_the_checklist(member, cast, person):
    states = {f"item_{n}": ChecklistAnswer.State.DONE for n in (2, 3, 4, 5, 6, 7, 8)}
    states["item_10"] = ChecklistAnswer.State.NOT_DONE
    response = member.post(url("checklist-create", cast, person), {"filled_on": TODAY.isoformat(), **states})
    assert response.status_code == 302
    checklist = person.checklists.get()
    assert checklist.points == 9  # 1 and 9 follow the conversations (both done), 10 not done
    assert checklist.answers.count() == 10


def test_checklist_missing_answers_keep_the_rest(member, cast, person):
    data = {"filled_on": TODAY.isoformat(), "item_2": ChecklistAnswer.State.NOT_RELEVANT}
    response = member.post(url("checklist-create", cast, person), data)
    assert response.status_code == 400
    assert "item_3" in response.context["form"].errors
    assert re.search(r'value="ikke_aktuelt"[^>]*checked|checked[^>]*value="ikke_aktuelt"', response.content.decode())
    assert not person.checklists.exists()


# --- Closing, reopening, deleting ----------------------------------------------------------------------------
def test_close_and_reopen(member, cast, person):
    day = TODAY - datetime.timedelta(days=1)
    assert member.post(url("person-close", cast, person), {"closed_on": day.isoformat()}).status_code == 302
    person.refresh_from_db()
    assert (person.status, person.closed_on) == (ServiceUser.Status.CLOSED, day)
    assert member.post(url("person-reopen", cast, person)).status_code == 302
    person.refresh_from_db()
    assert (person.status, person.closed_on) == (ServiceUser.Status.OPEN, None)


def test_close_with_a_bad_date_keeps_it(member, cast, person):
    response = member.post(url("person-close", cast, person), {"closed_on": "31.02.2025"})
    assert response.status_code == 400
    assert "closed_on" in response.context["close_form"].errors
    person.refresh_from_db()
    assert person.status == ServiceUser.Status.OPEN


def test_delete_asks_first_then_deletes_everything(member, cast, person):
    response = member.get(url("person-delete", cast, person))
    assert response.status_code == 200
    warning = gettext(
        "The conversation wheel, every conversation and score, the plan and the checklists of this person are "
        "deleted for good. The deletion cannot be undone."
    )
    assert escape(warning) in response.content.decode()
    assert ServiceUser.objects.filter(pk=person.pk).exists()
    response = member.post(url("person-delete", cast, person))
    assert response.status_code == 302
    assert response["Location"] == url("team", cast)
    assert not ServiceUser.objects.filter(pk=person.pk).exists()
    assert not LifeArea.objects.filter(service_user_id=person.pk).exists()


# --- The chart ----------------------------------------------------------------------------------------------
def test_line_chart_is_accessible_svg():
    svg = str(
        charts.line_chart(
            chart_id="c",
            title="Snitt <per> måned",
            description="Tabellen som linjer",
            x_labels=["jan 2025", "feb 2025", "mar 2025"],
            series=[charts.Series("Første", [2, None, 3]), charts.Series("Andre", [5, 4.5, 6])],
            y_min=0,
            y_max=10,
            y_step=1,
            x_axis_label="Måned",
            y_axis_label="Skår",
        )
    )
    assert svg.startswith('<svg role="img" aria-labelledby="c-title c-desc"')
    assert '<title id="c-title">Snitt &lt;per&gt; måned</title>' in svg
    assert '<desc id="c-desc">Tabellen som linjer</desc>' in svg
    assert svg.count("<polyline") == 2
    assert svg.count("<circle") == 2 + 5  # the legend's two and one per value
    assert "Måned" in svg and "Skår" in svg
    assert "4,5" in svg  # the tooltip, with a decimal comma
    assert re.search(r'points="[\d.]+,[\d.]+ ', svg)  # coordinates keep their dots
