"""Reads for the concerns pages, the «не подходим» list and their home blocks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from mentorship.models import (
    Concern,
    ConcernUrgency,
    FitAnswer,
    Meeting,
    MeetingKind,
    Mentorship,
    MentorshipMember,
    PairingFit,
    Person,
)
from mentorship.permissions_concerns import OPEN_STATUSES, fit_mentorships

SHOWN_ON_HOME = 5


# Concerns


def _ordered(qs: QuerySet[Concern]) -> QuerySet[Concern]:
    # Open first, urgent first among them, then the newest; spelled out because NULLs sort
    # first on SQLite and last on PostgreSQL.
    return qs.annotate(
        open_rank=Case(When(resolved_at__isnull=True, then=Value(0)), default=Value(1)),
        urgent_rank=Case(
            When(resolved_at__isnull=True, urgency=ConcernUrgency.URGENT, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
    ).order_by("open_rank", "urgent_rank", "-created_at", "-pk")


def concern_rows(visible: QuerySet[Concern]) -> QuerySet[Concern]:
    """Rows of a list: the author, the pair with its form and mentor, in one query."""
    return visible.select_related(
        "raised_by", "resolved_by", "mentorship__form", "mentorship__mentor__person"
    )


def concern_list(*, visible: QuerySet[Concern], filters: dict[str, Any]) -> QuerySet[Concern]:
    qs = concern_rows(visible)
    state = filters.get("state") or ""
    if state == "open":
        qs = qs.filter(resolved_at__isnull=True)
    elif state == "resolved":
        qs = qs.filter(resolved_at__isnull=False)
    if filters.get("urgency"):
        qs = qs.filter(urgency=filters["urgency"])
    if filters.get("topic"):
        qs = qs.filter(topic=filters["topic"])
    if filters.get("q"):
        qs = qs.filter(raised_by__in=Person.objects.search(filters["q"]))
    return _ordered(qs)


def my_concerns(*, person: Person | None) -> QuerySet[Concern]:
    if person is None:
        return Concern.objects.none()
    return _ordered(concern_rows(Concern.objects.filter(raised_by=person)))


def concern_author_with_counts(*, user) -> Person | None:
    """The user's card if he may raise concerns, with ``open_concerns`` (one query)."""
    if not user.is_authenticated:
        return None
    return (
        Person.objects.filter(user=user)
        .filter(Q(mentor_profile__isnull=False) | Q(mentee_profile__isnull=False))
        .annotate(open_concerns=Count("concerns", filter=Q(concerns__resolved_at__isnull=True)))
        .first()
    )


def concern_counts() -> dict[str, int]:
    """Open concerns and the urgent ones among them, in one query."""
    return Concern.objects.filter(resolved_at__isnull=True).aggregate(
        open=Count("pk"), urgent=Count("pk", filter=Q(urgency=ConcernUrgency.URGENT))
    )


# «Подходим ли мы друг другу?»


def _no_fit_pending() -> QuerySet[PairingFit]:
    return PairingFit.objects.filter(
        mentorship=OuterRef("pk"), answer=FitAnswer.NO_FIT, resolved_at__isnull=True
    )


def fit_problems() -> list[Mentorship]:
    """Open pairs where a side said «не подходим» and the curator has not sorted it out.

    Each pair carries ``member_rows`` (current mentees), ``fit_rows`` (every answer, newest
    first) and ``silent`` (names of the sides that have not answered yet).
    """
    pairs = list(
        Mentorship.objects.filter(status__in=OPEN_STATUSES)
        .filter(Exists(_no_fit_pending()))
        .select_related("year", "form", "mentor__person")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=MentorshipMember.objects.filter(left_on__isnull=True)
                .select_related("mentee__person")
                .order_by("mentee__person__search_key", "pk"),
                to_attr="member_rows",
            ),
            Prefetch(
                "fit_answers",
                queryset=PairingFit.objects.select_related("person").order_by("-updated_at", "pk"),
                to_attr="fit_rows",
            ),
        )
        .order_by("mentor__person__search_key", "pk")
    )
    for pair in pairs:
        answered = {fit.person_id for fit in pair.fit_rows}
        sides = [pair.mentor.person] + [m.mentee.person for m in pair.member_rows]
        pair.silent = [person.full_name for person in sides if person.pk not in answered]
    return pairs


def fit_problem_count() -> int:
    return (
        Mentorship.objects.filter(status__in=OPEN_STATUSES)
        .filter(Exists(_no_fit_pending()))
        .count()
    )


@dataclass
class FitQuestion:
    pair: Mentorship
    as_mentor: bool
    answer: str  # "" or «пока не ясно»: the block asks again
    comment: str


def fit_questions(*, user) -> list[FitQuestion]:
    """The user's open pairs that have had their acquaintance meeting and await his answer."""
    acquainted = Meeting.objects.filter(mentorships=OuterRef("pk"), kind=MeetingKind.ACQUAINTANCE)
    pairs = list(
        fit_mentorships(user)
        .filter(Exists(acquainted))
        .select_related("form", "mentor__person")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=MentorshipMember.objects.filter(left_on__isnull=True)
                .select_related("mentee__person")
                .order_by("mentee__person__search_key", "pk"),
                to_attr="member_rows",
            )
        )
        .order_by("start_date", "pk")
    )
    answers = {
        fit.mentorship_id: fit
        for fit in PairingFit.objects.filter(
            person__user=user, mentorship__in=[p.pk for p in pairs]
        )
    }
    questions = []
    for pair in pairs:
        fit = answers.get(pair.pk)
        if fit is None or fit.answer == FitAnswer.UNSURE:
            questions.append(
                FitQuestion(
                    pair=pair,
                    as_mentor=pair.mentor.person.user_id == user.pk,
                    answer=fit.answer if fit else "",
                    comment=fit.comment if fit else "",
                )
            )
    return questions
