"""The catalogue check finds translation functions hidden under a name extraction does not see."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("check_translations", ROOT / "scripts" / "check_translations.py")
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)


def test_an_aliased_gettext_is_found_and_the_usual_names_are_not(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "hidden.py").write_text(
        "from django.utils.translation import gettext as _t, pgettext_lazy\n"
        "from django.utils.translation import gettext_lazy as _\n"
        "translate = gettext_lazy\n"
    )
    assert check.hidden_translation_aliases(tmp_path) == [
        "app/hidden.py:1: gettext as _t",
        "app/hidden.py:3: translate = gettext_lazy",
    ]


def test_our_code_has_none():
    assert check.hidden_translation_aliases() == []
