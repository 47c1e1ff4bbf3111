"""Who may raise, see and close concerns, and answer or sort out «подходим ли мы».

A concern is seen by its author and the curator only (not the director): anyone else gets a
404. A mentor or a mentee (a person in either bank) raises concerns about his own pairs.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from mentorship import permissions
from mentorship.models import Concern, Mentorship, MentorshipMember, Person
from mentorship.services.pairs import OPEN_STATUSES


def can_handle_concerns(user) -> bool:
    """The curators' list of concerns, closing them, and urgent letters: the curator."""
    return permissions.is_curator(user)


def concern_author(user) -> Person | None:
    """The user's own card if he is a mentor or a mentee (in either bank), else None."""
    if not user.is_authenticated:
        return None
    return (
        Person.objects.filter(user=user)
        .filter(Q(mentor_profile__isnull=False) | Q(mentee_profile__isnull=False))
        .first()
    )


def can_raise_concern(user) -> bool:
    return concern_author(user) is not None


def concerns_visible_to(user) -> QuerySet[Concern]:
    """All concerns for the curator; his own for anyone else."""
    if can_handle_concerns(user):
        return Concern.objects.all()
    if not user.is_authenticated:
        return Concern.objects.none()
    return Concern.objects.filter(raised_by__user=user)


def can_resolve_concern(user, concern: Concern) -> bool:
    return can_handle_concerns(user) and concern.is_open


def can_sort_out_fit(user) -> bool:
    """The «не подходим» list and its actions change pairs: the curator."""
    return permissions.can_manage_pairs(user)


def fit_mentorships(user) -> QuerySet[Mentorship]:
    """Open pairs where the user is the mentor or a current mentee: he answers for these."""
    if not user.is_authenticated:
        return Mentorship.objects.none()
    return Mentorship.objects.filter(status__in=OPEN_STATUSES).filter(
        Q(mentor__person__user=user)
        | Q(
            pk__in=MentorshipMember.objects.filter(
                mentee__person__user=user, left_on__isnull=True
            ).values("mentorship")
        )
    )
