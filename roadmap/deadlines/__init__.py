"""Read the deadline cell of a school roadmap: «Март 2022 г.», «до 10.10.2020г.», «Ежегодно».

Pure standard library, no ORM: ``parse_deadline(phrase, year_start=…, year_end=…)``
returns a :class:`ParsedDeadline` and never raises.

The package: ``vocabulary`` (the result, its codes and the Russian words), ``patterns``
(the regular expressions), ``context`` (the phrase in its programme year and the shared
date and word helpers), ``families`` (one function per family of phrases, in order).

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

import datetime

from roadmap.deadlines.context import make_context
from roadmap.deadlines.families import FAMILIES
from roadmap.deadlines.vocabulary import (
    ANCHOR_IMPLEMENTATION_ORDER,
    ANCHOR_LABELS,
    ANCHOR_PAIRS_FORMED,
    ANCHOR_PROGRAMME_END,
    ANCHOR_YEAR_START,
    KIND_AS_NEEDED,
    KIND_DATE,
    KIND_PERIOD,
    KIND_RECURRING,
    KIND_RELATIVE,
    KIND_UNKNOWN,
    KIND_WHOLE_YEAR,
    LABEL_EMPTY,
    LABEL_UNKNOWN,
    RECUR_EVERY_N_MONTHS,
    RECUR_EVERY_N_WEEKS,
    RECUR_MONTHLY,
    RECUR_PERIODIC,
    RECUR_QUARTERLY,
    RECUR_WEEKLY,
    RECUR_YEARLY,
    ParsedDeadline,
)

__all__ = [
    "ANCHOR_IMPLEMENTATION_ORDER",
    "ANCHOR_LABELS",
    "ANCHOR_PAIRS_FORMED",
    "ANCHOR_PROGRAMME_END",
    "ANCHOR_YEAR_START",
    "FAMILIES",
    "KIND_AS_NEEDED",
    "KIND_DATE",
    "KIND_PERIOD",
    "KIND_RECURRING",
    "KIND_RELATIVE",
    "KIND_UNKNOWN",
    "KIND_WHOLE_YEAR",
    "LABEL_EMPTY",
    "LABEL_UNKNOWN",
    "RECUR_EVERY_N_MONTHS",
    "RECUR_EVERY_N_WEEKS",
    "RECUR_MONTHLY",
    "RECUR_PERIODIC",
    "RECUR_QUARTERLY",
    "RECUR_WEEKLY",
    "RECUR_YEARLY",
    "ParsedDeadline",
    "parse_deadline",
]


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
    ctx = make_context(phrase, year_start, year_end, anchors)
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
