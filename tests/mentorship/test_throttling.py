"""Wrong personal links are throttled per address: survey answers (tests/surveys), calendar
feeds and the public page's files; the address is the one the trusted proxy saw."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from mentorship.services.meetings import calendar_feed_for
from mentorship.throttling import LIMIT, client_ip
from reports.models import PublicPage
from tests.factories import ProgrammeYearFactory

pytestmark = pytest.mark.django_db


def _feed(client: Client, token: str):
    return client.get(reverse("mentorship:calendar-feed", args=[token]))


def test_wrong_calendar_tokens_end_in_429_for_that_address(mentor, school) -> None:
    token = calendar_feed_for(user=mentor).token
    guesser, subscriber = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="198.51.100.2")

    assert {_feed(guesser, f"wrong-{n:04d}").status_code for n in range(LIMIT)} == {404}
    blocked = _feed(guesser, token)

    assert blocked.status_code == 429
    assert "Слишком много неверных ссылок" in blocked.content.decode()
    assert blocked["Retry-After"] == "600"
    assert "no-cache" in blocked["Cache-Control"]
    assert _feed(subscriber, token).status_code == 200  # another address is not affected


def test_right_links_do_not_count(mentor, school) -> None:
    token = calendar_feed_for(user=mentor).token
    client = Client(REMOTE_ADDR="198.51.100.2")
    for _ in range(LIMIT + 5):
        assert _feed(client, token).status_code == 200


def test_guessing_the_numbers_of_public_photos_is_throttled(client, school) -> None:
    PublicPage.objects.create(pk=1, is_enabled=True)
    ProgrammeYearFactory(is_current=True)
    statuses = [
        client.get(reverse("public:photo", args=[pk])).status_code for pk in range(1, LIMIT + 2)
    ]
    documents = client.get(reverse("public:document-pdf", args=[1]))

    assert statuses[:LIMIT] == [404] * LIMIT
    assert statuses[LIMIT] == 429
    assert documents.status_code == 429  # one budget for every personal or public link


def test_a_wrong_survey_token_shares_the_budget(mentor, school) -> None:
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(LIMIT):
        _feed(client, f"wrong-{n:04d}")
    assert client.get(reverse("surveys:answer", args=["x" * 30])).status_code == 429


def test_the_client_address_is_the_one_the_trusted_proxy_saw(settings) -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.5"  # no proxy: the header is the client's own words
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"  # «1.1.1.1» was typed by the client
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "1.1.1.1"
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_ip(request) == "10.0.0.5"  # fewer hops than promised: the direct peer
