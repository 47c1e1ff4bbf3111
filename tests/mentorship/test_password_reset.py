"""Password reset: the Russian letter, nothing revealed, and the throttle of the form."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

START = datetime.datetime(2026, 10, 1, 9, 0, tzinfo=datetime.UTC)


def test_password_reset_sends_a_russian_letter_with_plain_and_html_parts(
    client, curator, school
) -> None:
    curator.email = "kurator@school.example"
    curator.save()
    response = client.post(reverse("password_reset"), {"email": "kurator@school.example"})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.subject == "Восстановление пароля в «Наставнике»"
    assert "Чтобы задать новый пароль" in letter.body
    assert "/accounts/reset/" in letter.body
    html, mimetype = letter.alternatives[0]
    assert mimetype == "text/html"
    assert "Задать новый пароль" in html


def test_unknown_address_reveals_nothing(client, school) -> None:
    response = client.post(reverse("password_reset"), {"email": "nobody@example.ru"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_password_change_in_russian(curator_client, curator) -> None:
    response = curator_client.post(
        reverse("password_change"),
        {"old_password": "secret-pass-1", "new_password1": "123", "new_password2": "123"},
    )
    content = response.content.decode()
    assert "Введённый пароль слишком короткий" in content
    response = curator_client.post(
        reverse("password_change"),
        {
            "old_password": "secret-pass-1",
            "new_password1": "Наставник-2026!",
            "new_password2": "Наставник-2026!",
        },
    )
    assert response["Location"] == reverse("password_change_done")
    curator.refresh_from_db()
    assert curator.check_password("Наставник-2026!")


# Throttling: 5 POSTs an hour from one address, 3 letters an hour to one e-mail.


def _ask(client: Client, email: str):
    return client.post(reverse("password_reset"), {"email": email})


@pytest.fixture
def known_address(curator) -> str:
    curator.email = "kurator@school.example"
    curator.save()
    return curator.email


def test_letters_under_the_limits_are_sent(known_address, school) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    statuses = [_ask(client, known_address).status_code for _ in range(3)]
    assert statuses == [302] * 3
    assert len(mail.outbox) == 3


def test_the_sixth_post_from_one_address_gets_429_and_no_letter(known_address, school) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    statuses = [_ask(client, f"probe{n}@example.ru").status_code for n in range(5)]
    blocked = _ask(client, known_address)

    assert statuses == [302] * 5
    assert blocked.status_code == 429
    assert "Слишком много запросов" in blocked.content.decode()
    assert "через 60 минут" in blocked.content.decode()
    assert blocked["Retry-After"] == "3600"
    assert "no-cache" in blocked["Cache-Control"]
    assert mail.outbox == []
    assert _ask(Client(REMOTE_ADDR="198.51.100.2"), known_address).status_code == 302


def test_invalid_posts_count_against_the_address_too(known_address, school) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert {_ask(client, "не-почта").status_code for _ in range(5)} == {200}
    assert _ask(client, known_address).status_code == 429
    assert mail.outbox == []


def test_one_email_gets_three_letters_an_hour_from_any_addresses(known_address, school) -> None:
    clients = [Client(REMOTE_ADDR=f"203.0.113.{n}") for n in range(1, 5)]
    statuses = [
        _ask(c, e)
        for c, e in zip(
            clients,
            [known_address, "KURATOR@school.example", known_address, known_address],
            strict=True,
        )
    ]

    assert [r.status_code for r in statuses] == [302, 302, 302, 429]
    assert len(mail.outbox) == 3
    assert _ask(clients[3], "nobody@example.ru").status_code == 302  # another e-mail is free


def test_the_429_does_not_tell_a_known_address_from_an_unknown(known_address, school) -> None:
    pages = []
    for email in (known_address, "nobody@example.ru"):
        for n in range(3):
            _ask(Client(REMOTE_ADDR=f"203.0.113.{n}"), email)
        blocked = _ask(Client(REMOTE_ADDR="198.51.100.2"), email)
        assert blocked.status_code == 429
        pages.append(re.sub(r'"X-CSRFToken": "\w+"', "", blocked.content.decode()))
    assert pages[0] == pages[1]  # the same page, but for the CSRF token


def test_the_limits_end_after_an_hour(known_address, school) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(5):
            _ask(client, known_address)
        clock.shift(datetime.timedelta(minutes=59))
        assert _ask(client, known_address).status_code == 429
        clock.shift(datetime.timedelta(minutes=2))
        assert _ask(client, known_address).status_code == 302
    assert len(mail.outbox) == 4
