"""URLs of the calendar pages, mounted in ``mentorship_urls``."""

from __future__ import annotations

from django.urls import path

from mentorship.views import calendar

calendar_urls = [
    path("calendar/", calendar.calendar_page, name="calendar-page"),
    path("calendar/renew/", calendar.calendar_renew, name="calendar-renew"),
    path("calendar/<slug:token>.ics", calendar.calendar_feed, name="calendar-feed"),
]
