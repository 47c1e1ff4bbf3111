"""A user's private calendar feed (ICS): his planned meetings and other apps' items.

The feed is read by Яндекс.Календарь, Google Calendar and Outlook by subscription: no
log-in, the address itself is the secret (``CalendarFeed.token``). Each pair has one
event, «the next meeting», whose UID stays the same when the date changes, so a calendar
moves it instead of adding another. Times are written in UTC; a meeting without a time is an
all-day event.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vDuration
from icalendar import Event as CalendarEvent

from mentorship import hooks
from mentorship.hooks import CalendarItem
from mentorship.models import User
from mentorship.reminders import absolute_url
from mentorship.selectors.home import mentee_names, planned_meetings

CALENDAR_NAME = "Наставник: встречи и сроки"
PRODID = "-//Наставник//Календарь встреч и сроков//RU"
MEETING_LENGTH = datetime.timedelta(hours=1)
REFRESH = datetime.timedelta(hours=4)


def _start(day: datetime.date, at: datetime.time | None) -> datetime.date | datetime.datetime:
    if at is None:
        return day
    return timezone.make_aware(datetime.datetime.combine(day, at))


def meeting_items(*, user: User) -> list[CalendarItem]:
    """The next planned meeting of each of the user's live pairs, led or joined."""
    items = []
    for pair in planned_meetings(user=user):
        mentor = pair.mentor.person
        if mentor.user_id == user.pk:
            title = f"Встреча наставничества: {mentee_names(pair)}"
        else:
            title = f"Встреча с наставником: {mentor.full_name}"
        items.append(
            CalendarItem(
                uid=f"pair-{pair.pk}-next-meeting",
                title=title,
                start=_start(pair.next_planned_on, pair.next_planned_time),
                description=f"{pair.form}. Дата назначена на прошлой встрече пары.",
                url=absolute_url(pair.get_absolute_url()),
            )
        )
    return items


def calendar_items(*, user: User, today: datetime.date) -> list[CalendarItem]:
    items = meeting_items(user=user)
    for source in hooks.CALENDAR_SOURCES:
        items.extend(source(user=user, today=today))
    return items


def _event(item: CalendarItem, *, host: str, stamp: datetime.datetime) -> CalendarEvent:
    event = CalendarEvent()
    event.add("uid", f"{item.uid}@{host}")
    event.add("dtstamp", stamp)
    if isinstance(item.start, datetime.datetime):
        start = item.start.astimezone(datetime.UTC)
        event.add("dtstart", start)
        event.add("dtend", start + MEETING_LENGTH)
    else:
        event.add("dtstart", item.start)
        event.add("dtend", item.start + datetime.timedelta(days=1))
    event.add("summary", item.title)
    if item.description:
        event.add("description", item.description)
    if item.url:
        event.add("url", item.url)
    return event


def build_calendar(*, user: User, today: datetime.date) -> bytes:
    """The ICS text of the user's feed."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # Ask subscribed calendars to look again every few hours (Outlook and Apple read it).
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    host = urlsplit(settings.SITE_URL).hostname or "nastavnik"
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for item in calendar_items(user=user, today=today):
        calendar.add_component(_event(item, host=host, stamp=stamp))
    return calendar.to_ical()
