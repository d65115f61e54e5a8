"""Response headers for pages that show a team's answers or a person's data."""

from __future__ import annotations

from django.utils.cache import patch_cache_control


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
