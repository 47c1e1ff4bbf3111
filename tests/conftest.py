"""Shared fixtures: role personas and their clients."""

from __future__ import annotations

import pytest
from django.test import Client

from mentorship.roles import CURATOR, DIRECTOR, MENTOR, TEACHER
from tests.factories import PersonFactory, SchoolFactory, UserFactory


def _persona(username: str, roles: list[str], surname: str, name: str, patronymic: str):
    user = UserFactory(username=username, roles=roles, first_name=name, last_name=surname)
    PersonFactory(user=user, surname=surname, name=name, patronymic=patronymic)
    return user


@pytest.fixture
def school(db):
    return SchoolFactory()


@pytest.fixture
def curator(db):
    return _persona("curator", [CURATOR], "Бондаренко", "Татьяна", "Николаевна")


@pytest.fixture
def director(db):
    return _persona("director", [DIRECTOR], "Новикова", "Алёна", "Анатольевна")


@pytest.fixture
def mentor(db):
    return _persona("mentor", [MENTOR], "Романова", "Елена", "Васильевна")


@pytest.fixture
def other_mentor(db):
    return _persona("other_mentor", [MENTOR], "Гасанов", "Магомед", "Гасанович")


@pytest.fixture
def teacher(db):
    return _persona("teacher", [TEACHER], "Ёлкина", "Полина", "Владимировна")


@pytest.fixture
def no_role_user(db):
    return UserFactory(username="norole")


@pytest.fixture
def persona_client(request, db):
    """A client signed in as the persona named by the test's parameter."""

    def make(persona: str) -> Client:
        client = Client()
        if persona == "anonymous":
            return client
        fixture = "no_role_user" if persona == "no_role" else persona
        client.force_login(request.getfixturevalue(fixture))
        return client

    return make


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def director_client(client, director):
    client.force_login(director)
    return client


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of a test go to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Throttling counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
