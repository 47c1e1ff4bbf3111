"""Who may see and change what in the core app. Views ask these, templates get flags."""

from __future__ import annotations

from mentorship.roles import CURATOR, DIRECTOR, MENTOR, TEACHER


def is_curator(user) -> bool:
    return CURATOR in user.role_codes


def is_director(user) -> bool:
    return DIRECTOR in user.role_codes


def is_mentor(user) -> bool:
    return MENTOR in user.role_codes


def is_teacher(user) -> bool:
    return TEACHER in user.role_codes


def is_staff_manager(user) -> bool:
    """The curator and the director run the programme and see all of it."""
    return bool(user.role_codes & {CURATOR, DIRECTOR})


def can_view_settings(user) -> bool:
    return is_staff_manager(user)


def can_change_school(user) -> bool:
    return user.has_perm("mentorship.change_school")


def can_manage_years(user) -> bool:
    return user.has_perm("mentorship.change_programmeyear") and user.has_perm(
        "mentorship.add_programmeyear"
    )
