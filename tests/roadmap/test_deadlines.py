"""The deadline parser against every deadline cell of the five seed roadmaps, and more."""

from __future__ import annotations

import calendar
import datetime
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap.deadlines import (
    ANCHOR_IMPLEMENTATION_ORDER,
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
    RECUR_EVERY_N_MONTHS,
    RECUR_EVERY_N_WEEKS,
    RECUR_MONTHLY,
    RECUR_PERIODIC,
    RECUR_QUARTERLY,
    RECUR_WEEKLY,
    RECUR_YEARLY,
    parse_deadline,
)

D = datetime.date
Year = tuple[datetime.date, datetime.date]
Y2020: Year = (D(2020, 9, 1), D(2021, 8, 31))
Y2022: Year = (D(2022, 9, 1), D(2023, 8, 31))


def first(year: int, month: int) -> datetime.date:
    return D(year, month, 1)


def last(year: int, month: int) -> datetime.date:
    return D(year, month, calendar.monthrange(year, month)[1])


class Case(NamedTuple):
    phrase: str
    year: Year
    kind: str
    start: datetime.date | None = None
    end: datetime.date | None = None
    recurrence: str = ""
    anchor: str = ""
    interval_months: int | None = None
    interval_weeks: int | None = None


def period(phrase: str, year: Year, start: tuple[int, int], end: tuple[int, int]) -> Case:
    """Whole months ``start``…``end`` given as (year, month)."""
    return Case(phrase, year, KIND_PERIOD, first(*start), last(*end))


def whole(phrase: str, year: Year) -> Case:
    return Case(phrase, year, KIND_WHOLE_YEAR, *year)


def every(phrase: str, year: Year, recurrence: str, **extra: object) -> Case:
    """A recurrence over the whole programme year."""
    return Case(phrase, year, KIND_RECURRING, *year, recurrence, **extra)  # type: ignore[arg-type]


# Seed 000, art school (Kingisepp), 2022. Its year is 2022/2023: «Март 2022 г.» is the
# preparation stage, before «первый месяц» of the year it prepares.
SEED_000 = [
    period("Март 2022 г.", Y2022, (2022, 3), (2022, 3)),
    # Two phrases glued in one cell: the concrete one wins.
    Case("В зависимости от потребности В течение первого месяца", Y2022, KIND_RELATIVE,
         D(2022, 9, 1), D(2022, 9, 30), anchor=ANCHOR_YEAR_START),
    Case("В течение первого- второго месяца", Y2022, KIND_RELATIVE,
         D(2022, 9, 1), D(2022, 10, 31), anchor=ANCHOR_YEAR_START),
    Case("В течение месяца после издания приказа о внедрении целевой модели наставничества в ОО",
         Y2022, KIND_RELATIVE, anchor=ANCHOR_IMPLEMENTATION_ORDER),
    Case("Раз в три месяца после формирования наставнических пар/групп", Y2022, KIND_RECURRING,
         None, D(2023, 8, 31), RECUR_EVERY_N_MONTHS, ANCHOR_PAIRS_FORMED, interval_months=3),
    Case("Периодически", Y2022, KIND_AS_NEEDED, recurrence=RECUR_PERIODIC),
]  # fmt: skip

# Seed 001, gymnasium «Жуковка», 2022–2023.
SEED_001 = [
    period("Август 2022 г.", Y2022, (2022, 8), (2022, 8)),  # a named year wins, even before
    period("Сентябрь 2022г.", Y2022, (2022, 9), (2022, 9)),
    period("Октябрь 2022г.", Y2022, (2022, 10), (2022, 10)),
    period("Ноябрь 2022г.", Y2022, (2022, 11), (2022, 11)),
    period("Декабрь 2022 г.", Y2022, (2022, 12), (2022, 12)),
    period("Январь – июнь 2023 г.", Y2022, (2023, 1), (2023, 6)),
    period("Июнь 2023 г.", Y2022, (2023, 6), (2023, 6)),
]

# Seed 002, house of children's creativity «Град чудес», 2020–2021.
SEED_002 = [
    Case("до 10.10.2020г.", Y2020, KIND_DATE, None, D(2020, 10, 10)),
    Case("до 15.11.2020г.", Y2020, KIND_DATE, None, D(2020, 11, 15)),
    Case("до 30.11.2020г.", Y2020, KIND_DATE, None, D(2020, 11, 30)),
    period("ноябрь 2020 г.", Y2020, (2020, 11), (2020, 11)),
    period("ноябрь – декабрь 2020 г.", Y2020, (2020, 11), (2020, 12)),
    whole("в течение учебного года", Y2020),
    whole("В течение учебного года", Y2020),
    period("декабрь 2020 г.", Y2020, (2020, 12), (2020, 12)),
    whole("в течение всего периода реализации ЦМН", Y2020),
    whole("в течение всего периода внедрения ЦМН", Y2020),
    period("в соответствии со сроками реализации программ наставничества, май 2021 г.", Y2020,
           (2021, 5), (2021, 5)),
    period("май 2021 г.", Y2020, (2021, 5), (2021, 5)),
    period("сентябрь – декабрь 2020 г.", Y2020, (2020, 9), (2020, 12)),
    period("январь 2021 г.", Y2020, (2021, 1), (2021, 1)),
    # Row 6.3 is split over two lines of the table; both halves, then the whole cell.
    Case("в соответствии со сроками реализации", Y2020, KIND_UNKNOWN),
    period("программ наставничества или май 2021 г.", Y2020, (2021, 5), (2021, 5)),
    period("в соответствии со сроками реализации программ наставничества или май 2021 г.",
           Y2020, (2021, 5), (2021, 5)),
]  # fmt: skip

# Seed 003, municipal district «Каякентский район», 2022–2023: cells with line breaks,
# double spaces and an OCR-split word («реализаци и»).
SEED_003 = [
    period("Август\n2022г.", Y2022, (2022, 8), (2022, 8)),
    period("Сентябрь \n2022г.", Y2022, (2022, 9), (2022, 9)),
    period("Октябрь \n2022г.", Y2022, (2022, 10), (2022, 10)),
    period("Ноябрь \n 2022г.", Y2022, (2022, 11), (2022, 11)),
    period("Октябрь-ноябрь ", Y2022, (2022, 10), (2022, 11)),
    period("Октябрь 2022г.", Y2022, (2022, 10), (2022, 10)),
    period("Ноябрь  2022г.", Y2022, (2022, 11), (2022, 11)),
    period("Ноябрь 2022г.", Y2022, (2022, 11), (2022, 11)),
    period("Ноябрь-декабрь 2022г.", Y2022, (2022, 11), (2022, 12)),
    whole("В течение всего периода реализации ЦМН", Y2022),
    whole("В течение всего периода реализаци и ЦМН", Y2022),
    period("Январь  2023г.", Y2022, (2023, 1), (2023, 1)),
    period("Декабрь\n2022г.", Y2022, (2022, 12), (2022, 12)),
    every("Ежегодно ", Y2022, RECUR_YEARLY),
    period("Январь\n2023г.", Y2022, (2023, 1), (2023, 1)),
    period("Декабрь-январь\n2022-2023гг.", Y2022, (2022, 12), (2023, 1)),
]

# Seed 004, school № 20 (Kirov), 2022: its table has no deadline column. The only date in
# it is the digital-signature stamp, read here as a day so that such noise is harmless.
SEED_004 = [
    Case("2022-11-08T08:29:24+0300", Y2022, KIND_DATE, D(2022, 11, 8), D(2022, 11, 8)),
]

# What else real roadmaps say, and the noise they say it with.
OTHERS = [
    Case("15.09.2022", Y2022, KIND_DATE, D(2022, 9, 15), D(2022, 9, 15)),
    Case("10.10.20", Y2022, KIND_DATE, D(2020, 10, 10), D(2020, 10, 10)),
    Case("10 октября 2020 г.", Y2022, KIND_DATE, D(2020, 10, 10), D(2020, 10, 10)),
    Case("до 15 ноября", Y2022, KIND_DATE, None, D(2022, 11, 15)),
    Case("до 15 марта", Y2022, KIND_DATE, None, D(2023, 3, 15)),
    Case("не позднее 01.12.2022", Y2022, KIND_DATE, None, D(2022, 12, 1)),
    Case("до конца мая", Y2022, KIND_DATE, None, D(2023, 5, 31)),
    Case("до конца учебного года", Y2022, KIND_DATE, None, D(2023, 5, 31)),
    Case("с 1 по 15 сентября", Y2022, KIND_PERIOD, D(2022, 9, 1), D(2022, 9, 15)),
    Case("с 01.09.2022 по 30.09.2022", Y2022, KIND_PERIOD, D(2022, 9, 1), D(2022, 9, 30)),
    period("Март 2022 г..", Y2022, (2022, 3), (2022, 3)),
    period("<p>Март 2022 г.</p>", Y2022, (2022, 3), (2022, 3)),
    period("НОЯБРЬ-ДЕКАБРЬ 2020Г.", Y2022, (2020, 11), (2020, 12)),
    period("ноябрь—декабрь 2020 года", Y2022, (2020, 11), (2020, 12)),
    period("Сентябрь–октябрь 2022 года", Y2022, (2022, 9), (2022, 10)),
    period("сентябрь 2022 – май 2023", Y2022, (2022, 9), (2023, 5)),
    period("Декабрь 2026 г. – январь 2027 г.", Y2022, (2026, 12), (2027, 1)),
    period("декабрь – январь 2023 г.", Y2022, (2022, 12), (2023, 1)),
    period("Декабрь-январь", Y2022, (2022, 12), (2023, 1)),
    period("август-сентябрь", Y2022, (2022, 8), (2022, 9)),
    period("май-июнь", Y2022, (2023, 5), (2023, 6)),
    period("апрель-май", Y2022, (2023, 4), (2023, 5)),
    period("сентябрь", Y2022, (2022, 9), (2022, 9)),
    period("август", Y2022, (2023, 8), (2023, 8)),
    period("в мае", Y2022, (2023, 5), (2023, 5)),
    period("окт. 2022", Y2022, (2022, 10), (2022, 10)),
    period("I полугодие", Y2022, (2022, 9), (2022, 12)),
    period("первое полугодие", Y2022, (2022, 9), (2022, 12)),
    period("II полугодие", Y2022, (2023, 1), (2023, 5)),
    period("I полугодие 2022-2023 уч. г.", Y2020, (2022, 9), (2022, 12)),
    period("II полугодие 2022 г.", Y2022, (2022, 7), (2022, 12)),
    period("1 четверть", Y2022, (2022, 9), (2022, 10)),
    period("2-я четверть", Y2022, (2022, 11), (2022, 12)),
    period("в течение III четверти", Y2022, (2023, 1), (2023, 3)),
    period("четвертая четверть", Y2022, (2023, 4), (2023, 5)),
    period("2 триместр", Y2022, (2022, 12), (2023, 2)),
    period("1 квартал 2023 г.", Y2022, (2023, 1), (2023, 3)),
    period("начало учебного года", Y2022, (2022, 9), (2022, 9)),
    period("в конце учебного года", Y2022, (2023, 5), (2023, 5)),
    period("летний период", Y2022, (2023, 6), (2023, 8)),
    period("2023 г.", Y2022, (2023, 1), (2023, 12)),
    Case("в течение первых двух месяцев", Y2022, KIND_RELATIVE, D(2022, 9, 1), D(2022, 10, 31),
         anchor=ANCHOR_YEAR_START),
    Case("в течение первой недели", Y2022, KIND_RELATIVE, D(2022, 9, 1), D(2022, 9, 7),
         anchor=ANCHOR_YEAR_START),
    Case("в течение двух недель после формирования пар", Y2022, KIND_RELATIVE,
         anchor=ANCHOR_PAIRS_FORMED),
    Case("через месяц после издания приказа", Y2022, KIND_RELATIVE,
         anchor=ANCHOR_IMPLEMENTATION_ORDER),
    Case("по окончании программы наставничества", Y2022, KIND_RELATIVE,
         anchor=ANCHOR_PROGRAMME_END),
    whole("в течение года", Y2022),
    whole("В течение всего учебного года", Y2022),
    whole("постоянно", Y2022),
    whole("2022-2023 уч.г.", Y2022),
    whole("2022/2023 учебный год", Y2022),
    Case("на 2020-2021 учебный год", Y2022, KIND_WHOLE_YEAR, D(2020, 9, 1), D(2021, 8, 31)),
    every("ежемесячно", Y2022, RECUR_MONTHLY),
    every("каждый месяц", Y2022, RECUR_MONTHLY),
    every("еженедельно", Y2022, RECUR_WEEKLY),
    every("1 раз в четверть", Y2022, RECUR_QUARTERLY),
    every("ежеквартально", Y2022, RECUR_QUARTERLY),
    every("не реже 1 раза в 2 недели", Y2022, RECUR_EVERY_N_WEEKS, interval_weeks=2),
    every("не реже одного раза в две недели", Y2022, RECUR_EVERY_N_WEEKS, interval_weeks=2),
    every("раз в полгода", Y2022, RECUR_EVERY_N_MONTHS, interval_months=6),
    every("2 раза в год", Y2022, RECUR_EVERY_N_MONTHS, interval_months=6),
    every("Регулярно", Y2022, RECUR_PERIODIC),
    # What roadmap templates write: the recurrence runs over the named months.
    Case("Раз в три месяца, октябрь 2026 г. – май 2027 г.", Y2022, KIND_RECURRING,
         D(2026, 10, 1), D(2027, 5, 31), RECUR_EVERY_N_MONTHS, interval_months=3),
    Case("Периодически, сентябрь – май", Y2022, KIND_RECURRING, D(2022, 9, 1), D(2023, 5, 31),
         RECUR_PERIODIC),
    Case("ежегодно в мае", Y2022, KIND_RECURRING, D(2023, 5, 1), D(2023, 5, 31), RECUR_YEARLY),
    Case("По мере необходимости", Y2022, KIND_AS_NEEDED),
    Case("при необходимости", Y2022, KIND_AS_NEEDED),
    Case("В зависимости от потребности", Y2022, KIND_AS_NEEDED),
    Case("по запросу педагогов", Y2022, KIND_AS_NEEDED),
]  # fmt: skip

CASES = SEED_000 + SEED_001 + SEED_002 + SEED_003 + SEED_004 + OTHERS


def read(phrase: str, year: Year = Y2022, **anchors: datetime.date):
    return parse_deadline(phrase, year_start=year[0], year_end=year[1], anchors=anchors)


def test_the_table_covers_at_least_sixty_distinct_phrases() -> None:
    # «Октябрь 2022г.» and «Ноябрь 2022г.» are in seeds 001 and 003 alike.
    assert len({case.phrase for case in CASES}) >= 60


@pytest.mark.parametrize("case", CASES, ids=[case.phrase for case in CASES])
def test_it_reads_the_phrase(case: Case) -> None:
    parsed = read(case.phrase, case.year)

    got = (parsed.kind, parsed.start, parsed.end, parsed.recurrence, parsed.anchor)
    assert got == (case.kind, case.start, case.end, case.recurrence, case.anchor)
    assert (parsed.interval_months, parsed.interval_weeks) == (
        case.interval_months, case.interval_weeks,
    )  # fmt: skip
    assert parsed.phrase == case.phrase.strip()
    assert parsed.recognised is (case.kind != KIND_UNKNOWN)


@pytest.mark.parametrize(
    "phrase",
    [
        "в соответствии со сроками реализации",
        "в течение месяца",  # a month of what? the curator has to say
        "в течение месяца после педсовета",
        "после педсовета",
        "по графику",
        "до 31.02.2022",
        "ёжик",
        "???",
    ],
)
def test_it_keeps_an_unknown_phrase_and_flags_it(phrase: str) -> None:
    parsed = read(f"  {phrase}\n")

    assert parsed.phrase == phrase
    assert (parsed.kind, parsed.start, parsed.end) == (KIND_UNKNOWN, None, None)
    assert parsed.recognised is False
    assert parsed.label == "срок не распознан"


@pytest.mark.parametrize("phrase", ["", "   ", "\n\t"])
def test_an_empty_cell_is_a_missing_deadline(phrase: str) -> None:
    parsed = read(phrase)

    assert (parsed.phrase, parsed.kind, parsed.recognised) == ("", KIND_UNKNOWN, False)
    assert parsed.label == "срок не указан"


@pytest.mark.parametrize(
    ("phrase", "anchors", "start", "end"),
    [
        ("В течение месяца после издания приказа о внедрении целевой модели наставничества в ОО",
         {ANCHOR_IMPLEMENTATION_ORDER: D(2022, 10, 10)}, D(2022, 10, 10), D(2022, 11, 10)),
        ("в течение двух недель после формирования пар",
         {ANCHOR_PAIRS_FORMED: D(2022, 12, 1)}, D(2022, 12, 1), D(2022, 12, 15)),
        ("через месяц после формирования пар",
         {ANCHOR_PAIRS_FORMED: D(2022, 12, 15)}, D(2023, 1, 15), D(2023, 1, 15)),
        ("в течение 10 рабочих дней после издания приказа",
         {ANCHOR_IMPLEMENTATION_ORDER: D(2022, 10, 7)}, D(2022, 10, 7), D(2022, 10, 21)),
        ("по окончании программы наставничества",
         {ANCHOR_PROGRAMME_END: D(2023, 5, 20)}, D(2023, 5, 20), None),
        ("Раз в три месяца после формирования наставнических пар/групп",
         {ANCHOR_PAIRS_FORMED: D(2022, 12, 1)}, D(2022, 12, 1), D(2023, 8, 31)),
        # Another event's date changes nothing.
        ("В течение месяца после издания приказа о внедрении",
         {ANCHOR_PAIRS_FORMED: D(2022, 12, 1)}, None, None),
    ],
)  # fmt: skip
def test_a_relative_deadline_resolves_when_its_anchor_is_known(
    phrase: str,
    anchors: dict[str, datetime.date],
    start: datetime.date | None,
    end: datetime.date | None,
) -> None:
    parsed = read(phrase, **anchors)

    assert (parsed.start, parsed.end, parsed.recognised) == (start, end, True)


def test_an_unresolved_anchor_is_kept_for_later() -> None:
    parsed = read("В течение месяца после издания приказа о внедрении целевой модели")

    assert (parsed.kind, parsed.anchor, parsed.recognised) == (
        KIND_RELATIVE, ANCHOR_IMPLEMENTATION_ORDER, True,
    )  # fmt: skip
    assert (parsed.start, parsed.end) == (None, None)


@pytest.mark.parametrize(
    ("phrase", "year", "anchors", "label"),
    [
        ("Март 2022 г.", Y2022, {}, "1–31 марта 2022"),
        ("ноябрь – декабрь 2020 г.", Y2020, {}, "1 ноября – 31 декабря 2020"),
        ("Декабрь-январь\n2022-2023гг.", Y2022, {}, "1 декабря 2022 – 31 января 2023"),
        ("до 10.10.2020г.", Y2020, {}, "до 10 октября 2020"),
        ("Ежегодно", Y2022, {}, "ежегодно"),
        ("Периодически", Y2022, {}, "периодически"),
        ("По мере необходимости", Y2022, {}, "по мере необходимости"),
        ("не реже 1 раза в 2 недели", Y2022, {}, "раз в 2 недели"),
        ("Раз в три месяца после формирования наставнических пар/групп", Y2022, {},
         "раз в 3 месяца после формирования пар"),
        ("В течение месяца после издания приказа о внедрении", Y2022, {},
         "в течение месяца после приказа о внедрении"),
        ("В течение месяца после издания приказа о внедрении", Y2022,
         {ANCHOR_IMPLEMENTATION_ORDER: D(2022, 10, 10)},
         "в течение месяца после приказа о внедрении: 10 октября – 10 ноября 2022"),
        ("В течение первого месяца", Y2022, {},
         "1-й месяц от начала учебного года: 1–30 сентября 2022"),
        ("I полугодие", Y2022, {}, "I полугодие: 1 сентября – 31 декабря 2022"),
        ("в течение учебного года", Y2020, {},
         "весь учебный год: 1 сентября 2020 – 31 августа 2021"),
        ("в соответствии со сроками реализации", Y2020, {}, "срок не распознан"),
    ],
)  # fmt: skip
def test_the_label_explains_the_reading_to_the_curator(
    phrase: str, year: Year, anchors: dict[str, datetime.date], label: str
) -> None:
    assert read(phrase, year, **anchors).label == label


def test_a_named_year_is_kept_even_outside_the_programme_year() -> None:
    parsed = read("Март 2022 г.", Y2020)

    assert (parsed.start, parsed.end) == (D(2022, 3, 1), D(2022, 3, 31))


# Fragments of real cells, so that random phrases reach every family of the parser.
VOCABULARY = [
    "до", "с", "по", "не позднее", "в течение", "через", "после", "раз в", "1 раз в", "каждый",
    "первого", "второго", "первых", "двух", "три", "10", "месяца", "недели", "дней", "рабочих",
    "года", "учебного", "всего периода", "ЦМН", "приказа", "формирования пар", "окончании",
    "программы", "начала", "конца", "Март", "мая", "декабрь", "январь", "–", "-", "—", ",",
    "2022", "2022г.", "2022-2023гг.", "2023/2024", "0001", "9999", "10.10.2020г.", "31.02.2022",
    "15.11", "10.10.20", "2022-11-08", "10 октября", "I", "IV", "полугодие", "четверть",
    "квартал", "Ежегодно", "ежемесячно", "Периодически", "по мере необходимости", "\n", "г..",
]  # fmt: skip
ANCHORS = [
    ANCHOR_YEAR_START, ANCHOR_IMPLEMENTATION_ORDER, ANCHOR_PAIRS_FORMED, ANCHOR_PROGRAMME_END,
]  # fmt: skip


@settings(max_examples=400, deadline=None, database=None)
@given(
    phrase=st.one_of(
        st.text(),
        st.lists(st.sampled_from(VOCABULARY), max_size=8).map(" ".join),
    ),
    first_year=st.integers(min_value=1, max_value=9998),
    anchors=st.dictionaries(st.sampled_from(ANCHORS), st.dates()),
)
def test_it_never_raises_and_never_loses_the_phrase(
    phrase: str, first_year: int, anchors: dict[str, datetime.date]
) -> None:
    parsed = parse_deadline(
        phrase,
        year_start=D(first_year, 9, 1),
        year_end=D(first_year + 1, 8, 31),
        anchors=anchors,
    )

    assert parsed.phrase == phrase.strip()
    assert parsed.label
    assert parsed.recognised is (parsed.kind != KIND_UNKNOWN)
    if parsed.start is not None and parsed.end is not None:
        assert parsed.start <= parsed.end
