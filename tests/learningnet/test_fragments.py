"""The stamp that keys cached parts of pages (core.fragments) moves with every change of its rows."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from core.fragments import stamp
from teams.models import Team
from tests.networks.factories import NetworkFactory
from tests.teams.factories import TeamFactory

pytestmark = pytest.mark.django_db


def test_a_write_that_commits_after_a_later_one_still_changes_the_stamp():
    """Team A's request takes its time (t1) before team B's (t2) but commits after it: the latest
    time is still B's, yet the stamp must change when A's change becomes visible."""
    network = NetworkFactory()
    a, b = TeamFactory(network=network), TeamFactory(network=network)
    t0 = timezone.now() - datetime.timedelta(hours=1)
    t1, t2 = t0 + datetime.timedelta(minutes=10), t0 + datetime.timedelta(minutes=20)
    Team.objects.filter(pk__in=[a.pk, b.pk]).update(updated_at=t0)
    Team.objects.filter(pk=b.pk).update(updated_at=t2)  # B commits first
    after_b = stamp(network.teams.all())
    Team.objects.filter(pk=a.pk).update(updated_at=t1)  # A commits later, with the earlier time
    assert stamp(network.teams.all()) != after_b


def test_the_stamp_follows_a_relation_that_is_emptied():
    """A row whose related object goes (SET NULL) changes the stamp of that relation's times."""
    from core.models import Organisation
    from networks.models import NetworkRole
    from tests.networks.factories import NetworkRoleFactory, OrganisationFactory

    network = NetworkFactory()
    NetworkRoleFactory(network=network, organisation=OrganisationFactory(name="Nyeste"))
    old = OrganisationFactory(name="Eldre")
    Organisation.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=1))
    NetworkRoleFactory(network=network, organisation=old)
    roles = NetworkRole.objects.filter(network=network)
    before = stamp((roles, "organisation__updated_at"))
    old.delete()  # NetworkRole.organisation is SET NULL, an UPDATE without updated_at
    assert stamp((roles, "organisation__updated_at")) != before


def test_the_same_rows_give_the_same_stamp():
    network = NetworkFactory()
    TeamFactory(network=network)
    assert stamp(network.teams.all()) == stamp(network.teams.all())


def test_a_name_filled_in_later_moves_the_persons_updated_at():
    from core.models import User
    from core.services import user_get_or_create
    from tests.learningnet.factories import UserFactory

    person = UserFactory(email="uten.navn@eksempel.no", full_name="")
    User.objects.filter(pk=person.pk).update(updated_at=timezone.now() - datetime.timedelta(days=1))
    before = User.objects.get(pk=person.pk).updated_at
    user_get_or_create(email="uten.navn@eksempel.no", full_name="Ingrid Lie")
    after = User.objects.get(pk=person.pk)
    assert after.full_name == "Ingrid Lie" and after.updated_at > before
