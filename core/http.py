"""Response headers for pages that show a team's answers or a person's data; parameters read from requests."""

from __future__ import annotations

import re

from django.core.exceptions import BadRequest
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _


def private_no_store(response):
    """`Cache-Control: private, no-store`: neither a shared cache nor the browser keeps a copy."""
    patch_cache_control(response, private=True, no_store=True)
    return response


class PrivateNoStoreMixin:
    """Put first among a class-based view's bases: every response it returns is `private, no-store`.

    Errors raised before a response exists (403, 404) go to the error pages, which show nothing private.
    """

    def dispatch(self, request, *args, **kwargs):
        return private_no_store(super().dispatch(request, *args, **kwargs))


class BadParameter(BadRequest):
    """A query or form parameter that is not what the page sent: answered 400 with this message."""


def int_param(data, name: str, default: int | None = None, *, minimum: int | None = None, maximum: int | None = None):
    """An integer from request.GET or request.POST (`default` when missing or empty).

    Anything else than plain digits (with an optional minus) raises BadParameter, which the error
    handler answers with 400 and the message, instead of a ValueError and a 500."""
    raw = data.get(name)
    if raw is None or raw == "":
        return default
    text = str(raw).strip()
    if not _INT.fullmatch(text):
        raise BadParameter(_("The parameter «%(name)s» must be a whole number.") % {"name": name[:50]})
    value = int(text)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise BadParameter(_("The parameter «%(name)s» is out of range.") % {"name": name[:50]})
    return value


_INT = re.compile(r"-?\d{1,18}", re.ASCII)


def int_list_param(data, name: str) -> list[int]:
    """Every value of a repeated parameter (`getlist`) as integers; BadParameter if one is not a whole number."""
    values = []
    for raw in data.getlist(name):
        text = str(raw).strip()
        if not _INT.fullmatch(text):
            raise BadParameter(_("The parameter «%(name)s» must be a whole number.") % {"name": name[:50]})
        values.append(int(text))
    return values
