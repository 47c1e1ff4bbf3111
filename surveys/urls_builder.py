"""URLs of the surveys' builder pages, included by surveys/urls.py."""

from __future__ import annotations

from django.urls import include, path

from surveys.views import builder

questionnaire_urls = [
    path("", builder.questionnaire_detail, name="questionnaire-detail"),
    path("edit/", builder.questionnaire_update, name="questionnaire-update"),
    path("copy/", builder.questionnaire_copy, name="questionnaire-copy"),
    path("preview/", builder.questionnaire_preview, name="questionnaire-preview"),
    path("questions/new/", builder.question_create, name="question-create"),
    path("questions/<int:question_pk>/edit/", builder.question_update, name="question-update"),
    path("questions/<int:question_pk>/delete/", builder.question_delete, name="question-delete"),
    path("questions/<int:question_pk>/move/", builder.question_move, name="question-move"),
]

builder_urls: list = [
    path("questionnaires/", builder.questionnaire_list, name="questionnaire-list"),
    path("questionnaires/new/", builder.questionnaire_create, name="questionnaire-create"),
    path("questionnaires/<int:pk>/", include(questionnaire_urls)),
]
