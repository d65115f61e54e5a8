"""Every URL that changes something × every role, POSTed: a forgotten guard on publish, delete,
move, copy, remind or reopen fails here. Each POST runs in a transaction that is rolled back, so
one role's change does not decide what the next role sees.

The expectations are in tests/<app>/urls_expected.py as `POSTS`; a URL whose view accepts POST
without an entry there fails `test_every_post_url_has_an_expectation`."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import resolve, reverse

from tests.learningnet.test_permission_matrix import EXPECTATIONS, POST_EXPECTATIONS, as_every_role
from tests.matrix import for_every_role

pytestmark = pytest.mark.django_db

# Django's own account and language views: not guarded by roles, and tested apart.
NOT_OURS = {
    "login",
    "logout",
    "password_change",
    "password_reset",
    "password_reset_confirm",
    "set_language",
}


# Function views cannot be asked whether they take POST: each one is listed here or in POSTS.
GET_ONLY_FUNCTION_VIEWS = {
    "home",
    "healthz",
    "robots-txt",
    "calendar-settings",
    "calendar-feed",
    "calendar-network-feed",
}


def _accepts_post(name: str, cast) -> bool:
    kwargs_for, _expected = EXPECTATIONS[name]
    match = resolve(reverse(name, kwargs=kwargs_for(cast)))
    view_class = getattr(match.func, "view_class", None)
    if view_class is not None:
        return hasattr(view_class, "post")
    return name not in GET_ONLY_FUNCTION_VIEWS


def test_every_post_url_has_an_expectation(cast):
    accepting = {name for name in EXPECTATIONS if name not in NOT_OURS and _accepts_post(name, cast)}
    assert accepting - set(POST_EXPECTATIONS) == set()
    assert set(POST_EXPECTATIONS) - accepting == set()


@pytest.mark.parametrize("name", sorted(POST_EXPECTATIONS))
def test_post_status_for_every_role(name, matrix_cast, client, settings):
    cast = matrix_cast
    settings.CELERY_BROKER_URL = ""
    kwargs_for, expected, *data = POST_EXPECTATIONS[name]
    url = reverse(name, kwargs=kwargs_for(cast))

    def post_and_roll_back():
        with transaction.atomic():
            response = client.post(url, data[0] if data else {})
            transaction.set_rollback(True)
        return response

    got = {}
    for role, response in as_every_role(client, cast, post_and_roll_back):
        got[role] = response.status_code
        if role == "anonymous" and response.status_code == 302:
            assert "/accounts/login/" in response["Location"]
    assert got == for_every_role(expected)
