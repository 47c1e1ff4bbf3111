"""The supplementary agreement to the mentor's employment contract (ТК РФ ст. 351.8).

Mentoring is work done besides the job of the contract: on the employer's instruction,
with the worker's written consent, and its content, term, form and payment go into the
contract or a supplementary agreement (domain.md §2.6). The signed agreement's number,
date, payment and consent date are kept on the pair.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch

from mentorship.dates import date_ru, date_short
from mentorship.declension import Gender, decline_full_name, detect_gender
from mentorship.models import Mentorship, MentorshipMember, Person, PersonKind
from reports.documents.base import DocumentKind, param_date, register
from reports.documents.common import (
    BLANK_DATE,
    extra_items,
    gendered,
    in_case,
    initials_surname,
    organisation_lines,
    school,
)
from reports.documents.forms_agreement import AgreementForm
from reports.documents.regulation import meetings_phrase
from reports.printing import Heading, Item, Items, Paragraph, PrintDocument, SignLines

if TYPE_CHECKING:
    from mentorship.models import School, User
    from reports.models import Document

BLANK = "________"
BLANK_PAYMENT = "доплата в размере ________ рублей в месяц"

# The first of these words in the organisation's name gives the gender of «именуемое».
ORGANISATION_WORDS = (
    ("учреждение", "именуемое"),
    ("организация", "именуемая"),
    ("школа", "именуемая"),
    ("гимназия", "именуемая"),
    ("академия", "именуемая"),
    ("лицей", "именуемый"),
    ("центр", "именуемый"),
    ("колледж", "именуемый"),
    ("комплекс", "именуемый"),
    ("дом", "именуемый"),
    ("сад", "именуемый"),
)

# Heads' positions in the genitive («в лице директора …»); other words are added «а».
POSITION_GENITIVE = {
    "директор": "директора",
    "заведующий": "заведующего",
    "заведующая": "заведующей",
    "руководитель": "руководителя",
    "начальник": "начальника",
    "ректор": "ректора",
    "исполняющий": "исполняющего",
    "исполняющая": "исполняющей",
}


def organisation_participle(full_name: str) -> str:
    """«именуемое» for an учреждение, «именуемая» for a гимназия, «именуемый» for a лицей."""
    name = full_name.lower().split("«")[0]
    found = [(name.find(word), form) for word, form in ORGANISATION_WORDS if word in name]
    return min(found)[1] if found else "именуемое"


def position_genitive(position: str) -> str:
    """«Директор» → «директора», «Заведующий» → «заведующего»; «И. о. директора» stays."""
    words = position.split()
    if not words:
        return "директора"
    first = words[0].lower()
    if first in POSITION_GENITIVE:
        first = POSITION_GENITIVE[first]
    elif first[-1] not in "аеёиоуыэюя.ьй":
        first = f"{first}а"
    return " ".join([first, *words[1:]])


def name_parts(full: str) -> tuple[str, str, str]:
    parts = full.split()
    surname = parts[0] if parts else ""
    name = parts[1] if len(parts) > 1 else ""
    return surname, name, " ".join(parts[2:])


def director_in_genitive(sch: School) -> tuple[str, Gender | None]:
    """«Соколовой Ирины Владимировны» and the director's gender."""
    surname, name, patronymic = name_parts(sch.director_name)
    if not surname:
        return "________________________", None
    gender = detect_gender(surname, name, patronymic)
    return decline_full_name(surname, name, patronymic, "genitive"), gender


def person_gender(person: Person) -> Gender | None:
    return detect_gender(person.surname, person.name, person.patronymic)


def mentee_role(person: Person) -> str:
    """What the agreement says after the name: the position, or the pupil's class."""
    if person.kind == PersonKind.PUPIL:
        return f"обучающийся {person.department} класса" if person.department else "обучающийся"
    return person.position


def mentee_in_genitive(person: Person) -> str:
    """«Петровой Анны Сергеевны (учитель математики)»."""
    role = mentee_role(person)
    name = in_case(person, "genitive")
    return f"{name} ({role})" if role else name


def agreement_mentorship(document: Document) -> Mentorship:
    """The pair the agreement is about: the document's, else the one in its parameters."""
    members = MentorshipMember.objects.filter(left_on__isnull=True).select_related("mentee__person")
    queryset = Mentorship.objects.select_related("mentor__person", "form").prefetch_related(
        Prefetch("members", queryset=members, to_attr="current_members")
    )
    mentorship = queryset.filter(documents=document).order_by("pk").first()
    if mentorship is None:
        mentorship = queryset.get(pk=document.params["mentorship"])
    return mentorship


def agreement_title(document: Document) -> str:
    params = document.params
    contract_date = param_date(params, "contract_date")
    contract = (
        f"к трудовому договору от {date_short(contract_date) if contract_date else BLANK_DATE} "
        f"№ {params.get('contract_number') or BLANK}"
    )
    return f"Дополнительное соглашение № {document.number or BLANK}\n{contract}"


@register
class AgreementKind(DocumentKind):
    code = "agreement"
    title = "дополнительное соглашение к трудовому договору (наставничество)"
    default_title = (
        "Дополнительное соглашение к трудовому договору о выполнении работы по наставничеству"
    )
    template = "print/form.html"
    register_code = "agreements"
    roadmap_kind = ""
    form_class = AgreementForm
    uses_mentorships = True
    has_preamble = False
    has_extra_items = True
    help_text = (
        "Статья 351.8 ТК РФ: работа по наставничеству выполняется с письменного согласия "
        "работника, её содержание, срок, форма и оплата указываются в дополнительном соглашении."
    )

    def parties(self, sch: School, mentor: Person) -> Paragraph:
        director, director_gender = director_in_genitive(sch)
        acting = gendered(director_gender, "действующего", "действующей", "действующего")
        named = gendered(person_gender(mentor), "именуемый", "именуемая", "именуемый(-ая)")
        return Paragraph(
            f"{sch.full_name}, в лице {position_genitive(sch.director_position)} {director}, "
            f"{acting} на основании Устава, {organisation_participle(sch.full_name)} "
            f"в дальнейшем «Работодатель», с одной стороны, и {mentor.full_name}, {named} "
            "в дальнейшем «Работник», с другой стороны, вместе именуемые «Стороны», "
            "заключили настоящее дополнительное соглашение к трудовому договору "
            "(далее — трудовой договор) о нижеследующем:"
        )

    def items(self, document: Document, mentorship: Mentorship, sch: School) -> list[Item]:
        params = document.params
        consent = param_date(params, "consent_date")
        start = param_date(params, "start_date") or mentorship.start_date
        end = param_date(params, "end_date") or mentorship.planned_end_date
        mentees = [member.mentee.person for member in mentorship.current_members]
        whom = ", ".join(mentee_in_genitive(person) for person in mentees) or BLANK
        label = "наставляемых" if len(mentees) > 1 else "наставляемого"
        payment = (params.get("payment") or "").strip().rstrip(".") or BLANK_PAYMENT
        role_model = f" (ролевая модель: {mentorship.role_model})" if mentorship.role_model else ""
        meetings = meetings_phrase(sch)
        items = [
            Item(
                "Работодатель поручает, а Работник с его письменного согласия "
                f"от {date_ru(consent) if consent else BLANK_DATE} обязуется выполнять наряду "
                "с работой, определённой трудовым договором, работу по наставничеству "
                "в соответствии со статьёй 351.8 Трудового кодекса Российской Федерации."
            ),
            Item(
                f"Содержание работы по наставничеству: наставничество в отношении {label} "
                f"{whom}, в том числе:",
                (
                    "разработка совместно с наставляемым персонализированной программы "
                    "наставничества и обеспечение её выполнения;",
                    f"проведение встреч с наставляемым {meetings}, оказание ему методической "
                    "и практической помощи, заполнение формы обратной связи после каждой встречи;",
                    "участие в мониторинге и оценке результатов наставничества, представление "
                    "куратору сведений о ходе реализации программы.",
                ),
            ),
            Item(
                f"Форма наставничества: {mentorship.form.title}{role_model}; формат "
                f"взаимодействия: {mentorship.get_delivery_format_display()}."
            ),
            Item(f"Срок выполнения работы по наставничеству: с {date_ru(start)} по {date_ru(end)}"),
            Item(
                f"За выполнение работы по наставничеству Работнику устанавливается {payment}. "
                "Оплата производится в сроки выплаты заработной платы, установленные "
                "трудовым договором, за период фактического выполнения работы по наставничеству."
            ),
            Item(
                "Работник вправе досрочно отказаться от выполнения работы по наставничеству, "
                "а Работодатель — досрочно отменить поручение о её выполнении, предупредив "
                "об этом другую сторону в письменной форме не позднее чем за три рабочих дня."
            ),
            *extra_items(document),
            Item(
                "Настоящее соглашение является неотъемлемой частью трудового договора "
                "и вступает в силу со дня его подписания Сторонами. Остальные условия "
                "трудового договора остаются неизменными."
            ),
            Item(
                "Соглашение составлено в двух экземплярах, имеющих одинаковую юридическую "
                "силу, по одному для каждой из Сторон."
            ),
        ]
        return items

    def build(self, document: Document) -> PrintDocument:
        sch = school()
        mentorship = agreement_mentorship(document)
        mentor = mentorship.mentor.person
        director = initials_surname(sch.director_name) if sch.director_name else ""
        employer = " ".join(
            part for part in ((sch.director_position or "Директор"), director) if part
        )
        blocks: list[Any] = [
            self.parties(sch, mentor),
            Items(tuple(self.items(document, mentorship, sch))),
            Heading("Подписи Сторон"),
            SignLines(
                (f"Работодатель: {employer}", f"Работник: {initials_surname(mentor.full_name)}")
            ),
            SignLines(
                ("второй экземпляр соглашения получил(а), подпись Работника", "дата получения")
            ),
        ]
        return PrintDocument(
            kind=self.code,
            organisation=organisation_lines(sch),
            doc_type="",
            title=agreement_title(document),
            number=document.number,
            date=document.approved_on,
            place=sch.locality,
            blocks=tuple(blocks),
            draft=document.status != "approved",
            gost_edition=sch.gost_edition,
            meta={
                "dated": True,
                "mentorship": mentorship.pk,
                "mentor": mentor.pk,
                "mentees": [member.mentee.person_id for member in mentorship.current_members],
            },
        )

    def on_approved(self, document: Document, *, actor: User | None) -> None:
        from mentorship.services.pairs import mentorship_agreement_record  # noqa: PLC0415

        params = document.params
        mentorship_agreement_record(
            mentorship=agreement_mentorship(document),
            number=document.number,
            date=document.approved_on,
            payment_terms=(params.get("payment") or "").strip(),
            consent_on=param_date(params, "consent_date"),
            actor=actor,
        )
