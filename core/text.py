"""Norwegian text helpers."""

# Norwegian alphabetical order ends with Æ, Ø, Å. Python (and PostgreSQL's C.UTF-8 collation)
# sorts Å before Æ before Ø; map the three letters past Z so "Ålesund" comes last, as in a
# Norwegian phone book. (ICU's nb-NO collation does this in PostgreSQL, but not in SQLite.)
_ORDER = str.maketrans({"æ": "z\x01", "ø": "z\x02", "å": "z\x03", "ä": "z\x01", "ö": "z\x02"})


def norwegian_sort_key(text: str) -> str:
    return text.casefold().translate(_ORDER)
