"""URLs of the calendar pages, mounted in ``mentorship_urls``."""

from __future__ import annotations

calendar_urls: list = []
