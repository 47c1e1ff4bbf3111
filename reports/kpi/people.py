"""Who takes part: participants by kind, pupils involved (the 70 % target), young specialists."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from mentorship.models import (
    Mentorship,
    MentorshipMember,
    MentorshipStatus,
    Person,
    PersonKind,
    ProgrammeYear,
    School,
)
from reports.kpi.common import OPEN, WORKING, Link, _current_members, _link, _years_before, percent

# The federal project's target: at least 70 % of pupils in some form of mentoring (§6).
PUPIL_TARGET = Decimal(70)
# Regional indicators count children from 10 years old.
PUPIL_MIN_AGE = 10


# --- participants ----------------------------------------------------------------------


@dataclass(frozen=True)
class Participants:
    """People in pairs and groups fixed by an order or working: mentors and mentees."""

    pupils: int
    staff: int
    external: int
    link: Link

    @property
    def total(self) -> int:
        return self.pupils + self.staff + self.external


def participants(*, year: ProgrammeYear, today: datetime.date) -> Participants:
    """Distinct people by kind among mentors and current mentees of working pairs (1 query)."""
    pairs = Mentorship.objects.filter(year=year, status__in=WORKING)
    mentees = MentorshipMember.objects.filter(_current_members(today, pairs))
    rows = (
        Person.objects.filter(
            Q(pk__in=pairs.values("mentor__person_id"))
            | Q(pk__in=mentees.values("mentee__person_id"))
        )
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["kind"]: row["n"] for row in rows}
    return Participants(
        pupils=counts.get(PersonKind.PUPIL, 0),
        staff=counts.get(PersonKind.STAFF, 0),
        external=counts.get(PersonKind.EXTERNAL, 0),
        link=_link("mentorship:pair-list", year=year.pk, status=MentorshipStatus.ACTIVE),
    )


# --- pupils involved (the 70 % target) -------------------------------------------------


@dataclass(frozen=True)
class PupilInvolvement:
    involved: int
    total: int  # pupils aged 10 or more, and those whose age is unknown
    pupils: int  # every pupil in the database
    without_birth_date: int
    link: Link
    target: Decimal = PUPIL_TARGET

    @property
    def percent(self) -> Decimal:
        return percent(self.involved, self.total)

    @property
    def meets_target(self) -> bool:
        return self.total > 0 and self.percent >= self.target

    @property
    def basis(self) -> str:
        """What the denominator is, in words for the card's help text."""
        if not self.pupils:
            return "В базе участников пока нет обучающихся."
        if self.without_birth_date == self.pupils:
            return "Даты рождения обучающихся не указаны: в расчёте все обучающиеся из базы."
        if self.without_birth_date:
            return (
                f"В расчёте обучающиеся от {PUPIL_MIN_AGE} лет по дате рождения и "
                f"{self.without_birth_date} без даты рождения (их возраст неизвестен)."
            )
        return f"В расчёте обучающиеся от {PUPIL_MIN_AGE} лет (по дате рождения)."


def pupil_involvement(*, year: ProgrammeYear, today: datetime.date) -> PupilInvolvement:
    """Pupils who are mentees or mentors in open pairs of the year, of pupils aged 10+ (1 query).

    A pupil without a birth date stays in the denominator: his age is unknown, and leaving
    him out would raise the share. With no birth dates at all, every pupil counts.
    """
    pairs = Mentorship.objects.filter(year=year, status__in=OPEN)
    mentees = MentorshipMember.objects.filter(_current_members(today, pairs))
    involved = Q(pk__in=pairs.values("mentor__person_id")) | Q(
        pk__in=mentees.values("mentee__person_id")
    )
    counted = Q(birth_date__isnull=True) | Q(birth_date__lte=_years_before(today, PUPIL_MIN_AGE))
    row = (
        Person.objects.not_anonymised()
        .filter(kind=PersonKind.PUPIL)
        .aggregate(
            pupils=Count("pk"),
            total=Count("pk", filter=counted),
            involved=Count("pk", filter=counted & involved),
            without_birth_date=Count("pk", filter=Q(birth_date__isnull=True)),
        )
    )
    return PupilInvolvement(
        involved=row["involved"],
        total=row["total"],
        pupils=row["pupils"],
        without_birth_date=row["without_birth_date"],
        link=_link("mentorship:person-list", kind=PersonKind.PUPIL),
    )


# --- young specialists with a mentor ---------------------------------------------------


@dataclass(frozen=True)
class YoungSpecialists:
    mentored: int
    total: int
    max_age: int
    max_experience: int
    link: Link

    @property
    def percent(self) -> Decimal:
        return percent(self.mentored, self.total)


def young_specialists(
    *, year: ProgrammeYear, today: datetime.date, school: School
) -> YoungSpecialists:
    """Young specialists (the people list's definition) who are mentees in open pairs (1 query)."""
    pairs = Mentorship.objects.filter(year=year, status__in=OPEN)
    mentees = MentorshipMember.objects.filter(_current_members(today, pairs))
    row = (
        Person.objects.not_anonymised()
        .with_age_flags(
            max_age=school.young_specialist_max_age,
            max_experience=school.young_specialist_max_experience,
            today=today,
        )
        .filter(is_young=True)
        .aggregate(
            total=Count("pk"),
            mentored=Count("pk", filter=Q(pk__in=mentees.values("mentee__person_id"))),
        )
    )
    return YoungSpecialists(
        mentored=row["mentored"],
        total=row["total"],
        max_age=school.young_specialist_max_age,
        max_experience=school.young_specialist_max_experience,
        link=_link("mentorship:person-list", kind=PersonKind.STAFF, young="on"),
    )
