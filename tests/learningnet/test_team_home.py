"""A coordinator is led to the work: the team's home names its packages with deadlines and where
the team stands, «Hva skjer for oss» lists the deadlines among the activities, and the network's
tabs lead a coordinator to the team's report."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from packages.models import Package
from tests.packages.factories import PackageFactory, respond

pytestmark = pytest.mark.django_db


@pytest.fixture
def packages(cast):
    soon = PackageFactory(gathering=cast.gathering, title="Forberedelsespakke 2")
    done = PackageFactory(gathering=cast.gathering, title="Forberedelsespakke 1")
    respond(done, cast.team_a, submitted_at=timezone.now())
    PackageFactory(gathering=cast.gathering, title="Utkast til pakke 3", status=Package.Status.DRAFT)
    return soon, done


def team_page(client, cast):
    return client.get(reverse("networks:team-detail", kwargs={"slug": cast.network.slug, "pk": cast.team_a.pk}))


def test_the_team_home_names_each_package_with_its_deadline_and_status(cast, client, packages):
    soon, done = packages
    client.force_login(cast.coordinator)
    page = team_page(client, cast).content.decode()
    section = page.split('id="next-heading"')[1].split("</section>")[0]
    workspace = reverse(
        "packages:workspace", kwargs={"slug": cast.network.slug, "pk": soon.pk, "team_pk": cast.team_a.pk}
    )
    assert f'href="{workspace}"' in section and "Ikke påbegynt" in section and "Frist:" in section
    assert "Forberedelsespakke 1" in section and "Levert" in section
    assert "Utkast til pakke 3" not in section  # a draft is the project group's own
    assert "Du leverer teamets pakker" in section
    assert reverse("reports:run-list", kwargs={"slug": cast.network.slug}) in section

    client.force_login(cast.team_member)
    section = team_page(client, cast).content.decode().split('id="next-heading"')[1].split("</section>")[0]
    assert "koordinatoren eller lederen leverer" in section
    assert reverse("reports:run-list", kwargs={"slug": cast.network.slug}) not in section


def test_what_is_next_lists_deadlines_not_yet_met_among_the_activities(cast, client, packages):
    soon, done = packages
    cast.gathering.starts_on = timezone.localdate() + datetime.timedelta(days=20)
    cast.gathering.ends_on = cast.gathering.starts_on + datetime.timedelta(days=1)
    cast.gathering.save()
    client.force_login(cast.team_member)
    url = reverse("networks:team-next", kwargs={"slug": cast.network.slug, "pk": cast.team_a.pk})
    page = client.get(url).content.decode()
    assert "Frist" in page and soon.title in page
    assert done.title not in page  # submitted: nothing left to do
    assert page.index(soon.title) < page.index(cast.gathering.title)  # the deadline comes first
    client.force_login(cast.other_team_member)
    assert client.get(url).status_code == 404


def test_a_coordinator_finds_the_reports_tab_and_a_team_member_does_not(cast, client):
    reports = reverse("reports:run-list", kwargs={"slug": cast.network.slug})
    client.force_login(cast.coordinator)
    nav = client.get(cast.network.get_absolute_url()).content.decode().split("nav nav-tabs")[1].split("</ul>")[0]
    assert f'href="{reports}"' in nav
    assert client.get(reports).status_code == 200
    client.force_login(cast.team_member)
    nav = client.get(cast.network.get_absolute_url()).content.decode().split("nav nav-tabs")[1].split("</ul>")[0]
    assert f'href="{reports}"' not in nav


def test_the_home_page_names_my_teams_next_deadlines(cast, client, packages):
    soon, done = packages
    client.force_login(cast.team_member)
    page = client.get(reverse("home")).content.decode()
    teams = page.split('id="teams-heading"')[1]
    assert "Neste frister" in teams and soon.title in teams and done.title not in teams
