"""URL × role expectations for the toolkit (merged in tests/learningnet/test_permission_matrix.py).

Only team A's members (team:work) reach a team's toolkit pages. The project group, observers and the
working group read the team's workspace but get 403 here: they see figures per team on the network
page, never a person. Another team's member gets 404. The pages of the network page and the
checklist template (urls_expected_network.py) and of the import (urls_expected_import.py) are
written by others and merged in below when they exist."""

from __future__ import annotations

import datetime
import importlib

from django.utils import timezone

from tests.matrix import by_role, statuses
from toolkit.models import Conversation, LifeArea, PlanItem, Score, ServiceUser

TEAM_A_WORKERS = {"coordinator", "team_member"}
NOT_TEAM_B = {"other_team_member": 404}
WORKERS = {**statuses(TEAM_A_WORKERS), **NOT_TEAM_B}
WORKERS_POST_ONLY = {**statuses(TEAM_A_WORKERS, ok_status=405), **NOT_TEAM_B}


def _team(c):
    return {"slug": c.network.slug, "pk": c.team_a.pk}


def matrix_person(c) -> ServiceUser:
    """Team A's person for the matrix: one area, one conversation, one measure (made once)."""
    person, created = ServiceUser.objects.get_or_create(team=c.team_a, code="M-01")
    if created:
        area = LifeArea.objects.create(service_user=person, name="Bolig", order=1)
        conversation = Conversation.objects.create(
            service_user=person, number=1, held_on=timezone.localdate() - datetime.timedelta(days=30)
        )
        Score.objects.create(conversation=conversation, area=area, score=3)
        PlanItem.objects.create(service_user=person, area=area, measure="Søke kommunal bolig", responsible="NAV")
    return person


def _person(c):
    return {**_team(c), "person_pk": matrix_person(c).pk}


def _conversation(c):
    return {**_person(c), "number": 1}


def _plan_item(c):
    person = matrix_person(c)
    return {**_team(c), "person_pk": person.pk, "item_pk": person.plan_items.first().pk}


EXPECTATIONS = {
    "toolkit:team": (_team, WORKERS),
    "toolkit:person-create": (_team, WORKERS),
    "toolkit:person": (_person, WORKERS),
    "toolkit:area-add": (_person, WORKERS_POST_ONLY),
    "toolkit:conversation-create": (_person, WORKERS),
    "toolkit:conversation-edit": (_conversation, WORKERS),
    "toolkit:plan-create": (_person, WORKERS),
    "toolkit:plan-edit": (_plan_item, WORKERS),
    "toolkit:plan-delete": (_plan_item, WORKERS_POST_ONLY),
    "toolkit:checklist-create": (_person, WORKERS),
    "toolkit:person-close": (_person, WORKERS_POST_ONLY),
    "toolkit:person-reopen": (_person, WORKERS_POST_ONLY),
    # GET asks «are you sure?»; POST deletes.
    "toolkit:person-delete": (_person, WORKERS),
}


def _post(worker_status: int) -> dict[str, int]:
    return by_role(302, 404, 404, 403, 403, 403, worker_status, worker_status, 404)


# An empty form is refused (400, the form is shown again); the POST-only actions redirect (302).
POSTS = {
    "toolkit:person-create": (_team, _post(400)),
    "toolkit:area-add": (_person, _post(400)),
    "toolkit:conversation-create": (_person, _post(400)),
    "toolkit:conversation-edit": (_conversation, _post(400)),
    "toolkit:plan-create": (_person, _post(400)),
    "toolkit:plan-edit": (_plan_item, _post(400)),
    "toolkit:plan-delete": (_plan_item, _post(302)),
    "toolkit:checklist-create": (_person, _post(400)),
    "toolkit:person-close": (_person, _post(302)),
    "toolkit:person-reopen": (_person, _post(302)),
    "toolkit:person-delete": (_person, _post(302)),
}


# The other toolkit pages' expectations, when their files exist.
for _module_name in ("tests.toolkit.urls_expected_import", "tests.toolkit.urls_expected_network"):
    try:
        _module = importlib.import_module(_module_name)
    except ModuleNotFoundError as exc:
        if exc.name != _module_name:
            raise
        continue
    EXPECTATIONS.update(_module.EXPECTATIONS)
    POSTS.update(_module.POSTS)
