import factory
from factory.django import DjangoModelFactory

from teams.models import Team, TeamMembership, TeamOrganisation


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
