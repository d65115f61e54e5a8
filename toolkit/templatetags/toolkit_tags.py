from django import template

from toolkit.services import AREA_SUGGESTIONS

register = template.Library()


@register.inclusion_tag("toolkit/_area_suggestions.html")
def toolkit_area_suggestions():
    """The conversation wheel's suggestions, offered as the person types (their own words are fine)."""
    return {"suggestions": AREA_SUGGESTIONS}
