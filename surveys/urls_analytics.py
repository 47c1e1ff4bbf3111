"""URLs of the surveys' analytics pages, included by surveys/urls.py."""

from __future__ import annotations

analytics_urls: list = []
