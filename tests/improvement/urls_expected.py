"""URL × role expectations for the improvement work (merged in tests/learningnet/test_permission_matrix.py).

Those who read every team (project group, observers, working group) see team A's pages without
drafts and get 403 on every form; team A's members work in them; a member of team B gets 404.
The network page is for those who read across the network."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from improvement.models import Action, Actor, ActorMap, Goal, ImprovementArea, Measure, MeasureValue, PDSACycle
from tests.matrix import READERS, TEAM_A, by_role, statuses

TEAM_A_WORKERS = {"coordinator", "team_member"}
NOT_TEAM_B = {"other_team_member": 404}
SEES = {**statuses(TEAM_A), **NOT_TEAM_B}
WORKS = {**statuses(TEAM_A_WORKERS), **NOT_TEAM_B}
POST_ONLY = {**statuses(TEAM_A, ok_status=405), **NOT_TEAM_B}


def matrix_work(c) -> dict:
    """Team A's improvement work for the matrix: one of everything (made once)."""
    area, created = ImprovementArea.objects.get_or_create(team=c.team_a, title="Brukermedvirkning")
    if created:
        goal = Goal.objects.create(area=area, what="Et fast brukerpanel")
        Action.objects.create(area=area, goal=goal, title="Rekruttere tre medlemmer")
        measure = Measure.objects.create(team=c.team_a, area=area, title="Møter med brukerpanelet")
        month = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
        MeasureValue.objects.create(measure=measure, period=month.replace(day=1), value=Decimal(2))
        PDSACycle.objects.create(team=c.team_a, measure=measure, title="Innkalling på SMS", starts_on=month)
        actor_map = ActorMap.objects.create(team=c.team_a, title="Rundt tjenesten", centre_label="Tjenesten")
        Actor.objects.create(actor_map=actor_map, name="NAV")
    measure = Measure.objects.get(team=c.team_a)
    actor_map = ActorMap.objects.get(team=c.team_a)
    return {
        "area": area,
        "goal": Goal.objects.get(area=area),
        "action": Action.objects.get(area=area),
        "measure": measure,
        "value": measure.values.get(),
        "pdsa": PDSACycle.objects.get(team=c.team_a),
        "map": actor_map,
        "actor": actor_map.actors.get(),
    }


def _net(c):
    return {"slug": c.network.slug}


def _team(c):
    return {"slug": c.network.slug, "pk": c.team_a.pk}


def _obj(kind):
    def kwargs(c):
        return {**_team(c), "obj_pk": matrix_work(c)[kind].pk}

    return kwargs


def _area_child(c):
    return {**_team(c), "area_pk": matrix_work(c)["area"].pk}


def _value(c):
    work = matrix_work(c)
    return {**_team(c), "obj_pk": work["measure"].pk, "value_pk": work["value"].pk}


def _actor(c):
    work = matrix_work(c)
    return {**_team(c), "obj_pk": work["map"].pk, "actor_pk": work["actor"].pk}


def _delete(c):
    return {**_team(c), "kind": "goal", "obj_pk": matrix_work(c)["goal"].pk}


EXPECTATIONS = {
    "improvement:network": (_net, statuses(READERS)),
    "improvement:network-export": (_net, statuses(READERS)),
    "improvement:team": (_team, SEES),
    "improvement:area-create": (_team, WORKS),
    "improvement:area-edit": (_obj("area"), WORKS),
    "improvement:goal-create": (_area_child, WORKS),
    "improvement:goal-edit": (_obj("goal"), WORKS),
    "improvement:action-create": (_area_child, WORKS),
    "improvement:action-edit": (_obj("action"), WORKS),
    "improvement:measure-create": (_team, WORKS),
    "improvement:measure": (_obj("measure"), SEES),
    "improvement:measure-edit": (_obj("measure"), WORKS),
    "improvement:measure-submit": (_obj("measure"), POST_ONLY),
    "improvement:value-delete": (_value, POST_ONLY),
    "improvement:pdsa-create": (_team, WORKS),
    "improvement:pdsa-edit": (_obj("pdsa"), WORKS),
    "improvement:actor-map-create": (_team, WORKS),
    "improvement:actor-map": (_obj("map"), SEES),
    "improvement:actor-map-edit": (_obj("map"), WORKS),
    "improvement:actor-delete": (_actor, POST_ONLY),
    "improvement:delete": (_delete, POST_ONLY),
}


def _post(worker_status: int) -> dict[str, int]:
    return by_role(302, 404, 404, 403, 403, 403, worker_status, worker_status, 404)


# An empty form is refused (400, the form is shown again); the POST-only actions redirect (302).
POSTS = {
    "improvement:area-create": (_team, _post(400)),
    "improvement:area-edit": (_obj("area"), _post(400)),
    "improvement:goal-create": (_area_child, _post(400)),
    "improvement:goal-edit": (_obj("goal"), _post(400)),
    "improvement:action-create": (_area_child, _post(400)),
    "improvement:action-edit": (_obj("action"), _post(400)),
    "improvement:measure-create": (_team, _post(400)),
    "improvement:measure": (_obj("measure"), _post(400)),
    "improvement:measure-edit": (_obj("measure"), _post(400)),
    "improvement:measure-submit": (_obj("measure"), _post(302)),
    "improvement:value-delete": (_value, _post(302)),
    "improvement:pdsa-create": (_team, _post(400)),
    "improvement:pdsa-edit": (_obj("pdsa"), _post(400)),
    "improvement:actor-map-create": (_team, _post(400)),
    "improvement:actor-map": (_obj("map"), _post(400)),
    "improvement:actor-map-edit": (_obj("map"), _post(400)),
    "improvement:actor-delete": (_actor, _post(302)),
    "improvement:delete": (_delete, _post(302)),
}
