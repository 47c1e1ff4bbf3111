"""Who may see and change rewards, cases and library materials. Views ask, templates get flags.

Rewards: the curator keeps the registry, the director reads it. Cases: the curator and the
director see all of them; a mentor sees and proposes the cases of his own pairs (the curator
publishes them); everyone else sees published cases only, another unpublished case is a 404.
Library: everyone signed in reads it, the curator keeps it.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from mentorship import permissions
from mentorship.models import Case, Mentorship, Resource, Reward

# Rewards


def can_view_rewards(user) -> bool:
    return permissions.is_staff_manager(user)


def can_manage_rewards(user) -> bool:
    return permissions.is_curator(user)


def can_edit_reward(user, reward: Reward) -> bool:
    """Only a pending reward changes: an ordered one is part of a signed order."""
    return can_manage_rewards(user) and reward.is_pending


def can_order_rewards(user) -> bool:
    """The rewards order is a document: whoever may draft documents (reports app)."""
    return user.has_perm("reports.add_document")


def rewards_visible_to(user) -> QuerySet[Reward]:
    if can_view_rewards(user):
        return Reward.objects.all()
    return Reward.objects.none()


# Cases


def can_view_all_cases(user) -> bool:
    return permissions.is_staff_manager(user)


def can_manage_cases(user) -> bool:
    """Change any case, publish it, delete it: the curator."""
    return permissions.is_curator(user)


def can_view_cases(user) -> bool:
    return user.is_authenticated


def case_mentorships(user) -> QuerySet[Mentorship]:
    """The pairs and groups the user may attach a case to: all for the curator, else led ones."""
    if can_manage_cases(user):
        return Mentorship.objects.all()
    if not user.is_authenticated or not permissions.is_mentor(user):
        return Mentorship.objects.none()
    return Mentorship.objects.filter(mentor__person__user=user)


def can_create_case(user) -> bool:
    return can_manage_cases(user) or permissions.is_mentor(user)


def cases_visible_to(user) -> QuerySet[Case]:
    """All cases for the curator and the director; published and own-pair cases for others."""
    if can_view_all_cases(user):
        return Case.objects.all()
    if not user.is_authenticated:
        return Case.objects.none()
    if permissions.is_mentor(user):
        return Case.objects.filter(Q(is_published=True) | Q(mentorship__mentor__person__user=user))
    return Case.objects.filter(is_published=True)


def _proposes(user, case: Case) -> bool:
    # The mentor's own proposal: a case of a pair he leads, not yet published.
    return (
        permissions.is_mentor(user)
        and not case.is_published
        and case.mentorship_id is not None
        and case_mentorships(user).filter(pk=case.mentorship_id).exists()
    )


def can_edit_case(user, case: Case) -> bool:
    """The curator any case; a mentor his own proposal until the curator publishes it."""
    return can_manage_cases(user) or _proposes(user, case)


def can_delete_case(user, case: Case) -> bool:
    return can_edit_case(user, case)


def can_publish_cases(user) -> bool:
    return can_manage_cases(user)


# The methodical library


def can_view_library(user) -> bool:
    return user.is_authenticated


def can_manage_library(user) -> bool:
    return permissions.is_curator(user)


def resources_visible_to(user) -> QuerySet[Resource]:
    if can_view_library(user):
        return Resource.objects.all()
    return Resource.objects.none()
