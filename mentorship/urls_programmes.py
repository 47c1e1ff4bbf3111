"""The personalised programme of a pair or group, mounted under the pair's address."""

from __future__ import annotations

from django.urls import include, path

from mentorship.views import programmes as views

item_urls = [
    path("", views.programme_item_update, name="programme-item-update"),
    path("delete/", views.programme_item_delete, name="programme-item-delete"),
    path("done/", views.programme_item_done, name="programme-item-done"),
]

programme_urls = [
    path("", views.programme_detail, name="programme-detail"),
    path("new/", views.programme_create, name="programme-create"),
    path("edit/", views.programme_update, name="programme-update"),
    path("items/new/", views.programme_item_create, name="programme-item-create"),
    path("items/<int:item_pk>/", include(item_urls)),
]

programmes_urls = [
    path("pairs/<int:pk>/programme/", include(programme_urls)),
]
