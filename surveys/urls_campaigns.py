"""URLs of the surveys' campaigns pages, included by surveys/urls.py."""

from __future__ import annotations

campaigns_urls: list = []
