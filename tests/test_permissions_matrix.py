"""Every named URL of our apps × every persona → the expected HTTP status of a GET.

A URL that the resolver knows and no module of tests/matrix/ lists fails the build: a new
page must say there who may open it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.matrix
from tests.matrix import ANON, LOGIN, PERSONAS, MatrixContext, Row

# Namespaces that are not ours (Django's admin has its own staff checks).
FOREIGN_NAMESPACES = {"admin"}


def _collect_rows() -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for module_info in pkgutil.iter_modules(tests.matrix.__path__):
        module = importlib.import_module(f"tests.matrix.{module_info.name}")
        for name, row in getattr(module, "ROWS", {}).items():
            assert name not in rows, f"{name} is listed twice in tests/matrix/"
            rows[name] = row
    return rows


EXPECTED = _collect_rows()


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
    url_name: str, persona: str, persona_client, school, request
) -> None:
    kwargs_maker, statuses = EXPECTED[url_name]
    context = MatrixContext(request.getfixturevalue)
    url = reverse(url_name, kwargs=kwargs_maker(context) if kwargs_maker else None)
    response = persona_client(persona).get(url)
    if response.streaming:
        # Read to the end, which closes a download's file; close() would end the "request"
        # and, on PostgreSQL, close the test's database connection.
        b"".join(response.streaming_content)
    assert response.status_code == statuses[persona], (
        f"{persona} GET {url}: {response.status_code}, expected {statuses[persona]}"
    )
    if response.status_code == LOGIN and persona == ANON:
        assert response["Location"].startswith(reverse("login"))
