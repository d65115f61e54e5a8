import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from teams.models import (
    MeetingTask,
    SupervisionOffer,
    SupervisionSession,
    Team,
    TeamMeeting,
    TeamMembership,
    TeamOrganisation,
)


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    network = factory.SubFactory("tests.networks.factories.NetworkFactory")
    name = factory.Sequence(lambda n: f"Team {n}")
    improvement_area = "Brukermedvirkning og brukerpanel."


class TeamOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = TeamOrganisation

    team = factory.SubFactory(TeamFactory)
    organisation = factory.SubFactory("tests.networks.factories.OrganisationFactory")


class TeamMembershipFactory(DjangoModelFactory):
    class Meta:
        model = TeamMembership

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory("tests.learningnet.factories.UserFactory")
    role = TeamMembership.Role.STAFF


class TeamMeetingFactory(DjangoModelFactory):
    class Meta:
        model = TeamMeeting

    team = factory.SubFactory(TeamFactory)
    held_on = datetime.date(2026, 10, 6)
    title = factory.Sequence(lambda n: f"Teammøte {n}")
    minutes = "Gikk gjennom målingene fra forrige måned og planla neste PDSA-sirkel."
    next_meeting_on = datetime.date(2026, 11, 3)


class MeetingTaskFactory(DjangoModelFactory):
    class Meta:
        model = MeetingTask

    meeting = factory.SubFactory(TeamMeetingFactory)
    description = factory.Sequence(lambda n: f"Oppgave {n}")


class SupervisionOfferFactory(DjangoModelFactory):
    class Meta:
        model = SupervisionOffer

    team = factory.SubFactory(TeamFactory)
    sessions_offered = 2
    hours_per_session = Decimal("2.0")


class SupervisionSessionFactory(DjangoModelFactory):
    class Meta:
        model = SupervisionSession

    offer = factory.SubFactory(SupervisionOfferFactory)
    hours = factory.LazyAttribute(lambda o: o.offer.hours_per_session)
