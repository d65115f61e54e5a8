"""A team member follows a person with the toolkit, from registration to the team's figures; a
member of another team cannot open the record."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import AccessiblePage, login
from tests.learningnet.factories import DEFAULT_PASSWORD
from toolkit.models import Checklist, ServiceUser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def record_conversation(ui, held_on: datetime.date, scores: dict[str, int], new: dict[str, int]) -> None:
    ui.locator("a[href$='/conversations/new/']").click()
    ui.locator("#id_held_on").fill(held_on.strftime("%d.%m.%Y"))
    for name, score in scores.items():
        ui.get_by_label(name, exact=True).fill(str(score))
    for row, (name, score) in enumerate(new.items(), start=1):
        ui.locator(f"#id_new_{row}_name").fill(name)
        ui.locator(f"#id_new_{row}_score").fill(str(score))
    ui.locator("#conversation-form button[type=submit]").click()


def test_member_follows_a_person_and_sees_the_teams_figures(ui, live_server, cast, browser):
    today = timezone.localdate()
    team_url = f"{live_server.url}/n/{cast.network.slug}/toolkit/teams/{cast.team_a.pk}/"
    login(ui, live_server, cast.team_member.email, DEFAULT_PASSWORD)
    ui.goto(team_url)

    # Register the person under the team's code.
    ui.locator(f"a[href='/n/{cast.network.slug}/toolkit/teams/{cast.team_a.pk}/new/']").first.click()
    ui.locator("#id_code").fill("B-30")
    ui.locator("#person-form button[type=submit]").click()
    person = ServiceUser.objects.get(team=cast.team_a, code="B-30")
    ui.wait_for_url(re.compile(rf"/people/{person.pk}/$"))
    person_url = ui.url

    # The conversation wheel: two areas now, two more while scoring.
    for name in ("Bolig", "Økonomi"):
        ui.locator("#area-form #id_name").fill(name)
        ui.locator("#area-form button[type=submit]").click()
        expect(ui.locator("#wheel")).to_contain_text(name)

    # 1st conversation: 1 + 4 + 1 + 2 = 8, 8 / 4 = 2,0.
    record_conversation(
        ui, today - datetime.timedelta(days=40), {"Bolig": 1, "Økonomi": 4}, {"Arbeid": 1, "Venner og nettverk": 2}
    )
    expect(ui.locator("#scores [data-average]")).to_have_text(["2,0"])
    # 2nd conversation: 5 + 6 + 4 + 5 = 20, 20 / 4 = 5,0; opplevd nytte 5,0 − 2,0 = 3,0.
    record_conversation(ui, today, {"Bolig": 5, "Økonomi": 6, "Arbeid": 4, "Venner og nettverk": 5}, {})
    expect(ui.locator("#scores [data-average]")).to_have_text(["2,0", "5,0"])
    expect(ui.locator("[data-benefit]")).to_have_text("3,0")

    # The checklist: items 1 and 9 follow the conversations; the team answers the other eight.
    ui.locator("a[href$='/checklist/new/']").click()
    expect(ui.locator("[data-automatic]").first).to_contain_text("2,0")
    for number in (2, 3, 4, 5, 6, 7, 8):
        ui.locator(f"input[name=item_{number}][value=gjennomfort]").check()
    ui.locator("input[name=item_10][value=ikke_gjennomfort]").check()
    ui.locator("#checklist-form button[type=submit]").click()
    ui.wait_for_url(re.compile(r"#checklists$"))
    assert Checklist.objects.get(service_user=person).points == 9
    expect(ui.locator("#checklists")).to_contain_text("90")
    ui.screenshot("toolkit-person")

    # The team's page: the person's row, the month's figures and the chart.
    ui.goto(team_url)
    row = ui.locator("#people tbody tr").filter(has_text="B-30")
    for figure in ("2,0", "5,0", "3,0", "90\u00a0%"):
        expect(row).to_contain_text(figure)
    month = ui.locator("#months tbody tr").first
    expect(month).to_contain_text("3,0")
    expect(month).to_contain_text("100\u00a0%")
    chart = ui.locator("svg[role=img]").first
    expect(chart).to_be_visible()
    assert chart.locator("polyline").count() == 3
    ui.screenshot("toolkit-team")

    # A member of another team: 404 for the record.
    other = AccessiblePage(browser.new_context(locale="nb-NO").new_page())
    login(other, live_server, cast.other_team_member.email, DEFAULT_PASSWORD)
    response = other.goto(person_url)
    assert response.status == 404
    expect(other.locator("body")).not_to_contain_text("B-30")
    other.check()
    assert not other.violations, other.violations
