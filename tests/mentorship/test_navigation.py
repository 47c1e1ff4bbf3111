"""The main menu: dropdown groups and one active link."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentorship.navigation import items_for

pytestmark = pytest.mark.django_db


def _labels(entries):
    return [(e["label"], [c["label"] for c in e.get("children", [])]) for e in entries]


def test_the_curator_sees_people_and_pairs_as_dropdowns(curator):
    entries = _labels(items_for(curator, "/"))

    assert ("Люди", ["Участники", "Наставляемые", "Наставники"]) in entries
    pairs = next(children for label, children in entries if label == "Пары и встречи")
    assert pairs[:2] == ["Пары", "Встречи"]
    assert "Обращения участников" in pairs


def test_only_the_longest_matching_link_is_active(curator):
    entries = items_for(curator, reverse("reports:dashboard"))

    active = [e["label"] for e in entries if e.get("active") and "children" not in e]
    assert active == ["Мониторинг"]


def test_a_group_is_active_when_one_of_its_links_is(curator):
    entries = items_for(curator, reverse("mentorship:mentee-list"))

    people = next(e for e in entries if e["label"] == "Люди")
    assert people["active"] is True
    assert [c["label"] for c in people["children"] if c["active"]] == ["Наставляемые"]


def test_a_mentor_gets_plain_links_but_for_the_practices(mentor):
    entries = items_for(mentor, "/")

    assert all("children" not in e for e in entries if e["label"] != "Практики")
    assert ("Практики", ["Лучшие практики", "Методическая библиотека"]) in _labels(entries)


def test_the_curator_finds_rewards_cases_and_the_library_under_practices(curator):
    entries = _labels(items_for(curator, "/"))

    assert ("Практики", ["Поощрения", "Лучшие практики", "Методическая библиотека"]) in entries
