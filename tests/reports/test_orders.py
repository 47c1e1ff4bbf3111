"""Orders: the data each kind builds, and a PDF a person can read."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from reports.documents import get_kind
from reports.printing import Items, Paragraph, Signature, Table, from_json, plain_text, to_json
from reports.renderers import render_html, render_pdf
from reports.services import document_create
from tests.factories import PersonFactory
from tests.reports.pdf import pdf_text

pytestmark = pytest.mark.django_db


def _items(doc) -> list[str]:
    block = next(b for b in doc.blocks if isinstance(b, Items))
    return [item.text for item in block.items]


def test_curator_order_appoints_the_curator_in_the_accusative(school, year, curator_person):
    document = document_create(
        kind="order_curator",
        year=year,
        actor=None,
        params={"curator": curator_person.pk, "start_date": "2026-09-01", "duties": "вести базы;"},
    )

    doc = get_kind("order_curator").build(document)

    assert doc.doc_type == "ПРИКАЗ"
    assert doc.title == "О назначении куратора наставничества"
    assert doc.organisation == (
        "Управление образования администрации города Кирова",
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 5»",
    )
    assert doc.place == "г. Киров"
    assert doc.draft is True and doc.number == "" and doc.date is None
    items = _items(doc)
    assert items[0] == (
        "Назначить заместителя директора по учебно-воспитательной работе "
        "Иванову Марию Петровну куратором наставничества в МБОУ «СШ № 5» "
        "на 2026/2027 учебный год с 1 сентября 2026 г."
    )
    assert items[-1] == "Контроль за исполнением настоящего приказа оставляю за собой."
    assert doc.blocks[1] == Paragraph("ПРИКАЗЫВАЮ:", indent=False, align="left", bold=True)
    assert doc.blocks[-1] == Signature("Директор", "И. В. Соколова")


def test_control_clause_names_the_person_in_the_accusative(school, year, curator_person):
    deputy = PersonFactory(
        surname="Гаджиев", name="Магомед", patronymic="Абдулаевич", position="заместитель директора"
    )
    document = document_create(
        kind="order_curator",
        year=year,
        actor=None,
        params={"curator": curator_person.pk, "duties": "", "control_person": deputy.pk},
    )

    items = _items(get_kind("order_curator").build(document))

    assert items[-1] == (
        "Контроль за исполнением настоящего приказа возложить на "
        "заместителя директора Гаджиева Магомеда Абдулаевича."
    )


def test_preamble_cites_the_active_legal_bases(school, year, curator_person):
    from mentorship.models import LegalBasis

    LegalBasis.objects.create(code="a", title="Федеральный закон № 273-ФЗ", order=1)
    LegalBasis.objects.create(code="b", title="старый акт", order=2, is_active=False)

    document = document_create(
        kind="order_curator", year=year, actor=None, params={"curator": curator_person.pk}
    )

    assert document.preamble.startswith("В соответствии с Федеральным законом № 273-ФЗ")
    assert "стар" not in document.preamble


def test_pairs_order_annex_lists_every_pair(school, year, pairs):
    document = document_create(
        kind="order_pairs",
        year=year,
        actor=None,
        params={"programmes_due": "2026-10-15"},
        mentorships=pairs,
    )

    doc = get_kind("order_pairs").build(document)

    assert _items(doc)[1] == (
        "Наставникам совместно с наставляемыми разработать персонализированные программы "
        "наставничества в срок до 15 октября 2026 г."
    )
    annex = doc.annexes[0]
    assert annex.mark == ("Приложение 1", "к приказу от ____________ № ______")
    table = annex.blocks[0]
    assert isinstance(table, Table)
    assert table.rows == (
        (
            "1",
            "Петров Иван Сергеевич, учитель математики",
            "Алиева Патимат Гасановна, учитель физики",
            "«педагог – педагог»",
            "с 01.10.2026 по 31.05.2027",
        ),
        (
            "2",
            "Шевчук Ольга Николаевна, учитель истории",
            "Ким Артём Вячеславович, учитель химии",
            "«педагог – педагог»",
            "с 01.10.2026 по 31.05.2027",
        ),
    )
    assert doc.meta == {"mentorships": sorted(p.pk for p in pairs)}


def test_rewards_order_declines_each_mentor_for_the_reward(school, year, pairs):
    mentors = [pair.mentor.person.pk for pair in pairs]
    document = document_create(
        kind="order_rewards",
        year=year,
        actor=None,
        params={"mentors": mentors, "reward": "gratitude", "basis": "за успехи"},
    )

    doc = get_kind("order_rewards").build(document)

    block = next(b for b in doc.blocks if isinstance(b, Items))
    assert block.items[0].text == "За успехи объявить благодарность:"
    assert block.items[0].subitems == (
        "учителю математики Петрову Ивану Сергеевичу;",
        "учителю истории Шевчук Ольге Николаевне.",
    )


def test_rewards_order_with_a_certificate_uses_the_accusative(school, year, pairs):
    document = document_create(
        kind="order_rewards",
        year=year,
        actor=None,
        params={"mentors": [pairs[1].mentor.person.pk], "reward": "certificate"},
    )

    block = next(
        b for b in get_kind("order_rewards").build(document).blocks if isinstance(b, Items)
    )

    assert block.items[0].subitems == ("учителя истории Шевчук Ольгу Николаевну.",)


def test_final_event_order_sets_date_form_and_responsible(school, year, curator_person):
    document = document_create(
        kind="order_final_event",
        year=year,
        actor=None,
        params={
            "format": "round_table",
            "event_date": "2027-05-20",
            "event_time": "14:00",
            "place": "актовый зал",
            "responsible": curator_person.pk,
            "participants": "наставники и наставляемые",
        },
    )

    items = _items(get_kind("order_final_event").build(document))

    assert items[0] == (
        "Провести итоговое мероприятие программы наставничества в форме круглого стола "
        "20 мая 2027 г. в 14:00 (актовый зал)."
    )
    assert items[1] == (
        "Назначить ответственным за проведение заместителя директора по "
        "учебно-воспитательной работе Иванову Марию Петровну."
    )


def test_implementation_order_has_regulation_and_roadmap_annexes(school, year, curator_person):
    document = document_create(
        kind="order_implementation",
        year=year,
        actor=None,
        params={
            "model": "both",
            "curator": curator_person.pk,
            "stage1_date": "2027-01-31",
            "stage2_date": "2027-05-31",
            "results": "не менее 70 % обучающихся вовлечены;\nпары сформированы.",
        },
    )

    doc = get_kind("order_implementation").build(document)

    items = _items(doc)
    assert items[3] == (
        "Назначить куратором внедрения наставничества заместителя директора по "
        "учебно-воспитательной работе Иванову Марию Петровну."
    )
    assert items[4].startswith("Куратору Ивановой Марии Петровне организовать мониторинг")
    assert [annex.number for annex in doc.annexes] == [1, 2]
    assert doc.annexes[0].title.startswith("Положение о наставничестве")
    assert "Дорожная карта" in doc.annexes[1].title


@pytest.mark.parametrize(
    ("kind", "params_for"),
    [
        ("order_curator", lambda p: {"curator": p.pk, "duties": "вести базы"}),
        ("order_final_event", lambda p: {"responsible": p.pk, "event_date": "2027-05-20"}),
    ],
)
def test_order_pdf_shows_title_and_declined_name(school, year, curator_person, kind, params_for):
    document = document_create(kind=kind, year=year, actor=None, params=params_for(curator_person))

    text = pdf_text(render_pdf(get_kind(kind).build(document)))

    assert "ПРИКАЗ" in text
    assert document.title in text
    assert "Иванову Марию Петровну" in text


def test_pairs_order_pdf_has_the_annex_table(school, year, pairs):
    document = document_create(
        kind="order_pairs",
        year=year,
        actor=None,
        params={"programmes_due": "2026-10-15"},
        mentorships=pairs,
    )

    doc = get_kind("order_pairs").build(document)
    text = pdf_text(render_pdf(doc))

    assert "Приложение 1" in text
    assert "Алиева Патимат Гасановна" in text
    assert "ПРОЕКТ" in text
    # Hundreds of rows: laid out by the set widths, not by measuring every cell.
    assert 'class="grid fixed"' in render_html(doc)
    assert from_json(to_json(doc)) == doc  # kept with a signed document as it is


def test_other_tables_size_their_columns_by_their_content(school, year, curator_person):
    document = document_create(
        kind="order_curator",
        year=year,
        actor=None,
        params={"curator": curator_person.pk, "duties": "вести базы"},
    )
    doc = get_kind("order_curator").build(document)
    table = Table(columns=("№", "Ответственные"), rows=(("1", "Персонализированные"),))
    html = render_html(dataclasses.replace(doc, blocks=(*doc.blocks, table)))
    assert 'class="grid"' in html and "grid fixed" not in html


def test_plain_text_reads_every_block(school, year, curator_person):
    document = document_create(
        kind="order_curator",
        year=year,
        actor=None,
        params={"curator": curator_person.pk, "duties": "вести базы"},
    )

    text = plain_text(get_kind("order_curator").build(document))

    assert "вести базы" in text and "И. В. Соколова" in text
    assert datetime.date.today().year > 2000  # noqa: DTZ011


def test_rewards_order_from_the_registry_groups_by_kind_and_marks_them(school, year, pairs):
    from mentorship.models import Reward
    from reports.services import document_approve, document_submit

    petrov, shevchuk = (pair.mentor.person for pair in pairs)
    thanks = Reward.objects.create(year=year, person=petrov, kind="gratitude", basis="за успехи")
    diploma = Reward.objects.create(year=year, person=shevchuk, kind="certificate", basis="за кейс")
    document = document_create(
        kind="order_rewards", year=year, actor=None, params={"rewards": [thanks.pk, diploma.pk]}
    )

    block = next(
        b for b in get_kind("order_rewards").build(document).blocks if isinstance(b, Items)
    )
    assert [(item.text, item.subitems) for item in block.items[:2]] == [
        ("За кейс наградить почётной грамотой:", ("учителя истории Шевчук Ольгу Николаевну.",)),
        ("За успехи объявить благодарность:", ("учителю математики Петрову Ивану Сергеевичу.",)),
    ]

    document_submit(document=document, actor=None)
    document_approve(document=document, on=datetime.date(2027, 5, 25), actor=None)

    thanks.refresh_from_db()
    assert thanks.order_reference == "приказ от 25.05.2027 № 1-О"
    assert thanks.awarded_on == datetime.date(2027, 5, 25)


def test_rewards_form_needs_registry_entries_or_mentors(school, year):
    from reports.documents.forms import RewardsOrderForm

    form = RewardsOrderForm(data={"reward": "gratitude"}, year=year)

    assert not form.is_valid()
    assert "Отметьте поощрения из реестра" in str(form.errors)
