"""The families of deadline phrases, in the order they are tried: each understands a phrase
and returns a ``ParsedDeadline`` or gives up with None."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import NamedTuple

from roadmap.deadlines.context import (
    Context,
    advance,
    find_anchor,
    month_end,
    parse_number,
    parse_ordinal,
    plural,
    range_label,
)
from roadmap.deadlines.patterns import (
    AFTER,
    AS_NEEDED,
    CALENDAR_YEAR,
    DAY_RANGE,
    DEADLINE_PREFIX,
    DURATION_AFTER,
    ISO_DATE,
    MONTH_TOKEN,
    NUMERIC_DATE,
    ORDINAL_SPAN,
    RECUR_EACH,
    RECUR_EVERY,
    RECUR_WORD,
    SCHOOL_PART,
    SCHOOL_YEAR_EDGE,
    SUMMER,
    UNTIL_MONTH_END,
    UNTIL_SCHOOL_YEAR,
    UNTIL_YEAR_END,
    WHOLE_YEAR,
    WORD_DATE,
    YEAR_PAIR,
)
from roadmap.deadlines.vocabulary import (
    ANCHOR_LABELS,
    ANCHOR_YEAR_START,
    CALENDAR_HALVES,
    KIND_AS_NEEDED,
    KIND_DATE,
    KIND_PERIOD,
    KIND_RECURRING,
    KIND_RELATIVE,
    KIND_WHOLE_YEAR,
    MONTH_BY_FORM,
    ORDINAL_NOUNS,
    PART_NAMES,
    RECUR_EVERY_N_MONTHS,
    RECUR_EVERY_N_WEEKS,
    RECUR_MONTHLY,
    RECUR_PERIODIC,
    RECUR_QUARTERLY,
    RECUR_WEEKLY,
    RECUR_YEARLY,
    ROMAN,
    ROMAN_OUT,
    SCHOOL_PARTS,
    UNIT_FORMS,
    ParsedDeadline,
)


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


def _recurring(ctx: Context) -> ParsedDeadline | None:
    """«Ежегодно», «раз в три месяца после …», «не реже 1 раза в 2 недели», «1 раз в четверть»."""
    found = _recurrence(ctx.text)
    if found is None:
        return None
    window = _months(ctx) or _school_part(ctx)
    if found.label == "периодически" and window is None:
        return None  # a bare «периодически» is vague: left to the as-needed family
    anchor = find_anchor(ctx.text)
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
        label += f", {range_label(start, end)}"
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
    n, times = parse_number(groups["n"]), parse_number(groups.get("times"))
    unit = every.group("unit")
    if times != 1 and unit.startswith("недел"):
        return _Recurrence(
            RECUR_PERIODIC, f"{times} {plural(times, 'раз', 'раза', 'раз')} в неделю"
        )
    if unit.startswith("недел"):
        if n == 1:
            return _Recurrence(RECUR_WEEKLY, "еженедельно")
        return _Recurrence(
            RECUR_EVERY_N_WEEKS, f"раз в {n} {plural(n, 'неделю', 'недели', 'недель')}", weeks=n
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
            RECUR_PERIODIC, f"{times} {plural(times, 'раз', 'раза', 'раз')} в {unit}"
        )
    months //= times
    if months == 1:
        return _Recurrence(RECUR_MONTHLY, "ежемесячно")
    if months == 3 and per_unit == 3:
        return _Recurrence(RECUR_QUARTERLY, "раз в четверть")
    if months == 12 and per_unit == 12:
        return _Recurrence(RECUR_YEARLY, "ежегодно")
    label = f"раз в {months} {plural(months, 'месяц', 'месяца', 'месяцев')}"
    return _Recurrence(RECUR_EVERY_N_MONTHS, label, months=months)


def _date(ctx: Context) -> ParsedDeadline | None:
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
        return ctx.result(KIND_PERIOD, start, end, range_label(start, end))
    if start > end:
        return None  # «с 30.09 по 01.09»: a range backwards is not guessed at
    if DEADLINE_PREFIX.search(text[:position]):
        return ctx.result(KIND_DATE, None, start, range_label(None, start))
    return ctx.result(KIND_DATE, start, start, range_label(start, start))


def _until(ctx: Context) -> ParsedDeadline | None:
    """«до конца мая», «до конца учебного года», «до начала учебного года», «до конца 2022»."""
    if match := UNTIL_MONTH_END.search(ctx.text):
        month = MONTH_BY_FORM[match.group("month")]
        end = month_end(int(match.group("year") or ctx.month_year(month)), month)
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
    return ctx.result(KIND_DATE, None, end, range_label(None, end))


def _school_part(ctx: Context) -> ParsedDeadline | None:
    """«I полугодие», «1 четверть», «3 триместр», «конец учебного года», «летний период»."""
    if match := SCHOOL_PART.search(ctx.text):
        raw, part = match.group("ord"), match.group("part")
        number = ROMAN.get(raw) or parse_ordinal(raw)
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
    return ctx.result(KIND_PERIOD, start, end, f"{name}: {range_label(start, end)}")


def _months(ctx: Context) -> ParsedDeadline | None:
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
    return ctx.result(KIND_PERIOD, start, end, range_label(start, end))


def _relative(ctx: Context) -> ParsedDeadline | None:
    """«в течение первого месяца», «в течение месяца после издания приказа …», «через месяц после …»."""
    text, anchor = ctx.text, find_anchor(ctx.text)
    if anchor and (match := DURATION_AFTER.search(text)):
        n, unit = parse_number(match.group("n")), match.group("unit")
        working = bool(match.group("working"))
        base = ctx.anchors.get(anchor)
        if re.search(r"(?<![а-я])через(?![а-я])", text):
            what = f"через {_duration(n, unit, working, after_number=True)}"
            start = end = advance(base, n, unit, working=working) if base else None
        else:
            what = f"в течение {_duration(n, unit, working, after_number=False)}"
            start, end = base, advance(base, n, unit, working=working) if base else None
        label = f"{what} после {ANCHOR_LABELS[anchor]}"
    elif match := ORDINAL_SPAN.search(text):
        first = parse_ordinal(match.group("o1"))
        last = parse_ordinal(match.group("o2")) if match.group("o2") else first
        if match.group("n"):
            last = first + parse_number(match.group("n")) - 1
        if first > last:
            return None
        anchor, unit = anchor or ANCHOR_YEAR_START, match.group("unit")
        base = ctx.anchors.get(anchor)
        start = advance(base, first - 1, unit) if base else None
        end = advance(base, last, unit) - datetime.timedelta(days=1) if base else None
        noun, ending = ORDINAL_NOUNS[unit[:2]]
        count = f"{first}-{ending}" if first == last else f"{first}–{last}-{ending}"
        label = f"{count} {noun[first != last]} от {ANCHOR_LABELS[anchor]}"
    elif anchor and anchor != ANCHOR_YEAR_START and AFTER.search(text):
        start, end = ctx.anchors.get(anchor), None
        label = f"после {ANCHOR_LABELS[anchor]}"
    else:
        return None
    if start is not None:
        label += f": {range_label(start, end)}"
    return ctx.result(KIND_RELATIVE, start, end, label, anchor=anchor)


def _duration(n: int, unit: str, working: bool, *, after_number: bool) -> str:
    """«месяца», «2 недель» after «в течение»; «месяц», «2 недели» after «через»."""
    one, few, many, genitive = UNIT_FORMS["г" if unit[0] == "л" else unit[0]]
    if working:
        return f"{n} {plural(n, 'рабочий день', 'рабочих дня', 'рабочих дней')}"
    if after_number:
        return one if n == 1 else f"{n} {plural(n, one, few, many)}"
    return genitive if n == 1 else f"{n} {many if n % 10 != 1 or n % 100 == 11 else genitive}"


def _whole_year(ctx: Context) -> ParsedDeadline | None:
    """«в течение учебного года», «в течение всего периода реализации ЦМН», «2022/2023 уч. г.»."""
    pair = YEAR_PAIR.search(ctx.text)
    academic = pair is not None and int(pair.group(2)) == int(pair.group(1)) + 1
    if not WHOLE_YEAR.search(ctx.text) and not academic:
        return None
    start, end = ctx.year_start, ctx.year_end
    return ctx.result(KIND_WHOLE_YEAR, start, end, f"весь учебный год: {range_label(start, end)}")


def _calendar_year(ctx: Context) -> ParsedDeadline | None:
    """«2023 г.», «в течение 2023 года»: the calendar year."""
    if not (match := CALENDAR_YEAR.match(ctx.text)):
        return None
    year = int(match.group("year"))
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return ctx.result(KIND_PERIOD, start, end, f"{year} год: {range_label(start, end)}")


def _as_needed(ctx: Context) -> ParsedDeadline | None:
    """«По мере необходимости», «В зависимости от потребности», «Периодически»."""
    if not (match := AS_NEEDED.search(ctx.text)):
        return None
    if match.group() == "периодическ":
        return ctx.result(KIND_AS_NEEDED, None, None, "периодически", recurrence=RECUR_PERIODIC)
    return ctx.result(KIND_AS_NEEDED, None, None, "по мере необходимости")


FAMILIES: tuple[Callable[[Context], ParsedDeadline | None], ...] = (
    _recurring,
    _date,
    _school_part,
    _months,
    _relative,
    _whole_year,
    _calendar_year,
    _as_needed,
)
