"""Cached renderings of the big, shared parts of a page (a network's team cards, a gathering's
program), keyed by what they show, so a cached part is never stale and never another person's.

A key is made of:
- the *stamp* of the rows the part shows: for each queryset, the number of rows and the latest and
  the sum of `updated_at`, all read in one query (`stamp`). Any save or delete through the ORM
  changes it (BaseModel.updated_at is `auto_now`), also a write that commits after a later one (the
  sum moves where the latest would not); a write that bypasses save() must set `updated_at` itself;
- what the part depends on besides rows: today's date, the language, and the viewer's *scope*
  (what the viewer may open, never who they are, so people with the same rights share one copy);
- the code's own digest (templates, Python, catalogues, and requirements.txt, which pins the
  libraries), so a deploy never serves what old code rendered.

The key is content-addressed: a new state is a new key, so a per-process cache is as correct as a
shared one; old entries simply expire.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import F, QuerySet
from django.middleware.csrf import get_token
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# A changed state is a new key: this bounds what old states keep (a gathering reads within minutes).
FRAGMENT_SECONDS = 3600
_CODE_SUFFIXES = {".py", ".html", ".mo", ".txt"}
_SKIP_DIRS = {".venv", "var", "media", "staticfiles", "node_modules", "tests", ".git", "static", "bench"}


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the code that renders pages: every template, Python module and catalogue of the
    project (read once per process)."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for path in sorted(_code_files(base)):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _code_files(directory: Path) -> Iterable[Path]:
    for path in directory.iterdir():
        if path.is_dir():
            if path.name not in _SKIP_DIRS and not path.name.startswith("."):
                yield from _code_files(path)
        elif path.suffix in _CODE_SUFFIXES:
            yield path


# The sum of a timestamp column as a number, per database: it changes whenever any row's timestamp
# does, also when a transaction that took its time early commits after one that took a later time
# (the latest alone would not move then).
_EPOCH_SUM = {"postgresql": "SUM(EXTRACT(EPOCH FROM {}))", "sqlite": "SUM(julianday({}))"}


def stamp(*parts: QuerySet | tuple[QuerySet, str]) -> str:
    """The number of rows, the latest and the sum of `updated_at` of each part, in one query, as a
    string. A part is a queryset, or a queryset and the time field to read instead, which may follow
    a relation: `(roles, "user__updated_at")`."""
    if not parts:
        return ""
    selects, params = [], []
    pairs = [part if isinstance(part, tuple) else (part, "updated_at") for part in parts]
    using = pairs[0][0].db
    epoch_sum = _EPOCH_SUM[connections[using].vendor]
    for i, (qs, field) in enumerate(pairs):
        values = qs.order_by().annotate(stamp_value=F(field)).values_list("stamp_value")
        sql, p = values.query.get_compiler(using=using).as_sql()
        column = f"s{i}.stamp_value"
        selects.append(
            f"SELECT {i} AS part, COUNT(*) AS n, MAX({column}) AS latest, {epoch_sum.format(column)} AS total"
            f" FROM ({sql}) s{i}"
        )
        params.extend(p)
    with connections[using].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        rows = sorted(cursor.fetchall())
    return ";".join(f"{n}:{latest}:{total}" for _part, n, latest, total in rows)


# Stands for the CSRF field in a cached fragment's forms (`{{ csrf_input }}`): the token is the
# reader's own, put in when the fragment is served.
CSRF_INPUT = mark_safe("<!--csrf-input-->")  # noqa: S308 - a constant


def cached_fragment(name: str, parts: Iterable, render: Callable[[], str], request=None) -> SafeString:
    """`render()`'s HTML, cached under `name`, the language, the code digest and `parts` (the
    stamp, the date, the viewer's scope, ...). `render` must return our own template's output,
    escaped when it was rendered. With `request`, each CSRF_INPUT in it becomes that request's
    CSRF field."""
    raw = "|".join(str(p) for p in (name, get_language(), code_digest(), *parts))
    key = f"fragment:{name}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, FRAGMENT_SECONDS)
    if request is not None and CSRF_INPUT in html:
        field = format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))
        html = html.replace(CSRF_INPUT, field)
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped when it was rendered
