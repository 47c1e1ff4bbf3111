"""Django's admin is the superuser's alone: staff accounts and the roles are sent to its log-in."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [reverse("admin:index"), reverse("admin:mentorship_person_changelist")]


def test_a_superuser_opens_the_admin(client, school) -> None:
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 200


def test_staff_without_superuser_is_sent_to_the_admin_log_in(client, school) -> None:
    staff = UserFactory(username="clerk", is_staff=True)
    staff.user_permissions.set(Permission.objects.all())  # every model permission, still no
    client.force_login(staff)
    for url in ADMIN_PAGES:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_the_curator_is_sent_to_the_admin_log_in_too(curator_client, school) -> None:
    response = curator_client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_admin_log_in_refuses_a_staff_account(client, school) -> None:
    staff = UserFactory(username="clerk", is_staff=True)
    staff.set_password("Пароль-сотрудника-1")
    staff.save()

    client.post(reverse("admin:login"), {"username": "clerk", "password": "Пароль-сотрудника-1"})

    assert client.get(reverse("admin:index")).status_code == 302


def test_the_admin_pages_need_no_inline_scripts(client, school) -> None:
    from tests.mentorship.test_security_headers import _inline_code  # noqa: PLC0415

    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    for url in [*ADMIN_PAGES, reverse("admin:mentorship_person_add")]:
        assert _inline_code(client.get(url).content.decode()) == [], url
