"""Every URL of the project × every role: the expected status. A new URL without an
expectation fails `test_every_url_has_an_expectation`."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import ROLES
from tests.gatherings.urls_expected import EXPECTATIONS as GATHERINGS
from tests.gatherings.urls_expected import POSTS as GATHERINGS_POSTS
from tests.improvement.urls_expected import EXPECTATIONS as IMPROVEMENT
from tests.improvement.urls_expected import POSTS as IMPROVEMENT_POSTS
from tests.learningnet.urls_expected import EXPECTATIONS as CORE
from tests.learningnet.urls_expected import POSTS as CORE_POSTS
from tests.matrix import for_every_role
from tests.networks.urls_expected import EXPECTATIONS as NETWORKS
from tests.networks.urls_expected import POSTS as NETWORKS_POSTS
from tests.packages.urls_expected import EXPECTATIONS as PACKAGES
from tests.packages.urls_expected import POSTS as PACKAGES_POSTS
from tests.reports.urls_expected import EXPECTATIONS as REPORTS
from tests.reports.urls_expected import POSTS as REPORTS_POSTS
from tests.surveys.urls_expected import EXPECTATIONS as SURVEYS
from tests.surveys.urls_expected import POSTS as SURVEYS_POSTS
from tests.teams.urls_expected import EXPECTATIONS as TEAMS
from tests.teams.urls_expected import POSTS as TEAMS_POSTS
from tests.toolkit.urls_expected import EXPECTATIONS as TOOLKIT
from tests.toolkit.urls_expected import POSTS as TOOLKIT_POSTS

pytestmark = pytest.mark.django_db


EXPECTATIONS = {
    **CORE,
    **NETWORKS,
    **TEAMS,
    **GATHERINGS,
    **PACKAGES,
    **TOOLKIT,
    **IMPROVEMENT,
    **REPORTS,
    **SURVEYS,
}
# What every role gets when it POSTs (test_permission_matrix_post.py).
POST_EXPECTATIONS = {
    **CORE_POSTS,
    **NETWORKS_POSTS,
    **TEAMS_POSTS,
    **GATHERINGS_POSTS,
    **PACKAGES_POSTS,
    **TOOLKIT_POSTS,
    **IMPROVEMENT_POSTS,
    **REPORTS_POSTS,
    **SURVEYS_POSTS,
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


def as_every_role(client, cast, request):
    """(role, response) of `request()` made as each role in turn (anonymous first). The previous
    role's session cookie is dropped rather than logged out: a fresh session per role, at less cost."""
    for role in ROLES:
        client.cookies = SimpleCookie()
        user = cast.role(role)
        if user is not None:
            client.force_login(user)
        yield role, request()


def test_every_url_has_an_expectation():
    assert _url_names(get_resolver()) - set(EXPECTATIONS) == set()


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_url_status_for_every_role(name, matrix_cast, client, settings):
    cast = matrix_cast
    settings.CELERY_BROKER_URL = ""  # /healthz in the embedded default: nothing to be down
    kwargs_for, expected = EXPECTATIONS[name]
    url = reverse(name, kwargs=kwargs_for(cast))
    got = {role: response.status_code for role, response in as_every_role(client, cast, lambda: client.get(url))}
    assert got == for_every_role(expected)


def test_admin_is_for_staff_only(cast, client):
    client.force_login(cast.project_group)
    assert client.get("/admin/").status_code == 302
    client.force_login(cast.superuser)
    assert client.get("/admin/").status_code == 200
