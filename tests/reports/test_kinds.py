"""The protocol, the roadmap and the programme; and every kind signed, read back from its PDF."""

from __future__ import annotations

import datetime
import io
import re

import docx
import pytest

from mentorship.models import PersonalProgramme, ProgrammeItem
from reports.documents import KINDS, get_kind
from reports.printing import Heading, Items, Paragraph, Signature, Table, from_json
from reports.renderers import render_docx, render_html, render_pdf
from reports.services import document_approve, document_create, document_submit
from tests.factories import EventFactory, RoadmapFactory, StageFactory
from tests.reports.pdf import pdf_text

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 25)


@pytest.fixture
def roadmap(year):
    roadmap = RoadmapFactory(year=year)
    stage = StageFactory(roadmap=roadmap, number=1, title="Подготовка условий")
    EventFactory(
        stage=stage,
        number="1.1",
        title="Издать приказ о внедрении",
        deadline_phrase="сентябрь 2026 г.",
        responsible_text="директор",
        expected_result="приказ",
    )
    return roadmap


@pytest.fixture
def programme(pairs):
    programme = PersonalProgramme.objects.create(
        mentorship=pairs[0],
        title="Программа адаптации",
        goals="Адаптация молодого специалиста",
        development_plan="Посетить пять уроков наставника",
    )
    ProgrammeItem.objects.create(
        programme=programme,
        kind="activity",
        order=1,
        title="Встреча-знакомство",
        due_date=datetime.date(2026, 10, 5),
        expected_result="план работы",
        done_on=datetime.date(2026, 10, 4),
    )
    ProgrammeItem.objects.create(programme=programme, kind="task", title="Освоить ЭЖ")
    return programme


def _protocol(year, chair, secretary):
    return document_create(
        kind="protocol",
        year=year,
        actor=None,
        params={
            "meeting_date": "2026-08-30",
            "present": 31,
            "absent": 2,
            "chair": chair.pk,
            "secretary": secretary.pk,
            "agenda": [
                {
                    "question": "О внедрении системы наставничества",
                    "heard": "Иванову М. П., заместителя директора, — о дорожной карте",
                    "spoke": "Петров И. С.",
                    "decided": "Одобрить Положение и дорожную карту",
                    "votes_for": 31,
                    "votes_against": 0,
                    "votes_abstained": 0,
                }
            ],
        },
    )


def test_protocol_lists_attendance_agenda_and_decisions(school, year, curator_person, pairs):
    secretary = pairs[0].mentor.person
    doc = get_kind("protocol").build(_protocol(year, curator_person, secretary))

    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert doc.doc_type == "ПРОТОКОЛ" and doc.title == "заседания педагогического совета"
    assert doc.date == datetime.date(2026, 8, 30)
    assert texts[:4] == [
        "Председатель — М. П. Иванова",
        "Секретарь — И. С. Петров",
        "Присутствовали: 31 чел.",
        "Отсутствовали: 2 чел.",
    ]
    agenda = next(b for b in doc.blocks if isinstance(b, Items))
    assert [i.text for i in agenda.items] == ["О внедрении системы наставничества"]
    assert "1. СЛУШАЛИ: Иванову М. П., заместителя директора, — о дорожной карте" in texts
    assert "РЕШИЛИ: Одобрить Положение и дорожную карту" in texts
    assert "Голосовали: «за» — 31, «против» — 0, «воздержались» — 0." in texts
    assert doc.blocks[-2:] == (
        Signature("Председатель", "М. П. Иванова"),
        Signature("Секретарь", "И. С. Петров"),
    )


def test_roadmap_document_is_one_table_with_a_row_per_stage(school, year, roadmap):
    document = document_create(kind="roadmap", year=year, actor=None)

    doc = get_kind("roadmap").build(document)

    table = doc.blocks[0]
    assert isinstance(table, Table)
    assert table.rows == (
        ("Этап 1. Подготовка условий",),
        ("1.1", "Издать приказ о внедрении", "сентябрь 2026 г.", "директор", "приказ"),
    )
    assert doc.stamps[0].lines[0] == "УТВЕРЖДАЮ"


def test_roadmap_stamp_cites_the_signed_implementation_order(school, year, roadmap, curator_person):
    order = document_create(
        kind="order_implementation",
        year=year,
        actor=None,
        params={
            "curator": curator_person.pk,
            "stage1_date": "2027-01-31",
            "stage2_date": "2027-05-31",
        },
    )
    document_submit(document=order, actor=None)
    document_approve(document=order, on=DAY, actor=None)

    doc = get_kind("roadmap").build(document_create(kind="roadmap", year=year, actor=None))

    assert doc.stamps[0].lines == ("УТВЕРЖДЕНА", "приказом МБОУ «СШ № 5»", "от 25.11.2026 № 1-О")
    roadmap.refresh_from_db()
    assert roadmap.approved_on == DAY
    assert roadmap.approval_reference == "приказ от 25.11.2026 № 1-О"


def test_programme_prints_participants_plan_and_marks(school, year, pairs, programme):
    document = document_create(kind="programme", year=year, actor=None, mentorships=[pairs[0]])

    doc = get_kind("programme").build(document)

    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph | Heading)]
    assert "Наставник: Петров Иван Сергеевич, учитель математики." in texts
    assert "Наставляемый: Алиева Патимат Гасановна, учитель физики." in texts
    assert "Срок реализации: с 1 октября 2026 г. по 31 мая 2027 г." in texts
    plan = next(b for b in doc.blocks if isinstance(b, Table))
    assert plan.rows == (
        ("1", "Встреча-знакомство", "05.10.2026", "план работы", "выполнено 04.10.2026"),
    )
    assert "5. Индивидуальный план развития наставляемого" in texts
    assert doc.stamps[0].lines[0] == "УТВЕРЖДАЮ"


def _params_for(kind, curator, pairs):
    mentor = pairs[0].mentor.person
    return {
        "order_implementation": {
            "curator": curator.pk,
            "stage1_date": "2027-01-31",
            "stage2_date": "2027-05-31",
            "results": "пары сформированы",
        },
        "order_curator": {"curator": curator.pk, "duties": "вести базы"},
        "order_pairs": {"programmes_due": "2026-10-15", "curator": curator.pk},
        "order_rewards": {"mentors": [mentor.pk], "reward": "gratitude"},
        "order_final_event": {"responsible": curator.pk, "event_date": "2027-05-20"},
        "agreement": {
            "mentorship": pairs[0].pk,
            "contract_number": "15",
            "contract_date": "2020-09-01",
            "consent_date": "2026-09-02",
            "payment": "доплата 3 000 рублей в месяц",
            "start_date": "2026-10-01",
            "end_date": "2027-05-31",
        },
    }.get(kind, {})


# What each signed kind must show: a declined name (where the kind names someone).
DECLINED = {
    "order_implementation": "Иванову Марию Петровну",
    "order_curator": "Иванову Марию Петровну",
    "order_pairs": "Ивановой Марии Петровне",
    "order_rewards": "Петрову Ивану Сергеевичу",
    "order_final_event": "Иванову Марию Петровну",
    "protocol": "М. П. Иванова",
    "regulation": "Положение",
    "roadmap": "Издать приказ о внедрении",
    "programme": "Алиева Патимат Гасановна",
    "agreement": "Соколовой Ирины Владимировны",
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_signed_kind_reads_back_from_its_pdf(
    kind, school, year, curator_person, pairs, roadmap, programme
):
    mentorships = {"order_pairs": pairs, "programme": [pairs[0]], "agreement": [pairs[0]]}
    if kind == "protocol":
        document = _protocol(year, curator_person, pairs[0].mentor.person)
    else:
        document = document_create(
            kind=kind,
            year=year,
            actor=None,
            params=_params_for(kind, curator_person, pairs),
            mentorships=mentorships.get(kind, []),
        )
    document_submit(document=document, actor=None)
    signed = document_approve(document=document, on=DAY, actor=None)

    with signed.pdf.open("rb") as stored:
        text = pdf_text(stored.read())

    assert " ".join(signed.data["title"].split()[:3]) in text
    if signed.number:
        # pdftotext may glue «№» to a one-digit number; the reader sees both.
        assert re.search(rf"№\s?{re.escape(signed.number)}\b", text), text[:300]
    assert DECLINED[kind] in text
    assert "ПРОЕКТ" not in text
    assert render_pdf(get_kind(kind).build(signed)).startswith(b"%PDF")


def test_a_long_annex_repeats_its_header_and_numbers_pages_from_two(school, year, pairs):
    from tests.factories import MenteeProfileFactory, MentorshipFactory

    many = [
        MentorshipFactory(
            year=year, form=pairs[0].form, members=[MenteeProfileFactory()], status="draft"
        )
        for _ in range(45)
    ]
    document = document_create(
        kind="order_pairs",
        year=year,
        actor=None,
        params={"programmes_due": "2026-10-15"},
        mentorships=[*pairs, *many],
    )

    data = render_pdf(get_kind("order_pairs").build(document))

    pages = [pdf_text_page(data, number) for number in (1, 2, 3)]
    assert not pages[0].startswith("1 ")
    assert pages[1].startswith("2 ") and pages[2].startswith("3 ")
    assert "Наставляемый (ФИО" in pages[2]  # the header row, repeated


def pdf_text_page(data: bytes, number: int) -> str:
    import subprocess

    result = subprocess.run(  # noqa: S603
        ["/usr/bin/pdftotext", "-f", str(number), "-l", str(number), "-layout", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    return " ".join(result.stdout.decode().split())


def test_the_2025_edition_prints_a_qr_code_on_signed_documents(school, year, curator_person):
    school.gost_edition = "2025"
    school.save()
    document = document_create(
        kind="order_curator", year=year, actor=None, params={"curator": curator_person.pk}
    )
    document_submit(document=document, actor=None)
    signed = document_approve(document=document, on=DAY, actor=None)

    assert signed.data["qr_text"] == (
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 5»; "
        "приказ от 25.11.2026 № 1-О; О назначении куратора наставничества"
    )
    html = render_html(from_json(signed.data))
    assert '<div class="qr"><img src="data:image/svg+xml' in html
    word = docx.Document(io.BytesIO(render_docx(from_json(signed.data))))
    assert word.sections[0].first_page_footer.paragraphs[0].runs[0]._r.xpath(".//pic:pic")


def test_the_2016_edition_has_no_qr_code(school, year, curator_person):
    school.gost_edition = "2016"
    school.save()
    document = document_create(
        kind="order_curator", year=year, actor=None, params={"curator": curator_person.pk}
    )
    document_submit(document=document, actor=None)

    signed = document_approve(document=document, on=DAY, actor=None)

    assert signed.data["qr_text"] == ""
