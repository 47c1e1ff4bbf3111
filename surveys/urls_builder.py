"""URLs of the surveys' builder pages, included by surveys/urls.py."""

from __future__ import annotations

builder_urls: list = []
