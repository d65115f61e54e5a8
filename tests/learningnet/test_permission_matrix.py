"""Every URL of the project × every role: the expected status. A new URL without an
expectation fails `test_every_url_has_an_expectation`."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

ALL = dict.fromkeys(ROLES)
LOGGED_IN = [r for r in ROLES if r != "anonymous"]
MANAGERS = {"project_group"}
READERS = {"project_group", "observer", "working_group"}
NETWORK_MEMBERS = READERS | {"coordinator", "team_member", "other_team_member"}
TEAM_A = READERS | {"coordinator", "team_member"}


def statuses(ok: set[str], *, ok_status=200, forbidden=403, outsiders=("outsider", "superuser")):
    """Members with the key get ok_status; members without it 403; outsiders 404; anonymous → login."""
    result = {}
    for role in ROLES:
        if role == "anonymous":
            result[role] = 302
        elif role in ok:
            result[role] = ok_status
        elif role in outsiders or role not in NETWORK_MEMBERS:
            result[role] = 404
        else:
            result[role] = forbidden
    return result


def same(status, **overrides):
    return {**dict.fromkeys(ROLES, status), **overrides}


# name -> (kwargs builder, {role: status})
EXPECTATIONS = {
    "home": (lambda c: {}, same(200, anonymous=302)),
    "healthz": (lambda c: {}, same(200)),
    "robots-txt": (lambda c: {}, same(200)),
    "login": (lambda c: {}, same(302, anonymous=200)),
    "logout": (lambda c: {}, same(405)),  # POST only
    "password_change": (lambda c: {}, same(200, anonymous=302)),
    "password_change_done": (lambda c: {}, same(200, anonymous=302)),
    "password_reset": (lambda c: {}, same(200)),
    "password_reset_done": (lambda c: {}, same(200)),
    "password_reset_confirm": (lambda c: {"uidb64": "MQ", "token": "bad-token"}, same(200)),
    "password_reset_complete": (lambda c: {}, same(200)),
    "invitation-accept": (lambda c: {"token": "no-such-token"}, same(410)),
    "set_language": (lambda c: {}, same(302)),
    "networks:network-detail": (lambda c: {"slug": c.network.slug}, statuses(NETWORK_MEMBERS)),
    "networks:person-invite": (lambda c: {"slug": c.network.slug}, statuses(MANAGERS)),
    "networks:data-import": (lambda c: {"slug": c.network.slug, "kind": "teams"}, statuses(MANAGERS)),
    "networks:data-export": (lambda c: {"slug": c.network.slug, "kind": "teams"}, statuses(READERS)),
    "teams:team-detail": (
        lambda c: {"slug": c.network.slug, "pk": c.team_a.pk},
        # A member of another team gets 404: a team never sees another team's workspace.
        {**statuses(TEAM_A), "other_team_member": 404},
    ),
}


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":  # Django's back office: guarded by is_staff, tested apart
                continue
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            names |= _url_names(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(f"{namespace}{p.name}")
    return names


def test_every_url_has_an_expectation():
    assert _url_names(get_resolver()) - set(EXPECTATIONS) == set()


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_url_status_for_every_role(name, cast, client, settings):
    settings.CELERY_BROKER_URL = ""  # /healthz in the embedded default: nothing to be down
    kwargs_for, expected = EXPECTATIONS[name]
    url = reverse(name, kwargs=kwargs_for(cast))
    got = {}
    for role in ROLES:
        client.logout()
        user = cast.role(role)
        if user is not None:
            client.force_login(user)
        got[role] = client.get(url).status_code
    assert got == expected


def test_admin_is_for_staff_only(cast, client):
    client.force_login(cast.project_group)
    assert client.get("/admin/").status_code == 302
    client.force_login(cast.superuser)
    assert client.get("/admin/").status_code == 200
