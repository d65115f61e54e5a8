"""Fail when the Norwegian catalogue lacks a translation, has a fuzzy entry, or is out of date.

Runs `makemessages` into a temporary copy and compares msgids, so a string added to the code
without a translation fails CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "nb" / "LC_MESSAGES" / "django.po"


def entries(path: Path) -> dict[str, tuple[bool, bool]]:
    """msgid (with context) -> (translated, fuzzy)."""
    import polib  # noqa: PLC0415

    return {
        (e.msgctxt or "") + "\x04" + e.msgid: (e.translated(), "fuzzy" in e.flags)
        for e in polib.pofile(str(path))
        if not e.obsolete
    }


def catalogue_from_sources() -> dict[str, tuple[bool, bool]]:
    """Run makemessages in a scratch tree of symlinks to the sources with a copy of the catalogue
    (makemessages writes into ./locale), so the real catalogue is never touched."""
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for entry in ROOT.iterdir():
            if entry.name not in {"locale", ".venv", ".git", "var", "static", "tests", "scripts", "bench"}:
                (scratch / entry.name).symlink_to(entry)
        shutil.copytree(ROOT / "locale", scratch / "locale")
        env = {**os.environ, "LEARNINGNET_LOCALE_DIR": str(scratch / "locale")}
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "makemessages",
                "-l",
                "nb",
                "--no-obsolete",
                "-v0",
                "--symlinks",
            ],
            cwd=scratch,
            env=env,
            check=True,
        )
        return entries(scratch / "locale" / "nb" / "LC_MESSAGES" / "django.po")


# The names xgettext finds (Python's defaults and the keywords makemessages adds). A translation
# function imported under any other name is invisible to extraction, so its strings stay English.
EXTRACTED_NAMES = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
TRANSLATION_MODULES = {"django.utils.translation", "gettext"}


def hidden_translation_aliases(root: Path = ROOT) -> list[str]:
    """`from django.utils.translation import gettext as _t` (or `_t = gettext`) anywhere in our code."""
    import ast  # noqa: PLC0415

    skip = {".venv", ".git", "var", "static", "node_modules", "locale"}
    found = []
    for path in sorted(root.rglob("*.py")):
        if skip & set(path.relative_to(root).parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in TRANSLATION_MODULES:
                for alias in node.names:
                    name = alias.asname or alias.name
                    if alias.name in EXTRACTED_NAMES and name not in EXTRACTED_NAMES:
                        found.append(f"{path.relative_to(root)}:{node.lineno}: {alias.name} as {name}")
            elif (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Name)
                and node.value.id in EXTRACTED_NAMES - {"_"}
            ):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id not in EXTRACTED_NAMES:
                        found.append(f"{path.relative_to(root)}:{node.lineno}: {target.id} = {node.value.id}")
    return found


def main() -> int:
    problems = [
        f"translation function under a name extraction does not see (strings stay English): {where}"
        for where in hidden_translation_aliases()
    ]
    current = entries(PO)
    for key, (translated, fuzzy) in current.items():
        label = key.split("\x04", 1)[1][:70]
        if fuzzy:
            problems.append(f"fuzzy: {label!r}")
        elif not translated:
            problems.append(f"untranslated: {label!r}")
    if shutil.which("xgettext"):
        for key in sorted(set(catalogue_from_sources()) - set(current)):
            problems.append(f"missing from locale/nb (run `make messages`): {key.split(chr(4), 1)[1][:70]!r}")
    elif os.environ.get("CI"):
        problems.append("xgettext (Debian package gettext) is missing, so new strings cannot be checked")
    else:
        print("warning: xgettext is not installed (apt-get install gettext): new strings were not checked")
    if problems:
        print("Norwegian catalogue problems:\n  " + "\n  ".join(problems))
        return 1
    print(f"Norwegian catalogue complete: {len(current)} entries.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
