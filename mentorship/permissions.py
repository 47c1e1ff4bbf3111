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


def can_view_export_log(user) -> bool:
    """Who exported personal data, and when: the curator and the director (152-ФЗ)."""
    return is_staff_manager(user)


def can_change_school(user) -> bool:
    return user.has_perm("mentorship.change_school")


def can_manage_years(user) -> bool:
    return user.has_perm("mentorship.change_programmeyear") and user.has_perm(
        "mentorship.add_programmeyear"
    )


# People, consents and the banks: personal data (152-ФЗ). The curator keeps them, the
# director reads them, everyone else sees only his own card.


def can_view_people(user) -> bool:
    return user.has_perm("mentorship.view_person")


def can_edit_people(user) -> bool:
    return user.has_perm("mentorship.change_person") and user.has_perm("mentorship.add_person")


def can_manage_consents(user) -> bool:
    return user.has_perm("mentorship.add_consent") and user.has_perm("mentorship.change_consent")


def can_view_banks(user) -> bool:
    return user.has_perm("mentorship.view_menteeprofile") and user.has_perm(
        "mentorship.view_mentorprofile"
    )


def can_edit_banks(user) -> bool:
    return user.has_perm("mentorship.change_menteeprofile") and user.has_perm(
        "mentorship.change_mentorprofile"
    )


def can_edit_vocabulary(user) -> bool:
    return user.has_perm("mentorship.change_topic") and user.has_perm(
        "mentorship.change_mentoringform"
    )


def can_create_accounts(user) -> bool:
    return user.has_perm("mentorship.add_user") and can_edit_people(user)


def can_export_people(user) -> bool:
    """Exports carry personal data of many people at once: the curator only."""
    return can_edit_people(user)


def can_import_people(user) -> bool:
    return can_edit_people(user)


def people_visible_to(user):
    """The people whose cards the user may open: all for the curator and director, else own."""
    from mentorship.models import Person  # noqa: PLC0415 (permissions load before models)

    if can_view_people(user):
        return Person.objects.all()
    if user.is_authenticated:
        return Person.objects.filter(user=user)
    return Person.objects.none()


# Pairs and groups, matching. The curator forms them, the director reads them; a mentor or
# mentee sees only the pairs and groups he belongs to.


def can_manage_pairs(user) -> bool:
    return user.has_perm("mentorship.add_mentorship") and user.has_perm(
        "mentorship.change_mentorship"
    )


def can_view_pairs(user) -> bool:
    return user.has_perm("mentorship.view_mentorship")


def own_mentorships(user):
    """The pairs and groups where the user is the mentor or a current or past mentee."""
    from django.db.models import Q  # noqa: PLC0415

    from mentorship.models import Mentorship  # noqa: PLC0415 (permissions load before models)

    if not user.is_authenticated:
        return Mentorship.objects.none()
    return Mentorship.objects.filter(
        Q(mentor__person__user=user) | Q(members__mentee__person__user=user)
    ).distinct()


def mentorships_visible_to(user):
    """All pairs and groups for those who view pairs; for anyone else only his own."""
    from mentorship.models import Mentorship  # noqa: PLC0415

    if can_view_pairs(user):
        return Mentorship.objects.all()
    return own_mentorships(user)
