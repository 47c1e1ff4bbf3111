from __future__ import annotations

from django.urls import include, path

from roadmap.views import imports
from roadmap.views import roadmap as views

app_name = "roadmap"

roadmap_urls = [
    path("", views.roadmap_detail, name="roadmap-detail"),
    path("stages/new/", views.stage_edit, name="stage-create"),
    path("stages/<int:stage_pk>/", views.stage_edit, name="stage-update"),
    path("events/new/", views.event_edit, name="event-create"),
    path("events/<int:event_pk>/", views.event_edit, name="event-update"),
]

event_urls = [
    path("status/", views.event_status, name="event-status"),
    path("evidence/", views.event_evidence, name="event-evidence"),
    path("evidence/file/", views.event_evidence_file, name="event-evidence-file"),
]

urlpatterns = [
    path("", views.roadmap_home, name="roadmap-home"),
    path("new/", views.roadmap_create, name="roadmap-create"),
    path("import/", imports.roadmap_import, name="roadmap-import"),
    path("import/confirm/", imports.roadmap_import_confirm, name="roadmap-import-confirm"),
    path("mine/", views.my_events, name="my-events"),
    path("<int:pk>/", include(roadmap_urls)),
    path("events/<int:pk>/", include(event_urls)),
]
