"""URLs of the meetings pages, mounted in ``mentorship_urls``."""

from __future__ import annotations

meetings_urls: list = []
