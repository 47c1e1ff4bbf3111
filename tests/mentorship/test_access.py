"""Roles and permissions kept in the cache: no queries on the next request, never stale."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorship import access
from mentorship.roles import CURATOR, MENTOR, ROLES, TEACHER
from tests.factories import SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db


def _fresh(user):
    """The user as the next request loads him: a new object, nothing kept on it."""
    return type(user).objects.get(pk=user.pk)


def test_the_second_look_asks_the_database_nothing() -> None:
    user = UserFactory(roles=[CURATOR])
    with CaptureQueriesContext(connection) as first:
        assert _fresh(user).role_codes == {CURATOR}
    fresh = _fresh(user)
    with CaptureQueriesContext(connection) as second:
        assert fresh.role_codes == {CURATOR}
        assert fresh.has_perm("mentorship.view_person")
        assert not fresh.has_perm("mentorship.delete_school")
        assert fresh.has_module_perms("roadmap")
    assert len(first) == 4  # the user, then his groups and his permissions (user + groups)
    assert len(second) == 0


def test_joining_a_group_counts_from_the_next_request() -> None:
    user = UserFactory(roles=[TEACHER])
    assert not _fresh(user).has_perm("mentorship.view_person")
    user.groups.add(Group.objects.get(name=ROLES[CURATOR].group))
    fresh = _fresh(user)
    assert fresh.role_codes == {CURATOR, TEACHER}
    assert fresh.has_perm("mentorship.view_person")


def test_leaving_a_group_counts_from_the_next_request() -> None:
    user = UserFactory(roles=[CURATOR, MENTOR])
    assert _fresh(user).has_perm("mentorship.view_person")
    user.groups.remove(Group.objects.get(name=ROLES[CURATOR].group))
    fresh = _fresh(user)
    assert fresh.role_codes == {MENTOR}
    assert not fresh.has_perm("mentorship.view_person")


def test_a_group_losing_a_permission_counts_for_its_members() -> None:
    user = UserFactory(roles=[CURATOR])
    assert _fresh(user).has_perm("mentorship.view_person")
    group = Group.objects.get(name=ROLES[CURATOR].group)
    group.permissions.remove(Permission.objects.get(codename="view_person"))
    assert not _fresh(user).has_perm("mentorship.view_person")


def test_a_permission_given_to_the_user_counts_at_once() -> None:
    user = UserFactory(roles=[TEACHER])
    assert not _fresh(user).has_perm("mentorship.view_person")
    user.user_permissions.add(Permission.objects.get(codename="view_person"))
    assert _fresh(user).has_perm("mentorship.view_person")


def test_a_deactivated_user_loses_everything_at_once() -> None:
    user = UserFactory(roles=[CURATOR])
    assert _fresh(user).has_perm("mentorship.view_person")
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert not _fresh(user).has_perm("mentorship.view_person")


def test_a_superuser_has_every_role_and_the_key_follows_the_flag() -> None:
    user = UserFactory(roles=[TEACHER])
    assert _fresh(user).role_codes == {TEACHER}
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    assert _fresh(user).role_codes == frozenset(ROLES)


def test_a_lost_generation_is_made_anew() -> None:
    from django.core.cache import cache

    user = UserFactory(roles=[CURATOR])
    assert _fresh(user).role_codes == {CURATOR}
    cache.delete(access.GENERATION_KEY)
    assert _fresh(user).role_codes == {CURATOR}
    assert cache.get(access.GENERATION_KEY)


def test_the_header_shows_the_school_renamed_on_the_next_page(client) -> None:
    school = SchoolFactory(short_name="Школа № 1")
    client.force_login(UserFactory(roles=[CURATOR]))
    home = reverse("mentorship:curator-home")
    assert "Школа № 1" in client.get(home).content.decode()
    school.short_name = "Гимназия № 2"
    school.save()
    page = client.get(home).content.decode()
    assert "Гимназия № 2" in page and "Школа № 1" not in page
