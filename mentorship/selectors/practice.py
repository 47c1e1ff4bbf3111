"""Reads for the rewards registry, the case bank and the methodical library."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import IntegerField, Prefetch, Q, QuerySet, Value, When

from mentorship.models import (
    Case,
    Mentorship,
    MentorshipMember,
    MentorshipStatus,
    Person,
    ProgrammeYear,
    Resource,
    ResourceKind,
    Reward,
)

# A case comes from a pair that is working or has finished its year (not one that broke up).
CASE_PAIR_STATUSES = (
    MentorshipStatus.DRAFT,
    MentorshipStatus.APPROVED,
    MentorshipStatus.ACTIVE,
    MentorshipStatus.FINISHED,
)


def _text_search(qs: QuerySet, query: str, fields: tuple[str, ...]) -> QuerySet:
    """Every word must occur in one of the fields.

    SQLite compares only ASCII letters case-insensitively, so each word is also tried in
    lower case, capitalised and upper case (PostgreSQL's icontains needs none of it).
    """
    for word in query.split():
        variants = {word, word.lower(), word.capitalize(), word.upper()}
        condition = Q()
        for field in fields:
            for variant in variants:
                condition |= Q(**{f"{field}__icontains": variant})
        qs = qs.filter(condition)
    return qs


# Rewards


def reward_list(*, visible: QuerySet[Reward], filters: dict[str, Any]) -> QuerySet[Reward]:
    qs = visible.select_related("person", "year")
    if filters.get("year"):
        qs = qs.filter(year=filters["year"])
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("state") == "pending":
        qs = qs.filter(order_reference="")
    elif filters.get("state") == "ordered":
        qs = qs.exclude(order_reference="")
    if filters.get("q"):
        qs = qs.filter(person__in=Person.objects.search(filters["q"]))
    return qs.order_by("-year__start_date", "person__search_key", "pk")


def pending_count(*, year: ProgrammeYear | None) -> int:
    """Rewards of the year still waiting for the rewards order."""
    pending = Reward.objects.filter(order_reference="")
    return (pending.filter(year=year) if year else pending).count()


def person_rewards(*, person: Person) -> list[Reward]:
    """A mentor's rewards for his card, newest year first."""
    return list(
        Reward.objects.filter(person=person)
        .select_related("year")
        .order_by("-year__start_date", "-awarded_on", "pk")
    )


def reward_mentors(*, keep: Reward | None = None) -> QuerySet[Person]:
    """Whom a reward may go to: the mentor bank, and the person of the reward being edited."""
    condition = Q(mentor_profile__isnull=False, anonymised_at__isnull=True)
    if keep is not None:
        condition |= Q(pk=keep.person_id)
    return Person.objects.filter(condition).select_related("mentor_profile")


# Cases


def case_rows(visible: QuerySet[Case]) -> QuerySet[Case]:
    """Rows of the list and the page: year, form, pair with its mentor, the authors."""
    return visible.select_related("year", "form", "mentorship__form", "mentorship__mentor__person")


def case_list(*, visible: QuerySet[Case], filters: dict[str, Any]) -> QuerySet[Case]:
    qs = case_rows(visible).prefetch_related(
        Prefetch("authors", queryset=Person.objects.order_by("search_key"))
    )
    if filters.get("year"):
        qs = qs.filter(year=filters["year"])
    if filters.get("form"):
        qs = qs.filter(form=filters["form"])
    if filters.get("published") == "yes":
        qs = qs.filter(is_published=True)
    elif filters.get("published") == "no":
        qs = qs.filter(is_published=False)
    if filters.get("q"):
        qs = _text_search(qs, filters["q"], ("title", "problem", "actions", "result"))
    return qs.order_by("-year__start_date", "title", "pk")


def case_detail_queryset(visible: QuerySet[Case]) -> QuerySet[Case]:
    return case_rows(visible).prefetch_related(
        Prefetch("authors", queryset=Person.objects.order_by("search_key"))
    )


def case_pairs(
    *, mentorships: QuerySet[Mentorship], year: ProgrammeYear, keep: int | None = None
) -> QuerySet[Mentorship]:
    """The pairs and groups a case of the year may come from: working or finished, and the
    pair the case already has (``keep``), whatever became of it."""
    current = MentorshipMember.objects.filter(left_on__isnull=True).select_related("mentee__person")
    return (
        mentorships.filter(year=year)
        .filter(Q(status__in=CASE_PAIR_STATUSES) | Q(pk=keep))
        .select_related("year", "form", "mentor__person")
        .prefetch_related(Prefetch("members", queryset=current, to_attr="current_members"))
        .order_by("mentor__person__search_key", "pk")
    )


def pair_authors(mentorship: Mentorship) -> list[Person]:
    """The default authors of a pair's case: its mentor and its mentees who did not leave."""
    mentees = Person.objects.filter(
        mentee_profile__memberships__in=MentorshipMember.objects.filter(
            mentorship=mentorship, left_on__isnull=True
        )
    ).order_by("search_key")
    return [mentorship.mentor.person, *mentees]


def pair_defaults(pairs: QuerySet[Mentorship]) -> dict[int, dict[str, Any]]:
    """For the case form's script: each pair's form and default authors, in two queries."""
    defaults = {
        pair.pk: {"form": pair.form_id, "authors": [pair.mentor.person_id]}
        for pair in pairs.prefetch_related(None).select_related("mentor")
    }
    members = MentorshipMember.objects.filter(
        mentorship__in=list(defaults), left_on__isnull=True
    ).values_list("mentorship_id", "mentee__person_id")
    for pair_id, person_id in members:
        defaults[pair_id]["authors"].append(person_id)
    return defaults


def case_author_choices(*, mentorships: QuerySet[Mentorship], everyone: bool) -> QuerySet[Person]:
    """Whom the form offers as authors: the banks for the curator, a mentor's own pairs else."""
    people = Person.objects.not_anonymised()
    if everyone:
        return people.filter(Q(mentor_profile__isnull=False) | Q(mentee_profile__isnull=False))
    members = MentorshipMember.objects.filter(mentorship__in=mentorships)
    return people.filter(
        Q(mentor_profile__mentorships__in=mentorships) | Q(mentee_profile__memberships__in=members)
    ).distinct()


# The library

# Memos for the reader's own side come first: a mentor's memo for a mentor, a mentee's for a
# teacher who is mentored.
MEMO_FOR_ROLE = {"mentor": ResourceKind.MEMO_MENTOR, "teacher": ResourceKind.MEMO_MENTEE}


def resource_list(
    *, visible: QuerySet[Resource], filters: dict[str, Any], first: tuple[str, ...] = ()
) -> QuerySet[Resource]:
    """Materials with their topics; the kinds in ``first`` lead the list."""
    qs = visible.prefetch_related("topics")
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("topic"):
        qs = qs.filter(topics=filters["topic"])
    if filters.get("q"):
        qs = _text_search(qs, filters["q"], ("title", "description"))
    rank = models.Case(
        *(When(kind=kind, then=Value(index)) for index, kind in enumerate(first)),
        default=Value(len(first)),
        output_field=IntegerField(),
    )
    return qs.annotate(rank=rank).order_by("rank", "kind", "title", "pk")


def first_kinds_for(role_codes: frozenset[str]) -> tuple[str, ...]:
    return tuple(kind for role, kind in MEMO_FOR_ROLE.items() if role in role_codes)
