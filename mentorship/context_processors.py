from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

from mentorship import navigation as nav
from mentorship.models import School
from mentorship.roles import ROLES, primary_role

SCHOOL_NAME_KEY = "school:short-name"


def school_name() -> str:
    """The school's short name for the header: kept in the cache until the school is saved."""
    name = cache.get(SCHOOL_NAME_KEY)
    if name is None:
        school = School.objects.only("short_name").filter(pk=1).first()
        name = school.short_name if school else "Наставник"
        cache.set(SCHOOL_NAME_KEY, name, None)
    return name


def forget_school_name(sender, **kwargs) -> None:
    cache.delete(SCHOOL_NAME_KEY)


def navigation(request: HttpRequest) -> dict[str, object]:
    """The school's name for the header and the menu of the signed-in user."""
    # Home pages render their widgets with the request too: read the school once a request.
    name = getattr(request, "_school_name", None)
    if name is None:
        name = request._school_name = school_name()  # type: ignore[attr-defined]
    context: dict[str, object] = {"school_name": name}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        role = primary_role(user)
        context["nav_items"] = nav.items_for(user, request.path)
        context["user_roles"] = [ROLES[code].group for code in ROLES if code in user.role_codes]
        context["primary_role"] = role.group if role else ""
    return context
