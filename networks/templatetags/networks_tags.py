from django import template
from django.utils.formats import date_format

register = template.Library()


@register.filter
def networks_gathering_dates(gathering) -> str:
    """«17.–18. september 2014», «september 2014» (month known only) or «3. november 2020»."""
    start, end = gathering.starts_on, gathering.ends_on
    if gathering.date_precision == "month":
        return date_format(start, "F Y")
    if start == end:
        return date_format(start, "j. F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}.–{date_format(end, 'j. F Y')}"
    return f"{date_format(start, 'j. F Y')} – {date_format(end, 'j. F Y')}"
