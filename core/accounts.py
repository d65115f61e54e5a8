"""One spelling of a person's e-mail for logging in: the login form, the password reset and the
login throttling (django-axes) all see the address trimmed and in lower case, so «Kari@Eksempel.no»
and «kari@eksempel.no» are one person with one count of failed attempts."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def normalise_email(value: str | None) -> str:
    """The address as we store and compare it: no surrounding whitespace, lower case."""
    return (value or "").strip().lower()


def axes_username(request: HttpRequest | None, credentials: dict | None = None) -> str | None:
    """`AXES_USERNAME_CALLABLE`: the username axes counts failures under, normalised.

    Same order as axes' own `get_client_username`: the credentials given to `authenticate`, else the
    posted form field. No username stays None, as axes expects.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    elif request is not None:
        username = getattr(request, "data", request.POST).get(field)
    else:
        username = None
    return None if username is None else normalise_email(str(username))
