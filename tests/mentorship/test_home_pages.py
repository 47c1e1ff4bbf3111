"""The home pages' blocks: what each role sees, and queries that do not grow with the pairs."""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorship import hooks
from mentorship.models import Meeting, PersonalProgramme, ProgrammeItem
from tests.factories import (
    EventFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    MentorshipFactory,
    PersonFactory,
)

MSK = zoneinfo.ZoneInfo("Europe/Moscow")
TODAY = datetime.date(2026, 11, 2)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 2, 9, tzinfo=MSK), tick=False)


def meeting(pair, held_on, **fields) -> Meeting:
    item = Meeting.objects.create(held_on=held_on, **fields)
    item.mentorships.add(pair)
    return item


def programme(pair, done: int, total: int) -> PersonalProgramme:
    item = PersonalProgramme.objects.create(mentorship=pair, title="Программа")
    for n in range(total):
        ProgrammeItem.objects.create(
            programme=item, title=f"Пункт {n}", done_on=TODAY if n < done else None
        )
    return item


def page(client, user, url_name: str) -> str:
    client.force_login(user)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return response.content.decode()


# The mentor


@pytest.fixture
def mentor_profile(mentor):
    return MentorProfileFactory(person=mentor.person)


def test_the_mentor_sees_each_pairs_next_meeting_and_the_overdue_ones_first(
    client, school, mentor, mentor_profile
) -> None:
    planned = MentorshipFactory(
        mentor=mentor_profile,
        members=[MenteeProfileFactory(person=PersonFactory(surname="Соколова", name="Дарья"))],
    )
    meeting(
        planned,
        datetime.date(2026, 10, 27),
        next_planned_on=datetime.date(2026, 11, 6),
        next_planned_time=datetime.time(15, 30),
    )
    quiet = MentorshipFactory(
        mentor=mentor_profile,
        members=[MenteeProfileFactory(person=PersonFactory(surname="Белов", name="Игорь"))],
    )
    meeting(quiet, datetime.date(2026, 10, 12))
    content = page(client, mentor, "mentorship:mentor-home")
    assert "Давно не было встречи: 1 пара" in content
    assert "6 ноября 2026 г., 15:30" in content
    assert "Последняя: 12.10.2026 (21 день назад)" in content
    assert content.index("Белов Игорь") < content.index("Соколова Дарья")
    assert f"/meetings/new/?pair={quiet.pk}" in content
    assert reverse("mentorship:calendar-page") in content
    # The mentor's main action heads the block, whichever pair it is for.
    block = content[content.index('id="meetings-widget-title"') :]
    assert block.index(f'href="{reverse("mentorship:meeting-create")}"') < block.index("Белов")


def test_the_mentors_pair_cards_show_the_last_meeting_and_the_programmes_progress(
    client, school, mentor, mentor_profile
) -> None:
    pair = MentorshipFactory(mentor=mentor_profile)
    meeting(pair, datetime.date(2026, 10, 30))
    programme(pair, done=1, total=4)
    content = page(client, mentor, "mentorship:mentor-home")
    assert "30.10.2026, 3 дня назад" in content
    assert "Программа: выполнено 1 из 4" in content
    assert 'aria-valuenow="25"' in content


def test_a_mentor_without_open_pairs_gets_no_meetings_block(
    client, school, mentor, mentor_profile
) -> None:
    MentorshipFactory(mentor=mentor_profile, status="finished")
    assert "meetings-widget-title" not in page(client, mentor, "mentorship:mentor-home")


# The mentee


def test_the_mentee_sees_how_to_reach_his_mentor_his_plan_and_his_meetings(
    client, school, teacher, mentor
) -> None:
    mentor.person.email = "romanova@school.example"
    mentor.person.phone = "+7 912 345 67 89"
    mentor.person.save()
    pair = MentorshipFactory(
        mentor=MentorProfileFactory(person=mentor.person),
        members=[MenteeProfileFactory(person=teacher.person)],
    )
    programme(pair, done=2, total=2)
    for day, topic in ((2, "Знакомство"), (9, "План"), (16, "Урок"), (23, "Разбор урока")):
        meeting(
            pair,
            datetime.date(2026, 10, day),
            topic=topic,
            next_planned_on=datetime.date(2026, 11, 4),
        )
    content = page(client, teacher, "mentorship:teacher-home")
    assert "Наставник: Романова Елена Васильевна" in content
    assert 'href="mailto:romanova@school.example"' in content
    assert 'href="tel:+79123456789"' in content
    assert "Программа: выполнено 2 из 2" in content
    assert f"/pairs/{pair.pk}/programme/#plan-title" in content
    assert "4 ноября 2026 г." in content
    assert "Разбор урока" in content
    assert "Знакомство" not in content  # only the last three
    assert "Записать встречу" not in content  # a mentee does not log meetings


def test_the_mentee_is_told_when_the_mentor_left_no_contacts(
    client, school, teacher, mentor
) -> None:
    MentorshipFactory(
        mentor=MentorProfileFactory(person=mentor.person),
        members=[MenteeProfileFactory(person=teacher.person)],
    )
    content = page(client, teacher, "mentorship:teacher-home")
    assert "контакты не указаны — спросите у куратора" in content


# The curator


def test_the_curators_inbox_lists_overdue_pairs_and_near_roadmap_deadlines(
    client, school, curator
) -> None:
    late = MentorshipFactory(
        mentor=MentorProfileFactory(person=PersonFactory(surname="Гасанов", name="Магомед")),
        members=[MenteeProfileFactory(person=PersonFactory(surname="Белов", name="Игорь"))],
    )
    meeting(late, datetime.date(2026, 10, 12))
    fine = MentorshipFactory()
    meeting(fine, datetime.date(2026, 10, 30))
    EventFactory(number="3.1", title="Совещание наставников", end_date=datetime.date(2026, 11, 4))
    EventFactory(title="Далёкий срок", end_date=datetime.date(2026, 11, 30))
    content = page(client, curator, "mentorship:curator-home")
    assert "Требует внимания" in content
    assert "Давно не было встречи: 1 пара" in content
    assert "Белов Игорь" in content
    assert "наставник Гасанов М. С. · последняя встреча 12.10.2026" in content
    assert "21 день" in content
    assert "Сроки дорожной карты в ближайшие 14 дней" in content
    assert "3.1 Совещание наставников" in content
    assert "через 2 дня, 04.11.2026" in content
    assert "Далёкий срок" not in content


def test_the_curators_inbox_says_when_every_pair_meets_in_time(client, school, curator) -> None:
    content = page(client, curator, "mentorship:curator-home")
    assert "Все пары встречаются не реже раза в 14 дней." in content


def test_the_inbox_shows_the_ten_longest_waiting_pairs_of_more(client, school, curator) -> None:
    for _ in range(12):
        MentorshipFactory()
    content = page(client, curator, "mentorship:curator-home")
    assert "Давно не было встречи: 12 пар" in content
    assert "Показаны 10 из 12, дольше всех без встречи." in content


def test_the_inbox_renders_the_rows_other_apps_register(
    client, school, curator, monkeypatch
) -> None:
    def concerns(*, user, today):
        return [
            {"section": "Обращения", "text": "Срочное обращение", "url": "/c/1/", "urgent": True},
            {"section": "Обращения", "text": "Вопрос о нагрузке", "url": "", "note": "3 дня"},
        ]

    monkeypatch.setattr(hooks, "INBOX_SOURCES", [concerns])
    content = page(client, curator, "mentorship:curator-home")
    assert content.count(">Обращения</h3>") == 1
    assert '<a href="/c/1/">Срочное обращение</a>' in content
    assert "Вопрос о нагрузке" in content
    assert "3 дня" in content


# The director


def test_the_director_sees_the_summary(client, school, director) -> None:
    active = MentorshipFactory()
    meeting(active, datetime.date(2026, 11, 1))
    meeting(active, datetime.date(2026, 10, 31))  # last month
    MentorshipFactory(status="approved")  # started 1 October, never met: overdue
    MentorshipFactory(status="draft")
    content = page(client, director, "mentorship:director-home")
    assert "Наставничество сейчас" in content
    numbers = [
        ("1", "пар и групп работают"),
        ("1", "закреплены приказом, ещё не начали"),
        ("1", "встреч в этом месяце"),
        ("1", "не встречались дольше 14 дней"),
    ]
    text = re.sub(r"<[^>]+>|\s+", " ", content)
    for number, label in numbers:
        assert f" {number} {label}" in re.sub(r" +", " ", text)
    assert f'href="{reverse("mentorship:meeting-regularity")}">1</a>' in content


# Queries: the same for 1 and 30 pairs


def _mentor_pair(profile, n: int) -> None:
    pair = MentorshipFactory(mentor=profile)
    meeting(
        pair,
        datetime.date(2026, 10, 1 + n % 25),
        next_planned_on=datetime.date(2026, 11, 10),
        next_planned_time=datetime.time(14),
    )
    programme(pair, done=1, total=2)


def _mentee_pair(teacher, n: int) -> None:
    mentee = teacher.person.mentee_profile if n else MenteeProfileFactory(person=teacher.person)
    pair = MentorshipFactory(members=[mentee])
    meeting(pair, datetime.date(2026, 10, 1 + n % 25), next_planned_on=datetime.date(2026, 11, 9))
    programme(pair, done=1, total=2)


def _curators_pair(_user, n: int) -> None:
    pair = MentorshipFactory()
    meeting(pair, datetime.date(2026, 10, 1 + n % 10))  # every one overdue
    EventFactory(end_date=TODAY + datetime.timedelta(days=1 + n % 14))


def _directors_pair(_user, n: int) -> None:
    pair = MentorshipFactory(status="active" if n % 2 else "approved")
    meeting(pair, datetime.date(2026, 11, 1))


@pytest.mark.parametrize(
    ("persona", "url_name", "make"),
    [
        ("mentor", "mentorship:mentor-home", None),
        ("teacher", "mentorship:teacher-home", _mentee_pair),
        ("curator", "mentorship:curator-home", _curators_pair),
        ("director", "mentorship:director-home", _directors_pair),
    ],
)
def test_home_blocks_run_the_same_queries_for_1_and_30_pairs(
    client, school, request, persona, url_name, make, django_assert_num_queries
) -> None:
    user = request.getfixturevalue(persona)
    if make is None:  # the mentor's pairs need his profile
        profile = MentorProfileFactory(person=user.person)

        def make(_user, n: int) -> None:
            _mentor_pair(profile, n)

    client.force_login(user)
    url = reverse(url_name)
    make(user, 0)
    client.get(url)  # warm the per-process caches (content types, permissions' names)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(1, 30):
        make(user, n)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
