"""The product's standard data: fixtures loaded, in this order, by load_standard_data."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

STANDARD_FIXTURE_NAMES = [
    "legal_bases.json",
    "topics.json",
    "mentoring_forms.json",
    "roadmap_templates.json",
]


def standard_fixtures() -> list[Path]:
    return [settings.BASE_DIR / "fixtures" / name for name in STANDARD_FIXTURE_NAMES]
