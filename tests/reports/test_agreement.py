"""The supplementary agreement on mentoring (ТК РФ ст. 351.8): its text, form and approval."""

from __future__ import annotations

import datetime

import pytest

from mentorship.models import PersonKind
from reports.documents import get_kind
from reports.documents.agreement import organisation_participle, position_genitive
from reports.documents.forms_agreement import AgreementForm
from reports.printing import Heading, Items, Paragraph, SignLines, plain_text
from reports.renderers import render_pdf, template_for
from reports.services import document_approve, document_create, document_submit
from tests.factories import (
    MenteeProfileFactory,
    MentorshipFactory,
    PersonFactory,
    ProgrammeYearFactory,
)
from tests.reports.pdf import pdf_text

pytestmark = pytest.mark.django_db

PARAMS = {
    "contract_number": "15-тд",
    "contract_date": "2020-09-01",
    "consent_date": "2026-09-20",
    "payment": "доплата в размере 3 000 рублей в месяц",
    "start_date": "2026-10-01",
    "end_date": "2027-05-31",
}

PARTIES = (
    "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 5», в лице "
    "директора Соколовой Ирины Владимировны, действующей на основании Устава, именуемое "
    "в дальнейшем «Работодатель», с одной стороны, и Петров Иван Сергеевич, именуемый "
    "в дальнейшем «Работник», с другой стороны, вместе именуемые «Стороны», заключили "
    "настоящее дополнительное соглашение к трудовому договору (далее — трудовой договор) "
    "о нижеследующем:"
)


def _agreement(year, pair, **params):
    return document_create(
        kind="agreement",
        year=year,
        actor=None,
        params={"mentorship": pair.pk, **PARAMS, **params},
        mentorships=[pair],
    )


def _items(doc) -> list:
    return list(next(b for b in doc.blocks if isinstance(b, Items)).items)


def test_draft_agreement_names_the_parties_with_declined_names(school, year, pairs):
    doc = get_kind("agreement").build(_agreement(year, pairs[0]))

    assert doc.doc_type == ""
    assert doc.title == (
        "Дополнительное соглашение № ________\nк трудовому договору от 01.09.2020 № 15-тд"
    )
    assert doc.place == "г. Киров"
    assert doc.draft is True and doc.date is None and doc.number == ""
    assert doc.meta["dated"] is True
    assert doc.meta["mentorship"] == pairs[0].pk
    assert doc.blocks[0] == Paragraph(PARTIES)
    assert template_for(doc) == "print/form.html"


def test_items_follow_article_351_8(school, year, pairs):
    doc = get_kind("agreement").build(_agreement(year, pairs[0]))

    items = _items(doc)
    texts = [item.text for item in items]
    assert texts[0] == (
        "Работодатель поручает, а Работник с его письменного согласия от 20 сентября 2026 г. "
        "обязуется выполнять наряду с работой, определённой трудовым договором, работу "
        "по наставничеству в соответствии со статьёй 351.8 Трудового кодекса Российской Федерации."
    )
    assert texts[1] == (
        "Содержание работы по наставничеству: наставничество в отношении наставляемого "
        "Алиевой Патимат Гасановны (учитель физики), в том числе:"
    )
    assert items[1].subitems[1] == (
        "проведение встреч с наставляемым не реже одного раза в 14 дней, оказание ему "
        "методической и практической помощи, заполнение формы обратной связи после каждой встречи;"
    )
    assert texts[2] == "Форма наставничества: «педагог – педагог»; формат взаимодействия: очно."
    assert texts[3] == (
        "Срок выполнения работы по наставничеству: с 1 октября 2026 г. по 31 мая 2027 г."
    )
    assert texts[4].startswith(
        "За выполнение работы по наставничеству Работнику устанавливается доплата в размере "
        "3 000 рублей в месяц. Оплата производится в сроки выплаты заработной платы"
    )
    assert texts[5] == (
        "Работник вправе досрочно отказаться от выполнения работы по наставничеству, "
        "а Работодатель — досрочно отменить поручение о её выполнении, предупредив об этом "
        "другую сторону в письменной форме не позднее чем за три рабочих дня."
    )
    assert texts[6].startswith("Настоящее соглашение является неотъемлемой частью трудового")
    assert texts[7] == (
        "Соглашение составлено в двух экземплярах, имеющих одинаковую юридическую силу, "
        "по одному для каждой из Сторон."
    )
    assert len(texts) == 8


def test_signature_block_has_two_columns_for_the_parties(school, year, pairs):
    doc = get_kind("agreement").build(_agreement(year, pairs[1]))

    assert doc.blocks[-3] == Heading("Подписи Сторон")
    assert doc.blocks[-2] == SignLines(
        ("Работодатель: Директор И. В. Соколова", "Работник: О. Н. Шевчук")
    )
    assert doc.blocks[-1] == SignLines(
        ("второй экземпляр соглашения получил(а), подпись Работника", "дата получения")
    )
    assert "именуемая в дальнейшем «Работник»" in doc.blocks[0].text
    assert "и Шевчук Ольга Николаевна, именуемая" in doc.blocks[0].text


def test_a_man_directing_and_a_group_of_mentees(school, year, pairs):
    school.director_name = "Гаджиев Магомед Абдулаевич"
    school.save()
    pair = pairs[0]
    pupil = MenteeProfileFactory(
        person=PersonFactory(
            surname="Ильин",
            name="Лев",
            patronymic="Андреевич",
            kind=PersonKind.PUPIL,
            department="7Б",
            position="",
        )
    )
    pair.members.create(mentee=pupil, joined_on=pair.start_date)

    doc = get_kind("agreement").build(_agreement(year, pair))

    assert doc.blocks[0].text.startswith(
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 5», в лице "
        "директора Гаджиева Магомеда Абдулаевича, действующего на основании Устава,"
    )
    assert _items(doc)[1].text == (
        "Содержание работы по наставничеству: наставничество в отношении наставляемых "
        "Алиевой Патимат Гасановны (учитель физики), Ильина Льва Андреевича "
        "(обучающийся 7Б класса), в том числе:"
    )
    assert doc.blocks[-2].labels[0] == "Работодатель: Директор М. А. Гаджиев"


def test_dates_default_to_the_pair_and_extra_items_come_before_the_closing_ones(
    school, year, pairs
):
    pair = pairs[0]
    pair.role_model = "опытный педагог – молодой специалист"
    pair.save()
    document = _agreement(year, pair, start_date=None, end_date=None, payment="")
    document.extra_items = "Работник проходит обучение наставников до 1 ноября 2026 г."
    document.save()

    texts = [item.text for item in _items(get_kind("agreement").build(document))]

    assert texts[2] == (
        "Форма наставничества: «педагог – педагог» (ролевая модель: опытный педагог – "
        "молодой специалист); формат взаимодействия: очно."
    )
    assert texts[3] == (
        "Срок выполнения работы по наставничеству: с 1 октября 2026 г. по 31 мая 2027 г."
    )
    assert "устанавливается доплата в размере ________ рублей в месяц." in texts[4]
    assert texts[6] == "Работник проходит обучение наставников до 1 ноября 2026 г."
    assert texts[-1].startswith("Соглашение составлено в двух экземплярах")


def test_approval_numbers_dates_and_records_the_agreement_on_the_pair(school, year, pairs):
    document = _agreement(year, pairs[0])
    document_submit(document=document, actor=None)

    approved = document_approve(document=document, on=datetime.date(2026, 9, 25), actor=None)

    assert approved.number == "1"
    assert approved.register.code == "agreements"
    assert approved.data["title"].startswith("Дополнительное соглашение № 1\n")
    assert approved.data["date"] == "2026-09-25"
    pair = pairs[0]
    pair.refresh_from_db()
    assert pair.agreement_number == "1"
    assert pair.agreement_date == datetime.date(2026, 9, 25)
    assert pair.payment_terms == "доплата в размере 3 000 рублей в месяц"
    assert pair.mentor_consent_on == datetime.date(2026, 9, 20)


def test_approved_agreement_prints_its_number_and_date(school, year, pairs):
    document = _agreement(year, pairs[0])
    document_submit(document=document, actor=None)
    approved = document_approve(document=document, on=datetime.date(2026, 9, 25), actor=None)

    doc = get_kind("agreement").build(approved)
    text = pdf_text(render_pdf(doc))

    assert doc.draft is False and doc.date == datetime.date(2026, 9, 25)
    assert "Дополнительное соглашение № 1 к трудовому договору от 01.09.2020 № 15-тд" in text
    assert "г. Киров 25 сентября 2026 г." in text
    assert "ПРОЕКТ" not in text


def test_agreement_pdf_shows_the_title_and_declined_names(school, year, pairs):
    doc = get_kind("agreement").build(_agreement(year, pairs[0]))

    text = pdf_text(render_pdf(doc))

    assert "Дополнительное соглашение № ________ к трудовому договору от 01.09.2020" in text
    assert "директора Соколовой Ирины Владимировны" in text
    assert "Алиевой Патимат Гасановны" in text
    assert "Работодатель: Директор И. В. Соколова" in text
    assert "не позднее чем за три рабочих дня" in text
    assert "Петров Иван Сергеевич" in plain_text(doc)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Муниципальное бюджетное общеобразовательное учреждение «Школа № 5»", "именуемое"),
        ("Муниципальное автономное общеобразовательное учреждение «Гимназия № 1»", "именуемое"),
        ("Гимназия № 2 города Кирова", "именуемая"),
        ("Лицей № 3", "именуемый"),
        ("Средняя школа № 7", "именуемая"),
    ],
)
def test_organisation_participle_agrees_with_the_first_noun(name, expected):
    assert organisation_participle(name) == expected


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        ("Директор", "директора"),
        ("директор школы", "директора школы"),
        ("Заведующий", "заведующего"),
        ("Исполняющий обязанности директора", "исполняющего обязанности директора"),
        ("И. о. директора", "и. о. директора"),
        ("", "директора"),
    ],
)
def test_director_position_in_the_genitive(position, expected):
    assert position_genitive(position) == expected


def test_form_offers_open_pairs_of_the_year_and_fills_the_dates(school, year, pairs):
    finished = MentorshipFactory(year=year, status="finished")
    other_year = MentorshipFactory(year=ProgrammeYearFactory(title="2025/2026"), status="active")
    data = {
        "mentorship": pairs[0].pk,
        "contract_number": "15-тд",
        "contract_date": "2020-09-01",
        "consent_date": "2026-09-20",
        "payment": "доплата в размере 3 000 рублей в месяц",
    }

    form = AgreementForm(data=data, year=year)

    assert "control_person" not in form.fields
    offered = set(form.fields["mentorship"].queryset)
    assert offered == set(pairs)
    assert finished not in offered and other_year not in offered
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start_date"] == pairs[0].start_date
    assert form.cleaned_data["end_date"] == pairs[0].planned_end_date


def test_form_refuses_an_end_before_the_start(school, year, pairs):
    form = AgreementForm(
        data={
            "mentorship": pairs[0].pk,
            "contract_number": "1",
            "contract_date": "2020-09-01",
            "consent_date": "2026-09-20",
            "payment": "доплата",
            "start_date": "2027-01-10",
            "end_date": "2026-12-01",
        },
        year=year,
    )

    assert not form.is_valid()
    assert "end_date" in form.errors


def test_kind_settings(db):
    kind = get_kind("agreement")

    assert kind.register_code == "agreements" and kind.roadmap_kind == ""
    assert kind.uses_mentorships is True and kind.form_class is AgreementForm
    assert kind.has_preamble is False and kind.has_extra_items is True
    assert kind.template == "print/form.html"
