"""The public page «Наставничество», mounted at ``/nastavnichestvo/``, namespace ``public``.

No log-in anywhere here; every view re-checks what it may show on each request.
"""

from __future__ import annotations

from django.urls import path

from reports.views import public

app_name = "public"

urlpatterns = [
    path("", public.public_page, name="page"),
    path("documents/<int:pk>.pdf", public.document_pdf, name="document-pdf"),
    path("mentors/<int:pk>/photo/", public.person_photo, name="photo"),
    path("resources/<int:pk>/file/", public.resource_file, name="resource-file"),
    path("logo/", public.school_logo, name="logo"),
]
