"""URLs of the surveys' analytics pages, included by surveys/urls.py."""

from __future__ import annotations

from django.urls import path

from surveys.views import analytics

analytics_urls = [
    path("campaigns/<int:pk>/analytics/", analytics.campaign_analytics, name="campaign-analytics"),
    path("campaigns/<int:pk>/compare/", analytics.campaign_compare, name="campaign-compare"),
    path("campaigns/<int:pk>/export/", analytics.campaign_export, name="campaign-export"),
]
