from core.text import norwegian_sort_key


def test_norwegian_alphabetical_order():
    names = ["Årdal", "Øyer", "Ålesund", "Askøy", "Ærfugl", "Voss", "øksnes"]
    assert sorted(names, key=norwegian_sort_key) == ["Askøy", "Voss", "Ærfugl", "øksnes", "Øyer", "Ålesund", "Årdal"]
