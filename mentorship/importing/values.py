"""Cell values: text, dates, years of teaching, the category of a person, a full name."""

from __future__ import annotations

import datetime
import re
from typing import Any

from openpyxl.utils.datetime import from_excel

from mentorship.models import PersonKind
from mentorship.text import normalise


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def value_text(value: Any) -> str:
    """A cell as it reads: None → «», 79123456789.0 → «79123456789», a date as ДД.ММ.ГГГГ."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d.%m.%Y")
    return str(value)


_CSV_ESCAPED = re.compile(r"^'[=+\-@]")


def clean_text(value: Any, *, multiline: bool = False) -> str:
    """A cell as text: 79123456789.0 → «79123456789», spaces tidied, ё untouched."""
    text = value_text(value)
    if _CSV_ESCAPED.match(text):
        text = text[1:]  # our CSV export guards formulas with a leading apostrophe
    if multiline:
        lines = [" ".join(line.split()) for line in text.splitlines()]
        return "\n".join(lines).strip()
    return " ".join(text.split())


_DMY = re.compile(
    r"^(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?:\s*г\.?)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_SERIAL = re.compile(r"^\d{1,5}(?:[.,]0+)?$")
_EXCEL_FIRST, _EXCEL_LAST = 1, 73050  # 01.01.1900 … 31.12.2099


def parse_date(value: Any) -> datetime.date | None:
    """A date from a date cell, an Excel serial number, «ДД.ММ.ГГГГ» or «ГГГГ-ММ-ДД»."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        raise ValueError(f"не удалось прочитать дату «{value}»")
    if isinstance(value, int | float):
        return _from_serial(value)
    text = clean_text(value)
    if _SERIAL.match(text):
        return _from_serial(float(text.replace(",", ".")))
    if match := _DMY.match(text):
        day, month, year = match.groups()
        if len(year) != 4:
            raise ValueError(
                f"в дате «{text}» год из двух цифр — непонятно, какой век; "
                "укажите год полностью: ДД.ММ.ГГГГ"
            )
        return _make_date(int(year), int(month), int(day), text)
    if match := _ISO.match(text):
        year, month, day = match.groups()
        return _make_date(int(year), int(month), int(day), text)
    raise ValueError(f"не удалось прочитать дату «{text}»: нужна дата в виде ДД.ММ.ГГГГ")


def _from_serial(value: float) -> datetime.date:
    if not _EXCEL_FIRST <= value <= _EXCEL_LAST:
        raise ValueError(f"число {value:g} не похоже на дату: нужна дата в виде ДД.ММ.ГГГГ")
    return from_excel(value).date()


def _make_date(year: int, month: int, day: int, text: str) -> datetime.date:
    if not 1900 <= year <= 2099:
        raise ValueError(f"в дате «{text}» невероятный год {year}")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"такой даты нет: «{text}»") from None


_YEARS = re.compile(
    r"^(\d{1,2})(?:[.,]\d+)?\s*(?:(?:г|год|года|лет|л)\.?(?:\s.*)?|\s+\d+\s*(?:м|мес).*)?$"
)
_LESS_THAN_A_YEAR = {"нет", "менее года", "меньше года", "менее 1 года", "без стажа"}
_DASHES = {"-", "–", "—"}


def parse_years(value: Any) -> int | None:
    """Whole years of teaching: 5, 5.5, «5,5», «5 лет», «5 лет 3 мес.» all give 5."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"стаж «{value}»: нужно число лет")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError(f"стаж не может быть отрицательным: {value:g}")
        return int(value)
    text = normalise(clean_text(value))
    if not text or text in _DASHES:
        return None
    if text in _LESS_THAN_A_YEAR:
        return 0
    if match := _YEARS.match(text):
        return int(match.group(1))
    raise ValueError(f"стаж «{clean_text(value)}»: нужно число лет, например 5")


_KINDS: dict[str, str] = {
    **{normalise(str(label)): code for code, label in PersonKind.choices},
    "сотрудник": PersonKind.STAFF,
    "сотрудники": PersonKind.STAFF,
    "педагог": PersonKind.STAFF,
    "работник": PersonKind.STAFF,
    "обучающийся": PersonKind.PUPIL,
    "обучающиеся": PersonKind.PUPIL,
    "ученик": PersonKind.PUPIL,
    "учащийся": PersonKind.PUPIL,
    "ученица": PersonKind.PUPIL,
    "внешний": PersonKind.EXTERNAL,
    "внешний наставник": PersonKind.EXTERNAL,
}


def parse_kind(value: Any) -> str:
    text = normalise(clean_text(value))
    if text in _KINDS:
        return _KINDS[text]
    if text in {choice.value for choice in PersonKind}:
        return text
    raise ValueError(
        f"категория «{clean_text(value)}» не распознана: "
        "сотрудник, обучающийся или внешний участник"
    )


def split_full_name(value: Any) -> tuple[str, str, str]:
    """«Алиева Лейла Гасан кызы» → («Алиева», «Лейла», «Гасан кызы»)."""
    parts = clean_text(value).replace(",", " ").split()
    if not parts:
        return "", "", ""
    return parts[0], parts[1] if len(parts) > 1 else "", " ".join(parts[2:])
