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


_TRANSLIT = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ё": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "i",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "iu",
        "я": "ia",
    }
)


def transliterate(value: str) -> str:
    """Lower-case Latin spelling of a Russian text, for log-ins and e-mail addresses."""
    return value.lower().translate(_TRANSLIT)


def plural_form(number: int, forms: list[str]) -> str:
    """The Russian form of a noun after a number: one, few (2–4), many."""
    n = abs(number) % 100
    if 11 <= n <= 14:
        return forms[2]
    if n % 10 == 1:
        return forms[0]
    if 2 <= n % 10 <= 4:
        return forms[1]
    return forms[2]
