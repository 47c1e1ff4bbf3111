"""URLs of the case bank, the methodical library and the rewards registry."""

from __future__ import annotations

from django.urls import include, path

from mentorship.views.practice import cases, library, rewards

reward_urls = [
    path("", rewards.reward_update, name="reward-update"),
    path("delete/", rewards.reward_delete, name="reward-delete"),
]

case_urls = [
    path("", cases.case_detail, name="case-detail"),
    path("edit/", cases.case_update, name="case-update"),
    path("delete/", cases.case_delete, name="case-delete"),
    path("file/", cases.case_file, name="case-file"),
]

resource_urls = [
    path("", library.resource_detail, name="resource-detail"),
    path("edit/", library.resource_update, name="resource-update"),
    path("delete/", library.resource_delete, name="resource-delete"),
    path("file/", library.resource_file, name="resource-file"),
]

practice_urls = [
    path("rewards/", rewards.reward_list, name="reward-list"),
    path("rewards/new/", rewards.reward_create, name="reward-create"),
    path("rewards/<int:pk>/", include(reward_urls)),
    path("cases/", cases.case_list, name="case-list"),
    path("cases/new/", cases.case_create, name="case-create"),
    path("cases/<int:pk>/", include(case_urls)),
    path("library/", library.resource_list, name="resource-list"),
    path("library/new/", library.resource_create, name="resource-create"),
    path("library/<int:pk>/", include(resource_urls)),
]
