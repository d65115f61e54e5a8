"""Helpers for the URL × role permission matrix (tests/learningnet/test_permission_matrix.py).

Each app lists its URLs' expectations in tests/<app>/urls_expected.py as
`EXPECTATIONS = {url_name: (kwargs_builder(cast), {role: status})}`.

The expectations name the nine BASE_ROLES. The other roles of ROLES behave like one of them
(tests.conftest.ALIASES: a process supervisor like the project group, team A's leader like its
coordinator, an expired role like an outsider, …); `for_every_role()` fills their statuses in from
the final expectation, so an override such as `{**statuses(TEAM_A), "coordinator": 302}` covers
the coordinator's alias too. An expectation may still name an aliased role where it differs.
"""

from __future__ import annotations

from tests.conftest import ALIASES, BASE_ROLES, ROLES

MANAGERS = {"project_group"}
READERS = {"project_group", "observer", "working_group"}
NETWORK_MEMBERS = READERS | {"coordinator", "team_member", "other_team_member"}
TEAM_A = READERS | {"coordinator", "team_member"}


def statuses(ok: set[str], *, ok_status=200, forbidden=403, outsiders=("outsider", "superuser")):
    """Members with the key get ok_status; members without it 403; outsiders 404; anonymous → login."""
    result = {}
    for role in BASE_ROLES:
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
    return {**dict.fromkeys(BASE_ROLES, status), **overrides}


# POST-only views answer GET with 405 once the network check has passed (outsiders still get 404).
POST_ONLY = statuses(NETWORK_MEMBERS, ok_status=405)
# POST-only views behind network:manage: others are refused (403) before the method is looked at.
MANAGER_POST_ONLY = statuses(MANAGERS, ok_status=405)


def by_role(*codes: int, **aliased: int) -> dict[str, int]:
    """Statuses in the order of BASE_ROLES: anonymous, outsider, superuser, project_group, observer,
    working_group, coordinator, team_member (team A), other_team_member (team B). An aliased role
    (ALIASES) that differs from its base role is given by name."""
    assert len(codes) == len(BASE_ROLES)
    assert set(aliased) <= set(ALIASES), set(aliased) - set(ALIASES)
    return {**dict(zip(BASE_ROLES, codes, strict=True)), **aliased}


def for_every_role(expected: dict[str, int]) -> dict[str, int]:
    """The expected status of every role in ROLES: the base roles as written, each aliased role as
    written or else as its base role (ALIASES)."""
    unknown = set(expected) - set(ROLES)
    missing = set(BASE_ROLES) - set(expected)
    assert not unknown and not missing, f"unknown roles {unknown}, missing roles {missing}"
    return {role: expected[role] if role in expected else expected[ALIASES[role]] for role in ROLES}
