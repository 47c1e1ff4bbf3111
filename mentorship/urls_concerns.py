"""URLs of the concerns pages, mounted in ``mentorship_urls``."""

from __future__ import annotations

concerns_urls: list = []
