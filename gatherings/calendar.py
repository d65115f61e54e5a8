"""iCalendar (.ics) for activities: one file per activity and subscribable feeds.

Times are wall-clock times in Europe/Oslo with a VTIMEZONE, so a calendar in another zone
shows them right, including across daylight-saving changes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event

from core.validators import MAX_YEAR, MIN_YEAR
from gatherings.models import Activity

OSLO = ZoneInfo("Europe/Oslo")
logger = logging.getLogger(__name__)


def _event(activity: Activity) -> Event:
    event = Event()
    event.add("uid", f"activity-{activity.pk}@laeringsnett")
    event.add("summary", activity.title)
    event.add("sequence", activity.sequence)
    event.add("dtstamp", activity.updated_at)
    if activity.start_time:
        start = dt.datetime.combine(activity.starts_on, activity.start_time, tzinfo=OSLO)
        if activity.end_time:
            end = dt.datetime.combine(activity.ends_on, activity.end_time, tzinfo=OSLO)
        else:
            end = start + dt.timedelta(hours=1)
        event.add("dtstart", start)
        event.add("dtend", end)
    else:
        event.add("dtstart", activity.starts_on)
        event.add("dtend", activity.ends_on + dt.timedelta(days=1))
    location = activity.venue or activity.meeting_link
    if location:
        event.add("location", location)
    url = settings.SITE_URL + activity.get_absolute_url()
    event.add("url", url)
    description = "\n\n".join(p for p in (activity.description, activity.meeting_link, url) if p)
    event.add("description", description)
    if activity.status == Activity.Status.CANCELLED:
        event.add("status", "CANCELLED")
    elif activity.status in (Activity.Status.CONFIRMED, Activity.Status.DONE):
        event.add("status", "CONFIRMED")
    else:
        event.add("status", "TENTATIVE")
    return event


def _dates_in_range(activity: Activity) -> bool:
    return all(day is not None and MIN_YEAR <= day.year <= MAX_YEAR for day in (activity.starts_on, activity.ends_on))


def calendar_bytes(activities: Iterable[Activity], name: str) -> bytes:
    """A VCALENDAR with every activity that has exact dates (month-only plans are left out)."""
    cal = Calendar()
    cal.add("prodid", "-//Læringsnett//NO")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Oslo")
    for activity in activities:
        if activity.date_precision != Activity.Precision.DAY:
            continue
        # One activity with impossible dates (stored before the forms refused them) must not break
        # every member's feed: it is left out and logged.
        if not _dates_in_range(activity):
            logger.warning("Activity %s left out of a calendar: dates out of range", activity.pk)
            continue
        try:
            event = _event(activity)
        except (OverflowError, ValueError, TypeError):
            logger.exception("Activity %s left out of a calendar", activity.pk)
            continue
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
