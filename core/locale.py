"""Norwegian in every spelling a browser sends.

Browsers set up in Norway send `nb-NO`, `no-NO`, `no`, `nn-NO` or `nn` (often with English as a
fallback). Django matches only the bokmål codes to our `nb`, so `no` and `nn` would fall through to
English. Until a nynorsk catalogue exists, every Norwegian tag is read as bokmål, with its quality
kept, before Django's LocaleMiddleware chooses the language."""

from __future__ import annotations

import re

NORWEGIAN_TAG = re.compile(r"(?<![\w-])(?:no|nn|nb)(?:-[a-z0-9]+)*(?=\s*(?:;|,|$))", re.IGNORECASE)


def norwegian_as_bokmal(header: str) -> str:
    """«nn-NO,nn;q=0.9,en;q=0.8» → «nb,nb;q=0.9,en;q=0.8»."""
    return NORWEGIAN_TAG.sub("nb", header)


class NorwegianLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.META.get("HTTP_ACCEPT_LANGUAGE")
        if header:
            request.META["HTTP_ACCEPT_LANGUAGE"] = norwegian_as_bokmal(header)
        return self.get_response(request)
