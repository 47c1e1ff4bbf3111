"""Import and export pages; included into the ``mentorship`` namespace by mentorship/urls.py."""

from __future__ import annotations

from django.urls import path

from mentorship.views import export_log
from mentorship.views import transfer as views

transfer_urls = [
    path("people/import/", views.people_import, name="people-import"),
    path("people/import/confirm/", views.people_import_confirm, name="people-import-confirm"),
    path("people/export/", views.people_export, name="people-export"),
    path("banks/mentees/export/", views.mentees_export, name="mentees-export"),
    path("banks/mentors/export/", views.mentors_export, name="mentors-export"),
    path("exports/log/", export_log.export_log, name="export-log"),
]
