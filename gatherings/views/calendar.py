"""Calendar feeds: a secret URL per person, for their calendar app (which cannot log in)."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.models import User
from core.services import user_calendar_token, user_calendar_token_reset
from gatherings.calendar import calendar_bytes
from gatherings.selectors import activities_visible
from networks.models import Network
from teams.permissions import Permissions, networks_visible_to

__all__ = ["calendar_settings_view", "calendar_token_reset_view", "calendar_feed_view", "calendar_network_feed_view"]


@login_required
def calendar_settings_view(request):
    token = user_calendar_token(user=request.user)
    networks = networks_visible_to(request.user).order_by("-starts_on")
    context = {"token": token, "networks": networks, "site_url": settings.SITE_URL}
    return render(request, "gatherings/calendar_settings.html", context)


@login_required
@require_POST
def calendar_token_reset_view(request):
    user_calendar_token_reset(user=request.user)
    messages.success(request, _("New calendar links made. The old links no longer work."))
    return redirect("calendar-settings")


_TOKEN = re.compile(r"[A-Za-z0-9_-]+", re.ASCII)


def _user_for_token(token: str) -> User:
    # Keys are made by secrets.token_urlsafe: anything else (a NUL byte, other characters) is no key.
    if len(token) < 20 or len(token) > 200 or not _TOKEN.fullmatch(token):
        raise Http404
    return get_object_or_404(User, calendar_token=token, is_active=True)


def _feed(activities, name) -> HttpResponse:
    response = HttpResponse(calendar_bytes(activities, name), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


def calendar_feed_view(request, token: str):
    """Every activity the person can see, in all their networks."""
    user = _user_for_token(token)
    perms = Permissions(user)
    activities = []
    for network in networks_visible_to(user):
        activities += list(
            activities_visible(network=network, user=user, keys=perms.for_network(network), team_ids=perms.team_ids)
        )
    return _feed(activities, "Læringsnett")


def calendar_network_feed_view(request, token: str, slug: str):
    user = _user_for_token(token)
    network = get_object_or_404(Network, slug=slug)
    perms = Permissions(user)
    keys = perms.for_network(network)
    if not keys:
        raise Http404
    activities = activities_visible(network=network, user=user, keys=keys, team_ids=perms.team_ids)
    return _feed(activities, network.name)
