"""Parts of a page read when opened: a team's members on the network's home page, a past month of
the activity plan (static/js/fragments.js)."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.learningnet.factories import DEFAULT_PASSWORD
from tests.networks.factories import ActivityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_team_s_members_and_a_past_month_open_on_demand(ui, live_server, cast):
    ActivityFactory(
        network=cast.network,
        title="Gammel workshop",
        starts_on=datetime.date(2019, 9, 1),
        ends_on=datetime.date(2019, 9, 1),
    )
    login(ui, live_server, cast.project_group.email, DEFAULT_PASSWORD)
    member = cast.coordinator.get_full_name()
    for width, name in ((1200, "desktop"), (390, "phone")):
        ui.set_viewport_size({"width": width, "height": 900})
        ui.goto(f"{live_server.url}{cast.network.get_absolute_url()}")
        card = ui.locator("article", has=ui.get_by_role("heading", name="Fosen"))
        expect(card.get_by_text(member)).to_have_count(0)  # not in the page until opened
        card.locator("summary").click()
        expect(card.get_by_text(member)).to_be_visible()
        expect(ui.locator("h1")).to_have_count(1)
        ui.screenshot(f"dashboard-members-{name}")

        ui.goto(f"{live_server.url}/n/{cast.network.slug}/plan/")
        expect(ui.get_by_text("Gammel workshop")).to_have_count(0)
        ui.locator("summary", has_text="September 2019").click()
        expect(ui.get_by_role("link", name="Gammel workshop")).to_be_visible()
        # The months open from the start keep their activities (nothing is fetched into them).
        expect(ui.get_by_role("link", name=cast.activity.title)).to_be_visible()
        expect(ui.locator("h1")).to_have_count(1)
        ui.screenshot(f"plan-folded-{name}")
