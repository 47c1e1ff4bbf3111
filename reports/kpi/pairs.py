"""Pairs and groups at work: how many per form, and whether they meet as often as the rule asks."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from mentorship.models import Meeting, Mentorship, MentorshipMember, MentorshipStatus, ProgrammeYear
from reports.kpi.common import Link, _link, percent

# --- working pairs and groups per form -------------------------------------------------


@dataclass(frozen=True)
class FormRow:
    form_id: int
    title: str
    pairs: int  # one current mentee (or none left)
    groups: int  # two or more current mentees
    mentees: int
    link: Link

    @property
    def total(self) -> int:
        return self.pairs + self.groups


@dataclass(frozen=True)
class PairsByForm:
    rows: tuple[FormRow, ...]
    link: Link

    @property
    def pairs(self) -> int:
        return sum(row.pairs for row in self.rows)

    @property
    def groups(self) -> int:
        return sum(row.groups for row in self.rows)

    @property
    def total(self) -> int:
        return self.pairs + self.groups

    @property
    def mentees(self) -> int:
        return sum(row.mentees for row in self.rows)


def pairs_by_form(*, year: ProgrammeYear, today: datetime.date) -> PairsByForm:
    """Working («работает») pairs and groups of the year per form of mentoring (1 query)."""
    size = (
        MentorshipMember.objects.filter(mentorship=OuterRef("pk"))
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
        .order_by()
        .values("mentorship")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        Mentorship.objects.filter(year=year, status=MentorshipStatus.ACTIVE)
        .annotate(size=Coalesce(Subquery(size, output_field=IntegerField()), Value(0)))
        .values("form_id", "form__title", "form__order")
        .annotate(
            pairs=Count("pk", filter=Q(size__lte=1)),
            groups=Count("pk", filter=Q(size__gt=1)),
            mentees=Sum("size"),
        )
        .order_by("form__order", "form__title", "form_id")
    )
    return PairsByForm(
        rows=tuple(
            FormRow(
                form_id=row["form_id"],
                title=row["form__title"],
                pairs=row["pairs"],
                groups=row["groups"],
                mentees=row["mentees"] or 0,
                link=_link(
                    "mentorship:pair-list",
                    year=year.pk,
                    form=row["form_id"],
                    status=MentorshipStatus.ACTIVE,
                ),
            )
            for row in rows
        ),
        link=_link("mentorship:pair-list", year=year.pk, status=MentorshipStatus.ACTIVE),
    )


# --- meetings against the interval rule ------------------------------------------------


@dataclass(frozen=True)
class MeetingRegularity:
    met: int  # working pairs with a meeting in the last ``interval_days`` days
    total: int  # working pairs
    interval_days: int
    this_month: int  # meetings of the year's pairs from the 1st of the month to today
    link: Link
    month_link: Link

    @property
    def percent(self) -> Decimal:
        return percent(self.met, self.total)

    @property
    def behind(self) -> int:
        return self.total - self.met


def meeting_regularity(
    *, year: ProgrammeYear, today: datetime.date, interval_days: int
) -> MeetingRegularity:
    """Working pairs that met within the regulation's interval; meetings this month (2 queries).

    «Within the interval» is the regularity page's rule: at most ``interval_days`` days ago.
    """
    since = today - datetime.timedelta(days=interval_days)
    recent = Meeting.mentorships.through.objects.filter(
        meeting__held_on__gte=since, meeting__held_on__lte=today
    ).values("mentorship_id")
    row = Mentorship.objects.filter(year=year, status=MentorshipStatus.ACTIVE).aggregate(
        total=Count("pk"), met=Count("pk", filter=Q(pk__in=recent))
    )
    first = today.replace(day=1)
    month = Meeting.objects.filter(
        held_on__gte=first, held_on__lte=today, mentorships__year=year
    ).aggregate(n=Count("pk", distinct=True))
    return MeetingRegularity(
        met=row["met"],
        total=row["total"],
        interval_days=interval_days,
        this_month=month["n"],
        link=_link("mentorship:meeting-regularity"),
        month_link=_link(
            "mentorship:meeting-journal", date_from=first.isoformat(), date_to=today.isoformat()
        ),
    )
