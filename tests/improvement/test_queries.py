"""The network's improvement page (every team's measures as small multiples) and a team's
improvement page cost the same number of queries for 2 teams with 1 measure each as for 8 teams
with 4 measures each, with goals, tiltak, PDSA cycles, values and actor maps on every team."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from improvement.models import Action, ActorMap, Goal, ImprovementArea, Measure, MeasureValue, PDSACycle
from improvement.services import actor_add, improvement_object_save, measure_values_submit
from tests.teams.factories import TeamFactory

pytestmark = pytest.mark.django_db


def first_month(months_back: int) -> datetime.date:
    day = timezone.localdate().replace(day=1)
    for _ in range(months_back):
        day = (day - datetime.timedelta(days=1)).replace(day=1)
    return day


def work_on(team, measures: int) -> None:
    """Give `team` an area and an actor map (once), and measures up to `measures`, each with a
    goal, a tiltak, a PDSA cycle and twelve submitted values (a proportion every other one)."""
    area = team.improvement_areas.first() or improvement_object_save(
        obj=ImprovementArea(), data={"title": "Brukermedvirkning"}, by=None, team=team
    )
    if not team.actor_maps.exists():
        actor_map = improvement_object_save(
            obj=ActorMap(), data={"title": "Rundt tjenesten", "centre_label": "Tjenesten"}, by=None, team=team
        )
        actor_add(actor_map=actor_map, data={"name": "NAV"}, by=None)
    for m in range(team.measures.count(), measures):
        kind = Measure.Kind.PROPORTION if m % 2 else Measure.Kind.COUNT
        measure = improvement_object_save(
            obj=Measure(), data={"title": f"Måling {m}", "kind": kind, "area": area}, by=None, team=team
        )
        MeasureValue.objects.bulk_create(
            MeasureValue(
                measure=measure,
                period=first_month(12 - i),
                value=None if m % 2 else Decimal(i % 5),
                numerator=Decimal(i % 4) if m % 2 else None,
                denominator=Decimal(5) if m % 2 else None,
            )
            for i in range(12)
        )
        measure_values_submit(measure=measure, by=None)
        goal = improvement_object_save(
            obj=Goal(), data={"what": f"Mål {m}", "measures": [measure]}, by=None, area=area
        )
        action = improvement_object_save(obj=Action(), data={"title": f"Tiltak {m}", "goal": goal}, by=None, area=area)
        improvement_object_save(
            obj=PDSACycle(),
            data={"title": f"PDSA {m}", "measure": measure, "action": action, "starts_on": first_month(3)},
            by=None,
            team=team,
        )


def queries(client, url: str) -> int:
    client.get(url)  # warm the content-type and session caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_network_page_and_a_teams_page_cost_the_same_for_2_and_8_teams(cast, client):
    network_url = reverse("improvement:network", kwargs={"slug": cast.network.slug})
    team_url = reverse("improvement:team", kwargs={"slug": cast.network.slug, "pk": cast.team_a.pk})
    for team in (cast.team_a, cast.team_b):
        work_on(team, measures=1)
    client.force_login(cast.project_group)
    small_network = queries(client, network_url)
    small_team_reader = queries(client, team_url)
    client.force_login(cast.coordinator)  # the team's own member: drafts and the forms' links
    small_team_member = queries(client, team_url)

    for _ in range(6):
        TeamFactory(network=cast.network)
    assert cast.network.teams.count() == 8
    for team in cast.network.teams.all():
        work_on(team, measures=4)
    assert Measure.objects.filter(team__network=cast.network).count() == 32
    page = client.get(team_url).content.decode()
    assert page.count('class="card h-100"') == 4 and "PDSA 3" in page  # the four measures are on it

    client.force_login(cast.project_group)
    assert queries(client, network_url) == small_network
    assert queries(client, team_url) == small_team_reader
    client.force_login(cast.coordinator)
    assert queries(client, team_url) == small_team_member
