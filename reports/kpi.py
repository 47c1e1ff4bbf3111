"""Monitoring indicators of the programme (domain.md §3, §6) for the dashboard.

One function per indicator, over plain inputs: the programme year and the day to count on
(and the school's limits where the regulation sets them). Each returns a small frozen
dataclass with the number, its denominator or target where one applies, and ``link``: the
URL name and query of the list behind the number, so that every figure can be checked.

Every function runs a fixed number of queries, whatever the number of people, pairs,
meetings or answers; ``dashboard`` runs them all in ``DASHBOARD_QUERIES``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from mentorship.models import (
    Meeting,
    Mentorship,
    MentorshipMember,
    MentorshipStatus,
    Person,
    PersonKind,
    ProgrammeYear,
    School,
)
from mentorship.services import get_school
from reports.models import Document, DocumentStatus
from roadmap.models import EventStatus, Roadmap
from surveys.analytics import DEFAULT_SCALE
from surveys.models import Answer, Campaign, Invitation, Purpose, QuestionKind, Response

# The federal project's target: at least 70 % of pupils in some form of mentoring (§6).
PUPIL_TARGET = Decimal(70)
# Regional indicators count children from 10 years old.
PUPIL_MIN_AGE = 10
# Satisfaction is reported on the questionnaires' own 1–10 scale (§3.3, §7.3–7.4).
SCORE_MIN, SCORE_MAX = 1, 10

# Pairs fixed by an order or already working: their people take part in the programme.
WORKING = (MentorshipStatus.APPROVED, MentorshipStatus.ACTIVE)
# Pairs of the year that are not over: a draft already names the mentor.
OPEN = (MentorshipStatus.DRAFT, *WORKING)

# Queries of ``dashboard``: school 1, participants 1, pupils 1, young specialists 1,
# forms 1, meetings 2, feedback 1, satisfaction 3, roadmap 1, approvals 1.
DASHBOARD_QUERIES = 13

_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Link:
    """A list page and the filters that show the records behind a number."""

    url_name: str
    args: tuple[int, ...] = ()
    params: tuple[tuple[str, str], ...] = ()

    @property
    def query(self) -> str:
        return urlencode(self.params)


def _link(url_name: str, *args: int, **params: object) -> Link:
    return Link(url_name, args, tuple((key, str(value)) for key, value in params.items()))


def percent(part: int, whole: int) -> Decimal:
    """The share in per cent to one decimal place; 0 when there is nothing to divide by."""
    if not whole:
        return Decimal(0)
    return (Decimal(part) * 100 / whole).quantize(_TENTH, rounding=ROUND_HALF_UP)


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _current_members(today: datetime.date, pairs) -> Q:
    """Mentees still in one of ``pairs`` on ``today``."""
    return Q(mentorship__in=pairs) & (Q(left_on__isnull=True) | Q(left_on__gt=today))


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


# --- feedback after meetings -----------------------------------------------------------


@dataclass(frozen=True)
class FeedbackCompletion:
    answered: int
    invited: int
    link: Link

    @property
    def percent(self) -> Decimal:
        return percent(self.answered, self.invited)


def feedback_completion(*, year: ProgrammeYear) -> FeedbackCompletion:
    """Answered of the invitations to give feedback on a meeting, in the year's campaigns (1 query).

    A revoked invitation is no longer counted, unless it had been answered before.
    """
    answered = Q(answered_at__isnull=False)
    campaigns = Campaign.objects.filter(
        year=year, questionnaire__purpose=Purpose.MEETING_FEEDBACK
    ).values("pk")
    row = (
        Invitation.objects.filter(
            campaign_id__in=campaigns,
            about_type__app_label="mentorship",
            about_type__model="meeting",
        )
        .filter(Q(revoked_at__isnull=True) | answered)
        .aggregate(invited=Count("pk"), answered=Count("pk", filter=answered))
    )
    return FeedbackCompletion(
        answered=row["answered"],
        invited=row["invited"],
        link=_link("surveys:feedback-overview", year=year.pk),
    )


# --- satisfaction of mentors and mentees -----------------------------------------------


@dataclass(frozen=True)
class SatisfactionScore:
    mean: Decimal | None  # on the 1–10 scale, one decimal place
    answers: int  # scale answers averaged
    respondents: int  # submitted questionnaires
    link: Link


@dataclass(frozen=True)
class Satisfaction:
    mentors: SatisfactionScore
    mentees: SatisfactionScore
    scale_min: int = SCORE_MIN
    scale_max: int = SCORE_MAX


SATISFACTION_PURPOSES = (Purpose.MENTOR_SATISFACTION, Purpose.MENTEE_SATISFACTION)


def to_ten_point(total: Decimal, n: int, low: int, high: int) -> Decimal:
    """The sum of ``n`` answers on a ``low``–``high`` scale, mapped linearly onto 1–10.

    The scale's minimum becomes 1 and its maximum 10: 3 of 1–5 is 5.5, 7 of 1–10 stays 7.
    """
    span = Decimal(SCORE_MAX - SCORE_MIN)
    return n * Decimal(SCORE_MIN) + span * (Decimal(total) - n * Decimal(low)) / (high - low)


def satisfaction(*, year: ProgrammeYear) -> Satisfaction:
    """Mean of the scale answers to the year's satisfaction questionnaires, per side (3 queries).

    Scale answers are stored in ``Answer.number`` with the question's bounds (1–5 when a scale
    has none, as the answer form offers); each is brought to 1–10 before averaging, so that
    questionnaires with different scales can be put together.
    """
    # From the year's few satisfaction campaigns down (their invitations, responses, answers
    # by index), not through every answer of every year.
    campaigns = Campaign.objects.filter(
        year=year, questionnaire__purpose__in=SATISFACTION_PURPOSES
    ).values("pk")
    submitted = Response.objects.filter(
        submitted_at__isnull=False, invitation__campaign_id__in=campaigns
    )
    sums: dict[str, Decimal] = {}
    counts: dict[str, int] = {}
    for row in (
        Answer.objects.filter(
            response__submitted_at__isnull=False,
            response__invitation__campaign_id__in=campaigns,
            question__kind=QuestionKind.SCALE,
            number__isnull=False,
        )
        .values("response__questionnaire__purpose", "question__scale_min", "question__scale_max")
        .annotate(n=Count("pk"), total=Sum("number"))
        .order_by()
    ):
        low = row["question__scale_min"]
        high = row["question__scale_max"]
        low = DEFAULT_SCALE[0] if low is None else low
        high = DEFAULT_SCALE[1] if high is None else high
        if high <= low:
            continue
        purpose = row["response__questionnaire__purpose"]
        sums[purpose] = sums.get(purpose, Decimal(0)) + to_ten_point(
            row["total"], row["n"], low, high
        )
        counts[purpose] = counts.get(purpose, 0) + row["n"]
    respondents = dict(
        submitted.values_list("questionnaire__purpose").annotate(n=Count("pk")).order_by()
    )
    # The newest campaign of each questionnaire: its analytics page is the list behind.
    latest: dict[str, int] = {}
    for purpose, pk in (
        Campaign.objects.filter(year=year, questionnaire__purpose__in=SATISFACTION_PURPOSES)
        .order_by("-starts_on", "-pk")
        .values_list("questionnaire__purpose", "pk")
    ):
        latest.setdefault(purpose, pk)

    def score(purpose: str) -> SatisfactionScore:
        n = counts.get(purpose, 0)
        mean = (sums[purpose] / n).quantize(_TENTH, rounding=ROUND_HALF_UP) if n else None
        link = (
            _link("surveys:campaign-analytics", latest[purpose])
            if purpose in latest
            else _link("surveys:campaign-list")
        )
        return SatisfactionScore(
            mean=mean, answers=n, respondents=respondents.get(purpose, 0), link=link
        )

    return Satisfaction(
        mentors=score(Purpose.MENTOR_SATISFACTION), mentees=score(Purpose.MENTEE_SATISFACTION)
    )


# --- roadmap ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RoadmapProgress:
    exists: bool
    done: int
    total: int  # events not cancelled
    overdue: int
    link: Link
    overdue_link: Link

    @property
    def percent(self) -> Decimal:
        return percent(self.done, self.total)


def roadmap_progress(*, year: ProgrammeYear, today: datetime.date) -> RoadmapProgress:
    """Done of the roadmap's events (cancelled ones aside) and the overdue ones (1 query).

    Overdue is the roadmap page's rule: planned or in progress, with the deadline passed.
    """
    events = "stages__events"
    row = (
        Roadmap.objects.filter(year=year)
        .values("pk")
        .annotate(
            total=Count(events, filter=~Q(**{f"{events}__status": EventStatus.CANCELLED})),
            done=Count(events, filter=Q(**{f"{events}__status": EventStatus.DONE})),
            overdue=Count(
                events,
                filter=Q(
                    **{
                        f"{events}__end_date__lt": today,
                        f"{events}__status__in": (EventStatus.PLANNED, EventStatus.IN_PROGRESS),
                    }
                ),
            ),
        )
        .order_by("pk")
        .first()
    )
    if row is None:
        home = _link("roadmap:roadmap-home")
        return RoadmapProgress(False, 0, 0, 0, link=home, overdue_link=home)
    return RoadmapProgress(
        exists=True,
        done=row["done"],
        total=row["total"],
        overdue=row["overdue"],
        link=_link("roadmap:roadmap-detail", row["pk"]),
        overdue_link=_link("roadmap:roadmap-detail", row["pk"], overdue="on"),
    )


# --- documents -------------------------------------------------------------------------


@dataclass(frozen=True)
class Approvals:
    waiting: int
    link: Link


def approvals() -> Approvals:
    """Documents submitted to the director and not yet decided, of any year (1 query)."""
    waiting = Document.objects.filter(status=DocumentStatus.SUBMITTED).count()
    return Approvals(
        waiting=waiting, link=_link("reports:document-list", status=DocumentStatus.SUBMITTED)
    )


# --- all of them -----------------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    year: ProgrammeYear
    today: datetime.date
    participants: Participants
    pupils: PupilInvolvement
    young: YoungSpecialists
    forms: PairsByForm
    meetings: MeetingRegularity
    feedback: FeedbackCompletion
    satisfaction: Satisfaction
    roadmap: RoadmapProgress
    approvals: Approvals


def dashboard(year: ProgrammeYear, today: datetime.date) -> Dashboard:
    """Every indicator of the year on ``today``, in ``DASHBOARD_QUERIES`` queries."""
    school = get_school()
    return Dashboard(
        year=year,
        today=today,
        participants=participants(year=year, today=today),
        pupils=pupil_involvement(year=year, today=today),
        young=young_specialists(year=year, today=today, school=school),
        forms=pairs_by_form(year=year, today=today),
        meetings=meeting_regularity(
            year=year, today=today, interval_days=school.meeting_interval_days
        ),
        feedback=feedback_completion(year=year),
        satisfaction=satisfaction(year=year),
        roadmap=roadmap_progress(year=year, today=today),
        approvals=approvals(),
    )
