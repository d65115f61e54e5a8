import pytest

from core.text import norwegian_sort_key


def test_norwegian_alphabetical_order():
    names = ["Årdal", "Øyer", "Ålesund", "Askøy", "Ærfugl", "Voss", "øksnes"]
    assert sorted(names, key=norwegian_sort_key) == ["Askøy", "Voss", "Ærfugl", "øksnes", "Øyer", "Ålesund", "Årdal"]


@pytest.mark.django_db
def test_the_database_sorts_names_the_norwegian_way_as_python_does(cast):
    from teams.models import Team
    from tests.teams.factories import TeamFactory

    for name in ["Ålen", "Ørland", "Ærfugl", "Zeta", "aure", "Bodø", "Aasen", "Érik", "Eva"]:
        TeamFactory(network=cast.network, name=name)
    by_database = list(Team.objects.filter(network=cast.network).order_by("name").values_list("name", flat=True))
    assert by_database == sorted(by_database, key=norwegian_sort_key)
    assert by_database[-4:] == ["Ærfugl", "Ørland", "Ålen", "Aasen"]
