"""The session's sliding expiry without a database write on every request.

A session expires after SESSION_COOKIE_AGE without activity. Django's SESSION_SAVE_EVERY_REQUEST
gives that by writing the session on every request: an UPDATE and a transaction for each page a
hundred participants open at once. This middleware writes it at most once per
SESSION_REFRESH_SECONDS instead (the stored time of the last refresh marks the session modified
when it is older), so the expiry slides with at most that lag: an idle session still ends between
SESSION_COOKIE_AGE - SESSION_REFRESH_SECONDS and SESSION_COOKIE_AGE after the last request.
"""

from __future__ import annotations

import time

from django.conf import settings

REFRESHED_KEY = "_refreshed"


def stamp_at_login(sender, request, user, **kwargs) -> None:
    """A new session counts as just refreshed (it is saved at login anyway)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[REFRESHED_KEY] = int(time.time())


class SessionRefreshMiddleware:
    """Put after SessionMiddleware; with SESSION_SAVE_EVERY_REQUEST = False."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a session the request used (a static file or robots.txt reads nothing) and that
        # exists: an anonymous visitor's empty session is never created here.
        if session is not None and session.accessed and session.session_key and not session.is_empty():
            now = int(time.time())
            if now - session.get(REFRESHED_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[REFRESHED_KEY] = now  # marks it modified: SessionMiddleware saves it and resets the cookie
        return response
