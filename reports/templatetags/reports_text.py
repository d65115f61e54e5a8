"""Plain text as the final report's written parts are kept: blank lines between paragraphs, and
lines starting with «- » as bullets. The page's preview, a conflict's other text and the history
show it the way the report prints it."""

from __future__ import annotations

from django import template

register = template.Library()


def text_blocks(text: str) -> list[dict]:
    """[{"kind": "p", "lines": [...]}, {"kind": "ul", "items": [...]}] in the order written. A
    paragraph keeps its line breaks; consecutive «- » lines are one list."""
    blocks: list[dict] = []
    for chunk in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        for line in lines:
            stripped = line.lstrip()
            if stripped.startswith("- ") or stripped == "-":
                item = stripped[2:].strip()
                if blocks and blocks[-1]["kind"] == "ul" and blocks[-1]["open"]:
                    blocks[-1]["items"].append(item)
                else:
                    blocks.append({"kind": "ul", "items": [item], "open": True})
            elif blocks and blocks[-1]["kind"] == "p" and blocks[-1]["open"]:
                blocks[-1]["lines"].append(line)
            else:
                blocks.append({"kind": "p", "lines": [line], "open": True})
        for block in blocks:
            block["open"] = False
    return blocks


@register.filter
def reports_text_blocks(text: str) -> list[dict]:
    return text_blocks(text)
