from __future__ import annotations

from django.urls import include, path

from surveys.urls_analytics import analytics_urls
from surveys.urls_builder import builder_urls
from surveys.urls_campaigns import campaigns_urls
from surveys.urls_feedback import feedback_urls
from surveys.views import answering

app_name = "surveys"

urlpatterns = [
    path("a/<str:token>/", answering.answer, name="answer"),
    path("mine/", answering.my_forms, name="my-forms"),
    path("", include(builder_urls)),
    path("", include(campaigns_urls)),
    path("", include(analytics_urls)),
    path("", include(feedback_urls)),
]
