"""Read queries of the home pages' blocks, the reminders and the calendar feed.

Every function runs a fixed number of queries whatever the number of pairs (the home pages'
tests pin them for 1 and 30 pairs): the last meeting, the next planned one and the
programme's progress are subquery annotations, never a query per pair.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    DateField,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce

from mentorship.models import (
    Meeting,
    Mentorship,
    MentorshipMember,
    MentorshipStatus,
    ProgrammeItem,
    User,
)
from mentorship.permissions_meetings import meetings_of, own_meeting_mentorships
from mentorship.selectors.pairs import my_pairs

# Pairs that should be meeting: a draft has not started, a finished one has stopped.
OPEN_STATUSES = (MentorshipStatus.APPROVED, MentorshipStatus.ACTIVE)
# Pairs whose planned meetings still go to the calendar and the home page.
LIVE_STATUSES = (MentorshipStatus.DRAFT, *OPEN_STATUSES)
RECENT_MEETINGS = 3
INBOX_LIMIT = 10


def members_prefetch() -> Prefetch:
    return Prefetch(
        "members",
        queryset=MentorshipMember.objects.select_related("mentee__person").order_by(
            "mentee__person__search_key", "pk"
        ),
        to_attr="member_rows",
    )


def _latest_meeting(field_name: str) -> Subquery:
    # NULL times last on both databases (PostgreSQL sorts them first in DESC by default).
    latest = Meeting.objects.filter(mentorships=OuterRef("pk")).order_by(
        F("held_on").desc(), F("start_time").desc(nulls_last=True), F("pk").desc()
    )
    return Subquery(latest.values(field_name)[:1])


def with_meeting_dates(qs: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    """Annotate the last meeting's date and the next one its record plans (date and time)."""
    return qs.annotate(
        last_held_on=_latest_meeting("held_on"),
        next_planned_on=_latest_meeting("next_planned_on"),
        next_planned_time=_latest_meeting("next_planned_time"),
    )


def _items(done: bool | None = None) -> Coalesce:
    items = ProgrammeItem.objects.filter(programme__mentorship=OuterRef("pk"))
    if done is not None:
        items = items.filter(done_on__isnull=not done)
    counted = items.order_by().values("programme").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_programme_progress(qs: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    return qs.annotate(items_total=_items(), items_done=_items(done=True))


def _with_since(qs: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    """``since``: the last meeting, or the start of the pair when it has never met."""
    return with_meeting_dates(qs).annotate(
        since=Coalesce("last_held_on", "start_date", output_field=DateField())
    )


def overdue_threshold(today: datetime.date, interval_days: int) -> datetime.date:
    return today - datetime.timedelta(days=interval_days)


def overdue_pairs(
    *, today: datetime.date, interval_days: int, qs: QuerySet[Mentorship] | None = None
) -> QuerySet[Mentorship]:
    """Open pairs without a meeting for longer than the regulation's interval, longest first."""
    qs = Mentorship.objects.all() if qs is None else qs
    return (
        _with_since(qs.filter(status__in=OPEN_STATUSES))
        .filter(since__lt=overdue_threshold(today, interval_days))
        .order_by("since", "pk")
    )


def mentee_names(pair: Mentorship) -> str:
    """The current mentees (prefetched as ``member_rows``), or all of them if none is left."""
    rows = [m for m in pair.member_rows if m.left_on is None] or pair.member_rows
    return ", ".join(m.mentee.person.full_name for m in rows)


def _mark_state(pair: Mentorship, today: datetime.date, interval_days: int) -> None:
    pair.is_live = pair.status in OPEN_STATUSES
    basis = pair.last_held_on or pair.start_date
    pair.days_since = (today - basis).days if pair.is_live and basis <= today else None
    pair.overdue = pair.days_since is not None and pair.days_since > interval_days


def home_pairs_queryset(user: User) -> QuerySet[Mentorship]:
    """``my_pairs`` (mentor and mentees prefetched, ``as_mentor``) with the meeting dates."""
    return with_meeting_dates(my_pairs(user=user))


def home_pairs(*, user: User, today: datetime.date, interval_days: int) -> list[Mentorship]:
    """The user's pair cards with the last meeting, its age and the programme's progress."""
    pairs = list(with_programme_progress(home_pairs_queryset(user)))
    for pair in pairs:
        _mark_state(pair, today, interval_days)
        pair.on_home = True
        total = pair.items_total
        pair.progress_percent = round(100 * pair.items_done / total) if total else 0
    return pairs


# The «Встречи» block of mentors and mentees


@dataclass
class AgendaRow:
    pair: Mentorship
    with_whom: str
    as_mentor: bool
    next_on: datetime.date | None
    next_at: datetime.time | None
    last_on: datetime.date | None
    days_since: int | None
    overdue: bool


@dataclass
class MeetingsBlock:
    rows: list[AgendaRow] = field(default_factory=list)
    recent: list[Meeting] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return sum(row.overdue for row in self.rows)

    @property
    def can_log(self) -> bool:
        return any(row.as_mentor for row in self.rows)


def _own_live_pairs(user: User) -> QuerySet[Mentorship]:
    return (
        own_meeting_mentorships(user)
        .filter(status__in=LIVE_STATUSES)
        .select_related("form", "mentor__person")
    )


def meetings_block(*, user: User, today: datetime.date, interval_days: int) -> MeetingsBlock:
    """Per open pair the next planned meeting and the days since the last; the last three."""
    pairs = (
        home_pairs_queryset(user)
        .filter(pk__in=_own_live_pairs(user).values("pk"))
        .order_by("start_date", "pk")
    )
    rows = []
    for pair in pairs:
        _mark_state(pair, today, interval_days)
        upcoming = pair.next_planned_on is not None and pair.next_planned_on >= today
        rows.append(
            AgendaRow(
                pair=pair,
                with_whom=mentee_names(pair) if pair.as_mentor else pair.mentor.person.full_name,
                as_mentor=pair.as_mentor,
                next_on=pair.next_planned_on if upcoming else None,
                next_at=pair.next_planned_time if upcoming else None,
                last_on=pair.last_held_on,
                days_since=pair.days_since,
                overdue=pair.overdue,
            )
        )
    far = datetime.date.max
    rows.sort(key=lambda r: (not r.overdue, r.next_on or far, r.next_at or datetime.time.min))
    if not rows:
        return MeetingsBlock()
    recent = list(
        meetings_of(own_meeting_mentorships(user)).order_by(
            F("held_on").desc(), F("start_time").desc(nulls_last=True), F("pk").desc()
        )[:RECENT_MEETINGS]
    )
    return MeetingsBlock(rows=rows, recent=recent)


# The curator's inbox and the director's summary


@dataclass
class OverdueRow:
    pair: Mentorship
    mentor: str
    mentees: str
    last_on: datetime.date | None
    days: int


def curator_overdue(
    *, today: datetime.date, interval_days: int, limit: int = INBOX_LIMIT
) -> tuple[list[OverdueRow], int]:
    """The longest-waiting overdue pairs with their mentees, and how many in all (2 queries)."""
    # The total rides on every row (a window count), so no second query counts them.
    shown = list(
        overdue_pairs(today=today, interval_days=interval_days)
        .annotate(total=Window(Count("pk")))
        .select_related("mentor__person", "form")
        .prefetch_related(members_prefetch())[:limit]
    )
    total = shown[0].total if shown else 0
    rows = [
        OverdueRow(
            pair=pair,
            mentor=pair.mentor.person.short_name,
            mentees=mentee_names(pair),
            last_on=pair.last_held_on,
            days=(today - pair.since).days,
        )
        for pair in shown
    ]
    return rows, total


@dataclass
class DirectorSummary:
    active_pairs: int
    approved_pairs: int
    overdue_pairs: int
    meetings_this_month: int
    month_start: datetime.date


def director_summary(*, today: datetime.date, interval_days: int) -> DirectorSummary:
    """Pairs at work, meetings held this month and the overdue pairs: two queries."""
    threshold = overdue_threshold(today, interval_days)
    counts = _with_since(Mentorship.objects.filter(status__in=OPEN_STATUSES)).aggregate(
        active=Count("pk", filter=Q(status=MentorshipStatus.ACTIVE)),
        approved=Count("pk", filter=Q(status=MentorshipStatus.APPROVED)),
        overdue=Count("pk", filter=Q(since__lt=threshold)),
    )
    first = today.replace(day=1)
    meetings = Meeting.objects.filter(held_on__gte=first, held_on__lte=today).count()
    return DirectorSummary(
        active_pairs=counts["active"],
        approved_pairs=counts["approved"],
        overdue_pairs=counts["overdue"],
        meetings_this_month=meetings,
        month_start=first,
    )


# The calendar feed


def planned_meetings(*, user: User) -> list[Mentorship]:
    """The user's live pairs (led or joined) whose latest meeting plans the next one."""
    return list(
        with_meeting_dates(_own_live_pairs(user))
        .filter(next_planned_on__isnull=False)
        .prefetch_related(members_prefetch())
        .order_by("next_planned_on", "pk")
    )
