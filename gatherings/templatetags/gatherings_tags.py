from django import template
from django.conf import settings

from gatherings import formatting

register = template.Library()


@register.filter
def gatherings_dates(gathering) -> str:
    return formatting.gathering_dates(gathering)


@register.filter
def gatherings_when(activity) -> str:
    return formatting.activity_when(activity)


@register.filter
def gatherings_absolute_program_url(gathering) -> str:
    return settings.SITE_URL + gathering.get_program_url()
