"""Norwegian text helpers."""

import unicodedata

# Norwegian alphabetical order ends with Æ, Ø, Å, after Z. Python (and PostgreSQL's C.UTF-8
# collation) sorts by code point: Å before Æ before Ø, and é or ü after every letter. The key
# sets the three Norwegian letters (and the Swedish/German ä, ö) past Z, and reads other accented
# letters as their base letter (é as e), as ICU's nb-NO collation does in PostgreSQL.
_LAST = {"æ": "\U0010fff1", "ä": "\U0010fff1", "ø": "\U0010fff2", "ö": "\U0010fff2", "å": "\U0010fff3"}
_KEEP = str.maketrans({letter: f"\x00{i}" for i, letter in enumerate(_LAST)})
_BACK = {f"\x00{i}": last for i, last in enumerate(_LAST.values())}


def norwegian_sort_key(text: str) -> str:
    # «Aa» is the old spelling of «Å» and sorts with it (Aasen after Ålen), as in ICU's nb-NO.
    folded = unicodedata.normalize("NFC", text.casefold()).replace("aa", "å")
    kept = unicodedata.normalize("NFD", folded.translate(_KEEP))
    plain = "".join(c for c in kept if not unicodedata.combining(c))
    for mark, last in _BACK.items():
        plain = plain.replace(mark, last)
    return plain


# The database sorts names the Norwegian way too, so that a list sorted by the database and one
# sorted here agree. On PostgreSQL the collation is ICU's nb-NO under this name (created by the
# migration core 0007); SQLite (the embedded default of `make run`) gets one of the same name from
# this module (core/apps.py). A plain name, since SQLite does not quote collation names.
NORWEGIAN_COLLATION = "nb_no"


def norwegian_compare(a: str, b: str) -> int:
    """SQLite's collation callback: <0, 0 or >0 like strcmp, in Norwegian order."""
    ka, kb = norwegian_sort_key(a), norwegian_sort_key(b)
    if ka == kb:
        return (a > b) - (a < b)  # deterministic, as ICU's default is: equal only when identical
    return -1 if ka < kb else 1


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(NORWEGIAN_COLLATION, norwegian_compare)
