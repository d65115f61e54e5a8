"""How activities and gatherings are written in pages, e-mails and reports (Norwegian formats)."""

from __future__ import annotations

from django.utils.formats import date_format


def gathering_dates(gathering) -> str:
    """«17.–18. september 2014», «september 2014» (month known only) or «3. november 2020»."""
    start, end = gathering.starts_on, gathering.ends_on
    if gathering.date_precision == "month":
        return date_format(start, "F Y")
    if start == end:
        return date_format(start, "j. F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}.–{date_format(end, 'j. F Y')}"
    return f"{date_format(start, 'j. F Y')} – {date_format(end, 'j. F Y')}"


def activity_when(activity) -> str:
    """Dates plus times: «3. november 2020 kl. 09:00–15:00»."""
    text = gathering_dates(activity)
    if activity.date_precision == "month":
        return text
    if activity.start_time and activity.end_time:
        return f"{text}, {activity.start_time:%H:%M}–{activity.end_time:%H:%M}"
    if activity.start_time:
        return f"{text}, {activity.start_time:%H:%M}"
    return text
