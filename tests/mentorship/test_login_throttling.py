"""Log-in throttling (django-axes): five wrong passwords for one user name from one address
lock that pair for 30 minutes, with a Russian page; other pairs are not affected."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
PASSWORD = "Верный-пароль-2026"
START = datetime.datetime(2026, 10, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def teacher_account(school):
    user = UserFactory(username="elkina")
    user.set_password(PASSWORD)
    user.save()
    return user


def _client(address: str = "10.0.0.1") -> Client:
    return Client(REMOTE_ADDR=address)


def _log_in(client: Client, password: str, username: str = "elkina"):
    return client.post(LOGIN, {"username": username, "password": password})


def _fail(client: Client, times: int, username: str = "elkina") -> list[int]:
    return [_log_in(client, "неверный", username).status_code for _ in range(times)]


def test_the_fifth_wrong_password_locks_the_name_on_that_address(teacher_account) -> None:
    client = _client()

    assert _fail(client, 4) == [200] * 4  # the form again, with its error
    locked = _log_in(client, "неверный")
    right_password_too = _log_in(client, PASSWORD)

    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Вход временно заблокирован" in page
    assert "неверно 5 раз подряд" in page and "на 30 минут" in page
    assert reverse("password_reset") in page
    assert locked["Retry-After"] == "1800"
    assert right_password_too.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_name_and_address(teacher_account) -> None:
    other = UserFactory(username="romanova")
    other.set_password(PASSWORD)
    other.save()
    _fail(_client("10.0.0.1"), 5)

    same_address_other_name = _log_in(_client("10.0.0.1"), PASSWORD, username="romanova")
    other_address_same_name = _log_in(_client("10.0.0.2"), PASSWORD)

    assert same_address_other_name.status_code == 302
    assert other_address_same_name.status_code == 302


def test_the_lock_ends_after_thirty_minutes(teacher_account) -> None:
    client = _client()
    with time_machine.travel(START, tick=False) as clock:
        _fail(client, 5)
        clock.shift(datetime.timedelta(minutes=29))
        assert _log_in(client, PASSWORD).status_code == 429
        clock.shift(datetime.timedelta(minutes=2))
        assert _log_in(client, PASSWORD).status_code == 302


def test_a_successful_log_in_clears_the_count(teacher_account) -> None:
    client = _client()
    _fail(client, 4)
    assert _log_in(client, PASSWORD).status_code == 302
    client.post(reverse("logout"))

    assert _fail(client, 4) == [200] * 4


def test_the_admin_log_in_is_throttled_as_well(teacher_account) -> None:
    client = _client()
    admin_login = reverse("admin:login")
    statuses = [
        client.post(admin_login, {"username": "elkina", "password": "неверный"}).status_code
        for _ in range(5)
    ]
    assert statuses[-1] == 429
    assert _log_in(client, PASSWORD).status_code == 429
