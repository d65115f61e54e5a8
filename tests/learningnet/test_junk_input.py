"""Junk in every field of every POST-able URL never gives a 500.

The URLs and who may use them come from the URL × role matrix (tests/<app>/urls_expected.py, POSTS);
the field names from the forms the pages render (the page itself, or the page whose form posts to
the URL, e.g. the program's move buttons), plus the parameters the views parse by hand. Each URL is
posted by a role that may use it with junk in all fields at once (a NUL byte, 10 000 characters, far
dates, non-numbers, a list where one value is expected, a JSON body), then with junk in one field at
a time while the others keep what the page filled in. Every post is rolled back. About 900 posts:
under a minute."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from tests.formdata import post_forms
from tests.learningnet.test_permission_matrix import EXPECTATIONS, POST_EXPECTATIONS
from tests.learningnet.test_permission_matrix_post import NOT_OURS
from tests.matrix import for_every_role

pytestmark = pytest.mark.django_db

# The roles tried first: the first whose expected status is not a refusal posts the junk.
ROLE_ORDER = ["project_group", "coordinator", "team_member", "observer", "working_group", "other_team_member"]
REFUSED = {401, 403, 404, 405}
# Parameters views read by hand (not from a form class): sent along in the all-junk posts.
HAND_PARSED = ["base_version", "revision", "team", "package", "steps", "kind", "direction", "present", "approved"]
HAND_PARSED += ["obj_pk", "quote", "action", "confirm", "next", "measure"]

NUL = "før\x00etter"
LONG = "x" * 10_000
# In all fields at once (also the hand-parsed parameters, which are whole numbers or words).
JUNK = {"nul": NUL, "long": LONG, "past": "0001-01-01", "not a number": "abc", "list": ["1", "x\x00"]}
# In one field at a time, by the field's input type (text fields: NUL and 10 000 characters).
BY_KIND = {
    "date": ["0001-01-01", "9999-12-31", "31.12.9999", "31.02.2026"],
    "month": ["0001-01", "9999-12"],
    "number": ["1E+999999999", "١٢٣"],
    "email": ["a" * 250 + "@eksempel.no"],
}


def _path(action: str, page: str) -> str:
    return urlsplit(action).path if action else page


def _role_for(expected: dict[str, int]) -> str | None:
    statuses = for_every_role(expected)
    return next((r for r in ROLE_ORDER if statuses[r] not in REFUSED), None)


def _forms_by_action(client, cast, roles) -> dict[str, dict[str, object]]:
    """{path a form posts to: {field: (page value, input type)}} over every GET page of the matrix."""
    found: dict[str, dict[str, tuple[list[str], str]]] = {}
    pages = []
    for name, (kwargs_for, _expected) in EXPECTATIONS.items():
        try:
            pages.append(reverse(name, kwargs=kwargs_for(cast)))  # once each: some builders make rows
        except NoReverseMatch:
            continue
    for role in roles:
        client.force_login(cast.role(role))
        for page in pages:
            response = client.get(page)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for form in post_forms(response.content.decode()):
                fields = found.setdefault(_path(form.action, page), {})
                for field, values in form.data.items():
                    fields.setdefault(field, (values, form.typed.get(field, "hidden")))
    return found


def test_junk_in_every_field_never_gives_500(matrix_cast, client, settings):
    cast = matrix_cast
    settings.CELERY_BROKER_URL = ""
    client.raise_request_exception = False
    with transaction.atomic():  # the URLs' builders make rows (a file, a response): the walk makes its own
        forms = _forms_by_action(client, cast, ["project_group", "coordinator"])
        transaction.set_rollback(True)
    failures = []
    posted = 0
    for name, (kwargs_for, expected, *_data) in sorted(POST_EXPECTATIONS.items()):
        role = _role_for(expected)
        if name in NOT_OURS or role is None:
            continue
        kwargs = kwargs_for(cast)
        url = reverse(name, kwargs=kwargs)
        fields = dict(forms.get(url, {}))
        if "question_pk" in kwargs:  # the autosave endpoint: the fields the workspace posts to it
            fields.setdefault(f"q-{kwargs['question_pk']}", ([""], "textarea"))
        client.force_login(cast.role(role))
        base = {f: v[0] if len(v) == 1 else v for f, (v, _kind) in fields.items() if f != "csrfmiddlewaretoken"}
        typed = [f for f, (_v, kind) in fields.items() if kind != "hidden"]
        attempts = []
        for label, junk in JUNK.items():
            attempts.append((f"all fields: {label}", {f: junk for f in [*typed, *HAND_PARSED]} | _keep(base, typed)))
        for field in typed:
            kind = fields[field][1]
            for junk in BY_KIND.get(kind, [NUL, LONG]):
                attempts.append((f"{field}={junk[:20]!r}", {**base, field: junk}))
        for label, data in attempts:
            status = _post(client, url, data)
            posted += 1
            if status >= 500:
                failures.append(f"{name} as {role}, {label}: {status}")
        status = _post(client, url, {f: [1, {"a": None}] for f in [*typed, *HAND_PARSED]}, json=True)
        posted += 1
        if status >= 500:
            failures.append(f"{name} as {role}, a JSON body of wrong types: {status}")
    assert posted > 300  # the walk reached the URLs (a broken discovery would pass vacuously)
    assert failures == []


def _keep(base: dict, typed: list[str]) -> dict:
    """The hidden fields as the page filled them in (ids, versions), so the junk reaches the view's checks."""
    return {f: v for f, v in base.items() if f not in typed and f not in HAND_PARSED}


def _post(client, url, data, json=False) -> int:
    with transaction.atomic():
        extra = {"content_type": "application/json"} if json else {}
        response = client.post(url, data, **extra)
        transaction.set_rollback(True)
    return response.status_code
