"""Read queries for the meeting pages; list pages have pinned query counts.

Pages get meetings from a scoped queryset (``permissions_meetings.meetings_visible_to``);
the functions here only add filters, prefetches and the per-week arithmetic.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import tablib
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from mentorship.models import (
    Meeting,
    MeetingFormat,
    MeetingKind,
    MentorProfile,
    Mentorship,
    MentorshipMember,
    MentorshipStatus,
    ProgrammeYear,
)
from mentorship.models.meetings import EDIT_WINDOW
from mentorship.permissions_meetings import meetings_of

OPEN_STATUSES = (MentorshipStatus.DRAFT, MentorshipStatus.APPROVED, MentorshipStatus.ACTIVE)
RECENT_ON_PAIR_PAGE = 5
MAX_PERIOD_WEEKS = 26
DEFAULT_WEEKS = 12  # when there is no current programme year
WEEK = datetime.timedelta(days=7)

Through = Meeting.mentorships.through


# Pairs with their mentees


def _members_prefetch() -> Prefetch:
    return Prefetch(
        "members",
        queryset=MentorshipMember.objects.select_related("mentee__person").order_by(
            "mentee__person__search_key", "pk"
        ),
        to_attr="member_rows",
    )


def _pairs_with_people(qs: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    return qs.select_related("form", "mentor__person").prefetch_related(_members_prefetch())


def _mentee_names(pair: Mentorship, on: datetime.date | None = None) -> list[str]:
    """Names of the mentees in the pair on a day (all of them if none was there that day)."""
    rows = pair.member_rows
    if on is not None:
        present = [m for m in rows if m.joined_on <= on and (m.left_on is None or m.left_on >= on)]
        rows = present or rows
    else:
        rows = [m for m in rows if m.left_on is None] or rows
    return [m.mentee.person.full_name for m in rows]


@dataclass
class PairLine:
    pair: Mentorship
    mentees: list[str]

    @property
    def mentee_text(self) -> str:
        return ", ".join(self.mentees)


def loggable_pair_queryset(loggable: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    return _pairs_with_people(loggable)


def pairs_to_choose(loggable: QuerySet[Mentorship]) -> list[PairLine]:
    """The open pairs a user may log for, for the «which pair?» step: three queries."""
    pairs = _pairs_with_people(loggable.filter(status__in=OPEN_STATUSES)).order_by(
        "form__title", "mentor__person__search_key", "pk"
    )
    return [PairLine(pair=p, mentees=_mentee_names(p)) for p in pairs]


def other_open_pairs(*, exclude: Mentorship) -> QuerySet[Mentorship]:
    """Pairs a curator may add to a group final besides the one it was opened from."""
    return _pairs_with_people(
        Mentorship.objects.filter(status__in=OPEN_STATUSES).exclude(pk=exclude.pk)
    ).order_by("form__title", "mentor__person__search_key", "pk")


def pair_label(pair: Mentorship) -> str:
    """«Наставник — наставляемые (форма)» for a pair fetched with its people."""
    mentees = ", ".join(_mentee_names(pair))
    return f"{pair.mentor.person.short_name} — {mentees or 'без наставляемых'} ({pair.form})"


def open_pairs() -> QuerySet[Mentorship]:
    return Mentorship.objects.filter(status__in=OPEN_STATUSES)


# One meeting


def meeting_detail_queryset(visible: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return visible.select_related("logged_by").prefetch_related(
        Prefetch(
            "mentorships",
            queryset=_pairs_with_people(Mentorship.objects.all()).order_by(
                "form__title", "mentor__person__search_key", "pk"
            ),
        )
    )


def pair_lines(meeting: Meeting) -> list[PairLine]:
    """The meeting's pairs (prefetched) with the mentees who were in them that day."""
    return [
        PairLine(pair=p, mentees=_mentee_names(p, meeting.held_on))
        for p in meeting.mentorships.all()
    ]


def attach_pair_lines(meetings: Iterable[Meeting]) -> list[Meeting]:
    """Give each meeting of a page its ``pair_lines``; the pairs come from the prefetch."""
    meetings = list(meetings)
    for meeting in meetings:
        meeting.pair_lines = pair_lines(meeting)
    return meetings


def pair_recent_meetings(
    *, pair: Mentorship, visible: QuerySet[Meeting], limit: int = RECENT_ON_PAIR_PAGE
) -> list[Meeting]:
    """The newest meetings of a pair for its page: one query, no people needed."""
    return list(visible.filter(mentorships=pair).order_by("-held_on", "-start_time", "-pk")[:limit])


# Lists: the journal and «my meetings»


def meeting_list(*, visible: QuerySet[Meeting], filters: dict[str, Any]) -> QuerySet[Meeting]:
    """Meetings filtered by form, mentor, pair, kind and period, newest first, with pairs."""
    qs = visible
    pairs = _pair_filter(filters)
    if pairs is not None:
        qs = qs.filter(pk__in=meetings_of(pairs).values("pk"))
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("date_from"):
        qs = qs.filter(held_on__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(held_on__lte=filters["date_to"])
    return meeting_detail_queryset(qs).order_by("-held_on", "-start_time", "-pk")


def _pair_filter(filters: dict[str, Any]) -> QuerySet[Mentorship] | None:
    pairs = Mentorship.objects.all()
    used = False
    for key, lookup in (("form", "form"), ("mentor", "mentor"), ("pair", "pk")):
        value = filters.get(key)
        if value:
            pairs = pairs.filter(**{lookup: value})
            used = True
    return pairs if used else None


def journal_mentors() -> QuerySet[MentorProfile]:
    """Mentors who have led a pair: the journal's mentor filter."""
    return (
        MentorProfile.objects.filter(pk__in=Mentorship.objects.values("mentor"))
        .select_related("person")
        .order_by("person__search_key", "pk")
    )


JOURNAL_HEADERS = [
    "Дата",
    "Время",
    "Вид встречи",
    "Формат",
    "Форма наставничества",
    "Наставник",
    "Наставляемые",
    "Тема",
    "Что обсуждали и делали",
    "Договорённости и задания",
    "Следующая встреча",
    "Кто записал",
]


def journal_dataset(*, visible: QuerySet[Meeting], filters: dict[str, Any]) -> tablib.Dataset:
    """One row per meeting and pair (a group final gives a row for each of its pairs)."""
    meetings = meeting_list(visible=visible, filters=filters).order_by(
        "held_on", "start_time", "pk"
    )
    kinds, formats = dict(MeetingKind.choices), dict(MeetingFormat.choices)
    dataset = tablib.Dataset(headers=JOURNAL_HEADERS)
    for meeting in meetings:
        for line in pair_lines(meeting):
            if not _matches(line.pair, filters):
                continue
            dataset.append(
                [
                    meeting.held_on,
                    meeting.start_time.strftime("%H:%M") if meeting.start_time else "",
                    str(kinds.get(meeting.kind, meeting.kind)),
                    str(formats.get(meeting.format, meeting.format)),
                    str(line.pair.form),
                    line.pair.mentor.person.full_name,
                    line.mentee_text,
                    meeting.topic,
                    meeting.notes,
                    meeting.next_steps,
                    meeting.next_planned_on,
                    user_name(meeting.logged_by),
                ]
            )
    return dataset


def _matches(pair: Mentorship, filters: dict[str, Any]) -> bool:
    """Whether a pair of a group final passes the pair filters (the rest filter meetings)."""
    checks = (
        ("form", pair.form_id, lambda v: v.pk),
        ("mentor", pair.mentor_id, lambda v: v.pk),
        ("pair", pair.pk, int),
    )
    return all(not filters.get(key) or own == to_pk(filters[key]) for key, own, to_pk in checks)


# Regularity: a row of weeks per open pair


@dataclass
class WeekCell:
    start: datetime.date
    count: int = 0
    state: str = "missed"  # met, missed, off (the pair was not running), future

    @property
    def end(self) -> datetime.date:
        return self.start + datetime.timedelta(days=6)

    @property
    def title(self) -> str:
        """The cell's tooltip, made here once: a page has hundreds of cells."""
        what = {
            "met": f"встреч: {self.count}",
            "missed": "встречи не было",
            "off": "пара не работала",
        }.get(self.state, "ещё впереди")
        return f"{self.start:%d.%m}–{self.end:%d.%m}: {what}"


@dataclass
class RegularityRow:
    pair: Mentorship
    mentees: list[str]
    cells: list[WeekCell]
    last_meeting_on: datetime.date | None
    days_since: int | None
    overdue: bool

    @property
    def mentee_text(self) -> str:
        return ", ".join(self.mentees)

    @property
    def met_weeks(self) -> int:
        return sum(1 for c in self.cells if c.state == "met")


@dataclass
class Regularity:
    start: datetime.date
    end: datetime.date
    weeks: list[datetime.date]
    rows: list[RegularityRow]
    interval_days: int
    today: datetime.date
    overdue_count: int = 0
    total: int = 0  # open pairs in all, shown on this page or not
    page: Sequence[int] | None = None  # what ``page`` returned (a Page of ids), if asked


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def default_period(
    *, year: ProgrammeYear | None, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """The current programme year up to this week, or the last twelve weeks without one."""
    if year is not None and year.start_date <= today:
        return monday(year.start_date), min(today, year.end_date)
    return monday(today) - (DEFAULT_WEEKS - 1) * WEEK, today


def _last_meeting() -> Subquery:
    latest = Meeting.objects.filter(mentorships=OuterRef("pk")).order_by("-held_on", "-pk")
    return Subquery(latest.values("held_on")[:1])


def regularity(
    *,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
    interval_days: int,
    form: Any = None,
    page: Callable[[list[int]], Sequence[int]] | None = None,
) -> Regularity:
    """Open pairs × weeks from ``start`` to ``end``, in a fixed number of queries.

    Every open pair counts towards «просрочено» (one light query); the rows with names and
    weeks are built for all pairs, or only for those ``page`` picks from the ordered ids
    (a page of 50 of a large school's 300 pairs).
    """
    first = monday(start)
    weeks = []
    week = first
    while week <= end:
        weeks.append(week)
        week += WEEK
    chosen = open_pairs().filter(form=form) if form else open_pairs()
    order = ("form__title", "mentor__person__search_key", "pk")
    light = list(
        chosen.annotate(last_meeting_on=_last_meeting())
        .order_by(*order)
        .values_list("pk", "start_date", "last_meeting_on")
    )
    overdue = sum(1 for _pk, begun, last in light if _overdue(begun, last, today, interval_days)[1])
    ids = [pk for pk, _begun, _last in light]
    shown = page(ids) if page is not None else ids
    return Regularity(
        start=first,
        end=end,
        weeks=weeks,
        rows=_regularity_rows(list(shown), first, end, weeks, today, interval_days, order),
        interval_days=interval_days,
        today=today,
        overdue_count=overdue,
        total=len(ids),
        page=shown if page is not None else None,
    )


def _overdue(
    begun: datetime.date, last: datetime.date | None, today: datetime.date, interval_days: int
) -> tuple[int | None, bool]:
    """Days since the last meeting (or the start) and whether that is over the interval."""
    since = last or (begun if begun <= today else None)
    days = (today - since).days if since is not None else None
    return days, days is not None and days > interval_days


def _regularity_rows(
    ids: list[int],
    first: datetime.date,
    end: datetime.date,
    weeks: list[datetime.date],
    today: datetime.date,
    interval_days: int,
    order: tuple[str, ...],
) -> list[RegularityRow]:
    if not ids:
        return []
    # Only the columns the table shows.
    members = MentorshipMember.objects.select_related("mentee__person").only(
        "mentorship_id",
        "joined_on",
        "left_on",
        "mentee__person__surname",
        "mentee__person__name",
        "mentee__person__patronymic",
    )
    pairs = (
        Mentorship.objects.filter(pk__in=ids)
        .select_related("form", "mentor__person")
        .only(
            "start_date",
            "planned_end_date",
            "form__title",
            "mentor__person__surname",
            "mentor__person__name",
            "mentor__person__patronymic",
        )
        .prefetch_related(
            Prefetch(
                "members",
                queryset=members.order_by("mentee__person__search_key", "pk"),
                to_attr="member_rows",
            )
        )
        .annotate(last_meeting_on=_last_meeting())
        .order_by(*order)
    )
    counts: dict[tuple[int, datetime.date], int] = defaultdict(int)
    held = Through.objects.filter(
        mentorship__in=ids, meeting__held_on__gte=first, meeting__held_on__lte=end
    ).values_list("mentorship_id", "meeting__held_on")
    for pair_id, held_on in held:
        counts[pair_id, monday(held_on)] += 1
    return [_regularity_row(p, weeks, counts, today, interval_days) for p in pairs]


def _regularity_row(
    pair: Mentorship,
    weeks: list[datetime.date],
    counts: dict[tuple[int, datetime.date], int],
    today: datetime.date,
    interval_days: int,
) -> RegularityRow:
    cells = []
    for week in weeks:
        count = counts.get((pair.pk, week), 0)
        if count:
            state = "met"
        elif week > today:
            state = "future"
        elif week + datetime.timedelta(days=6) < pair.start_date or week > pair.planned_end_date:
            state = "off"
        else:
            state = "missed"
        cells.append(WeekCell(start=week, count=count, state=state))
    days, overdue = _overdue(pair.start_date, pair.last_meeting_on, today, interval_days)
    return RegularityRow(
        pair=pair,
        mentees=_mentee_names(pair),
        cells=cells,
        last_meeting_on=pair.last_meeting_on,
        days_since=days,
        overdue=overdue,
    )


def regularity_dataset(data: Regularity) -> tablib.Dataset:
    """One row per pair and a column per week: the number of meetings, blank if not running."""
    headers = [
        "Форма наставничества",
        "Наставник",
        "Наставляемые",
        "Последняя встреча",
        "Дней без встречи",
        "Просрочено",
        *(f"{week:%d.%m.%Y}" for week in data.weeks),
    ]
    dataset = tablib.Dataset(headers=headers)
    for row in data.rows:
        dataset.append(
            [
                str(row.pair.form),
                row.pair.mentor.person.full_name,
                row.mentee_text,
                row.last_meeting_on,
                row.days_since if row.days_since is not None else "",
                "да" if row.overdue else "нет",
                *(cell.count if cell.state in ("met", "missed") else "" for cell in row.cells),
            ]
        )
    return dataset


def pair_mentees(pair: Mentorship) -> list[str]:
    """The current mentees of a pair fetched by ``loggable_pair_queryset``."""
    return _mentee_names(pair)


def editable_until(meeting: Meeting) -> datetime.datetime:
    """When the seven days after logging (or the curator's unlock) run out."""
    until = meeting.created_at + EDIT_WINDOW
    if meeting.unlocked_until is not None:
        until = max(until, meeting.unlocked_until)
    return until


def user_name(user: Any) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""
