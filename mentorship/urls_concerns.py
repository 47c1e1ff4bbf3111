"""URLs of the concerns pages, mounted in ``mentorship_urls``."""

from __future__ import annotations

from django.urls import path

from mentorship.views import concerns

concerns_urls: list = [
    path("concerns/", concerns.concern_list, name="concern-list"),
    path("concerns/new/", concerns.concern_create, name="concern-create"),
    path("concerns/mine/", concerns.my_concerns, name="my-concerns"),
    path("concerns/<int:pk>/", concerns.concern_detail, name="concern-detail"),
    path("concerns/<int:pk>/resolve/", concerns.concern_resolve, name="concern-resolve"),
    path("pairs/fit-problems/", concerns.fit_problems, name="fit-problems"),
    path("pairs/<int:pk>/fit/", concerns.fit_answer, name="fit-answer"),
    path("pairs/<int:pk>/fit/resolve/", concerns.fit_resolve, name="fit-resolve"),
    path("pairs/<int:pk>/fit/rematch/", concerns.fit_rematch, name="fit-rematch"),
]
