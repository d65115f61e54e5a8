"""A coordinator's first hour: from their home to the team's packages, their deadlines and the
team's report, without typing an address."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.learningnet.factories import DEFAULT_PASSWORD
from tests.packages.factories import PackageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_finds_the_packages_and_the_report_from_home(ui, live_server, cast):
    package = PackageFactory(gathering=cast.gathering, title="Forberedelsespakke 2")
    login(ui, live_server, cast.coordinator.email, DEFAULT_PASSWORD)
    ui.get_by_role("link", name="Fosen").first.click()
    packages = ui.locator("section", has=ui.get_by_role("heading", name="Forberedelsespakker og frister"))
    expect(packages).to_contain_text("Frist:")
    expect(packages).to_contain_text("Ikke påbegynt")
    ui.screenshot("team-home-coordinator")
    ui.set_viewport_size({"width": 390, "height": 844})
    ui.screenshot("team-home-coordinator-phone")
    ui.set_viewport_size({"width": 1280, "height": 800})

    packages.get_by_role("link", name="Hva skjer for oss").click()
    expect(ui.get_by_text("Frist", exact=True).first).to_be_visible()
    ui.screenshot("team-next")
    ui.go_back()
    packages.get_by_role("link", name=package.title).click()
    expect(ui.get_by_role("heading", name="Lever til prosjektgruppen")).to_be_visible()

    ui.goto(f"{live_server.url}{cast.network.get_absolute_url()}")
    ui.get_by_role("link", name="Rapporter").click()
    expect(ui.page).to_have_url(f"{live_server.url}/n/{cast.network.slug}/reports/")
    expect(ui.locator("main")).to_contain_text("Fosen")  # the own team's report is offered


def no_sideways_scroll(ui) -> bool:
    return ui.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_on_a_phone_nothing_scrolls_sideways(ui, live_server, cast):
    import datetime

    from django.utils import timezone

    from tests.networks.factories import ActivityFactory

    for n in range(4):
        PackageFactory(gathering=cast.gathering, title=f"Forberedelsespakke {n + 1} med en lang tittel")
    today = timezone.localdate()
    ActivityFactory(network=cast.network, title="Webinar om samhandling", starts_on=today, ends_on=today)
    ActivityFactory(
        network=cast.network,
        title="Gammel workshop",
        starts_on=datetime.date(2019, 9, 1),
        ends_on=datetime.date(2019, 9, 1),
    )
    ui.set_viewport_size({"width": 390, "height": 844})
    login(ui, live_server, cast.project_group.email, DEFAULT_PASSWORD)
    slug = cast.network.slug

    ui.goto(f"{live_server.url}/n/{slug}/packages/matrix/")
    expect(ui.locator("td[data-label]").first).to_be_visible()
    assert no_sideways_scroll(ui)
    ui.screenshot("matrix-phone")

    ui.goto(f"{live_server.url}/n/{slug}/plan/")
    expect(ui.get_by_text("Webinar om samhandling")).to_be_visible()  # this month is open
    expect(ui.get_by_text("Gammel workshop")).to_be_hidden()  # 2019 is folded
    assert no_sideways_scroll(ui)
    ui.screenshot("plan-phone")
    ui.locator("summary", has_text="September 2019").click()
    expect(ui.get_by_text("Gammel workshop")).to_be_visible()

    ui.goto(f"{live_server.url}/n/{slug}/plan/{today.year}/{today.month}/")
    expect(ui.get_by_role("link", name="Webinar om samhandling")).to_be_visible()
    assert no_sideways_scroll(ui)
    ui.screenshot("month-phone")


def test_many_people_are_chosen_by_searching(ui, live_server, cast):
    from tests.learningnet.factories import UserFactory
    from tests.networks.factories import NetworkRoleFactory

    for n in range(40):
        NetworkRoleFactory(
            network=cast.network, role="observator", user=UserFactory(full_name=f"Person {n:02d} Hansen")
        )
    NetworkRoleFactory(network=cast.network, user=UserFactory(full_name="Kari Nordmann"))
    login(ui, live_server, cast.project_group.email, DEFAULT_PASSWORD)
    ui.goto(f"{live_server.url}/n/{cast.network.slug}/activities/{cast.activity.pk}/edit/")
    box = ui.locator(".ts-wrapper").first
    box.locator("input").fill("nordm")
    option = ui.locator(".ts-dropdown .option", has_text="Kari Nordmann")
    expect(option).to_be_visible()
    expect(ui.locator(".ts-dropdown .option")).to_have_count(1)
    option.click()
    ui.keyboard.press("Escape")
    ui.screenshot("searchable-select")
    ui.get_by_role("button", name="Lagre").click()
    cast.activity.refresh_from_db()
    assert [p.full_name for p in cast.activity.responsible.all()] == ["Kari Nordmann"]
