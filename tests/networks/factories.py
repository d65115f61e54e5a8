import datetime

import factory
from factory.django import DjangoModelFactory

from core.models import Organisation
from gatherings.models import Activity, Gathering, ProgramSession
from networks.models import Network, NetworkRole


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name", "kind")

    name = factory.Sequence(lambda n: f"Kommune {n}")
    kind = Organisation.Kind.MUNICIPALITY


class NetworkFactory(DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Læringsnettverk {n}")
    slug = factory.Sequence(lambda n: f"nettverk-{n}")
    owner = factory.SubFactory(OrganisationFactory, name="KS", kind=Organisation.Kind.KS)
    starts_on = datetime.date(2025, 9, 1)
    ends_on = datetime.date(2027, 6, 30)


class GatheringFactory(DjangoModelFactory):
    class Meta:
        model = Gathering

    network = factory.SubFactory(NetworkFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"Samling {o.number}")
    starts_on = datetime.date(2026, 9, 17)
    ends_on = datetime.date(2026, 9, 18)


class NetworkRoleFactory(DjangoModelFactory):
    class Meta:
        model = NetworkRole

    network = factory.SubFactory(NetworkFactory)
    user = factory.SubFactory("tests.learningnet.factories.UserFactory")
    role = NetworkRole.Role.PROJECT_GROUP


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    network = factory.SubFactory(NetworkFactory)
    kind = Activity.Kind.WEBINAR
    title = factory.Sequence(lambda n: f"Webinar {n}")
    starts_on = datetime.date(2026, 10, 6)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on)
    start_time = datetime.time(10, 0)
    end_time = datetime.time(11, 30)
    mode = "digital"


class ProgramSessionFactory(DjangoModelFactory):
    class Meta:
        model = ProgramSession

    gathering = factory.SubFactory(GatheringFactory)
    day = factory.LazyAttribute(lambda o: o.gathering.starts_on)
    start_time = datetime.time(9, 0)
    end_time = datetime.time(9, 45)
    title = factory.Sequence(lambda n: f"Innlegg {n}")
