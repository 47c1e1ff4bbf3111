"""The private calendar feed (ICS) and its page."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from mentorship.models import AuditEntry, CalendarFeed, Meeting
from mentorship.services.meetings import calendar_feed_for
from tests.factories import (
    EventFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    MentorshipFactory,
)

SITE = "https://nastavnik.school.example"
MSK = zoneinfo.ZoneInfo("Europe/Moscow")


@pytest.fixture(autouse=True)
def _site(settings, school, time_machine):
    settings.SITE_URL = SITE
    time_machine.move_to(datetime.datetime(2026, 11, 2, 9, tzinfo=MSK), tick=False)


@pytest.fixture
def pair(mentor, teacher):
    return MentorshipFactory(
        mentor=MentorProfileFactory(person=mentor.person),
        members=[MenteeProfileFactory(person=teacher.person)],
    )


def plan(pair, held_on, next_on, next_time=None) -> Meeting:
    meeting = Meeting.objects.create(
        held_on=held_on, next_planned_on=next_on, next_planned_time=next_time
    )
    meeting.mentorships.add(pair)
    return meeting


def feed(client, user) -> Calendar:
    response = client.get(
        reverse("mentorship:calendar-feed", args=[calendar_feed_for(user=user).token])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, object]:
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_is_a_valid_calendar_of_the_mentors_next_meeting(client, mentor, pair) -> None:
    plan(pair, datetime.date(2026, 10, 20), datetime.date(2026, 10, 27))
    plan(pair, datetime.date(2026, 10, 30), datetime.date(2026, 11, 6), datetime.time(15, 30))
    calendar = feed(client, mentor)
    assert calendar["VERSION"] == "2.0"
    assert "Наставник" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "Наставник: встречи и сроки"
    [event] = calendar.walk("VEVENT")  # only the latest meeting's plan counts
    assert str(event["SUMMARY"]) == "Встреча наставничества: Ёлкина Полина Владимировна"
    assert event["DTSTART"].dt == datetime.datetime(2026, 11, 6, 15, 30, tzinfo=MSK)
    assert event["DTEND"].dt - event["DTSTART"].dt == datetime.timedelta(hours=1)
    assert str(event["UID"]) == f"pair-{pair.pk}-next-meeting@nastavnik.school.example"
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert str(event["URL"]) == f"{SITE}/pairs/{pair.pk}/"


def test_the_mentee_sees_the_meeting_with_his_mentor_all_day_when_no_time(
    client, teacher, pair
) -> None:
    plan(pair, datetime.date(2026, 10, 30), datetime.date(2026, 11, 6))
    [event] = feed(client, teacher).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Встреча с наставником: Романова Елена Васильевна"
    assert event["DTSTART"].dt == datetime.date(2026, 11, 6)
    assert event["DTEND"].dt == datetime.date(2026, 11, 7)


def test_a_mentor_does_not_see_other_pairs_meetings(client, mentor, other_mentor, pair) -> None:
    plan(pair, datetime.date(2026, 10, 30), datetime.date(2026, 11, 6))
    others = MentorshipFactory(mentor=MentorProfileFactory(person=other_mentor.person))
    plan(others, datetime.date(2026, 10, 30), datetime.date(2026, 11, 5))
    finished = MentorshipFactory(mentor=pair.mentor, status="finished")
    plan(finished, datetime.date(2026, 10, 30), datetime.date(2026, 11, 4))
    assert [e["DTSTART"].dt for e in feed(client, mentor).walk("VEVENT")] == [
        datetime.date(2026, 11, 6)
    ]
    assert [e["DTSTART"].dt for e in feed(client, other_mentor).walk("VEVENT")] == [
        datetime.date(2026, 11, 5)
    ]


def test_the_curator_gets_the_roadmaps_open_deadlines(client, curator, teacher) -> None:
    open_event = EventFactory(
        number="2.3", title="Совещание по итогам четверти", end_date=datetime.date(2026, 11, 20)
    )
    EventFactory(title="Выполнено", end_date=datetime.date(2026, 11, 21), status="done")
    EventFactory(title="Давно прошло", end_date=datetime.date(2026, 8, 1))
    shown = events(feed(client, curator))
    assert list(shown) == ["Срок: 2.3 Совещание по итогам четверти"]
    event = shown["Срок: 2.3 Совещание по итогам четверти"]
    assert event["DTSTART"].dt == datetime.date(2026, 11, 20)
    assert str(event["UID"]) == f"roadmap-event-{open_event.pk}@nastavnik.school.example"
    assert str(event["URL"]) == f"{SITE}/roadmap/{open_event.stage.roadmap_id}/"
    assert events(feed(client, teacher)) == {}  # not his to do


def test_others_get_the_deadlines_they_are_responsible_for(client, teacher) -> None:
    event = EventFactory(number="", title="Открытый урок", end_date=datetime.date(2026, 11, 20))
    event.responsible_people.add(teacher.person)
    shown = events(feed(client, teacher))
    assert str(shown["Срок: Открытый урок"]["URL"]) == f"{SITE}/roadmap/mine/"


def test_an_unknown_token_is_not_found(client) -> None:
    assert (
        client.get(reverse("mentorship:calendar-feed", args=["no-such-token"])).status_code == 404
    )


def test_renewing_revokes_the_old_address_at_once(client, mentor) -> None:
    old = calendar_feed_for(user=mentor).token
    client.force_login(mentor)
    response = client.post(reverse("mentorship:calendar-renew"))
    assert response["Location"] == reverse("mentorship:calendar-page")
    client.logout()
    assert client.get(reverse("mentorship:calendar-feed", args=[old])).status_code == 404
    new = CalendarFeed.objects.get(user=mentor, revoked_at__isnull=True).token
    assert new != old
    assert client.get(reverse("mentorship:calendar-feed", args=[new])).status_code == 200
    assert AuditEntry.objects.filter(action="calendar.renew").exists()


def test_a_deactivated_users_feed_is_not_found(client, mentor) -> None:
    token = calendar_feed_for(user=mentor).token
    mentor.is_active = False
    mentor.save(update_fields=["is_active"])
    assert client.get(reverse("mentorship:calendar-feed", args=[token])).status_code == 404


def test_the_page_shows_the_address_and_keeps_it_between_visits(client, mentor) -> None:
    client.force_login(mentor)
    page = client.get(reverse("mentorship:calendar-page")).content.decode()
    token = CalendarFeed.objects.get(user=mentor).token
    assert f"http://testserver/calendar/{token}.ics" in page  # as the user reached the site
    assert f"webcal://testserver/calendar/{token}.ics" in page
    for words in ("Яндекс.Календарь", "Google Календарь", "Outlook", "Выпустить новую ссылку"):
        assert words in page
    client.get(reverse("mentorship:calendar-page"))
    assert CalendarFeed.objects.filter(user=mentor).count() == 1


def test_the_feed_runs_a_fixed_number_of_queries(client, mentor, django_assert_num_queries) -> None:
    profile = MentorProfileFactory(person=mentor.person)
    for _ in range(5):
        plan(
            MentorshipFactory(mentor=profile),
            datetime.date(2026, 10, 30),
            datetime.date(2026, 11, 6),
        )
    url = reverse("mentorship:calendar-feed", args=[calendar_feed_for(user=mentor).token])
    # the feed with its user, the pairs with their next meeting, their mentees, the user's
    # roles (is he the curator?) with his permissions (3, then kept in the cache:
    # mentorship/access.py) and the roadmap events he is responsible for
    with django_assert_num_queries(7):
        response = client.get(url)
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 5
    assert b"\r\nX-PUBLISHED-TTL:PT4H\r\n" in response.content  # calendars re-read it
