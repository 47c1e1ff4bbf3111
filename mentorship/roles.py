"""The four roles of the programme, kept as auth groups with their model permissions."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q


@dataclass(frozen=True)
class Role:
    code: str
    group: str
    home_url: str
    # (app_label, model) -> actions among view, add, change, delete
    permissions: dict[tuple[str, str], tuple[str, ...]]


CURATOR = "curator"
DIRECTOR = "director"
MENTOR = "mentor"
TEACHER = "teacher"

_ALL = ("view", "add", "change", "delete")

ROLES: dict[str, Role] = {
    CURATOR: Role(
        CURATOR,
        "Куратор",
        "mentorship:curator-home",
        {
            ("mentorship", "school"): ("view", "change"),
            ("mentorship", "programmeyear"): _ALL,
            ("mentorship", "legalbasis"): _ALL,
            ("mentorship", "person"): _ALL,
            ("mentorship", "consent"): _ALL,
            ("mentorship", "topic"): _ALL,
            ("mentorship", "mentoringform"): _ALL,
            ("mentorship", "menteeprofile"): _ALL,
            ("mentorship", "mentorprofile"): _ALL,
            ("mentorship", "trainingrecord"): _ALL,
            ("mentorship", "user"): ("view", "add"),
            ("mentorship", "mentorship"): _ALL,
            ("mentorship", "mentorshipmember"): _ALL,
            ("mentorship", "matchrun"): _ALL,
            ("mentorship", "matchproposal"): _ALL,
            ("mentorship", "matchingsettings"): _ALL,
            ("mentorship", "personalprogramme"): ("view", "change"),
            ("mentorship", "programmeitem"): ("view", "change"),
            ("mentorship", "programmetemplate"): _ALL,
            ("roadmap", "roadmap"): _ALL,
            ("roadmap", "stage"): _ALL,
            ("roadmap", "event"): _ALL,
            ("roadmap", "roadmaptemplate"): ("view",),
            ("surveys", "questionnaire"): _ALL,
            ("surveys", "question"): _ALL,
            ("surveys", "option"): _ALL,
            ("surveys", "campaign"): _ALL,
            ("surveys", "invitation"): _ALL,
            ("surveys", "response"): ("view", "change"),
            ("reports", "document"): ("view", "add", "change"),
            ("reports", "register"): ("view",),
        },
    ),
    DIRECTOR: Role(
        DIRECTOR,
        "Директор",
        "mentorship:director-home",
        {
            ("mentorship", "school"): ("view", "change"),
            ("mentorship", "programmeyear"): _ALL,
            ("mentorship", "legalbasis"): ("view",),
            ("mentorship", "person"): ("view",),
            ("mentorship", "consent"): ("view",),
            ("mentorship", "topic"): ("view",),
            ("mentorship", "mentoringform"): ("view",),
            ("mentorship", "menteeprofile"): ("view",),
            ("mentorship", "mentorprofile"): ("view",),
            ("mentorship", "trainingrecord"): ("view",),
            ("mentorship", "mentorship"): ("view",),
            ("mentorship", "mentorshipmember"): ("view",),
            ("mentorship", "matchrun"): ("view",),
            ("mentorship", "matchproposal"): ("view",),
            ("mentorship", "matchingsettings"): ("view",),
            ("mentorship", "personalprogramme"): ("view",),
            ("mentorship", "programmeitem"): ("view",),
            ("mentorship", "programmetemplate"): ("view",),
            ("roadmap", "roadmap"): ("view",),
            ("roadmap", "stage"): ("view",),
            ("roadmap", "event"): ("view",),
            ("roadmap", "roadmaptemplate"): ("view",),
            ("surveys", "questionnaire"): ("view",),
            ("surveys", "campaign"): ("view",),
            ("surveys", "response"): ("view",),
            ("reports", "document"): ("view", "add", "change", "approve"),
            ("reports", "register"): ("view", "change"),
        },
    ),
    MENTOR: Role(MENTOR, "Наставник", "mentorship:mentor-home", {}),
    TEACHER: Role(TEACHER, "Педагог", "mentorship:teacher-home", {}),
}
# The order in which a person with several roles lands on a home page.
ROLE_PRIORITY = (CURATOR, DIRECTOR, MENTOR, TEACHER)
_GROUP_TO_CODE = {role.group: role.code for role in ROLES.values()}


def role_codes_for(user) -> frozenset[str]:
    """The user's roles, kept between requests (mentorship/access.py)."""
    if not user.is_authenticated:
        return frozenset()
    from mentorship.access import access_for  # noqa: PLC0415 (access imports this module)

    return access_for(user).roles


def role_codes_from_db(user) -> frozenset[str]:
    if user.is_superuser:
        return frozenset(ROLES)
    names = user.groups.values_list("name", flat=True)
    return frozenset(_GROUP_TO_CODE[name] for name in names if name in _GROUP_TO_CODE)


def primary_role(user) -> Role | None:
    codes = user.role_codes
    for code in ROLE_PRIORITY:
        if code in codes:
            return ROLES[code]
    return None


def ensure_roles(apps=global_apps) -> dict[str, Group]:
    """Create the role groups and give them exactly their permissions; safe to repeat."""
    group_model = apps.get_model("auth", "Group") if apps is not global_apps else Group
    perm_model = apps.get_model("auth", "Permission") if apps is not global_apps else Permission
    groups: dict[str, Group] = {}
    for role in ROLES.values():
        group, _created = group_model.objects.get_or_create(name=role.group)
        wanted = Q(pk__in=[])
        for (app_label, model), actions in role.permissions.items():
            wanted |= Q(
                content_type__app_label=app_label,
                content_type__model=model,
                codename__in=[f"{action}_{model}" for action in actions],
            )
        group.permissions.set(perm_model.objects.filter(wanted))
        groups[role.code] = group
    return groups
