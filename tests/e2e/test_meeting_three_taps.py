"""A mentor logs a meeting on a phone: the pair card, a kind, «Записать» — three taps."""

import datetime

import pytest
from django.utils import timezone

from mentorship.models import Meeting, MeetingKind
from tests.factories import MenteeProfileFactory, MentorProfileFactory, MentorshipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_mentor_logs_a_meeting_in_three_taps_on_a_phone(
    phone_page, live_server, school, mentor, teacher
):
    today = timezone.localdate()
    pair = MentorshipFactory(
        mentor=MentorProfileFactory(person=mentor.person),
        members=[MenteeProfileFactory(person=teacher.person)],
        start_date=today - datetime.timedelta(days=30),
        planned_end_date=today + datetime.timedelta(days=150),
    )
    page = phone_page
    page.goto(f"{live_server.url}/")
    page.get_by_label("Имя пользователя").fill("mentor")
    page.get_by_label("Пароль").fill("secret-pass-1")
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{live_server.url}/mentor/")

    card = page.locator(f"[aria-labelledby='pair-{pair.pk}-title']")
    card.get_by_role("link", name="Записать встречу").tap()  # 1: from the pair card
    page.get_by_role("heading", name="Записать встречу").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    kind = page.get_by_text("Рабочая встреча", exact=True)
    box = kind.bounding_box()
    assert box is not None and box["height"] >= 44  # thumb-sized
    submit = page.get_by_role("button", name="Записать", exact=True)
    assert submit.is_visible()
    # Details wait under «Подробнее», the button stays on the first screen.
    assert not page.get_by_label("Тема").is_visible()
    assert submit.bounding_box()["y"] + submit.bounding_box()["height"] <= 740
    page.screenshot(path="test-artifacts/meeting-form-on-phone.png", full_page=True)

    kind.tap()  # 2: the kind
    submit.tap()  # 3: «Записать»
    page.get_by_text("Встреча записана").wait_for()
    meeting = Meeting.objects.get()
    assert meeting.kind == MeetingKind.REGULAR
    assert meeting.held_on == today
    assert list(meeting.mentorships.all()) == [pair]
    assert meeting.logged_by_id == mentor.pk
    assert page.url == f"{live_server.url}{meeting.get_absolute_url()}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path="test-artifacts/meeting-logged-on-phone.png", full_page=True)
