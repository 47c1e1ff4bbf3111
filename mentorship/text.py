"""Text helpers for Russian names: normalised search keys and full names."""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def normalise(value: str) -> str:
    """Return the search key of a text: lower case, ё as е, single spaces.

    SQLite compares only ASCII letters case-insensitively, so names are searched by this
    key on every database alike.
    """
    return _SPACES.sub(" ", value.replace("Ё", "Е").replace("ё", "е").lower()).strip()


def full_name(surname: str, name: str, patronymic: str = "") -> str:
    return " ".join(part for part in (surname, name, patronymic) if part)


def short_name(surname: str, name: str, patronymic: str = "") -> str:
    """«Иванова М. П.»: the form used in signature blocks and tables."""
    initials = " ".join(f"{part[0]}." for part in (name, patronymic) if part)
    return f"{surname} {initials}".strip()
