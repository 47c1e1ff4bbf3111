"""The product's standard data: fixtures loaded, in this order, by load_standard_data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.conf import settings

STANDARD_FIXTURE_NAMES = [
    "legal_bases.json",
    "topics.json",
    "mentoring_forms.json",
    "programme_templates.json",
    "roadmap_templates.json",
]


# Callables ``() -> str`` that other apps register in AppConfig.ready() for standard data
# that is not a plain fixture (mentorship may not import them); each returns a summary line
# and must be idempotent.
STANDARD_DATA_EXTENSIONS: list[Callable[[], str]] = []


def standard_fixtures() -> list[Path]:
    return [settings.BASE_DIR / "fixtures" / name for name in STANDARD_FIXTURE_NAMES]
