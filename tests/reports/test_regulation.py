"""«Положение о наставничестве»: the school's limits, forms and bases in its text; the stamps."""

from __future__ import annotations

import datetime

import pytest

from mentorship.models import Audience, LegalBasis, MentoringForm
from reports.documents import get_kind
from reports.documents.regulation import (
    BLANK_PROTOCOL,
    SUBJECT_BOTH,
    SUBJECT_TEACHERS,
    parse_text,
    regulation_blocks,
)
from reports.models import Document
from reports.printing import Heading, Paragraph, Stamp
from reports.renderers import render_pdf, template_for
from reports.services import document_create
from tests.factories import MentoringFormFactory
from tests.reports.pdf import pdf_text

pytestmark = pytest.mark.django_db


def _texts(blocks) -> list[str]:
    return [block.text for block in blocks]


def _paragraph(blocks, start: str) -> str:
    return next(block.text for block in blocks if block.text.startswith(start))


@pytest.fixture
def limits(school):
    school.max_mentees_per_mentor = 2
    school.programme_min_months = 3
    school.programme_max_months = 12
    school.meeting_interval_days = 14
    school.young_specialist_max_age = 35
    school.young_specialist_max_experience = 3
    school.website = "https://school5.example.ru"
    school.save()
    return school


@pytest.fixture
def forms(db):
    return [
        MentoringFormFactory(
            code="teacher-teacher",
            title="«Учитель – учитель»",
            audience=Audience.TEACHERS,
            description="Молодой специалист и опытный педагог: адаптация и рост.",
            order=1,
        ),
        MentoringFormFactory(
            code="group",
            title="Наставничество в группе",
            audience=Audience.TEACHERS,
            description="Один наставник работает с несколькими наставляемыми.",
            order=2,
        ),
        MentoringFormFactory(
            code="pupil-pupil", title="«Ученик – ученик»", audience=Audience.PUPILS, order=1
        ),
        MentoringFormFactory(
            code="old", title="Устаревшая форма", audience=Audience.TEACHERS, is_active=False
        ),
    ]


@pytest.fixture
def bases(db):
    LegalBasis.objects.create(
        code="fz-273",
        title="Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»",
        order=1,
    )
    LegalBasis.objects.create(
        code="tk", title="статья 351.8 Трудового кодекса Российской Федерации", order=2
    )
    LegalBasis.objects.create(code="old", title="отменённый приказ", order=3, is_active=False)


def _regulation(year, **extra) -> Document:
    return document_create(kind="regulation", year=year, actor=None, **extra)


def test_sections_are_numbered_headings_and_points_numbered_paragraphs(limits, forms, bases):
    blocks = regulation_blocks(limits)

    headings = [block.text for block in blocks if isinstance(block, Heading)]
    assert headings == [
        "1. Общие положения",
        "2. Цели и задачи наставничества",
        "3. Формы наставничества",
        "4. Организация наставничества и формирование наставнических пар (групп)",
        "5. Ограничения и условия работы по наставничеству",
        "6. Права и обязанности куратора",
        "7. Права и обязанности наставника",
        "8. Права и обязанности наставляемого",
        "9. Мониторинг и оценка результатов наставничества",
        "10. Мотивация и поощрение наставников",
        "11. Документы по наставничеству",
        "12. Заключительные положения",
    ]
    assert all(isinstance(block, Heading | Paragraph) for block in blocks)
    paragraphs = [block for block in blocks if isinstance(block, Paragraph)]
    assert all(block.indent and block.align == "justify" for block in paragraphs)
    assert all(block.text.strip() == block.text and block.text for block in paragraphs)
    first = _paragraph(blocks, "1.1. ")
    assert first.startswith(
        f"1.1. Настоящее Положение {SUBJECT_BOTH} (далее — Положение) определяет цели"
    )
    assert "в МБОУ «СШ № 5» (далее — образовательная организация)" in first
    assert _paragraph(blocks, "12.1. ").startswith("12.1. Положение принимается на заседании")
    text = "\n".join(_texts(blocks))
    assert "{" not in text and "}" not in text and "  " not in text


def test_legal_basis_lists_the_active_acts_and_the_charter(limits, forms, bases):
    texts = _texts(regulation_blocks(limits))

    start = texts.index(
        "1.2. Положение разработано в соответствии со следующими нормативными правовыми "
        "актами и документами:"
    )
    assert texts[start + 1 : start + 4] == [
        "– Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»;",
        "– статья 351.8 Трудового кодекса Российской Федерации;",
        "– Устав образовательной организации.",
    ]
    assert "отменённый приказ" not in "\n".join(texts)


def test_without_legal_bases_a_general_reference_stays(limits, forms):
    texts = _texts(regulation_blocks(limits))

    assert texts[2] == (
        "1.2. Положение разработано в соответствии с законодательством Российской Федерации "
        "в сфере образования, трудовым законодательством и Уставом образовательной организации."
    )


def test_forms_section_lists_the_active_forms(limits, forms, bases):
    texts = _texts(regulation_blocks(limits))

    start = texts.index(
        "3.1. В образовательной организации применяются следующие формы наставничества:"
    )
    assert texts[start + 1 : start + 4] == [
        "– «Ученик – ученик»;",
        "– «Учитель – учитель» — молодой специалист и опытный педагог: адаптация и рост;",
        "– наставничество в группе — один наставник работает с несколькими наставляемыми.",
    ]
    assert "Устаревшая форма" not in "\n".join(texts)


def test_limits_come_from_the_school_settings(limits, forms, bases):
    blocks = regulation_blocks(limits)

    assert _paragraph(blocks, "5.1. ").startswith(
        "5.1. Один наставник одновременно осуществляет наставничество не более чем "
        "в отношении 2 наставляемых."
    )
    assert _paragraph(blocks, "5.2. ").startswith(
        "5.2. Срок реализации персонализированной программы наставничества составляет "
        "от 3 до 12 месяцев"
    )
    assert _paragraph(blocks, "5.3. ") == (
        "5.3. Встречи наставника и наставляемого проводятся не реже одного раза в 14 дней "
        "в соответствии с планом персонализированной программы наставничества. После каждой "
        "встречи участники заполняют форму обратной связи."
    )
    text = "\n".join(_texts(blocks))
    assert (
        "– молодой специалист — педагогический работник в возрасте до 35 лет, имеющий стаж "
        "педагогической работы не более 3 лет;"
    ) in text
    assert "краткосрочная программа (от 3 до 12 месяцев)" in text
    assert "официальном сайте образовательной организации https://school5.example.ru" in text


@pytest.mark.parametrize(
    ("values", "phrases"),
    [
        (
            {
                "max_mentees_per_mentor": 1,
                "programme_min_months": 2,
                "programme_max_months": 21,
                "meeting_interval_days": 21,
                "young_specialist_max_age": 31,
                "young_specialist_max_experience": 1,
            },
            [
                "не более чем в отношении 1 наставляемого.",
                "составляет от 2 до 21 месяца",
                "не реже одного раза в 21 день",
                "в возрасте до 31 года, имеющий стаж педагогической работы не более 1 года;",
            ],
        ),
        (
            {
                "max_mentees_per_mentor": 4,
                "programme_min_months": 6,
                "programme_max_months": 6,
                "meeting_interval_days": 3,
                "young_specialist_max_age": 30,
                "young_specialist_max_experience": 0,
            },
            [
                "не более чем в отношении 4 наставляемых.",
                "составляет 6 месяцев",
                "краткосрочная программа (6 месяцев)",
                "не реже одного раза в 3 дня",
                "в возрасте до 30 лет, впервые приступивший к педагогической работе;",
            ],
        ),
        (
            {"meeting_interval_days": 1, "programme_min_months": 1, "programme_max_months": 2},
            ["проводятся ежедневно", "от 1 до 2 месяцев"],
        ),
    ],
)
def test_numbers_take_the_right_russian_forms(limits, forms, values, phrases):
    for field, value in values.items():
        setattr(limits, field, value)
    limits.save()

    text = "\n".join(_texts(regulation_blocks(limits)))

    for phrase in phrases:
        assert phrase in text


def test_a_teachers_only_school_says_nothing_of_pupils(limits, bases):
    MentoringFormFactory(code="teacher-teacher", title="«Учитель – учитель»", audience="teachers")

    blocks = regulation_blocks(limits)

    text = "\n".join(_texts(blocks))
    assert _paragraph(blocks, "1.1. ").startswith(f"1.1. Настоящее Положение {SUBJECT_TEACHERS} (")
    assert "обучающ" not in text
    assert "законного представителя" not in text
    assert "молодой специалист — педагогический работник" in text


def test_parse_text_markup():
    blocks = parse_text(
        "\n# Первый раздел\n+ Пункт  один.\n- элемент;\n\nПросто абзац.\n# Второй\n+ Пункт.\n"
    )

    assert blocks == (
        Heading("1. Первый раздел"),
        Paragraph("1.1. Пункт один."),
        Paragraph("– элемент;"),
        Paragraph("Просто абзац."),
        Heading("2. Второй"),
        Paragraph("2.1. Пункт."),
    )


def test_kind_prints_the_regulation_with_blank_stamps_while_nothing_is_signed(
    limits, year, forms, bases
):
    document = _regulation(year)

    doc = get_kind("regulation").build(document)

    assert document.title == "о наставничестве"
    assert doc.doc_type == "ПОЛОЖЕНИЕ"
    assert doc.title == f"{SUBJECT_BOTH} в МБОУ «СШ № 5»"
    assert doc.organisation[-1] == (
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 5»"
    )
    assert doc.draft is True and doc.number == ""
    assert doc.stamps == (
        Stamp(("ПРИНЯТО", "на заседании педагогического совета", BLANK_PROTOCOL), side="left"),
        Stamp(
            (
                "УТВЕРЖДАЮ",
                "Директор",
                "МБОУ «СШ № 5»",
                "__________ И. В. Соколова",
                "«___» ____________ 20___ г.",
            )
        ),
    )
    assert BLANK_PROTOCOL.replace("\u00a0", " ") == "протокол от «___» ______ 20__ г. № ___"
    assert doc.blocks == regulation_blocks(limits)
    assert doc.meta["max_mentees"] == 2
    assert template_for(doc) == "print/form.html"


def test_stamps_cite_the_signed_protocol_and_implementation_order(limits, year, forms):
    Document.objects.create(
        kind="protocol",
        year=year,
        title="заседания педагогического совета",
        status="approved",
        number="1",
        approved_on=datetime.date(2026, 8, 28),
    )
    Document.objects.create(
        kind="order_implementation",
        year=year,
        title="О внедрении",
        status="approved",
        number="16/1-О",
        approved_on=datetime.date(2026, 9, 1),
    )

    doc = get_kind("regulation").build(_regulation(year))

    left, right = doc.stamps
    assert left == Stamp(
        ("ПРИНЯТО", "на заседании педагогического совета", "протокол от 28.08.2026 № 1"),
        side="left",
    )
    assert right == Stamp(("УТВЕРЖДЕНО", "приказом МБОУ «СШ № 5»", "от 01.09.2026 № 16/1-О"))


def test_protocols_of_other_years_or_unsigned_do_not_count(limits, year, forms):
    from tests.factories import ProgrammeYearFactory

    other = ProgrammeYearFactory(title="2025/2026")
    Document.objects.create(
        kind="protocol",
        year=other,
        title="x",
        status="approved",
        number="7",
        approved_on=datetime.date(2026, 5, 28),
    )
    Document.objects.create(kind="protocol", year=year, title="y", status="draft")

    left = get_kind("regulation").build(_regulation(year)).stamps[0]

    assert left.lines[-1] == BLANK_PROTOCOL


def test_a_custom_title_is_kept(limits, year, forms):
    document = _regulation(year, title="о наставничестве педагогических работников МБОУ «СШ № 5»")

    doc = get_kind("regulation").build(document)

    assert doc.title == "о наставничестве педагогических работников МБОУ «СШ № 5»"


def test_the_implementation_order_annexes_the_same_text(limits, year, forms, bases, curator_person):
    document = document_create(
        kind="order_implementation",
        year=year,
        actor=None,
        params={
            "model": "both",
            "curator": curator_person.pk,
            "stage1_date": "2027-01-31",
            "stage2_date": "2027-05-31",
            "results": "пары сформированы.",
        },
    )

    doc = get_kind("order_implementation").build(document)

    assert doc.annexes[0].blocks == regulation_blocks(limits)


def test_kind_is_registered_without_a_register(db):
    kind = get_kind("regulation")

    assert kind.title == "положение о наставничестве"
    assert kind.default_title == "о наставничестве"
    assert kind.register_code is None and kind.roadmap_kind == "regulation"
    assert kind.has_preamble is False and kind.has_extra_items is False


def test_regulation_pdf_reads_as_a_regulation(limits, year, forms, bases):
    doc = get_kind("regulation").build(_regulation(year))

    text = pdf_text(render_pdf(doc))

    assert "П О Л О Ж Е Н И Е" in text or "ПОЛОЖЕНИЕ" in text
    assert doc.title in text
    assert "не более чем в отношении 2 наставляемых" in text
    assert "1. Общие положения" in text and "12. Заключительные положения" in text
    assert "ПРИНЯТО" in text and "И. В. Соколова" in text
    assert MentoringForm.objects.get(code="group").title.lower() in text
