"""Helpers for the URL × role permission matrix (tests/learningnet/test_permission_matrix.py).

Each app lists its URLs' expectations in tests/<app>/urls_expected.py as
`EXPECTATIONS = {url_name: (kwargs_builder(cast), {role: status})}`.
"""

from __future__ import annotations

from tests.conftest import ROLES

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


# POST-only views answer GET with 405 once the network check has passed (outsiders still get 404).
POST_ONLY = statuses(NETWORK_MEMBERS, ok_status=405)
# POST-only views behind network:manage: others are refused (403) before the method is looked at.
MANAGER_POST_ONLY = statuses(MANAGERS, ok_status=405)



def by_role(*codes: int) -> dict[str, int]:
    """Statuses in the order of ROLES: anonymous, outsider, superuser, project_group, observer,
    working_group, coordinator, team_member (team A), other_team_member (team B)."""
    assert len(codes) == len(ROLES)
    return dict(zip(ROLES, codes, strict=True))
