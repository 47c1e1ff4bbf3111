"""URLs of the meetings pages, mounted in ``mentorship_urls``."""

from __future__ import annotations

from django.urls import include, path

from mentorship.views import meetings

meeting_urls = [
    path("", meetings.meeting_detail, name="meeting-detail"),
    path("edit/", meetings.meeting_update, name="meeting-update"),
    path("unlock/", meetings.meeting_unlock, name="meeting-unlock"),
    path("delete/", meetings.meeting_delete, name="meeting-delete"),
]

meetings_urls = [
    path("meetings/", meetings.meeting_journal, name="meeting-journal"),
    path("meetings/export/", meetings.meeting_journal_export, name="meeting-journal-export"),
    path("meetings/new/", meetings.meeting_create, name="meeting-create"),
    path("meetings/mine/", meetings.my_meetings, name="my-meetings"),
    path("meetings/regularity/", meetings.meeting_regularity, name="meeting-regularity"),
    path(
        "meetings/regularity/export/",
        meetings.meeting_regularity_export,
        name="meeting-regularity-export",
    ),
    path("meetings/<int:pk>/", include(meeting_urls)),
]
