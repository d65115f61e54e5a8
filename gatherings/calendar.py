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


def _times(activity: Activity) -> list[tuple[object, object]]:
    """(start, end) of each event: a timed activity over several days (a two-day gathering) is
    one event per day with that day's times, not one event through the night; an activity
    without times is one all-day event over its days."""
    if not activity.start_time:
        return [(activity.starts_on, activity.ends_on + dt.timedelta(days=1))]
    days = (activity.ends_on - activity.starts_on).days + 1
    out = []
    for n in range(days):
        day = activity.starts_on + dt.timedelta(days=n)
        start = dt.datetime.combine(day, activity.start_time, tzinfo=OSLO)
        end = dt.datetime.combine(day, activity.end_time, tzinfo=OSLO) if activity.end_time else None
        if end is None or end <= start:
            end = start + dt.timedelta(hours=1)
        out.append((start, end))
    return out


def _events(activity: Activity) -> list[Event]:
    url = settings.SITE_URL + activity.get_absolute_url()
    description = "\n\n".join(p for p in (activity.description, activity.meeting_link, url) if p)
    location = activity.venue or activity.meeting_link
    if activity.status == Activity.Status.CANCELLED:
        status = "CANCELLED"
    elif activity.status in (Activity.Status.CONFIRMED, Activity.Status.DONE):
        status = "CONFIRMED"
    else:
        status = "TENTATIVE"
    times = _times(activity)
    events = []
    for n, (start, end) in enumerate(times, start=1):
        event = Event()
        # The first day keeps the activity's own UID, so calendars that imported it before update it.
        event.add(
            "uid", f"activity-{activity.pk}@laeringsnett" if n == 1 else f"activity-{activity.pk}-{n}@laeringsnett"
        )
        summary = activity.title if len(times) == 1 else f"{activity.title} ({n}/{len(times)})"
        event.add("summary", summary)
        event.add("sequence", activity.sequence)
        event.add("dtstamp", activity.updated_at)
        event.add("dtstart", start)
        event.add("dtend", end)
        if location:
            event.add("location", location)
        event.add("url", url)
        event.add("description", description)
        event.add("status", status)
        events.append(event)
    return events


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
            events = _events(activity)
        except (OverflowError, ValueError, TypeError):
            logger.exception("Activity %s left out of a calendar", activity.pk)
            continue
        for event in events:
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
