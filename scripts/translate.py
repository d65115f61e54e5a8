"""Fill Norwegian translations from a small Python dict: `scripts/translate.py 'msgid=msgstr' ...`.

Handy after `make messages` for a few new strings; large batches are easier in a PO editor.
"""

import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale" / "nb" / "LC_MESSAGES" / "django.po"

po = polib.pofile(str(PO))
pairs = dict(arg.split("=", 1) for arg in sys.argv[1:])
for entry in po:
    if entry.msgid in pairs:
        entry.msgstr = pairs.pop(entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
po.save()
if pairs:
    sys.exit(f"not in the catalogue: {sorted(pairs)}")
