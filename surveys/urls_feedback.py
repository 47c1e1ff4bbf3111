"""URLs of the feedback-after-meetings pages, included by surveys/urls.py."""

from __future__ import annotations

from django.urls import path

from surveys.views import feedback

feedback_urls = [
    path("feedback/", feedback.feedback_overview, name="feedback-overview"),
]
