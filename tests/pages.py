"""Reading a page as the test client's user, in a chosen language."""

from __future__ import annotations


def page_html(client, url: str, language: str | None = None) -> str:
    """The page at `url` (which must answer 200) in `language` (the language cookie), or in the
    client's own language."""
    if language:
        client.cookies["django_language"] = language
    try:
        response = client.get(url)
    finally:
        if language:
            del client.cookies["django_language"]
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()
