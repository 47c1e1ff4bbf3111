import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from surveys.models import Questionnaire
from tests.factories import CampaignFactory, ConsentFactory, InvitationFactory, ProgrammeYearFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_teacher_answers_the_request_on_a_phone_and_the_curator_sees_the_topics(
    browser, live_server, school, curator, teacher, request
):
    call_command("load_standard_data", stdout=StringIO())
    ConsentFactory(person=teacher.person)
    today = timezone.localdate()
    invitation = InvitationFactory(
        person=teacher.person,
        campaign=CampaignFactory(
            questionnaire=Questionnaire.objects.get(code="teacher-request"),
            year=ProgrammeYearFactory(title=f"{today.year}/{today.year + 1}"),
            starts_on=today - datetime.timedelta(days=1),
            ends_on=today + datetime.timedelta(days=14),
        ),
    )
    phone = browser.new_context(
        locale="ru-RU", viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    page = phone.new_page()
    page.goto(f"{live_server.url}{invitation.get_absolute_url()}")
    assert page.get_by_role("heading", name="Анкета-запрос наставляемого педагога").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for no_difficulty in page.get_by_label("не испытываю затруднений").all():
        no_difficulty.check()
    parents = page.locator("fieldset", has_text="Взаимодействие с родителями")
    parents.get_by_label("испытываю значительные затруднения").check()
    discipline = page.locator("fieldset", has_text="Дисциплина на уроке")
    discipline.get_by_label("испытываю незначительные затруднения").check()
    page.screenshot(path="test-artifacts/answer-form-on-phone.png", full_page=True)
    page.get_by_role("button", name="Отправить ответы").click()
    page.get_by_role("heading", name="Спасибо, ответ получен").wait_for()
    page.screenshot(path="test-artifacts/answer-on-phone.png", full_page=True)
    phone.close()

    desk = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill("curator")
    page.get_by_label("Пароль").fill("secret-pass-1")
    page.get_by_role("button", name="Войти").click()
    page.goto(f"{live_server.url}/banks/mentees/")
    row = page.locator("tr", has_text=teacher.person.full_name)
    assert "Работа с родителями" in row.inner_text()
    assert "Дисциплина на уроке" in row.inner_text()
    page.screenshot(path="test-artifacts/curator-sees-request.png", full_page=True)
    desk.close()
