"""Blanks printed for one person: consents under 152-ФЗ and the mentor's consent (ТК 351.8)."""

from __future__ import annotations

import datetime

import pytest

from mentorship.models import PersonKind
from reports.documents.base import FORM_KINDS
from reports.documents.common import BLANK_DATE
from reports.printing import Items, Paragraph, Signature, SignLines, Table, plain_text
from reports.renderers import render_pdf, template_for
from tests.factories import PersonFactory
from tests.reports.pdf import pdf_text

pytestmark = pytest.mark.django_db

OPERATOR = (
    "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 5» "
    "(адрес: 610000, г. Киров, ул. Ленина, д. 1; ИНН 4345000000; ОГРН 1024301000000)"
)


@pytest.fixture
def operator(school):
    school.address = "610000, г. Киров, ул. Ленина, д. 1"
    school.inn = "4345000000"
    school.ogrn = "1024301000000"
    school.website = "https://school5.example.ru"
    school.save()
    return school


@pytest.fixture
def teacher(db):
    return PersonFactory(
        surname="Романова", name="Елена", patronymic="Васильевна", position="Учитель математики"
    )


@pytest.fixture
def pupil(db):
    return PersonFactory(
        surname="Ильин",
        name="Лев",
        patronymic="Андреевич",
        kind=PersonKind.PUPIL,
        position="",
        department="7Б",
        birth_date=datetime.date(2013, 3, 12),
    )


def _items(doc) -> list[str]:
    return [item.text for item in next(b for b in doc.blocks if isinstance(b, Items)).items]


def _build(code, person):
    return FORM_KINDS[code].build(person=person)


CODES = (
    "consent_personal_data",
    "consent_representative",
    "consent_publication",
    "mentor_agreement",
)


def test_the_four_blanks_are_registered():
    assert set(CODES) <= set(FORM_KINDS)
    assert all(FORM_KINDS[code].template == "print/form.html" for code in CODES)


def test_personal_data_consent_has_every_field_of_article_9(operator, teacher):
    doc = _build("consent_personal_data", teacher)

    assert doc.doc_type == "" and doc.title == "Согласие на обработку персональных данных"
    assert doc.kind == "consent_personal_data"
    assert doc.meta == {"person": teacher.pk, "person_name": teacher.short_name}
    assert doc.draft is False and doc.number == "" and doc.date is None
    assert template_for(doc) == "print/form.html"
    assert doc.blocks[0] == Paragraph(
        "Я, Романова Елена Васильевна, зарегистрированная по адресу:", indent=False, align="left"
    )
    assert doc.blocks[1:4] == (
        SignLines(("адрес регистрации по месту жительства",)),
        SignLines(("основной документ, удостоверяющий личность: вид, серия и номер",)),
        SignLines(("дата выдачи и наименование органа, выдавшего документ",)),
    )
    assert doc.blocks[4].text == (
        "в соответствии со статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных "
        f"данных» свободно, своей волей и в своём интересе даю согласие оператору — {OPERATOR} — "
        "на обработку моих персональных данных на следующих условиях:"
    )
    items = _items(doc)
    assert items[0].startswith(
        "Цель обработки персональных данных: участие в программе наставничества МБОУ «СШ № 5»: "
        "включение в базу наставников или базу наставляемых, формирование наставнических пар"
    )
    assert "мониторинг" in items[0]
    assert items[1] == (
        "Перечень персональных данных, на обработку которых даётся согласие: фамилия, имя, "
        "отчество; дата рождения; контактные данные; место работы или учёбы, должность, класс; "
        "образование, стаж, квалификация; ответы на анкеты и результаты мониторинга."
    )
    assert "фотография" not in items[1] and "кейса" not in items[1]
    assert items[2].startswith("Перечень действий с персональными данными: сбор, запись,")
    assert items[3].startswith(
        "Способы обработки персональных данных: с использованием средств автоматизации"
    )
    assert items[4].startswith("Согласие действует со дня его подписания")
    assert "тридцати дней с даты поступления отзыва" in items[5]
    assert "отдельным документом" in doc.blocks[-2].text
    assert doc.blocks[-1] == Signature(BLANK_DATE, "Е. В. Романова")


def test_a_man_is_registered_in_the_masculine(operator):
    man = PersonFactory(surname="Гасанов", name="Магомед", patronymic="Гасанович")

    doc = _build("consent_personal_data", man)

    assert doc.blocks[0].text == "Я, Гасанов Магомед Гасанович, зарегистрированный по адресу:"


def test_missing_requisites_of_the_operator_are_left_blank(school, teacher):
    doc = _build("consent_personal_data", teacher)

    assert (
        "(адрес: ________________; ИНН ________________; ОГРН ________________)"
        in doc.blocks[4].text
    )


def test_representative_consent_names_the_child_in_the_genitive(operator, pupil):
    doc = _build("consent_representative", pupil)

    assert doc.title == (
        "Согласие законного представителя на обработку персональных данных несовершеннолетнего"
    )
    assert doc.blocks[0] == Paragraph("Я,", indent=False, align="left")
    assert doc.blocks[1] == SignLines(("фамилия, имя, отчество законного представителя",))
    authority = next(
        b for b in doc.blocks if isinstance(b, Paragraph) and b.text.startswith("являясь")
    )
    assert authority.text == (
        "являясь законным представителем (родителем, усыновителем, опекуном, попечителем) "
        "несовершеннолетнего Ильина Льва Андреевича, 12.03.2013 года рождения, на основании "
        "(свидетельство о рождении, акт органа опеки и попечительства)"
    )
    consent = next(b for b in doc.blocks if isinstance(b, Paragraph) and "статьёй 9" in b.text)
    assert consent.text.endswith(
        "на обработку персональных данных моего ребёнка (подопечного) Ильина Льва Андреевича "
        "на следующих условиях:"
    )
    assert OPERATOR in consent.text
    assert _items(doc)[0].startswith(
        "Цель обработки персональных данных: участие моего ребёнка (подопечного) в программе "
        "наставничества обучающихся МБОУ «СШ № 5»"
    )
    assert doc.meta == {"person": pupil.pk, "person_name": pupil.short_name, "minor": True}
    assert isinstance(doc.blocks[-2], Signature)


def test_representative_consent_for_a_girl(operator):
    girl = PersonFactory(
        surname="Ёлкина",
        name="Полина",
        patronymic="Владимировна",
        kind=PersonKind.PUPIL,
        birth_date=None,
    )

    text = plain_text(_build("consent_representative", girl))

    assert "несовершеннолетней Ёлкиной Полины Владимировны, на основании" in text
    assert "моего ребёнка (подопечного) Ёлкиной Полины Владимировны" in text


def test_publication_consent_is_a_separate_blank_with_a_choice_per_category(operator, teacher):
    doc = _build("consent_publication", teacher)

    assert doc.title == (
        "Согласие на обработку персональных данных, разрешённых субъектом персональных данных "
        "для распространения"
    )
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert table.columns == (
        "№",
        "Персональные данные",
        "Разрешаю к распространению (да/нет)",
        "Условия и запреты",
    )
    assert [row[1] for row in table.rows] == [
        "фамилия, имя, отчество",
        "должность, место работы или учёбы, класс",
        "фотографическое изображение (фотография)",
        "сведения об участии в программе наставничества, достижениях и наградах",
        "описание практики (кейса) наставничества",
    ]
    assert all(row[2] == "" and row[3] == "" for row in table.rows)
    text = plain_text(doc)
    assert "Я, Романова Елена Васильевна," in text
    assert "руководствуясь статьёй 10.1 Федерального закона от 27.07.2006 № 152-ФЗ" in text
    assert f"заявляю о согласии на распространение оператором — {OPERATOR}" in text
    assert "официальный сайт https://school5.example.ru." in text
    assert "не указано «да», распространению не подлежат" in text
    assert doc.blocks[-1] == Signature(BLANK_DATE, "Е. В. Романова")


def test_publication_consent_without_a_website_leaves_a_blank(school, teacher):
    text = plain_text(_build("consent_publication", teacher))

    assert "официальный сайт ________________." in text


def test_mentor_consent_quotes_article_351_8(operator, teacher):
    doc = _build("mentor_agreement", teacher)

    assert doc.title == "Согласие работника на выполнение работы по наставничеству"
    assert doc.blocks[0] == Paragraph(
        "Я, Романова Елена Васильевна, учитель математики, даю согласие на выполнение наряду "
        "с работой, определённой трудовым договором, работы по наставничеству в МБОУ «СШ № 5» "
        "в соответствии со статьёй 351.8 Трудового кодекса Российской Федерации."
    )
    text = plain_text(doc)
    assert "Форма наставничества:" in text
    assert f"с {BLANK_DATE} по {BLANK_DATE}" in text
    assert "размер и условия её оплаты устанавливаются дополнительным соглашением" in text
    assert "не позднее чем за три рабочих дня" in text
    assert "С Положением о наставничестве в МБОУ «СШ № 5» ознакомлена." in text
    assert SignLines(("форма наставничества, ролевая модель",)) in doc.blocks
    assert doc.blocks[-1] == Signature(BLANK_DATE, "Е. В. Романова")


def test_mentor_consent_keeps_an_abbreviated_position_and_a_mans_form(operator):
    man = PersonFactory(
        surname="Ким", name="Артём", patronymic="Вячеславович", position="ЗД по УВР"
    )

    doc = _build("mentor_agreement", man)

    assert doc.blocks[0].text.startswith("Я, Ким Артём Вячеславович, ЗД по УВР, даю согласие")
    assert "ознакомлен." in plain_text(doc)


@pytest.mark.parametrize(
    ("code", "person_fixture", "name"),
    [
        ("consent_personal_data", "teacher", "Романова Елена Васильевна"),
        ("consent_representative", "pupil", "Ильина Льва Андреевича"),
        ("consent_publication", "teacher", "Романова Елена Васильевна"),
        ("mentor_agreement", "teacher", "Романова Елена Васильевна"),
    ],
)
def test_blank_pdf_shows_the_title_and_the_name(operator, request, code, person_fixture, name):
    person = request.getfixturevalue(person_fixture)
    doc = _build(code, person)

    text = pdf_text(render_pdf(doc))

    assert doc.title in text
    assert name in text
    assert "ПРОЕКТ" not in text
