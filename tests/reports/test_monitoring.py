"""The monitoring reports: built data on known answers (the arithmetic is written out), their
PDF, DOCX and XLSX, the curator's texts, the municipal columns, who opens them, query counts."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document as read_docx
from openpyxl import load_workbook

from mentorship.common import AuditEntry
from mentorship.models import Case, Meeting, MenteeProfile, MentorProfile, PersonKind, Reward
from reports import kpi
from reports.docx import build_docx
from reports.models import Document, DocumentStatus, ExportTemplate, ReportNote
from reports.monitoring import builders
from reports.monitoring.annual import Roles
from reports.monitoring.common import NO_FORM
from reports.monitoring.services import ReportError, report_notes_save
from reports.printing import Image, Paragraph, PrintDocument, from_json, plain_text, to_json
from reports.renderers import render_html
from roadmap.models import EventStatus
from surveys.models import Answer, Moment, Purpose, Response
from tests.factories import (
    CampaignFactory,
    EventFactory,
    InvitationFactory,
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorProfileFactory,
    MentorshipFactory,
    PersonFactory,
    ProgrammeYearFactory,
    QuestionFactory,
    QuestionnaireFactory,
    RoadmapFactory,
    StageFactory,
)
from tests.reports.pdf import pdf_text

NOW = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 27)

PAGES = (
    "reports:report-stage1",
    "reports:report-stage2",
    "reports:report-satisfaction",
    "reports:report-annual",
    "reports:report-municipal",
)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(NOW, tick=False):
        yield


# --- helpers ---------------------------------------------------------------------------


def _person(surname: str, name: str = "Анна", **kwargs):
    return PersonFactory(surname=surname, name=name, patronymic="Сергеевна", **kwargs)


def _mentee(person) -> MenteeProfile:
    return MenteeProfile.objects.filter(person=person).first() or MenteeProfileFactory(
        person=person
    )


def _mentor(person) -> MentorProfile:
    return MentorProfile.objects.filter(person=person).first() or MentorProfileFactory(
        person=person
    )


def _pair(year, form, mentor, mentees, status="active"):
    return MentorshipFactory(
        year=year,
        form=form,
        mentor=_mentor(mentor),
        members=[_mentee(person) for person in mentees],
        status=status,
    )


def _answer(campaign, person, values: dict, *, submitted: bool = True) -> Response:
    """One person's response: a number for scales, «yes»/«no» or text for the rest."""
    invitation = InvitationFactory(campaign=campaign, person=person)
    response = Response.objects.create(
        questionnaire=campaign.questionnaire,
        invitation=invitation,
        person=person,
        submitted_at=timezone.now() if submitted else None,
    )
    for question, value in values.items():
        if question.kind in ("scale", "number"):
            Answer.objects.create(response=response, question=question, number=value)
        else:
            Answer.objects.create(response=response, question=question, text=value)
    if submitted:
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["answered_at"])
    return response


def _meeting(pair, held_on: datetime.date) -> Meeting:
    meeting = Meeting.objects.create(held_on=held_on)
    meeting.mentorships.add(pair)
    return meeting


def _get(client, url_name: str, **params):
    return client.get(reverse(url_name), params)


def _workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def _rows(sheet) -> list[tuple]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


# --- the Image block -----------------------------------------------------------------


def test_an_image_block_survives_the_json_round_trip_and_prints_as_an_embedded_svg() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect/></svg>'
    doc = PrintDocument(
        kind="monitoring_test",
        organisation=("МБОУ «СШ № 5»",),
        doc_type="ОТЧЁТ",
        title="о проверке",
        blocks=(Paragraph("Текст"), Image(svg, "Диаграмма встреч", width=80)),
    )

    again = from_json(to_json(doc))

    assert again == doc
    assert again.blocks[1].data_uri.startswith("data:image/svg+xml;base64,")
    assert "Диаграмма встреч" in plain_text(doc)
    html = render_html(doc)
    assert '<img src="data:image/svg+xml;base64,' in html and "<svg" not in html
    assert "<figcaption" in html and "width: 80%" in html


def test_a_data_uri_is_kept_and_word_gets_a_caption_instead_of_the_picture() -> None:
    uri = "data:image/png;base64,iVBORw0KGgo="
    doc = PrintDocument(
        kind="monitoring_test",
        organisation=("МБОУ «СШ № 5»",),
        doc_type="ОТЧЁТ",
        title="о проверке",
        blocks=(Image(uri, "Удовлетворённость"),),
    )

    assert doc.blocks[0].data_uri == uri
    word = read_docx(io.BytesIO(build_docx(doc)))
    texts = [para.text for para in word.paragraphs]
    assert "Удовлетворённость (диаграмма — см. PDF)" in texts


# --- stage 1 -------------------------------------------------------------------------


def _first_stage(year):
    roadmap = RoadmapFactory(year=year)
    first = StageFactory(roadmap=roadmap, number=1, title="Подготовка условий")
    later = StageFactory(roadmap=roadmap, number=2, title="База наставляемых")
    EventFactory(
        stage=first,
        number="1.1",
        title="Издать приказ о внедрении",
        status=EventStatus.DONE,
        done_on=datetime.date(2026, 9, 10),
        document_kind="order_implementation",
    )
    EventFactory(
        stage=first,
        number="1.2",
        title="Раздел на сайте",
        end_date=datetime.date(2026, 10, 31),  # passed: overdue
    )
    EventFactory(stage=first, number="1.3", title="Положение", end_date=datetime.date(2026, 12, 20))
    EventFactory(stage=later, number="2.1", title="Анкетирование", status=EventStatus.DONE)
    return roadmap


def test_stage1_checks_the_first_stage_of_the_roadmap(school, year) -> None:
    _first_stage(year)

    report = builders.stage1_report(year=year, today=TODAY)

    # the first stage only: 1.1 done, 1.2 overdue, 1.3 still in time; 2.1 is another stage
    assert [c.number for c in report.conditions] == ["1.1", "1.2", "1.3"]
    assert [c.done for c in report.conditions] == [True, False, False]
    assert [c.overdue for c in report.conditions] == [False, True, False]
    assert report.conditions_done == 1
    assert report.stage_title == "Подготовка условий"
    required = {r.label: r.done for r in report.requirements}
    assert required["приказ о внедрении наставничества"] is True
    assert required["положение о наставничестве"] is False


def _curator_questionnaire():
    questionnaire = QuestionnaireFactory(
        title="Анкета куратора: условия программы и SWOT", purpose=Purpose.CURATOR_MONITORING
    )
    q = {
        "acts": QuestionFactory(
            questionnaire=questionnaire, kind="yes_no", text="Приняты локальные акты"
        ),
        "training": QuestionFactory(
            questionnaire=questionnaire, kind="yes_no", text="Наставники прошли обучение"
        ),
        "s": QuestionFactory(
            questionnaire=questionnaire, kind="long_text", text="Сильные стороны программы"
        ),
        "w": QuestionFactory(questionnaire=questionnaire, kind="long_text", text="Слабые стороны"),
        "o": QuestionFactory(questionnaire=questionnaire, kind="long_text", text="Возможности"),
        "t": QuestionFactory(questionnaire=questionnaire, kind="long_text", text="Угрозы"),
        "other": QuestionFactory(questionnaire=questionnaire, kind="long_text", text="Замечания"),
    }
    return questionnaire, q


def test_stage1_shows_the_curators_checks_and_swot(school, year) -> None:
    questionnaire, q = _curator_questionnaire()
    campaign = CampaignFactory(year=year, questionnaire=questionnaire, title="Анкета куратора")
    _answer(
        campaign,
        _person("Иванова", "Мария"),
        {
            q["acts"]: "yes",
            q["training"]: "no",
            q["s"]: "Опытные наставники",
            q["w"]: "Мало времени на встречи",
            q["o"]: "Партнёрство с вузом",
            q["t"]: "Перегрузка педагогов",
            q["other"]: "Нужен кабинет",
        },
    )

    survey = builders.stage1_report(year=year, today=TODAY).survey

    assert survey is not None and survey.answered == 1
    assert [(c.text, c.answer) for c in survey.checks] == [
        ("Приняты локальные акты", "да"),
        ("Наставники прошли обучение", "нет"),
    ]
    assert {s.code: s.entries for s in survey.swot} == {
        "strengths": ("Опытные наставники",),
        "weaknesses": ("Мало времени на встречи",),
        "opportunities": ("Партнёрство с вузом",),
        "threats": ("Перегрузка педагогов",),
    }
    assert survey.comments == ("Нужен кабинет",)


def test_without_curator_answers_the_report_says_how_to_get_them(
    curator_client, school, year
) -> None:
    questionnaire, _q = _curator_questionnaire()
    CampaignFactory(year=year, questionnaire=questionnaire)  # sent, nobody answered yet

    report = builders.stage1_report(year=year, today=TODAY)
    page = _get(curator_client, "reports:report-stage1").content.decode()
    pdf = pdf_text(_get(curator_client, "reports:report-stage1-pdf").content)

    assert report.survey is None
    assert report.questionnaire == "Анкета куратора: условия программы и SWOT"
    assert "Анкету куратора в этом учебном году ещё не заполняли" in page
    assert "«Анкета куратора: условия программы и SWOT»" in page
    assert reverse("surveys:campaign-create") in page
    assert "Анкета куратора в этом учебном году не заполнена" in pdf
    assert "Пригласите в опрос себя (куратора)" in pdf


def test_stage1_counts_pairs_meeting_within_the_interval_per_form(school, year) -> None:
    teachers = MentoringFormFactory(title="«педагог – педагог»", order=1)
    pupils = MentoringFormFactory(title="«ученик – ученик»", order=2)
    a = _pair(year, teachers, _person("Петров"), [_person("Алиева")])
    b = _pair(year, teachers, _person("Шевчук"), [_person("Ким")])
    c = _pair(year, pupils, _person("Орлова"), [_person("Зайцев")])
    done = _pair(year, teachers, _person("Лебедев"), [_person("Титов")], status="finished")
    _meeting(a, TODAY - datetime.timedelta(days=5))  # within 14 days
    _meeting(a, datetime.date(2026, 10, 1))
    _meeting(b, TODAY - datetime.timedelta(days=20))  # too long ago
    _meeting(c, TODAY - datetime.timedelta(days=1))
    _meeting(done, TODAY - datetime.timedelta(days=2))  # finished: not a working pair

    report = builders.stage1_report(year=year, today=TODAY)

    # teachers: a met, b did not → 1 of 2 = 50 %; meetings of the year: 2 (a) + 1 (b) + 1
    # (the finished pair's, still this form's meeting of the year) = 4; pupils: 1 of 1
    rows = [(r.title, r.met, r.total, r.percent, r.meetings) for r in report.meetings_by_form]
    assert rows == [
        ("«педагог – педагог»", 1, 2, Decimal("50.0"), 4),
        ("«ученик – ученик»", 1, 1, Decimal("100.0"), 1),
    ]
    # the overall figure is the dashboard's: 2 of the 3 working pairs
    assert (report.meetings.met, report.meetings.total) == (2, 3)
    assert report.meetings == kpi.meeting_regularity(year=year, today=TODAY, interval_days=14)


def test_stage1_pdf_and_xlsx_carry_the_figures(curator_client, school, year) -> None:
    _first_stage(year)
    questionnaire, q = _curator_questionnaire()
    campaign = CampaignFactory(year=year, questionnaire=questionnaire)
    _answer(campaign, _person("Иванова"), {q["acts"]: "yes", q["s"]: "Опытные наставники"})
    form = MentoringFormFactory(title="«педагог – педагог»")
    _meeting(_pair(year, form, _person("Петров"), [_person("Алиева")]), TODAY)

    pdf = pdf_text(_get(curator_client, "reports:report-stage1-pdf").content)
    book = _workbook(_get(curator_client, "reports:report-stage1-xlsx"))

    assert "ОТЧЁТ" in pdf and "Этап 1: оценка качества процесса" in pdf
    assert "Из 3 мероприятий этапа «Подготовка условий» дорожной карты выполнено 1." in pdf
    assert "Опытные наставники" in pdf
    assert "встречались 1 (100,0 %)" in pdf
    assert "Доля пар и групп, встречавшихся в срок" in pdf  # the chart's caption …
    assert "100,0 % (1 из 1)" in pdf  # … and the chart itself, drawn in the PDF
    assert book.sheetnames[:5] == [
        "Условия",
        "Документы этапа 1",
        "Анкета куратора",
        "SWOT",
        "Встречи",
    ]
    first = _rows(book["Условия"])[1]
    assert first[:4] == ("1.1", "Издать приказ о внедрении", "Октябрь 2026 г.", "выполнено")
    assert first[4].date() == datetime.date(2026, 9, 10)
    assert ("Сильные стороны", "Опытные наставники") in _rows(book["SWOT"])
    assert ("«педагог – педагог»", 1, 1, 100, 1) in _rows(book["Встречи"])


# --- stage 2 -------------------------------------------------------------------------


def _growth(year):
    """Entry and exit of one questionnaire: three people answer both times, one only before.

    Алиева (pupils' form is «педагог – педагог»): 4, 6 → 8, 8; Ким («ученик – ученик»):
    6, 6 → 5, 6; Сидоров (in no pair): 2, 4 → 3, 5; Петров answers the entry only: 10, 10.
    """
    teachers = MentoringFormFactory(title="«педагог – педагог»", order=1)
    pupils = MentoringFormFactory(title="«ученик – ученик»", order=2)
    alieva, kim, sidorov, petrov = (
        _person("Алиева", "Патимат", department="МО физики"),
        _person("Ким", "Артём"),
        _person("Сидоров", "Олег"),
        _person("Петров", "Иван"),
    )
    _pair(year, teachers, _person("Шевчук"), [alieva])
    _pair(year, pupils, _person("Орлова"), [kim])
    questionnaire = QuestionnaireFactory(title="Профессиональные затруднения")
    confidence = QuestionFactory(
        questionnaire=questionnaire, kind="scale", scale_min=1, scale_max=10, text="Уверенность"
    )
    planning = QuestionFactory(
        questionnaire=questionnaire, kind="scale", scale_min=1, scale_max=10, text="Планирование"
    )
    before = CampaignFactory(
        year=year,
        questionnaire=questionnaire,
        title="Входное анкетирование",
        moment=Moment.BEFORE,
        starts_on=datetime.date(2026, 9, 15),
        ends_on=datetime.date(2026, 9, 30),
    )
    after = CampaignFactory(
        year=year,
        questionnaire=questionnaire,
        title="Итоговое анкетирование",
        moment=Moment.AFTER,
        starts_on=datetime.date(2026, 11, 20),
    )
    for person, (first, second), (third, fourth) in (
        (alieva, (4, 6), (8, 8)),
        (kim, (6, 6), (5, 6)),
        (sidorov, (2, 4), (3, 5)),
    ):
        _answer(before, person, {confidence: first, planning: second})
        _answer(after, person, {confidence: third, planning: fourth})
    _answer(before, petrov, {confidence: 10, planning: 10})
    # another questionnaire measured only at the entry waits for its exit
    CampaignFactory(
        year=year,
        questionnaire=QuestionnaireFactory(title="Мотивация"),
        moment=Moment.BEFORE,
    )


def test_stage2_compares_items_people_and_forms_before_and_after(school, year) -> None:
    _growth(year)

    report = builders.stage2_report(year=year)

    [measurement] = report.measurements
    assert measurement.title == "Профессиональные затруднения"
    items = [
        (i.text, i.before_n, i.before_mean, i.after_n, i.after_mean, i.change)
        for i in measurement.comparison.items
    ]
    # Уверенность: before (4 + 6 + 2 + 10) / 4 = 5.50, after (8 + 5 + 3) / 3 = 5.33,
    # change 5.333… − 5.5 = −0.17; Планирование: (6 + 6 + 4 + 10) / 4 = 6.50,
    # (8 + 6 + 5) / 3 = 6.33, change −0.17
    assert items == [
        ("Уверенность", 4, Decimal("5.50"), 3, Decimal("5.33"), Decimal("-0.17")),
        ("Планирование", 4, Decimal("6.50"), 3, Decimal("6.33"), Decimal("-0.17")),
    ]
    # per person (both times only): Алиева 5 → 8 (+3), Ким 6 → 5.5 (−0.5), Сидоров 3 → 4 (+1)
    people = [(p.name.split()[0], p.forms, p.before, p.after, p.change) for p in measurement.people]
    assert people == [
        ("Алиева", "«педагог – педагог»", Decimal("5.00"), Decimal("8.00"), Decimal("3.00")),
        ("Ким", "«ученик – ученик»", Decimal("6.00"), Decimal("5.50"), Decimal("-0.50")),
        ("Сидоров", "", Decimal("3.00"), Decimal("4.00"), Decimal("1.00")),
    ]
    # the mean of the three changes: (3 − 0.5 + 1) / 3 = 1.1666… → 1.17
    assert measurement.comparison.mean_change == Decimal("1.17")
    assert (measurement.comparison.improved, measurement.comparison.declined) == (2, 1)
    forms = [(f.title, f.people, f.before, f.after, f.change) for f in measurement.by_form]
    assert forms == [
        ("«педагог – педагог»", 1, Decimal("5.00"), Decimal("8.00"), Decimal("3.00")),
        ("«ученик – ученик»", 1, Decimal("6.00"), Decimal("5.50"), Decimal("-0.50")),
        (NO_FORM, 1, Decimal("3.00"), Decimal("4.00"), Decimal("1.00")),
    ]
    assert report.waiting == ("«Мотивация»: нет итогового замера",)


def test_stage2_pdf_and_xlsx_carry_the_changes(curator_client, school, year) -> None:
    _growth(year)

    pdf = pdf_text(_get(curator_client, "reports:report-stage2-pdf").content)
    book = _workbook(_get(curator_client, "reports:report-stage2-xlsx"))

    assert "Этап 2: оценка роста участников" in pdf
    assert "средний прирост по шкалам +1,17" in pdf
    assert "Уверенность 5,50 (n=4) 5,33 (n=3) −0,17" in pdf
    assert "Алиева Патимат Сергеевна «педагог – педагог» 5,00 8,00 +3,00" in pdf
    assert "Входной замер Итоговый замер" in pdf  # the chart's legend
    assert "«Мотивация»: нет итогового замера" in pdf
    people = _rows(book["Участники"])
    assert people[0] == (
        "Анкета",
        "ФИО",
        "Методобъединение или класс",
        "Форма",
        "До",
        "После",
        "Изменение",
    )
    assert (
        "Профессиональные затруднения",
        "Алиева Патимат Сергеевна",
        "МО физики",
        "«педагог – педагог»",
        5,
        8,
        3,
    ) in people
    assert len(_rows(book["Показатели"])) == 3  # the header and two items


def test_a_downloaded_report_is_written_in_the_audit_log(curator_client, school, year) -> None:
    _growth(year)

    _get(curator_client, "reports:report-stage2-xlsx")

    entry = AuditEntry.objects.get(action="report.export")
    assert entry.data == {
        "report": "stage2",
        "title": "Мониторинг, этап 2: рост участников",
        "format": "xlsx",
    }


# --- satisfaction ---------------------------------------------------------------------


def _satisfaction(year):
    """Two mentors and two mentees answer, one of each per form.

    Mentors (1–10): Петров («педагог – педагог») 8 and «да», Шевчук («ученик – ученик») 6
    and «нет». Mentees: comfort on 1–5 and usefulness on 1–10 — Алиева (teachers) 5 and 7,
    Ким (pupils) 3 and 9.
    """
    teachers = MentoringFormFactory(title="«педагог – педагог»", order=1)
    pupils = MentoringFormFactory(title="«ученик – ученик»", order=2)
    petrov, shevchuk = _person("Петров"), _person("Шевчук")
    alieva, kim = _person("Алиева"), _person("Ким")
    _pair(year, teachers, petrov, [alieva])
    _pair(year, pupils, shevchuk, [kim])
    mentors = QuestionnaireFactory(purpose=Purpose.MENTOR_SATISFACTION)
    effect = QuestionFactory(
        questionnaire=mentors, kind="scale", scale_min=1, scale_max=10, text="Эффективность"
    )
    go_on = QuestionFactory(questionnaire=mentors, kind="yes_no", text="Продолжите?")
    QuestionFactory(questionnaire=mentors, kind="long_text", text="Что ценно?")
    mentees = QuestionnaireFactory(purpose=Purpose.MENTEE_SATISFACTION)
    comfort = QuestionFactory(
        questionnaire=mentees, kind="scale", scale_min=1, scale_max=5, text="Комфорт"
    )
    useful = QuestionFactory(
        questionnaire=mentees, kind="scale", scale_min=1, scale_max=10, text="Польза"
    )
    to_mentors = CampaignFactory(year=year, questionnaire=mentors, title="Итоги: наставники")
    to_mentees = CampaignFactory(year=year, questionnaire=mentees, title="Итоги: наставляемые")
    _answer(to_mentors, petrov, {effect: 8, go_on: "yes"})
    _answer(to_mentors, shevchuk, {effect: 6, go_on: "no"})
    _answer(to_mentees, alieva, {comfort: 5, useful: 7})
    _answer(to_mentees, kim, {comfort: 3, useful: 9})
    InvitationFactory(campaign=to_mentees)  # invited, not answered


def test_satisfaction_sets_mentors_against_mentees_per_item_and_per_form(school, year) -> None:
    _satisfaction(year)

    report = builders.satisfaction_report(year=year)

    # the dashboard's means on 1–10: mentors (8 + 6) / 2 = 7.0; mentees: comfort 5 of 1–5
    # is 10, 3 is 5.5; (10 + 7 + 5.5 + 9) / 4 = 7.875 → 7.9
    assert report.summary.mentors.mean == Decimal("7.0")
    assert report.summary.mentees.mean == Decimal("7.9")
    mentors, mentees = report.surveys
    assert (mentors.side, mentors.answered, mentors.invited) == ("Наставники", 2, 2)
    assert [(i.text, i.n, i.mean, i.scale, i.yes, i.no) for i in mentors.items] == [
        ("Эффективность", 2, Decimal("7.00"), "1–10", 0, 0),
        ("Продолжите?", 2, None, "", 1, 1),  # the free text stays on the analytics page
    ]
    assert (mentees.side, mentees.answered, mentees.invited) == ("Наставляемые", 2, 3)
    assert [(i.text, i.mean, i.scale) for i in mentees.items] == [
        ("Комфорт", Decimal("4.00"), "1–5"),
        ("Польза", Decimal("8.00"), "1–10"),
    ]
    # per form on 1–10: teachers — mentors 8.0, mentees (10 + 7) / 2 = 8.5;
    # pupils — mentors 6.0, mentees (5.5 + 9) / 2 = 7.25 → 7.3
    forms = [(f.title, f.mentors, f.mentors_n, f.mentees, f.mentees_n) for f in report.by_form]
    assert forms == [
        ("«педагог – педагог»", Decimal("8.0"), 1, Decimal("8.5"), 1),
        ("«ученик – ученик»", Decimal("6.0"), 1, Decimal("7.3"), 1),
    ]


def test_satisfaction_pdf_and_xlsx_carry_the_means(curator_client, school, year) -> None:
    _satisfaction(year)

    pdf = pdf_text(_get(curator_client, "reports:report-satisfaction-pdf").content)
    book = _workbook(_get(curator_client, "reports:report-satisfaction-xlsx"))

    assert "об удовлетворённости участников" in pdf
    assert "наставников — 7,0 (2 анкеты), наставляемых — 7,9 (2 анкеты)" in pdf
    assert "«ученик – ученик» 6,0 1 7,3 1" in pdf
    assert "да — 1, нет — 1" in pdf
    assert "7,0 из 10 (2 анкеты)" in pdf  # the summary chart
    assert _rows(book["По формам"])[1] == ("«педагог – педагог»", 8, 1, 8.5, 1)
    assert ("Наставляемые", "Итоги: наставляемые", 1, "Комфорт", "1–5", 2, 4, None, None) in (
        _rows(book["По вопросам"])
    )


# --- the annual analytic report ------------------------------------------------------


def _year_of_work(year):
    form = MentoringFormFactory(title="«педагог – педагог»")
    young = _person("Алиева", birth_date=datetime.date(1999, 1, 1), teaching_experience_years=1)
    pupil = _person("Зайцев", kind=PersonKind.PUPIL, teaching_experience_years=None)
    _person("Орлов", kind=PersonKind.PUPIL, teaching_experience_years=None)  # not involved
    petrov = _person("Петров")
    pair = _pair(year, form, petrov, [young, pupil])  # a group of two
    _pair(year, form, _person("Шевчук"), [_person("Ким")])
    _meeting(pair, datetime.date(2026, 10, 1))
    _meeting(pair, TODAY)
    for kind in ("order_curator", "order_pairs"):
        Document.objects.create(
            kind=kind, year=year, title="Приказ", status=DocumentStatus.APPROVED, approved_on=TODAY
        )
    Document.objects.create(kind="order_curator", year=year, title="Черновик")  # not issued
    Case.objects.create(year=year, title="Кейс", problem="п", actions="д", result="р")
    Case.objects.create(
        year=year, title="Кейс 2", problem="п", actions="д", result="р", is_published=True
    )
    Reward.objects.create(year=year, person=petrov, kind="gratitude")
    Reward.objects.create(year=ProgrammeYearFactory(title="2025/2026"), person=petrov, kind="bonus")


def test_the_annual_report_fills_in_the_numbers_of_the_year(school, year) -> None:
    _year_of_work(year)

    facts = builders.annual_report(year=year, today=TODAY).facts

    assert facts.dashboard == kpi.dashboard(year, TODAY)  # the dashboard's own figures
    # people: mentors Петров, Шевчук; mentees Алиева, Зайцев, Ким; pupils: Зайцев only
    assert facts.roles == Roles(mentors=2, mentees=3, pupil_mentors=0, pupil_mentees=1)
    assert facts.dashboard.pupils.involved == 1 and facts.dashboard.pupils.total == 2
    assert (facts.dashboard.forms.pairs, facts.dashboard.forms.groups) == (1, 1)
    assert facts.meetings_held == 2
    assert [(row.label, row.count) for row in facts.documents] == [
        ("Приказ о назначении куратора", 1),
        ("Приказ о закреплении наставнических пар и групп", 1),
    ]
    assert (facts.cases, facts.cases_published) == (2, 1)
    assert [(row.label, row.count) for row in facts.rewards] == [("благодарность", 1)]


def test_the_curators_conclusions_go_into_the_annual_report(curator_client, school, year) -> None:
    _year_of_work(year)
    url = reverse("reports:report-notes", args=["annual"])

    response = curator_client.post(
        f"{url}?year={year.pk}",
        {
            "conclusions": "Программа выполнена.\nНаставники работают регулярно.",
            "proposals": "Обучить ещё пятерых наставников.",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('reports:report-annual')}?year={year.pk}"
    note = ReportNote.objects.get(year=year, report_code="annual", section="conclusions")
    assert note.text == "Программа выполнена.\nНаставники работают регулярно."
    assert AuditEntry.objects.filter(action="report_note.save").count() == 1
    page = _get(curator_client, "reports:report-annual").content.decode()
    assert "Наставники работают регулярно." in page and "Обучить ещё пятерых" in page
    pdf = pdf_text(_get(curator_client, "reports:report-annual-pdf").content)
    assert "АНАЛИТИЧЕСКАЯ СПРАВКА" in pdf
    assert "10. Выводы Программа выполнена. Наставники работают регулярно." in pdf
    assert "11. Предложения Обучить ещё пятерых наставников." in pdf
    word = read_docx(io.BytesIO(_get(curator_client, "reports:report-annual-docx").content))
    texts = [para.text for para in word.paragraphs]
    assert "Обучить ещё пятерых наставников." in texts
    assert "Пары и группы по формам (диаграмма — см. PDF)" in texts


def test_the_annual_pdf_states_the_figures(curator_client, school, year) -> None:
    _year_of_work(year)

    pdf = pdf_text(_get(curator_client, "reports:report-annual-pdf").content)
    book = _workbook(_get(curator_client, "reports:report-annual-xlsx"))

    assert "по итогам реализации программы наставничества в 2026/2027 учебном году" in pdf
    assert "участвуют 5 человек" in pdf
    assert "вовлечено 1 из 2 обучающихся (50,0 %) при целевом значении не менее 70 %" in pdf
    assert "целевое значение не достигнуто" in pdf
    assert "Работают 1 пара и 1 группа, в них 3 наставляемых." in pdf
    assert "проведено 2 встречи" in pdf
    assert "Утверждено 2 документа" in pdf
    assert "внесено 2 кейса, из них опубликовано 1" in pdf
    assert "Раздел не заполнен" in pdf  # no conclusions written yet
    assert "Иванова" not in pdf and "Бондаренко" in pdf  # signed by who downloaded it
    indicators = dict(_rows(book["Показатели"])[1:])
    assert indicators["Участников программы, всего"] == 5
    assert indicators["Доля обучающихся, вовлечённых в наставничество, %"] == 50


def test_notes_are_refused_for_an_unknown_section_or_report(school, year) -> None:
    with pytest.raises(ReportError):
        report_notes_save(year=year, report_code="annual", texts={"intro": "…"}, actor=None)
    with pytest.raises(ReportError):
        report_notes_save(year=year, report_code="municipal", texts={}, actor=None)


# --- the municipal export ------------------------------------------------------------


def test_the_municipal_export_uses_the_default_columns_until_the_curator_chooses(
    school, year
) -> None:
    _year_of_work(year)

    export = builders.municipal_export(year=year, today=TODAY)

    assert not export.saved
    assert [c.code for c in export.columns][:3] == ["school", "year", "participants"]
    assert [c.value for c in export.columns][:3] == ["МБОУ «СШ № 5»", "2026/2027", 5]
    codes = {indicator.code for indicator in export.indicators}
    form_code = next(code for code in codes if code.startswith("form-"))
    assert next(i for i in export.indicators if i.code == form_code).value == 2


def test_the_curator_picks_and_orders_the_columns_and_downloads_them(
    curator_client, school, year
) -> None:
    _year_of_work(year)
    export = builders.municipal_export(year=year, today=TODAY)
    index = {indicator.code: n for n, indicator in enumerate(export.indicators)}

    response = curator_client.post(
        f"{reverse('reports:report-municipal-columns')}?year={year.pk}",
        {
            "title": "Мониторинг наставничества",
            f"use_{index['meetings_held']}": "on",
            f"order_{index['meetings_held']}": "2",
            f"use_{index['school']}": "on",
            f"order_{index['school']}": "1",
            f"use_{index['pupils_percent']}": "on",  # no number: after the numbered ones
        },
    )

    assert response.status_code == 302
    template = ExportTemplate.objects.get(code="municipal")
    assert template.columns == ["school", "meetings_held", "pupils_percent"]
    book = _workbook(_get(curator_client, "reports:report-municipal-xlsx"))
    assert _rows(book.active) == [
        (
            "Образовательная организация",
            "Встреч проведено с начала года",
            "Доля обучающихся, вовлечённых в наставничество, %",
        ),
        ("МБОУ «СШ № 5»", 2, 50),
    ]
    response = _get(curator_client, "reports:report-municipal-csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ["МБОУ «СШ № 5»", "2", "50,0"]  # a decimal comma for Excel in Russian
    assert (
        'filename="svedeniya-dlya-munitsipaliteta-2026-2027-2026-11-27.csv"'
        in (response["Content-Disposition"])
    )
    page = _get(curator_client, "reports:report-municipal").content.decode()
    assert "«Мониторинг наставничества»" in page


def test_choosing_no_column_is_refused(curator_client, school, year) -> None:
    response = curator_client.post(
        f"{reverse('reports:report-municipal-columns')}?year={year.pk}", {"title": "Сведения"}
    )

    assert response.status_code == 200
    assert "Отметьте хотя бы один показатель." in response.content.decode()
    assert not ExportTemplate.objects.exists()


# --- who opens them ------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["mentor", "teacher"])
@pytest.mark.parametrize("url_name", [*PAGES, "reports:report-list", "reports:report-annual-pdf"])
def test_mentors_and_teachers_are_refused(persona_client, persona, url_name, school, year) -> None:
    assert _get(persona_client(persona), url_name).status_code == 403


@pytest.mark.parametrize("persona", ["curator", "director"])
def test_the_report_list_links_every_report_for_the_year(
    persona_client, persona, school, year
) -> None:
    page = _get(persona_client(persona), "reports:report-list").content.decode()

    for url_name in PAGES:
        assert f"{reverse(url_name)}?year={year.pk}" in page
    assert f"{reverse('reports:report-annual-pdf')}?year={year.pk}" in page


def test_the_dashboard_has_a_card_leading_to_the_reports(curator_client, school, year) -> None:
    page = _get(curator_client, "reports:dashboard").content.decode()

    assert f"{reverse('reports:report-list')}?year={year.pk}" in page


def test_another_year_is_reported_when_asked_for(curator_client, school, year) -> None:
    last = ProgrammeYearFactory(title="2025/2026")
    form = MentoringFormFactory(title="«педагог – педагог»")
    _pair(last, form, _person("Петров"), [_person("Алиева")])

    page = _get(curator_client, "reports:report-annual", year=last.pk).content.decode()

    assert "2025/2026 учебный год" in page
    assert "<strong>2 человека</strong>" in page


# --- a fixed number of queries -------------------------------------------------------


@pytest.fixture
def surveyed(year):
    """The year's roadmap and campaigns; ``_grow`` adds people, pairs and their answers."""
    _first_stage(year)
    curator_form, questions = _curator_questionnaire()
    entry = QuestionnaireFactory(title="Вход и выход")
    mentees = QuestionnaireFactory(purpose=Purpose.MENTEE_SATISFACTION)
    return {
        "forms": [MentoringFormFactory(title=f"Форма {n}") for n in range(2)],
        "curator": CampaignFactory(year=year, questionnaire=curator_form),
        "swot": questions["s"],
        "scale": QuestionFactory(questionnaire=entry, kind="scale", scale_min=1, scale_max=10),
        "before": CampaignFactory(year=year, questionnaire=entry, moment=Moment.BEFORE),
        "after": CampaignFactory(year=year, questionnaire=entry, moment=Moment.AFTER),
        "rating": QuestionFactory(questionnaire=mentees, kind="scale", scale_min=1, scale_max=5),
        "satisfaction": CampaignFactory(year=year, questionnaire=mentees),
    }


def _grow(year, data: dict, size: int) -> None:
    for n in range(size):
        mentee = _person(f"Наставляемая{size}x{n}")
        form = data["forms"][n % 2]
        pair = _pair(year, form, _person(f"Наставник{size}x{n}"), [mentee])
        _meeting(pair, TODAY - datetime.timedelta(days=n % 30))
        _answer(data["curator"], _person(f"Куратор{size}x{n}"), {data["swot"]: "Опыт"})
        _answer(data["before"], mentee, {data["scale"]: 4})
        _answer(data["after"], mentee, {data["scale"]: 7})
        _answer(data["satisfaction"], mentee, {data["rating"]: 4})
        Case.objects.create(year=year, title="Кейс", problem="п", actions="д", result="р")
        Reward.objects.create(year=year, person=pair.mentor.person, kind="gratitude")
        Document.objects.create(
            kind="order_pairs", year=year, title="Приказ", status="approved", approved_on=TODAY
        )


def _queries(client, url_name: str) -> int:
    _get(client, url_name)  # the first visit fills the cache: roles, permissions, the school
    with CaptureQueriesContext(connection) as captured:
        assert _get(client, url_name).status_code == 200
    return len(captured.captured_queries)


# Every page opened again: session, user, the years of the selector (the user's roles and
# permissions and the school in the header come from the cache: mentorship/access.py).
PAGE = 3
BUDGETS = {
    # the list of reports builds nothing: its links only
    "reports:report-list": 0,
    # school 1; roadmap 1, its first stage with events 2, the stage's checklist 4; the
    # curator's campaign 1 and its results 5 (rates, questions 2, and the kinds the curator's
    # questionnaire asks: yes/no, texts); meetings 2 and per form 2; feedback 1; the
    # curator's texts 1; the «can write» check reads the cached permissions: 0
    "reports:report-stage1": 20,
    # campaigns 1; people's forms 2; the comparison 3 (questions, answers of both
    # campaigns, the names of who answered both times); texts 1
    "reports:report-stage2": 7,
    # the dashboard's satisfaction 3; campaigns 1 and their scores 4 however many (rates,
    # questions, numbers, yes/no); people's forms 2; answers per form 1; texts 1
    "reports:report-satisfaction": 12,
    # the annual facts (the dashboard's 13 and 6 totals) and the curator's texts 1
    "reports:report-annual": builders.ANNUAL_QUERIES + 1,
    # the annual facts, the forms of mentoring 1, the saved columns 1
    "reports:report-municipal": builders.ANNUAL_QUERIES + 2,
}


@pytest.mark.parametrize("url_name", [*PAGES, "reports:report-list"])
def test_each_report_page_runs_the_same_queries_for_ten_times_the_data(
    director_client, school, year, surveyed, url_name
) -> None:
    _grow(year, surveyed, 2)
    small = _queries(director_client, url_name)
    _grow(year, surveyed, 18)  # 2 + 18 = ten times the small school
    large = _queries(director_client, url_name)

    assert small == large == PAGE + BUDGETS[url_name]
