"""The one PDF renderer: every PDF of Læringsnett goes through `render_pdf`.

HTML from a template → WeasyPrint → tagged PDF/UA-1, with the bundled DejaVu fonts and only
local static files reachable (a restrictive url_fetcher), in the document's own language.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

STATIC_PREFIX = "static:"


def _static_only_fetcher():
    """Serve only our own static files; anything else (http, file:, links in user text) is refused."""
    from weasyprint.urls import URLFetcher

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(STATIC_PREFIX):
                path = finders.find(url[len(STATIC_PREFIX) :])
                if path:
                    return super().fetch(Path(path).as_uri(), headers)
            raise ValueError(f"Refusing to fetch {url!r} while rendering a PDF")

    return StaticOnlyFetcher()


def render_pdf(*, template: str, context: dict, language: str) -> bytes:
    """Render `template` (which extends reports/pdf/base.html) to PDF/UA-1 bytes."""
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(template, {**context, "LANGUAGE_CODE": language, "STATIC_PREFIX": STATIC_PREFIX})
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_static_only_fetcher()).write_pdf(
        pdf_variant="pdf/ua-1"
    )
