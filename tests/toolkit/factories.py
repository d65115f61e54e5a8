from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from toolkit.models import Conversation, LifeArea, Score, ServiceUser


class ServiceUserFactory(DjangoModelFactory):
    class Meta:
        model = ServiceUser

    team = factory.SubFactory("tests.teams.factories.TeamFactory")
    code = factory.Sequence(lambda n: f"B-{n:02d}")


class LifeAreaFactory(DjangoModelFactory):
    class Meta:
        model = LifeArea

    service_user = factory.SubFactory(ServiceUserFactory)
    name = factory.Sequence(lambda n: f"Område {n}")
    order = factory.Sequence(lambda n: n)


def scored(person: ServiceUser, number: int, held_on: datetime.date, scores: dict[str, int]) -> Conversation:
    """A conversation with {area name: score}; areas are made as needed."""
    conversation = Conversation.objects.create(service_user=person, number=number, held_on=held_on)
    for name, score in scores.items():
        area, _ = LifeArea.objects.get_or_create(service_user=person, name=name)
        Score.objects.create(conversation=conversation, area=area, score=score)
    return conversation
