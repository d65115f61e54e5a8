from django import template

register = template.Library()


@register.filter
def core_get(mapping, key):
    """`mapping[key]` in a template, or nothing."""
    return mapping.get(key) if mapping else None
