"""What a deadline is made of: the result and its codes (kinds, recurrences, anchors), and the
Russian words the patterns are built from: months in every case, numbers, ordinals, school
parts and the units of time."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

KIND_DATE = "date"
KIND_PERIOD = "period"
KIND_RELATIVE = "relative"
KIND_WHOLE_YEAR = "whole_year"
KIND_RECURRING = "recurring"
KIND_AS_NEEDED = "as_needed"
KIND_UNKNOWN = "unknown"

RECUR_YEARLY = "yearly"
RECUR_MONTHLY = "monthly"
RECUR_WEEKLY = "weekly"
RECUR_QUARTERLY = "quarterly"
RECUR_EVERY_N_MONTHS = "every_n_months"
RECUR_EVERY_N_WEEKS = "every_n_weeks"
RECUR_PERIODIC = "periodic"

ANCHOR_YEAR_START = "year_start"
ANCHOR_IMPLEMENTATION_ORDER = "implementation_order"
ANCHOR_PAIRS_FORMED = "pairs_formed"
ANCHOR_PROGRAMME_END = "programme_end"

LABEL_UNKNOWN = "срок не распознан"
LABEL_EMPTY = "срок не указан"


@dataclass(frozen=True)
class ParsedDeadline:
    """One deadline cell as read."""

    phrase: str  # the cell's text, only stripped
    kind: str  # KIND_*
    start: datetime.date | None  # the first day the event may happen; None when unknown
    end: datetime.date | None  # the deadline, its last day; None when unknown
    recurrence: str  # "" or RECUR_*
    interval_months: int | None  # N of RECUR_EVERY_N_MONTHS
    anchor: str  # "" or ANCHOR_*: what a relative deadline counts from
    recognised: bool  # False: the UI shows «срок не распознан»
    label: str  # a short Russian explanation for the curator
    # N of RECUR_EVERY_N_WEEKS; an addition with a default, so callers are unaffected.
    interval_weeks: int | None = None


# --- vocabulary ---------------------------------------------------------------------------

# Every case of every month, and the usual abbreviations («окт.», «нояб.»).
MONTH_FORMS: dict[int, tuple[str, ...]] = {
    1: ("январь", "января", "январе", "январю", "январем", "янв"),
    2: ("февраль", "февраля", "феврале", "февралю", "февралем", "фев", "февр"),
    3: ("март", "марта", "марте", "марту", "мартом", "мар"),
    4: ("апрель", "апреля", "апреле", "апрелю", "апрелем", "апр"),
    5: ("май", "мая", "мае", "маю", "маем"),
    6: ("июнь", "июня", "июне", "июню", "июнем", "июн"),
    7: ("июль", "июля", "июле", "июлю", "июлем", "июл"),
    8: ("август", "августа", "августе", "августу", "августом", "авг"),
    9: ("сентябрь", "сентября", "сентябре", "сентябрю", "сентябрем", "сен", "сент"),
    10: ("октябрь", "октября", "октябре", "октябрю", "октябрем", "окт"),
    11: ("ноябрь", "ноября", "ноябре", "ноябрю", "ноябрем", "ноя", "нояб"),
    12: ("декабрь", "декабря", "декабре", "декабрю", "декабрем", "дек"),
}
MONTH_BY_FORM = {form: month for month, forms in MONTH_FORMS.items() for form in forms}
GENITIVE = {month: forms[1] for month, forms in MONTH_FORMS.items()}

NUMBERS = {
    "один": 1, "одна": 1, "одну": 1, "одного": 1, "одной": 1, "два": 2, "две": 2, "двух": 2,
    "три": 3, "трех": 3, "четыре": 4, "четырех": 4, "пять": 5, "пяти": 5, "шесть": 6,
    "шести": 6, "семь": 7, "семи": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9,
    "десять": 10, "десяти": 10, "двенадцать": 12, "двенадцати": 12, "четырнадцать": 14,
    "четырнадцати": 14, "пятнадцать": 15, "пятнадцати": 15, "двадцать": 20, "двадцати": 20,
    "тридцать": 30, "тридцати": 30,
}  # fmt: skip
ORDINAL_STEMS = {
    "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7,
    "восьм": 8, "девят": 9, "десят": 10,
}  # fmt: skip
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
ROMAN_OUT = {value: key.upper() for key, value in ROMAN.items()}
# The noun (one, several) and the ordinal ending after a digit: «1-й месяц», «1–2-я недели».
ORDINAL_NOUNS = {
    "дн": (("день", "дни"), "й"),
    "де": (("день", "дни"), "й"),
    "не": (("неделя", "недели"), "я"),
    "ме": (("месяц", "месяцы"), "й"),
    "го": (("год", "годы"), "й"),
    "ле": (("год", "годы"), "й"),
}

ANCHOR_LABELS = {
    ANCHOR_YEAR_START: "начала учебного года",
    ANCHOR_IMPLEMENTATION_ORDER: "приказа о внедрении",
    ANCHOR_PAIRS_FORMED: "формирования пар",
    ANCHOR_PROGRAMME_END: "окончания программы",
}

# (first month, last month) of each school part, by number.
SCHOOL_PARTS: dict[str, dict[int, tuple[int, int]]] = {
    "полугоди": {1: (9, 12), 2: (1, 5)},
    "четверт": {1: (9, 10), 2: (11, 12), 3: (1, 3), 4: (4, 5)},
    "триместр": {1: (9, 11), 2: (12, 2), 3: (3, 5)},
    "квартал": {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)},
}
CALENDAR_HALVES = {1: (1, 6), 2: (7, 12)}
PART_NAMES = {
    "полугоди": "полугодие",
    "четверт": "четверть",
    "триместр": "триместр",
    "квартал": "квартал",
}

# (one, few, many) after a number, and the genitive of one: «через 2 недели», «в течение недели».
UNIT_FORMS = {
    "д": ("день", "дня", "дней", "дня"),
    "н": ("неделю", "недели", "недель", "недели"),
    "м": ("месяц", "месяца", "месяцев", "месяца"),
    "г": ("год", "года", "лет", "года"),
}
