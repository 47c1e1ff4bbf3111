"""Every named URL of our apps × every persona → the expected HTTP status of a GET.

A URL that the resolver knows and this table does not fails the build: a new page must
say here who may open it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import PERSONAS
from tests.factories import ProgrammeYearFactory

ANON = "anonymous"
LOGIN = 302  # an anonymous visitor is sent to the log-in page
DENY = 403
OK = 200

# Namespaces that are not ours (Django's admin has its own staff checks).
FOREIGN_NAMESPACES = {"admin"}


def _everyone(status: int, **overrides: int) -> dict[str, int]:
    return {persona: overrides.get(persona, status) for persona in PERSONAS}


def _signed_in(status: int, anonymous: int = LOGIN, **overrides: int) -> dict[str, int]:
    return _everyone(status, anonymous=anonymous, **overrides)


def _only(*allowed: str) -> dict[str, int]:
    return {
        persona: OK if persona in allowed else (LOGIN if persona == ANON else DENY)
        for persona in PERSONAS
    }


def _year_kwargs() -> dict[str, object]:
    return {"pk": ProgrammeYearFactory().pk}


# url name -> (kwargs maker or None, expected status per persona)
EXPECTED: dict[str, tuple[Callable[[], dict] | None, dict[str, int]]] = {
    "home": (None, _signed_in(302, no_role=DENY)),
    "login": (None, _signed_in(302, anonymous=OK)),
    "logout": (None, _everyone(405)),  # log-out is a POST
    "password_change": (None, _signed_in(OK, no_role=OK)),
    "password_change_done": (None, _signed_in(OK, no_role=OK)),
    "password_reset": (None, _everyone(OK)),
    "password_reset_done": (None, _everyone(OK)),
    "password_reset_confirm": (lambda: {"uidb64": "MQ", "token": "bad-token"}, _everyone(OK)),
    "password_reset_complete": (None, _everyone(OK)),
    "mentorship:curator-home": (None, _only("curator")),
    "mentorship:director-home": (None, _only("director")),
    "mentorship:mentor-home": (None, _only("mentor", "other_mentor")),
    "mentorship:teacher-home": (None, _only("teacher")),
    "mentorship:settings": (None, _only("curator", "director")),
    "mentorship:year-create": (None, _only("curator", "director")),
    "mentorship:year-update": (_year_kwargs, _only("curator", "director")),
    "mentorship:year-set-current": (_year_kwargs, _everyone(405)),  # a POST action
}


def _walk(patterns, namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns in FOREIGN_NAMESPACES:
                continue
            child = f"{namespace}{ns}:" if ns else namespace
            yield from _walk(pattern.url_patterns, child)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_named_url_has_a_row_in_the_matrix() -> None:
    discovered = set(_walk(get_resolver().url_patterns))
    missing = sorted(discovered - EXPECTED.keys())
    stale = sorted(EXPECTED.keys() - discovered)
    assert not missing, f"URLs without expected statuses: {missing}"
    assert not stale, f"Rows for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", sorted(EXPECTED))
def test_url_answers_persona_with_expected_status(
    url_name: str, persona: str, persona_client, school
) -> None:
    kwargs_maker, statuses = EXPECTED[url_name]
    url = reverse(url_name, kwargs=kwargs_maker() if kwargs_maker else None)
    response = persona_client(persona).get(url)
    assert response.status_code == statuses[persona], (
        f"{persona} GET {url}: {response.status_code}, expected {statuses[persona]}"
    )
    if response.status_code == LOGIN and persona == ANON:
        assert response["Location"].startswith(reverse("login"))
