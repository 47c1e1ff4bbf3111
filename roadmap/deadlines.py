"""Read the deadline cell of a school roadmap: «Март 2022 г.», «до 10.10.2020г.», «Ежегодно».

Pure standard library, no ORM: ``parse_deadline(phrase, year_start=…, year_end=…)``
returns a :class:`ParsedDeadline` and never raises.

Rules
-----
* The phrase is normalised before matching: lower case, «ё» → «е», HTML tags and
  repeated spaces or line breaks dropped, every dash becomes «-», «г.», «гг.»,
  «года» after a year are dropped, trailing dots and commas go.
* Families of phrases are tried in this order and the first one that understands
  the phrase wins. The order makes the concrete part of a glued cell beat the vague
  one («В зависимости от потребности В течение первого месяца» → the first month;
  «в соответствии со сроками …, май 2021 г.» → May 2021):

  1. recurring    «ежегодно», «раз в три месяца после формирования пар», «не реже
                  1 раза в 2 недели», «периодически, сентябрь – май»
  2. dates        «до 10.10.2020г.», «15.09.2022», «10 октября 2020 г.», «с 1 по 15 сентября»,
                  «до конца мая», «до конца учебного года»
  3. school parts «I полугодие», «1 четверть», «2 триместр», «IV квартал», «начало учебного
                  года», «конец учебного года», «летний период»
  4. months       «Март 2022 г.», «ноябрь – декабрь 2020 г.», «Декабрь-январь 2022-2023гг.»
  5. relative     «в течение первого месяца», «в течение месяца после издания приказа …»,
                  «через месяц после …», «по окончании программы»
  6. whole year   «в течение учебного года», «в течение всего периода реализации ЦМН»,
                  «постоянно», «2022/2023 учебный год»
  7. calendar year «2023 г.», «в течение 2023 года»
  8. as needed    «по мере необходимости», «в зависимости от потребности», «периодически»

  Anything else keeps its text with ``recognised=False`` and the label «срок не распознан».
* A month without a year lies inside the programme year: September–December in the
  year of ``year_start``, January–August in the year of ``year_end``. In a span the
  last month is placed first and the first month is the nearest one before it, so
  «Декабрь-январь» and «август-сентябрь» stay contiguous. A year written next to a
  month is used as is, even outside the programme year («Август 2022 г.» for the year
  2022/2023); a single year after a span belongs to its last month («декабрь – январь
  2023 г.» is December 2022 – January 2023). A year pair «2022-2023» or «2022/2023»
  replaces the programme year for that phrase.
* Periods cover whole months. «до 10.10.2020» gives the deadline only (``start=None``):
  the roadmap does not say when the work may begin and we do not invent it.
  A date without a year lies inside the programme year like a month; «10.10.20» is 2020.
* School parts: полугодие I = September–December, II = January–May (June–August are
  holidays); четверть 1–4 = Sep–Oct, Nov–Dec, Jan–Mar, Apr–May (approximate, schools
  differ by a week or two); триместр 1–3 = Sep–Nov, Dec–Feb, Mar–May; квартал = the
  calendar quarter; «начало учебного года» = September; «конец учебного года» = May.
  With a calendar year («II полугодие 2022 г.») the half-year is the calendar one.
* Relative phrases count from the start of the programme year («в течение первого-
  второго месяца» = months 1–2, the last day included) or from an anchor event.
  ``в течение N после X`` is [X, X + N]; ``через N после X`` is the day X + N; ``после X``
  alone starts at X with no deadline. They resolve only when ``anchors`` holds the date
  of X; otherwise start/end stay None, the anchor is kept and the phrase is recognised.
* Recurring phrases carry the window the recurrence runs in: a period named in the same
  cell, else [anchor, year_end] when anchored, else the programme year. «Периодически»
  alone is vague: KIND_AS_NEEDED with RECUR_PERIODIC. «Регулярно» is KIND_RECURRING.
* As-needed phrases have no dates. Impossible dates («31.02.2022») and arithmetic past
  the year 9999 make the phrase unrecognised; start > end never comes out.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

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

# --- patterns -----------------------------------------------------------------------------

_MONTH = "|".join(sorted(MONTH_BY_FORM, key=len, reverse=True))
_NUM = r"\d{1,3}|" + "|".join(sorted(NUMBERS, key=len, reverse=True))
_ORD = (
    r"\d{1,2}\s*-?\s*(?:ый|ой|ий|го|й|я)"
    r"|(?:перв|втор|трет|четверт|пят|шест|седьм|восьм|девят|десят)"
    r"(?:ьего|ьей|ьем|ьих|ого|его|ый|ий|ой|ое|ом|ем|ая|ья|ую|ью|ые|ьи|ых|ей|ье)"
)
_UNIT = r"дн(?:я|ей)|день|недел[а-я]*|месяц[а-я]*|год[а-я]*|лет"
_PAIRS = r"(?:пар(?:ы|ам|ами|ах)?|групп(?:а|ы|ам|ами|ах)?)(?![а-я])"

HTML_TAG = re.compile(r"<[^>]*>")
DASHES = re.compile(r"[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]")
YEAR_SUFFIX = re.compile(r"(?<!\d)(\d{4})\s*(?:гг|г|годов|года|году|год)(?![а-я])\.*")
YEAR_PAIR = re.compile(r"(?<!\d)(\d{4})\s*[-/]\s*(\d{4})(?!\d)")

MONTH_TOKEN = re.compile(
    rf"(?<![а-я])(?P<month>{_MONTH})(?![а-я])\.?(?:\s*(?P<year>\d{{4}})(?!\s*[-/]\s*\d{{4}}))?"
)
NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?(?![\d])")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
WORD_DATE = re.compile(
    rf"(?<![\d.])(\d{{1,2}})\s*(?P<month>{_MONTH})(?![а-я])\.?(?:\s*(?P<year>\d{{4}}))?"
)
DAY_RANGE = re.compile(
    rf"(?<![\d.])(\d{{1,2}})\s*(?:-|по|до)\s*(\d{{1,2}})\s*(?P<month>{_MONTH})(?![а-я])\.?"
    r"(?:\s*(?P<year>\d{4}))?"
)
DEADLINE_PREFIX = re.compile(r"(?<![а-я])(?:до|не позднее|не позже|к|по|срок)\s*$")
UNTIL_MONTH_END = re.compile(
    rf"(?<![а-я])до\s+конца\s+(?P<month>{_MONTH})(?![а-я])\.?(?:\s*(?P<year>\d{{4}}))?"
)
UNTIL_SCHOOL_YEAR = re.compile(
    r"(?<![а-я])до\s+(?P<edge>начала|конца|окончания)\s+(?:(?P<school>учебного)\s+)?года"
)
UNTIL_YEAR_END = re.compile(r"(?<![а-я])до\s+конца\s+(?P<year>\d{4})")

SCHOOL_PART = re.compile(
    rf"(?<!\w)(?P<ord>iv|iii|ii|i|[1-4]|{_ORD})\s*(?:-?\s*(?:й|я|е|ое|го|ом))?\s*"
    r"(?P<part>полугоди|четверт|триместр|квартал)[а-я]*"
    r"(?:\s*(?P<year>\d{4})(?!\s*[-/]\s*\d{4}))?"
)
SCHOOL_YEAR_EDGE = re.compile(
    r"(?P<edge>начал[а-я]*|конец|конц[а-я]*|окончани[а-я]*|завершени[а-я]*)\s+учебного\s+года"
)
SUMMER = re.compile(r"(?<![а-я])(?:лето|летом|летн[а-я]*)(?![а-я])")

RECUR_WORD = re.compile(
    r"(?<![а-я])(?P<word>ежегодн|ежемесячн|еженедельн|ежеквартальн|регулярн|систематическ"
    r"|периодическ)"
)
RECUR_EVERY = re.compile(
    rf"(?:(?P<times>{_NUM})\s+)?(?<![а-я])раза?\s+в\s+(?:(?P<n>{_NUM})\s+)?"
    r"(?:учебн[а-я]*\s+)?(?P<unit>недел[а-я]*|месяц[а-я]*|год[а-я]*|лет|полгода"
    r"|полугоди[а-я]*|квартал[а-я]*|четверт[а-я]*)"
)
RECUR_EACH = re.compile(
    rf"(?<![а-я])кажд[а-я]*\s+(?:(?P<n>{_NUM})\s+)?(?:учебн[а-я]*\s+)?"
    r"(?P<unit>недел[а-я]*|месяц[а-я]*|год[а-я]*|полугоди[а-я]*|квартал[а-я]*|четверт[а-я]*)"
)

ORDINAL_SPAN = re.compile(
    rf"(?<!\w)(?P<o1>{_ORD})(?:\s*(?:-|или|и)\s*(?P<o2>{_ORD}))?\s+(?:(?P<n>{_NUM})\s+)?"
    rf"(?:учебн[а-я]*\s+)?(?P<unit>{_UNIT})(?![а-я])"
)
DURATION_AFTER = re.compile(
    rf"(?:(?<!\w)(?P<n>{_NUM})\s+)?(?:(?P<working>рабоч[а-я]*)\s+)?(?P<unit>{_UNIT})\s+"
    r"(?:после|с момента|со дня|с даты|от даты|по окончании|по завершении|с начала)(?![а-я])"
)
AFTER = re.compile(r"(?<![а-я])(?:после|по окончании|по завершении|с момента)(?![а-я])")

ANCHOR_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (ANCHOR_PAIRS_FORMED, re.compile(
        rf"(?:формировани|закреплени|создани|утверждени|подбор)[а-я]*\s+(?:[а-я]+\s+){{0,2}}"
        rf"{_PAIRS}|{_PAIRS}\s+сформирован"
    )),
    (ANCHOR_IMPLEMENTATION_ORDER, re.compile(r"приказ")),
    (ANCHOR_PROGRAMME_END, re.compile(
        r"(?:окончани|завершени)[а-я]*\s+(?:[а-я]+\s+){0,2}"
        r"(?:программ|наставничеств|проект|реализаци|цмн)"
    )),
    (ANCHOR_YEAR_START, re.compile(r"начала\s+(?:учебного\s+)?года")),
)  # fmt: skip

WHOLE_YEAR = re.compile(
    r"в течение\s+(?:всего\s+)?(?:учебного\s+|календарного\s+)?года(?![а-я])"
    r"|в течение\s+(?:всего|периода|срока|реализации|программы)"
    r"|на протяжении|(?<![а-я])весь\s+(?:учебный\s+)?(?:год|период)(?![а-я])"
    r"|постоянно|круглогодично"
)
CALENDAR_YEAR = re.compile(r"^(?:в течение\s+|в\s+|на\s+|за\s+)?(?P<year>\d{4})$")
AS_NEEDED = re.compile(
    r"по мере|необходимост|в зависимости от|по потребност|по запрос|по требовани"
    r"|по согласовани|по готовности|периодическ"
)

# --- small helpers ------------------------------------------------------------------------


def _normalise(phrase: str) -> str:
    text = phrase.lower().replace("ё", "е")
    text = HTML_TAG.sub(" ", text)
    text = DASHES.sub("-", text)
    text = YEAR_SUFFIX.sub(r"\1", text)
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .,;:")


def _number(word: str | None, default: int = 1) -> int:
    if not word:
        return default
    return int(word) if word.isdigit() else NUMBERS[word]


def _ordinal(word: str) -> int:
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits.group())
    return next(value for stem, value in ORDINAL_STEMS.items() if word.startswith(stem))


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: datetime.date, months: int) -> datetime.date:
    year, index = divmod(day.year * 12 + day.month - 1 + months, 12)
    return datetime.date(year, index + 1, min(day.day, calendar.monthrange(year, index + 1)[1]))


def _add(day: datetime.date, n: int, unit: str, *, working: bool = False) -> datetime.date:
    """Move ``day`` forward by ``n`` units: «дней», «недель», «месяцев», «лет»."""
    if unit.startswith(("год", "лет")):
        return _add_months(day, 12 * n)
    if unit.startswith("месяц"):
        return _add_months(day, n)
    if unit.startswith("недел"):
        return day + datetime.timedelta(weeks=n)
    if not working:
        return day + datetime.timedelta(days=n)
    while n:
        day += datetime.timedelta(days=1)
        n -= day.weekday() < 5
    return day


def _plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    return few if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else many


def _day(day: datetime.date) -> str:
    return f"{day.day} {GENITIVE[day.month]} {day.year}"


def _range(start: datetime.date | None, end: datetime.date | None) -> str:
    """«1–31 марта 2022», «1 ноября – 31 декабря 2020», «до 10 октября 2020»."""
    if start is None or end is None:
        return f"до {_day(end)}" if end else f"с {_day(start)}" if start else ""
    if start == end:
        return _day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{_day(end)}"
    if start.year == end.year:
        return f"{start.day} {GENITIVE[start.month]} – {_day(end)}"
    return f"{_day(start)} – {_day(end)}"


@dataclass(frozen=True)
class _Context:
    phrase: str
    text: str
    first_year: int  # the calendar year of September–December
    second_year: int  # the calendar year of January–August
    year_start: datetime.date
    year_end: datetime.date
    anchors: dict[str, datetime.date]

    def month_year(self, month: int) -> int:
        return self.first_year if month >= 9 else self.second_year

    def span(
        self, first: int, last: int, first_year: int | None = None, last_year: int | None = None
    ) -> tuple[datetime.date, datetime.date]:
        """Whole months ``first``…``last``; a missing year comes from its neighbour or the year."""
        if last_year is None:
            if first_year is None:
                last_year = self.month_year(last)
            else:
                last_year = first_year if last >= first else first_year + 1
        if first_year is None:
            first_year = last_year if first <= last else last_year - 1
        return datetime.date(first_year, first, 1), _month_end(last_year, last)

    def result(
        self,
        kind: str,
        start: datetime.date | None,
        end: datetime.date | None,
        label: str,
        *,
        recurrence: str = "",
        interval_months: int | None = None,
        interval_weeks: int | None = None,
        anchor: str = "",
    ) -> ParsedDeadline:
        return ParsedDeadline(
            self.phrase, kind, start, end, recurrence, interval_months, anchor,
            recognised=True, label=label, interval_weeks=interval_weeks,
        )  # fmt: skip


def _context(
    phrase: str,
    year_start: datetime.date,
    year_end: datetime.date,
    anchors: dict[str, datetime.date] | None,
) -> _Context:
    text = _normalise(phrase)
    first_year, second_year = year_start.year, year_end.year
    pair = YEAR_PAIR.search(text)
    if pair and int(pair.group(2)) == int(pair.group(1)) + 1:
        first_year, second_year = int(pair.group(1)), int(pair.group(2))
        if (first_year, second_year) != (year_start.year, year_end.year):
            year_start = datetime.date(first_year, 9, 1)
            year_end = datetime.date(second_year, 8, 31)
    known = {ANCHOR_YEAR_START: year_start} | dict(anchors or {})
    return _Context(phrase, text, first_year, second_year, year_start, year_end, known)


def _find_anchor(text: str) -> str:
    return next((anchor for anchor, pattern in ANCHOR_PATTERNS if pattern.search(text)), "")


# --- families, in the order they are tried ------------------------------------------------


class _Recurrence(NamedTuple):
    recurrence: str
    label: str
    months: int | None = None
    weeks: int | None = None


RECUR_WORDS = {
    "ежегодн": _Recurrence(RECUR_YEARLY, "ежегодно"),
    "ежемесячн": _Recurrence(RECUR_MONTHLY, "ежемесячно"),
    "еженедельн": _Recurrence(RECUR_WEEKLY, "еженедельно"),
    "ежеквартальн": _Recurrence(RECUR_QUARTERLY, "ежеквартально"),
    "регулярн": _Recurrence(RECUR_PERIODIC, "регулярно"),
    "систематическ": _Recurrence(RECUR_PERIODIC, "регулярно"),
    "периодическ": _Recurrence(RECUR_PERIODIC, "периодически"),
}


def _recurring(ctx: _Context) -> ParsedDeadline | None:
    """«Ежегодно», «раз в три месяца после …», «не реже 1 раза в 2 недели», «1 раз в четверть»."""
    found = _recurrence(ctx.text)
    if found is None:
        return None
    window = _months(ctx) or _school_part(ctx)
    if found.label == "периодически" and window is None:
        return None  # a bare «периодически» is vague: left to the as-needed family
    anchor = _find_anchor(ctx.text)
    if anchor == ANCHOR_YEAR_START:
        anchor = ""
    label = found.label
    if window is not None:
        start, end = window.start, window.end
    elif anchor:
        start, end = ctx.anchors.get(anchor), ctx.year_end
        label += f" после {ANCHOR_LABELS[anchor]}"
    else:
        start, end = ctx.year_start, ctx.year_end
    if start is not None and end is not None and start > end:
        end = None  # the anchor lies after the programme year: no end to show
    if window is not None or (start is not None and anchor):
        label += f", {_range(start, end)}"
    return ctx.result(
        KIND_RECURRING, start, end, label, recurrence=found.recurrence,
        interval_months=found.months, interval_weeks=found.weeks, anchor=anchor,
    )  # fmt: skip


def _recurrence(text: str) -> _Recurrence | None:
    every = RECUR_EVERY.search(text) or RECUR_EACH.search(text)
    if every is None:
        word = RECUR_WORD.search(text)
        return RECUR_WORDS[word.group("word")] if word else None
    groups = every.groupdict()
    n, times, unit = _number(groups["n"]), _number(groups.get("times")), every.group("unit")
    if times != 1 and unit.startswith("недел"):
        return _Recurrence(
            RECUR_PERIODIC, f"{times} {_plural(times, 'раз', 'раза', 'раз')} в неделю"
        )
    if unit.startswith("недел"):
        if n == 1:
            return _Recurrence(RECUR_WEEKLY, "еженедельно")
        return _Recurrence(
            RECUR_EVERY_N_WEEKS, f"раз в {n} {_plural(n, 'неделю', 'недели', 'недель')}", weeks=n
        )
    if unit.startswith(("год", "лет")):
        per_unit = 12
    elif unit.startswith("пол"):
        per_unit = 6
    else:
        per_unit = 3 if unit.startswith(("квартал", "четверт")) else 1
    months = n * per_unit
    if months == 1 and times in (2, 4):  # «2 раза в месяц»: about every two weeks
        weeks = 4 // times
        if weeks == 1:
            return _Recurrence(RECUR_WEEKLY, "еженедельно")
        return _Recurrence(RECUR_EVERY_N_WEEKS, f"раз в {weeks} недели", weeks=weeks)
    if months % times:
        return _Recurrence(
            RECUR_PERIODIC, f"{times} {_plural(times, 'раз', 'раза', 'раз')} в {unit}"
        )
    months //= times
    if months == 1:
        return _Recurrence(RECUR_MONTHLY, "ежемесячно")
    if months == 3 and per_unit == 3:
        return _Recurrence(RECUR_QUARTERLY, "раз в четверть")
    if months == 12 and per_unit == 12:
        return _Recurrence(RECUR_YEARLY, "ежегодно")
    label = f"раз в {months} {_plural(months, 'месяц', 'месяца', 'месяцев')}"
    return _Recurrence(RECUR_EVERY_N_MONTHS, label, months=months)


def _date(ctx: _Context) -> ParsedDeadline | None:
    """«до 10.10.2020г.», «15.09.2022», «10 октября 2020 г.», «с 1 по 15 сентября»."""
    text = ctx.text
    found: list[tuple[int, datetime.date]] = []
    for match in DAY_RANGE.finditer(text):
        month = MONTH_BY_FORM[match.group("month")]
        year = int(match.group("year") or ctx.month_year(month))
        found.append((match.start(), datetime.date(year, month, int(match.group(1)))))
        found.append((match.start() + 1, datetime.date(year, month, int(match.group(2)))))
    if not found:
        for match in NUMERIC_DATE.finditer(text):
            day, month, year = match.groups()
            if not 1 <= int(month) <= 12:
                return None
            if not year:
                full = ctx.month_year(int(month))
            else:
                full = int(year) + 2000 if len(year) == 2 else int(year)
            found.append((match.start(), datetime.date(full, int(month), int(day))))
        for match in WORD_DATE.finditer(text):
            month = MONTH_BY_FORM[match.group("month")]
            year = int(match.group("year") or ctx.month_year(month))
            found.append((match.start(), datetime.date(year, month, int(match.group(1)))))
        for match in ISO_DATE.finditer(text):
            year, month, day = (int(part) for part in match.groups())
            found.append((match.start(), datetime.date(year, month, day)))
    if not found:
        return _until(ctx)
    found.sort()
    (position, start), end = found[0], found[-1][1]
    if start < end:
        return ctx.result(KIND_PERIOD, start, end, _range(start, end))
    if start > end:
        return None  # «с 30.09 по 01.09»: a range backwards is not guessed at
    if DEADLINE_PREFIX.search(text[:position]):
        return ctx.result(KIND_DATE, None, start, _range(None, start))
    return ctx.result(KIND_DATE, start, start, _range(start, start))


def _until(ctx: _Context) -> ParsedDeadline | None:
    """«до конца мая», «до конца учебного года», «до начала учебного года», «до конца 2022»."""
    if match := UNTIL_MONTH_END.search(ctx.text):
        month = MONTH_BY_FORM[match.group("month")]
        end = _month_end(int(match.group("year") or ctx.month_year(month)), month)
    elif match := UNTIL_SCHOOL_YEAR.search(ctx.text):
        if match.group("edge") == "начала":
            end = datetime.date(ctx.first_year, 8, 31)
        elif match.group("school"):
            end = datetime.date(ctx.second_year, 5, 31)
        else:  # «до конца года»: the calendar year the programme starts in
            end = datetime.date(ctx.first_year, 12, 31)
    elif match := UNTIL_YEAR_END.search(ctx.text):
        end = datetime.date(int(match.group("year")), 12, 31)
    else:
        return None
    return ctx.result(KIND_DATE, None, end, _range(None, end))


def _school_part(ctx: _Context) -> ParsedDeadline | None:
    """«I полугодие», «1 четверть», «3 триместр», «конец учебного года», «летний период»."""
    if match := SCHOOL_PART.search(ctx.text):
        raw, part = match.group("ord"), match.group("part")
        number = ROMAN.get(raw) or _ordinal(raw)
        year = int(match.group("year")) if match.group("year") else None
        parts = CALENDAR_HALVES if part == "полугоди" and year else SCHOOL_PARTS[part]
        if number not in parts:
            return None
        first, last = parts[number]
        start, end = ctx.span(first, last, last_year=year)
        roman = part in ("полугоди", "квартал")
        name = f"{ROMAN_OUT[number] if roman else number} {PART_NAMES[part]}"
    elif (match := SCHOOL_YEAR_EDGE.search(ctx.text)) and not DURATION_AFTER.search(ctx.text):
        month = 9 if match.group("edge").startswith("начал") else 5
        start, end = ctx.span(month, month)
        name = "начало учебного года" if month == 9 else "конец учебного года"
    elif SUMMER.search(ctx.text) and not MONTH_TOKEN.search(ctx.text):
        start, end = ctx.span(6, 8)
        name = "лето"
    else:
        return None
    return ctx.result(KIND_PERIOD, start, end, f"{name}: {_range(start, end)}")


def _months(ctx: _Context) -> ParsedDeadline | None:
    """«Март 2022 г.», «Октябрь-ноябрь», «Декабрь-январь 2022-2023гг.», «в мае»."""
    tokens = list(MONTH_TOKEN.finditer(ctx.text))
    if not tokens:
        return None
    first, last = tokens[0], tokens[-1]
    first_year = int(first.group("year")) if first.group("year") and first is not last else None
    last_year = int(last.group("year")) if last.group("year") else None
    start, end = ctx.span(
        MONTH_BY_FORM[first.group("month")], MONTH_BY_FORM[last.group("month")],
        first_year, last_year,
    )  # fmt: skip
    return ctx.result(KIND_PERIOD, start, end, _range(start, end))


def _relative(ctx: _Context) -> ParsedDeadline | None:
    """«в течение первого месяца», «в течение месяца после издания приказа …», «через месяц после …»."""
    text, anchor = ctx.text, _find_anchor(ctx.text)
    if anchor and (match := DURATION_AFTER.search(text)):
        n, unit = _number(match.group("n")), match.group("unit")
        working = bool(match.group("working"))
        base = ctx.anchors.get(anchor)
        if re.search(r"(?<![а-я])через(?![а-я])", text):
            what = f"через {_duration(n, unit, working, after_number=True)}"
            start = end = _add(base, n, unit, working=working) if base else None
        else:
            what = f"в течение {_duration(n, unit, working, after_number=False)}"
            start, end = base, _add(base, n, unit, working=working) if base else None
        label = f"{what} после {ANCHOR_LABELS[anchor]}"
    elif match := ORDINAL_SPAN.search(text):
        first = _ordinal(match.group("o1"))
        last = _ordinal(match.group("o2")) if match.group("o2") else first
        if match.group("n"):
            last = first + _number(match.group("n")) - 1
        if first > last:
            return None
        anchor, unit = anchor or ANCHOR_YEAR_START, match.group("unit")
        base = ctx.anchors.get(anchor)
        start = _add(base, first - 1, unit) if base else None
        end = _add(base, last, unit) - datetime.timedelta(days=1) if base else None
        noun, ending = ORDINAL_NOUNS[unit[:2]]
        count = f"{first}-{ending}" if first == last else f"{first}–{last}-{ending}"
        label = f"{count} {noun[first != last]} от {ANCHOR_LABELS[anchor]}"
    elif anchor and anchor != ANCHOR_YEAR_START and AFTER.search(text):
        start, end = ctx.anchors.get(anchor), None
        label = f"после {ANCHOR_LABELS[anchor]}"
    else:
        return None
    if start is not None:
        label += f": {_range(start, end)}"
    return ctx.result(KIND_RELATIVE, start, end, label, anchor=anchor)


# (one, few, many) after a number, and the genitive of one: «через 2 недели», «в течение недели».
UNIT_FORMS = {
    "д": ("день", "дня", "дней", "дня"),
    "н": ("неделю", "недели", "недель", "недели"),
    "м": ("месяц", "месяца", "месяцев", "месяца"),
    "г": ("год", "года", "лет", "года"),
}


def _duration(n: int, unit: str, working: bool, *, after_number: bool) -> str:
    """«месяца», «2 недель» after «в течение»; «месяц», «2 недели» after «через»."""
    one, few, many, genitive = UNIT_FORMS["г" if unit[0] == "л" else unit[0]]
    if working:
        return f"{n} {_plural(n, 'рабочий день', 'рабочих дня', 'рабочих дней')}"
    if after_number:
        return one if n == 1 else f"{n} {_plural(n, one, few, many)}"
    return genitive if n == 1 else f"{n} {many if n % 10 != 1 or n % 100 == 11 else genitive}"


def _whole_year(ctx: _Context) -> ParsedDeadline | None:
    """«в течение учебного года», «в течение всего периода реализации ЦМН», «2022/2023 уч. г.»."""
    pair = YEAR_PAIR.search(ctx.text)
    academic = pair is not None and int(pair.group(2)) == int(pair.group(1)) + 1
    if not WHOLE_YEAR.search(ctx.text) and not academic:
        return None
    start, end = ctx.year_start, ctx.year_end
    return ctx.result(KIND_WHOLE_YEAR, start, end, f"весь учебный год: {_range(start, end)}")


def _calendar_year(ctx: _Context) -> ParsedDeadline | None:
    """«2023 г.», «в течение 2023 года»: the calendar year."""
    if not (match := CALENDAR_YEAR.match(ctx.text)):
        return None
    year = int(match.group("year"))
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return ctx.result(KIND_PERIOD, start, end, f"{year} год: {_range(start, end)}")


def _as_needed(ctx: _Context) -> ParsedDeadline | None:
    """«По мере необходимости», «В зависимости от потребности», «Периодически»."""
    if not (match := AS_NEEDED.search(ctx.text)):
        return None
    if match.group() == "периодическ":
        return ctx.result(KIND_AS_NEEDED, None, None, "периодически", recurrence=RECUR_PERIODIC)
    return ctx.result(KIND_AS_NEEDED, None, None, "по мере необходимости")


FAMILIES: tuple[Callable[[_Context], ParsedDeadline | None], ...] = (
    _recurring,
    _date,
    _school_part,
    _months,
    _relative,
    _whole_year,
    _calendar_year,
    _as_needed,
)


def _unknown(phrase: str, label: str = LABEL_UNKNOWN) -> ParsedDeadline:
    return ParsedDeadline(phrase, KIND_UNKNOWN, None, None, "", None, "", False, label)


def parse_deadline(
    phrase: str,
    *,
    year_start: datetime.date,
    year_end: datetime.date,
    anchors: dict[str, datetime.date] | None = None,
) -> ParsedDeadline:
    """Read one deadline cell for the programme year ``year_start``…``year_end``."""
    phrase = phrase.strip()
    if not phrase:
        return _unknown(phrase, LABEL_EMPTY)
    ctx = _context(phrase, year_start, year_end, anchors)
    for family in FAMILIES:
        try:
            result = family(ctx)
        except (ValueError, ArithmeticError):  # 31.02.2022, a year past 9999
            continue
        if result is None:
            continue
        if result.start is not None and result.end is not None and result.start > result.end:
            return _unknown(phrase)
        return result
    return _unknown(phrase)
