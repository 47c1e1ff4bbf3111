"""Blanks one person signs by hand: consents under 152-ФЗ and the mentor's consent (ТК 351.8).

Each is printed for one person with the name filled in and lines left for what the school
does not keep (address, passport). Nothing is stored: the signed paper is scanned into the
person's consents. Every consent is a separate document (152-ФЗ, ст. 9 ч. 4; the consent to
publish on the website is its own blank, ст. 10.1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mentorship.dates import date_short
from mentorship.declension import Gender, detect_gender
from mentorship.models import PERSONAL_DATA_DEFAULT, PUBLICATION_CATEGORIES, DataCategory, Person
from reports.documents.base import FormKind, register
from reports.documents.common import (
    BLANK_DATE,
    gendered,
    in_case,
    initials_surname,
    organisation_lines,
    school,
)
from reports.documents.regulation import lower_first
from reports.printing import Item, Items, Paragraph, PrintDocument, Signature, SignLines, Table

if TYPE_CHECKING:
    from mentorship.models import School

LAW_152 = "Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»"
BLANK = "________________"
ACTIONS = (
    "сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), "
    "извлечение, использование, предоставление доступа куратору наставничества, участникам "
    "своей наставнической пары (группы) и руководителю оператора, обезличивание, "
    "блокирование, удаление, уничтожение. Распространение персональных данных не "
    "осуществляется без отдельного согласия"
)
METHODS = (
    "с использованием средств автоматизации (в информационной системе программы "
    "наставничества оператора) и без использования таких средств (на бумажных носителях). "
    "Обработка персональных данных другим лицам по поручению оператора не поручается"
)
WITHDRAWAL = (
    "Согласие может быть отозвано в любое время путём подачи оператору письменного "
    "заявления. В случае отзыва согласия оператор прекращает обработку персональных данных "
    "и уничтожает их в срок, не превышающий тридцати дней с даты поступления отзыва, если "
    "иное не предусмотрено федеральным законом."
)
PUBLICATION_ROWS = (
    "фамилия, имя, отчество",
    "должность, место работы или учёбы, класс",
    "фотографическое изображение (фотография)",
    "сведения об участии в программе наставничества, достижениях и наградах",
    "описание практики (кейса) наставничества",
)


def gender_of(person: Person) -> Gender | None:
    return detect_gender(person.surname, person.name, person.patronymic)


def operator_text(sch: School) -> str:
    """The operator as ст. 9 ч. 4 wants it: the name and the address (and its numbers)."""
    return (
        f"{sch.full_name} (адрес: {sch.address or BLANK}; ИНН {sch.inn or BLANK}; "
        f"ОГРН {sch.ogrn or BLANK})"
    )


def personal_data_categories() -> list[str]:
    """Every category of DataCategory except those only published (photo, cases)."""
    publication_only = set(PUBLICATION_CATEGORIES) - set(PERSONAL_DATA_DEFAULT)
    return [str(label) for value, label in DataCategory.choices if value not in publication_only]


def conditions(purpose: str) -> Items:
    """The numbered conditions of a consent to process personal data (ст. 9 ч. 4)."""
    return Items(
        (
            Item(f"Цель обработки персональных данных: {purpose}."),
            Item(
                "Перечень персональных данных, на обработку которых даётся согласие: "
                + "; ".join(personal_data_categories())
                + "."
            ),
            Item(f"Перечень действий с персональными данными: {ACTIONS}."),
            Item(f"Способы обработки персональных данных: {METHODS}."),
            Item(
                "Согласие действует со дня его подписания до окончания участия в программе "
                "наставничества и истечения срока хранения документов программы, "
                "установленного номенклатурой дел оператора, либо до дня его отзыва."
            ),
            Item(WITHDRAWAL),
        )
    )


def signed(person_name: str) -> Signature:
    """««___» ________ 20___ г. ______ И. О. Фамилия» on one line."""
    return Signature(BLANK_DATE, person_name)


def identity_blocks() -> list[Any]:
    """Captioned lines for what the school does not keep: the address and the passport."""
    return [
        SignLines(("адрес регистрации по месту жительства",)),
        SignLines(("основной документ, удостоверяющий личность: вид, серия и номер",)),
        SignLines(("дата выдачи и наименование органа, выдавшего документ",)),
    ]


def form_document(
    kind: FormKind, sch: School, person: Person, blocks: list[Any], **meta: Any
) -> PrintDocument:
    return PrintDocument(
        kind=kind.code,
        organisation=organisation_lines(sch),
        doc_type="",
        title=kind.heading,
        blocks=tuple(blocks),
        gost_edition=sch.gost_edition,
        meta={"person": person.pk, "person_name": person.short_name, **meta},
    )


class ConsentForm(FormKind):
    heading: str = ""


@register
class PersonalDataConsent(ConsentForm):
    code = "consent_personal_data"
    title = "согласие на обработку персональных данных (совершеннолетний участник)"
    heading = "Согласие на обработку персональных данных"

    def build(self, *, person: Person) -> PrintDocument:
        sch = school()
        registered = gendered(
            gender_of(person), "зарегистрированный", "зарегистрированная", "зарегистрированный(-ая)"
        )
        blocks: list[Any] = [
            Paragraph(
                f"Я, {person.full_name}, {registered} по адресу:", indent=False, align="left"
            ),
            *identity_blocks(),
            Paragraph(
                f"в соответствии со статьёй 9 {LAW_152} свободно, своей волей и в своём "
                f"интересе даю согласие оператору — {operator_text(sch)} — на обработку моих "
                "персональных данных на следующих условиях:"
            ),
            conditions(
                f"участие в программе наставничества {sch.short_name}: включение в базу "
                "наставников или базу наставляемых, формирование наставнических пар (групп), "
                "разработка и реализация персонализированных программ наставничества, "
                "анкетирование, мониторинг и оценка результатов наставничества, подготовка "
                "документов программы наставничества"
            ),
            Paragraph(
                "Настоящее согласие оформлено отдельным документом. Согласие на распространение "
                "персональных данных (размещение на сайте оператора) даётся отдельно."
            ),
            signed(initials_surname(person.full_name)),
        ]
        return form_document(self, sch, person, blocks)


@register
class RepresentativeConsent(ConsentForm):
    code = "consent_representative"
    title = "согласие законного представителя на обработку персональных данных несовершеннолетнего"
    heading = (
        "Согласие законного представителя на обработку персональных данных несовершеннолетнего"
    )

    def build(self, *, person: Person) -> PrintDocument:
        sch = school()
        child = in_case(person, "genitive")
        minor = gendered(
            gender_of(person),
            "несовершеннолетнего",
            "несовершеннолетней",
            "несовершеннолетнего(-ей)",
        )
        born = f", {date_short(person.birth_date)} года рождения" if person.birth_date else ""
        blocks: list[Any] = [
            Paragraph("Я,", indent=False, align="left"),
            SignLines(("фамилия, имя, отчество законного представителя",)),
            *identity_blocks(),
            Paragraph(
                "являясь законным представителем (родителем, усыновителем, опекуном, "
                f"попечителем) {minor} {child}{born}, на основании (свидетельство о рождении, "
                "акт органа опеки и попечительства)",
                indent=False,
                align="left",
            ),
            SignLines(("документ, подтверждающий полномочия: вид, серия, номер, дата, кем выдан",)),
            Paragraph(
                f"в соответствии со статьёй 9 {LAW_152} свободно, своей волей и в интересе "
                f"ребёнка даю согласие оператору — {operator_text(sch)} — на обработку "
                f"персональных данных моего ребёнка (подопечного) {child} на следующих условиях:"
            ),
            conditions(
                f"участие моего ребёнка (подопечного) в программе наставничества обучающихся "
                f"{sch.short_name}: включение в базу наставляемых или базу наставников, "
                "формирование наставнических пар (групп), разработка и реализация программ "
                "наставничества, анкетирование, мониторинг и оценка результатов "
                "наставничества, подготовка документов программы наставничества"
            ),
            Paragraph(
                "Настоящее согласие оформлено отдельным документом. Согласие на распространение "
                "персональных данных ребёнка (размещение на сайте оператора) даётся отдельно."
            ),
            signed("_______________________"),
            Paragraph("(подпись и расшифровка подписи законного представителя)", False, "right"),
        ]
        return form_document(self, sch, person, blocks, minor=True)


@register
class PublicationConsent(ConsentForm):
    code = "consent_publication"
    title = "согласие на распространение персональных данных (сайт школы)"
    heading = (
        "Согласие на обработку персональных данных, разрешённых субъектом персональных "
        "данных для распространения"
    )

    def build(self, *, person: Person) -> PrintDocument:
        sch = school()
        website = sch.website or BLANK
        blocks: list[Any] = [
            Paragraph(f"Я, {person.full_name},", indent=False, align="left"),
            Paragraph(
                "контактная информация (номер телефона, адрес электронной почты или "
                "почтовый адрес):",
                indent=False,
                align="left",
            ),
            SignLines(("телефон, электронная почта или почтовый адрес",)),
            Paragraph(
                f"руководствуясь статьёй 10.1 {LAW_152}, заявляю о согласии на распространение "
                f"оператором — {operator_text(sch)} — моих персональных данных с целью "
                f"информирования о программе наставничества {sch.short_name}: размещения "
                "сведений о наставниках и наставляемых, лучших практиках и итогах программы "
                "наставничества."
            ),
            Paragraph(
                "Информационный ресурс оператора, посредством которого будет осуществляться "
                "предоставление доступа неограниченному кругу лиц к персональным данным: "
                f"официальный сайт {website}."
            ),
            Paragraph(
                "Категории и перечень персональных данных, на распространение которых "
                "я даю согласие, а также установленные мной условия и запреты:"
            ),
            Table(
                columns=(
                    "№",
                    "Персональные данные",
                    "Разрешаю к распространению (да/нет)",
                    "Условия и запреты",
                ),
                rows=tuple(
                    (str(number), text, "", "")
                    for number, text in enumerate(PUBLICATION_ROWS, start=1)
                ),
                widths=(6, 44, 20, 30),
            ),
            Paragraph(
                "Персональные данные, напротив которых не указано «да», распространению "
                "не подлежат. Если в графе «Условия и запреты» ничего не указано, условия "
                "и запреты не установлены."
            ),
            Paragraph(
                "Условия, при которых полученные персональные данные могут передаваться "
                "оператором только по его внутренней сети, обеспечивающей доступ к информации "
                "лишь для строго определённых работников, либо с использованием "
                "информационно-телекоммуникационных сетей, либо без передачи полученных "
                "персональных данных (заполняется по желанию):"
            ),
            SignLines(("условия передачи",)),
            Paragraph(
                "Согласие действует со дня его подписания до окончания моего участия "
                "в программе наставничества. Я вправе в любое время потребовать прекратить "
                "распространение моих персональных данных; действие согласия прекращается "
                "с момента поступления оператору такого требования. Настоящее согласие "
                "оформлено отдельным документом."
            ),
            signed(initials_surname(person.full_name)),
        ]
        return form_document(self, sch, person, blocks)


@register
class MentorAgreementConsent(ConsentForm):
    code = "mentor_agreement"
    title = "письменное согласие работника на выполнение работы по наставничеству"
    heading = "Согласие работника на выполнение работы по наставничеству"

    def build(self, *, person: Person) -> PrintDocument:
        sch = school()
        gender = gender_of(person)
        acquainted = gendered(gender, "ознакомлен", "ознакомлена", "ознакомлен(а)")
        position = f", {lower_first(person.position)}" if person.position else ""
        blocks: list[Any] = [
            Paragraph(
                f"Я, {person.full_name}{position}, даю согласие на выполнение наряду с работой, "
                "определённой трудовым договором, работы по наставничеству в "
                f"{sch.short_name} в соответствии со статьёй 351.8 Трудового кодекса "
                "Российской Федерации."
            ),
            Paragraph("Наставничество в отношении:", indent=False, align="left"),
            SignLines(("фамилия, имя, отчество, должность (класс) наставляемого (наставляемых)",)),
            Paragraph("Форма наставничества:", indent=False, align="left"),
            SignLines(("форма наставничества, ролевая модель",)),
            Paragraph("Срок выполнения работы по наставничеству:", indent=False, align="left"),
            Paragraph(f"с {BLANK_DATE} по {BLANK_DATE}", indent=False, align="left"),
            Paragraph(
                "Мне разъяснено, что содержание, сроки и форма выполнения работы "
                "по наставничеству, а также размер и условия её оплаты устанавливаются "
                "дополнительным соглашением к трудовому договору; что я вправе досрочно "
                "отказаться от выполнения работы по наставничеству, а работодатель — досрочно "
                "отменить поручение о её выполнении, предупредив об этом другую сторону "
                "в письменной форме не позднее чем за три рабочих дня."
            ),
            Paragraph(f"С Положением о наставничестве в {sch.short_name} {acquainted}."),
            signed(initials_surname(person.full_name)),
        ]
        return form_document(self, sch, person, blocks)
