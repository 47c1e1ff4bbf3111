"""The whole programme year in a real browser, from an empty school to the public page.

One test in steps, each with a screenshot in ``test-artifacts/whole-year/NN-name.png``:
the curator imports the staff, builds the roadmap and asks the teachers for their requests;
a young teacher answers on her phone and a mentor candidate offers her help; the curator
runs the matching and drafts the pairs order; the director approves it and downloads the
PDF; the mentor logs a meeting in three taps, the mentee answers the feedback form; the
curator checks the dashboard and the monitoring report; the public page shows the order.
"""

from __future__ import annotations

import datetime
import re
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from mentorship.models import (
    ConsentKind,
    Meeting,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    Mentorship,
    MentorshipStatus,
    Person,
    ProgrammeYear,
    User,
)
from mentorship.roles import CURATOR, DIRECTOR, MENTOR, TEACHER
from reports.models import Document, DocumentStatus, Register
from surveys.models import Response
from tests.e2e.conftest import ARTIFACTS
from tests.factories import ConsentFactory, PersonFactory, UserFactory
from tests.mentorship.spreadsheets import xlsx_bytes
from tests.reports.pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "whole-year"
PASSWORD = "secret-pass-1"
PHONE = {"width": 360, "height": 740}
LINK = re.compile(r"https?://[^\s\"<>]+/surveys/a/[\w-]+/")


def _year_title(today: datetime.date) -> str:
    start = today.year if today.month >= 9 else today.year - 1
    return f"{start}/{start + 1}"


def _shot(page, number: int, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{number:02d}-{name}.png"), full_page=True)


def _log_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(re.compile(r".*/(curator|director|mentor|teacher)/$"))


def _link_sent_to(email: str) -> str:
    """The personal link of the newest letter to this address."""
    letters = [m for m in mail.outbox if email in m.to]
    assert letters, f"no letter to {email}"
    found = LINK.search(letters[-1].body)
    assert found, letters[-1].body
    return found.group(0)


def _fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _setup_school() -> None:
    """An empty school: the standard data, the year, and the four people with log-ins."""
    call_command("load_standard_data", stdout=StringIO())
    # A transactional test flushes what the data migrations made: the registers come back.
    for code, title, pattern in (
        ("orders", "Приказы по основной деятельности", "{n}-О"),
        ("protocols", "Протоколы педагогического совета", "{n}"),
        ("agreements", "Дополнительные соглашения к трудовым договорам", "{n}"),
    ):
        Register.objects.get_or_create(code=code, defaults={"title": title, "pattern": pattern})
    today = timezone.localdate()
    title = _year_title(today)
    ProgrammeYear.objects.create(
        title=title,
        start_date=datetime.date(int(title[:4]), 9, 1),
        end_date=datetime.date(int(title[:4]) + 1, 8, 31),
        is_current=True,
    )
    curator = UserFactory(
        username="curator", roles=[CURATOR], first_name="Татьяна", last_name="Бондаренко"
    )
    person = PersonFactory(
        user=curator,
        surname="Бондаренко",
        name="Татьяна",
        patronymic="Николаевна",
        position="заместитель директора по УВР",
        department="Администрация",
    )
    ConsentFactory(person=person, valid_from=today - datetime.timedelta(days=30))
    # The order appointing her goes on the school's site: her consent covers name and post.
    ConsentFactory(
        person=person,
        kind=ConsentKind.PUBLICATION,
        valid_from=today - datetime.timedelta(days=30),
        data_categories=["name", "work"],
    )
    UserFactory(username="director", roles=[DIRECTOR], first_name="Алёна", last_name="Новикова")
    # Accounts of two teachers: their cards come with the staff list below.
    UserFactory(username="mentor", roles=[MENTOR], first_name="Елена", last_name="Романова")
    UserFactory(username="teacher", roles=[TEACHER], first_name="Полина", last_name="Ёлкина")


def test_the_whole_year_in_a_browser(browser, live_server, school, tmp_path: Path) -> None:
    _setup_school()
    try:
        _the_year(browser, live_server, tmp_path)
    except Exception:
        # What each open page showed when a step failed, for the CI's artifacts.
        for n, opened in enumerate(p for context in browser.contexts for p in context.pages):
            _shot(opened, 99 - n, "failed")
        raise
    finally:
        for context in browser.contexts:
            context.close()


def _the_year(browser, live_server, tmp_path: Path) -> None:
    today = timezone.localdate()
    desk = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    desk.set_default_timeout(20_000)
    page = desk.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # «Разослать?», «Принять все?»

    # 1. The curator imports the staff from the personnel department's spreadsheet.
    staff = tmp_path / "sotrudniki.xlsx"
    staff.write_bytes(
        xlsx_bytes(
            [
                ["№", "ФИО", "Дата рождения", "Должность", "МО", "Стаж", "E-mail"],
                [
                    1,
                    "Ёлкина Полина Владимировна",
                    "12.03.2001",
                    "Учитель математики",
                    "МО учителей математики",
                    "1 год",
                    "elkina@school.example",
                ],
                [
                    2,
                    "Романова Елена Васильевна",
                    "04.10.1975",
                    "Учитель математики",
                    "МО учителей математики",
                    "25 лет",
                    "romanova@school.example",
                ],
                [
                    3,
                    "Соколов Игорь Петрович",
                    "20.01.1990",
                    "Учитель физики",
                    "МО естественных наук",
                    "8 лет",
                    "sokolov@school.example",
                ],
            ],
            title="Кадры",
        )
    )
    _log_in(page, live_server, "curator")
    page.goto(f"{live_server.url}/people/import/")
    page.get_by_label("Файл со списком").set_input_files(str(staff))
    page.get_by_role("button", name="Проверить файл").click()
    page.get_by_role("heading", name="Проверка файла «sotrudniki.xlsx»").wait_for()
    _shot(page, 1, "import-preview")
    page.get_by_role("button", name="Импортировать").click()
    page.wait_for_url(f"{live_server.url}/people/**")
    assert Person.objects.filter(email__endswith="@school.example").count() == 3
    _shot(page, 2, "import-done")

    # Paper consents are scanned in; the two teachers get their log-ins.
    teacher_person = Person.objects.get(surname="Ёлкина")
    mentor_person = Person.objects.get(surname="Романова")
    for person in Person.objects.filter(email__endswith="@school.example"):
        ConsentFactory(person=person, valid_from=today - datetime.timedelta(days=7))
    ConsentFactory(
        person=mentor_person,
        kind=ConsentKind.MENTOR_AGREEMENT,
        valid_from=today - datetime.timedelta(days=7),
    )
    for person, username in ((teacher_person, "teacher"), (mentor_person, "mentor")):
        person.user = User.objects.get(username=username)
        person.save(update_fields=["user"])

    # 2. The roadmap of the year from the standard template.
    page.goto(f"{live_server.url}/roadmap/new/")
    page.get_by_label("Система наставничества педагогических работников").check()
    page.get_by_role("button", name="Создать").click()
    page.get_by_text("Дорожная карта на").first.wait_for()
    assert page.locator("tr[id^=event-]").count() > 10
    _shot(page, 3, "roadmap")

    # The order appointing the curator: it goes on the public page at the end.
    page.goto(f"{live_server.url}/documents/new/")
    card = page.locator(".kind-card", has_text="Приказ о назначении куратора")
    card.get_by_role("link", name="Составить").click()
    page.get_by_label("Куратор", exact=False).and_(page.locator("select")).select_option(
        label="Бондаренко Татьяна Николаевна, заместитель директора по УВР"
    )
    page.get_by_role("button", name="Создать черновик").click()
    page.get_by_role("button", name="Передать на утверждение").click()
    page.get_by_text("Документ передан директору на утверждение.").wait_for()

    # 3. The mentee request and the mentor's offer go to the mathematics teachers.
    def launch(questionnaire: str, title: str) -> None:
        page.goto(f"{live_server.url}/surveys/campaigns/new/")
        page.get_by_label("Анкета").select_option(label=questionnaire)
        page.get_by_label("Название опроса").fill(title)
        page.get_by_label("Начало").fill(today.isoformat())
        page.get_by_label("Ответить до (включительно)").fill(
            (today + datetime.timedelta(days=14)).isoformat()
        )
        page.get_by_role("button", name="Создать").click()
        page.get_by_text("Опрос создан. Теперь выберите, кого пригласить.").wait_for()
        page.get_by_label("МО учителей математики").check()
        page.get_by_role("button", name="Пригласить").click()
        page.get_by_text("Приглашено:").wait_for()
        page.get_by_role("button", name="Открыть").click()
        page.get_by_text("Опрос открыт").wait_for()
        page.get_by_role("button", name="Разослать приглашения").click()
        page.get_by_text("Отправлено писем:").wait_for()

    launch("Анкета-запрос наставляемого педагога", "Запросы молодых педагогов")
    _shot(page, 4, "request-campaign")
    launch("Чем я могу быть полезен в качестве наставника?", "Кто готов стать наставником")

    # 4. The young teacher answers on her phone, by the link from her letter.
    phone = browser.new_context(locale="ru-RU", viewport=PHONE, is_mobile=True, has_touch=True)
    phone.set_default_timeout(20_000)
    teacher_page = phone.new_page()
    request_link = next(
        LINK.search(m.body).group(0)
        for m in mail.outbox
        if "elkina@school.example" in m.to and "Анкета-запрос" in m.body
    )
    teacher_page.goto(request_link)
    teacher_page.get_by_role("heading", name="Анкета-запрос наставляемого педагога").wait_for()
    _fits_the_phone(teacher_page)
    for no_difficulty in teacher_page.get_by_label("не испытываю затруднений").all():
        no_difficulty.check()
    for topic in ("Взаимодействие с родителями", "Дисциплина на уроке"):
        teacher_page.locator("fieldset", has_text=topic).get_by_label(
            "испытываю значительные затруднения"
        ).check()
    _shot(teacher_page, 5, "teacher-answers-on-phone")
    teacher_page.get_by_role("button", name="Отправить ответы").tap()
    teacher_page.get_by_role("heading", name="Спасибо, ответ получен").wait_for()
    _shot(teacher_page, 6, "teacher-answer-received")
    assert MenteeProfile.objects.filter(person=teacher_person).exists()

    # 5. The mentor candidate offers her help (on her own computer).
    mentor_desk = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    mentor_desk.set_default_timeout(20_000)
    offer = mentor_desk.new_page()
    offer_link = next(
        LINK.search(m.body).group(0)
        for m in mail.outbox
        if "romanova@school.example" in m.to and "полезен" in m.body
    )
    offer.goto(offer_link)
    offer.get_by_role("heading", name="Чем я могу быть полезен в качестве наставника?").wait_for()
    experience = offer.locator("fieldset", has_text="Есть ли у вас опыт наставничества?")
    experience.get_by_label("да", exact=True).check()
    helps = offer.locator("fieldset", has_text="В чём вы можете помочь наставляемому?")
    for topic in ("работа с родителями", "дисциплина и управление классом"):
        helps.get_by_label(topic).check()
    offer.locator("fieldset", has_text="Какие формы наставничества").get_by_label(
        "традиционная «один на один»"
    ).check()
    offer.get_by_label("Скольких наставляемых вы готовы вести одновременно?").fill("2")
    _shot(offer, 7, "mentor-offers-help")
    offer.get_by_role("button", name="Отправить ответы").click()
    offer.get_by_role("heading", name="Спасибо, ответ получен").wait_for()
    assert MentorProfile.objects.filter(person=mentor_person).exists()
    mentor_desk.close()

    # 6. The curator runs the matching and accepts the proposal.
    page.goto(f"{live_server.url}/matching/")
    traditional = MentoringForm.objects.get(code="traditional")
    page.get_by_label("Форма наставничества").select_option(value=str(traditional.pk))
    page.get_by_role("button", name="Подобрать").click()
    page.get_by_role("heading", name=re.compile("^Подбор от")).wait_for()
    row = page.locator("tr", has_text="Ёлкина Полина Владимировна")
    assert "Романова Елена Васильевна" in row.inner_text()
    _shot(page, 8, "matching-proposal")
    row.get_by_role("button", name="Принять").click()
    row.get_by_text("принята").wait_for()
    _shot(page, 9, "matching-accepted")

    # 7. The pairs order in one click, sent to the director.
    page.goto(f"{live_server.url}/pairs/")
    page.get_by_role("button", name="Сформировать приказ о закреплении").click()
    page.get_by_text("Проект приказа о закреплении пар создан").wait_for()
    page.get_by_role("button", name="Передать на утверждение").click()
    page.get_by_text("Документ передан директору на утверждение.").wait_for()
    _shot(page, 10, "pairs-order-submitted")

    # 8. The director approves both orders and downloads the signed PDF.
    _log_in(page, live_server, "director")
    page.goto(f"{live_server.url}/documents/approvals/")
    _shot(page, 11, "director-approvals")
    numbers = {}
    for title in ("О назначении куратора наставничества", "О закреплении наставнических пар"):
        page.goto(f"{live_server.url}/documents/approvals/")
        page.get_by_role("link", name=title).first.click()
        page.get_by_role("link", name="Утвердить").click()
        expected = page.locator(".approve-number").inner_text()
        page.get_by_role("button", name="Утвердить").click()
        page.get_by_text(f"Документ утверждён под {expected}.").wait_for()
        numbers[title] = expected.removeprefix("№ ")
    pairs_order = Document.objects.get(kind="order_pairs")
    assert pairs_order.status == DocumentStatus.APPROVED
    assert pairs_order.number == numbers["О закреплении наставнических пар"]
    _shot(page, 12, "pairs-order-approved")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Скачать PDF").click()
    pdf = Path(download_info.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert pairs_order.number in text  # «№ 2-О» (pdftotext may glue «№» to the number)
    assert "Ёлкина" in text and "Романова" in text
    pair = Mentorship.objects.get()

    # The curator starts the pair's work once the order is signed.
    _log_in(page, live_server, "curator")
    page.goto(f"{live_server.url}/pairs/")
    page.get_by_role("link", name=re.compile("Романова Елена Васильевна")).first.click()
    page.get_by_role("button", name="Начать работу").click()
    page.get_by_text("работает").first.wait_for()
    pair.refresh_from_db()
    assert pair.status == MentorshipStatus.ACTIVE

    # 9. The mentor logs a meeting on her phone: the pair card, a kind, «Записать».
    mentor_page = phone.new_page()
    _log_in(mentor_page, live_server, "mentor")
    card = mentor_page.locator(f"[aria-labelledby='pair-{pair.pk}-title']")
    card.get_by_role("link", name="Записать встречу").tap()  # 1
    mentor_page.get_by_role("heading", name="Записать встречу").wait_for()
    _fits_the_phone(mentor_page)
    _shot(mentor_page, 13, "meeting-form-on-phone")
    mentor_page.get_by_text("Рабочая встреча", exact=True).tap()  # 2
    mentor_page.get_by_role("button", name="Записать", exact=True).tap()  # 3
    mentor_page.get_by_text("Встреча записана").wait_for()
    meeting = Meeting.objects.get()
    assert list(meeting.mentorships.all()) == [pair]
    _shot(mentor_page, 14, "meeting-logged")

    # 10. The mentee answers the feedback form from the letter about the meeting.
    feedback = phone.new_page()
    feedback.context.clear_cookies()
    # The letter is sent after the request, with the site's address from the settings.
    feedback.goto(live_server.url + urlsplit(_link_sent_to("elkina@school.example")).path)
    feedback.get_by_role("heading", name="Обратная связь после встречи (наставляемый)").wait_for()
    _fits_the_phone(feedback)
    for question in feedback.locator("fieldset.question").all():
        options = question.locator("input[type=radio]")
        if options.count():
            options.last.check()
    _shot(feedback, 15, "feedback-form")
    feedback.get_by_role("button", name="Отправить ответы").tap()
    feedback.get_by_role("heading", name="Спасибо, ответ получен").wait_for()
    assert Response.objects.filter(invitation__about_id=meeting.pk, person=teacher_person).exists()
    phone.close()

    # 11. The curator's dashboard and the monitoring report, stage 1.
    page.goto(f"{live_server.url}/documents/dashboard/")
    page.get_by_role("heading", name="Мониторинг программы").wait_for()
    _shot(page, 16, "dashboard")
    page.goto(f"{live_server.url}/documents/reports/stage-1/")
    page.get_by_role("heading", name=re.compile("качество процесса")).first.wait_for()
    regularity = page.locator("section[aria-labelledby=stage1-meetings]").inner_text()
    assert re.search(r"Из 1 работающей пары и группы .* встречались 1 \(100", regularity)
    _shot(page, 17, "report-stage1")

    # 12. The public page opens and shows the approved order.
    page.goto(f"{live_server.url}/documents/public-page/")
    page.get_by_label("Страница открыта").check()
    page.get_by_role("button", name="Сохранить").click()
    page.get_by_text("Настройки страницы «Наставничество» сохранены.").wait_for()
    curator_order = Document.objects.get(kind="order_curator")
    page.goto(f"{live_server.url}{curator_order.get_absolute_url()}")
    page.get_by_role("button", name="Опубликовать на странице").click()
    page.get_by_text("Документ опубликован на странице «Наставничество».").wait_for()
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/nastavnichestvo/")
    order_link = page.get_by_role("link", name=re.compile("О назначении куратора наставничества"))
    assert order_link.first.is_visible()
    published = page.request.get(live_server.url + order_link.first.get_attribute("href"))
    assert published.ok and published.body().startswith(b"%PDF")
    assert f"№ {curator_order.number}" in page.content()
    _shot(page, 18, "public-page")
    desk.close()
