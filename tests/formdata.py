"""The fields of the forms a page renders, as a browser would post them: for tests that fill a
form in from the page itself (what the user sees) rather than from a hand-written dict."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class HtmlForm:
    action: str
    method: str
    data: dict[str, list[str]] = field(default_factory=dict)
    # Fields a person types into (text, textarea, date, number, e-mail, …), not hidden or chosen ones.
    typed: dict[str, str] = field(default_factory=dict)

    def flat(self) -> dict[str, list[str] | str]:
        return {k: v if len(v) != 1 else v[0] for k, v in self.data.items()}


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False

    def _add(self, name, value):
        self._form.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = HtmlForm(action=a.get("action", ""), method=a.get("method", "get").lower())
            self.forms.append(self._form)
            return
        if self._form is None or "name" not in a and tag != "option":
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            name = a["name"]
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(name, a.get("value", "on"))
                return
            self._add(name, a.get("value", ""))
            if "data-date-input" in a:  # core.widgets.DateInput: a text field for a date
                kind = "date"
            if kind != "hidden":
                self._form.typed[name] = kind
        elif tag == "textarea":
            self._textarea = a["name"]
            self._add(self._textarea, "")
            self._form.typed[self._textarea] = "textarea"
        elif tag == "select":
            self._select = a["name"]
            self._select_first = None
            self._select_chosen = False
            self._form.typed[self._select] = "select"
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self._add(self._select, value)
                self._select_chosen = True

    def handle_data(self, data):
        if self._textarea and self._form:
            self._form.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first not in (None, ""):
                self._add(self._select, self._select_first)
            self._select = None
        elif tag == "form":
            self._form = None


def page_forms(html: str) -> list[HtmlForm]:
    parser = _Parser()
    parser.feed(html)
    return parser.forms


def post_forms(html: str) -> list[HtmlForm]:
    """The page's POST forms, with the values the page filled in."""
    return [f for f in page_forms(html) if f.method == "post"]
