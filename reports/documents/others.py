"""The teachers' council protocol, the roadmap and the personalised programme."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch

from mentorship.dates import date_ru, date_short
from mentorship.models import (
    MenteeRequest,
    Mentorship,
    MentorshipMember,
    Person,
    ProgrammeItem,
)
from reports.documents import forms as kind_forms
from reports.documents.base import DocumentKind, param_date, register
from reports.documents.common import (
    approved_by_director_stamp,
    approved_by_order_stamp,
    initials_surname,
    organisation_lines,
    school,
    sentence,
)
from reports.documents.orders import people_by_id, person_with_role
from reports.printing import (
    Heading,
    Item,
    Items,
    Paragraph,
    PrintDocument,
    Signature,
    SignLines,
    Table,
)
from roadmap.models import Roadmap
from roadmap.selectors import roadmap_print_data

if TYPE_CHECKING:
    from mentorship.models import ProgrammeYear, School, User
    from reports.models import Document


def approval_stamps(document: Document, sch: School, *, word: str) -> tuple:
    """«УТВЕРЖДЕНО приказом …» once the implementation order is signed, else «УТВЕРЖДАЮ»."""
    from reports.models import Document as DocumentModel  # noqa: PLC0415

    order = (
        DocumentModel.objects.filter(
            year=document.year, kind="order_implementation", status="approved"
        )
        .order_by("-approved_on", "-pk")
        .first()
    )
    if order is not None:
        return (approved_by_order_stamp(word, sch, order),)
    return (approved_by_director_stamp(sch, document.approved_on),)


@register
class ProtocolKind(DocumentKind):
    code = "protocol"
    title = "протокол заседания педагогического совета"
    default_title = "заседания педагогического совета"
    template = "print/protocol.html"
    register_code = "protocols"
    roadmap_kind = "protocol"
    form_class = kind_forms.ProtocolForm
    has_preamble = False
    has_extra_items = False

    def initial(self, *, year: ProgrammeYear) -> dict[str, Any]:
        return {"agenda": []}

    def build(self, document: Document) -> PrintDocument:
        sch = school()
        params = document.params
        people = people_by_id([params.get("chair"), params.get("secretary")])
        chair, secretary = people.get(params.get("chair")), people.get(params.get("secretary"))
        agenda = [item for item in params.get("agenda", []) if item.get("question")]
        blocks: list[Any] = []
        if chair:
            blocks.append(
                Paragraph(f"Председатель — {initials_surname(chair.full_name)}", False, "left")
            )
        if secretary:
            blocks.append(
                Paragraph(f"Секретарь — {initials_surname(secretary.full_name)}", False, "left")
            )
        blocks.append(Paragraph(f"Присутствовали: {params.get('present', 0)} чел.", False, "left"))
        blocks.append(Paragraph(f"Отсутствовали: {params.get('absent', 0)} чел.", False, "left"))
        blocks.append(Paragraph("ПОВЕСТКА ДНЯ:", indent=False, align="center", bold=True))
        blocks.append(Items(tuple(Item(item["question"]) for item in agenda)))
        for number, item in enumerate(agenda, start=1):
            blocks.append(Paragraph(f"{number}. СЛУШАЛИ: {item.get('heard', '')}", bold=False))
            if item.get("spoke"):
                blocks.append(Paragraph(f"ВЫСТУПИЛИ: {item['spoke']}"))
            votes = (
                f"Голосовали: «за» — {item.get('votes_for') or 0}, "
                f"«против» — {item.get('votes_against') or 0}, "
                f"«воздержались» — {item.get('votes_abstained') or 0}."
            )
            blocks.append(Paragraph(votes))
            blocks.append(Paragraph(f"РЕШИЛИ: {item.get('decided', '')}"))
        blocks.append(signature_of("Председатель", chair))
        blocks.append(signature_of("Секретарь", secretary))
        meeting = param_date(params, "meeting_date")
        return PrintDocument(
            kind=self.code,
            organisation=organisation_lines(sch),
            doc_type="ПРОТОКОЛ",
            title=document.title,
            number=document.number,
            date=document.approved_on or meeting,
            place=sch.locality,
            blocks=tuple(blocks),
            draft=document.status != "approved",
            gost_edition=sch.gost_edition,
            meta={"agenda": len(agenda)},
        )


def signature_of(role: str, person: Person | None) -> Signature:
    return Signature(role, initials_surname(person.full_name) if person else "")


def roadmap_annex_blocks(year: ProgrammeYear) -> tuple:
    """The roadmap as one table with a section row per stage."""
    roadmap = Roadmap.objects.filter(year=year).first()
    if roadmap is None:
        return (Paragraph("Дорожная карта на этот учебный год ещё не составлена."),)
    printed = roadmap_print_data(roadmap=roadmap)
    rows: list[tuple[str, ...]] = []
    for stage in printed.stages:
        rows.append((f"Этап {stage.number}. {stage.title}",))
        rows.extend(
            (event.number, event.title, event.deadline, event.responsible, event.result)
            for event in stage.events
        )
    table = Table(
        columns=("№", "Мероприятие", "Срок", "Ответственные", "Результат"),
        rows=tuple(rows),
        widths=(7, 40, 17, 17, 19),
    )
    return (table,)


@register
class RoadmapKind(DocumentKind):
    code = "roadmap"
    title = "дорожная карта"
    default_title = "Дорожная карта (план мероприятий) внедрения наставничества"
    register_code = None
    roadmap_kind = "roadmap"
    has_preamble = False
    has_extra_items = False

    def build(self, document: Document) -> PrintDocument:
        sch = school()
        return PrintDocument(
            kind=self.code,
            organisation=organisation_lines(sch),
            doc_type="",
            title=f"{document.title} на {document.year} учебный год",
            date=document.approved_on,
            stamps=approval_stamps(document, sch, word="УТВЕРЖДЕНА"),
            blocks=roadmap_annex_blocks(document.year),
            draft=document.status != "approved",
            gost_edition=sch.gost_edition,
        )

    def on_approved(self, document: Document, *, actor: User | None) -> None:
        from roadmap.services import roadmap_mark_approved  # noqa: PLC0415

        if not Roadmap.objects.filter(year=document.year, approved_on__isnull=False).exists():
            roadmap_mark_approved(
                year=document.year,
                on=document.approved_on,
                reference=f"утверждена директором {date_short(document.approved_on)}",
                actor=actor,
            )


@register
class ProgrammeKind(DocumentKind):
    code = "programme"
    title = "персонализированная программа наставничества"
    default_title = "Персонализированная программа наставничества"
    register_code = None
    roadmap_kind = "programmes"
    uses_mentorships = True
    has_preamble = False
    has_extra_items = False
    form_class = kind_forms.ProgrammeForm

    def build(self, document: Document) -> PrintDocument:
        sch = school()
        mentorship = programme_mentorship(document)
        programme = getattr(mentorship, "programme", None)
        mentees = [member.mentee.person for member in mentorship.current_members]
        requests = sorted(
            {r.topic.title for m in mentorship.current_members for r in m.mentee.requests.all()}
        )
        blocks: list[Any] = [Heading("1. Пояснительная записка")]
        goal = mentorship.goal or (programme.goals if programme else "")
        if goal:
            blocks.append(Paragraph(f"Цель: {goal}"))
        if requests:
            blocks.append(
                Paragraph(
                    "Выявленные профессиональные затруднения (запрос наставляемого): "
                    + "; ".join(requests)
                    + "."
                )
            )
        blocks.append(Heading("2. Участники"))
        blocks.append(Paragraph(f"Наставник: {person_with_role(mentorship.mentor.person)}."))
        label = "Наставляемые" if len(mentees) > 1 else "Наставляемый"
        blocks.append(
            Paragraph(f"{label}: " + "; ".join(person_with_role(p) for p in mentees) + ".")
        )
        blocks.append(
            Paragraph(
                f"Форма наставничества: {mentorship.form.title}; "
                f"формат: {mentorship.get_delivery_format_display()}."
            )
        )
        blocks.append(
            Paragraph(
                sentence(
                    f"Срок реализации: с {date_ru(mentorship.start_date)} "
                    f"по {date_ru(mentorship.planned_end_date)}"
                )
            )
        )
        items = list(programme.items.all()) if programme else []
        goals = [item.title for item in items if item.kind == "goal"]
        tasks = [item.title for item in items if item.kind == "task"]
        if goals or tasks or (programme and programme.goals):
            blocks.append(Heading("3. Цели, задачи и планируемые результаты"))
            if programme and programme.goals:
                blocks.append(Paragraph(programme.goals))
            blocks.extend(Paragraph(f"Цель: {text}") for text in goals)
            if tasks:
                blocks.append(Items(tuple(Item(text) for text in tasks)))
        activities = [item for item in items if item.kind == "activity"]
        blocks.append(Heading("4. План мероприятий"))
        blocks.append(
            Table(
                columns=("№", "Мероприятие", "Срок", "Ожидаемый результат", "Отметка о выполнении"),
                rows=tuple(
                    (
                        str(number),
                        item.title,
                        date_short(item.due_date),
                        item.expected_result,
                        f"выполнено {date_short(item.done_on)}" if item.done_on else "",
                    )
                    for number, item in enumerate(activities, start=1)
                ),
                widths=(6, 38, 14, 24, 18),
            )
        )
        if programme and programme.development_plan:
            blocks.append(Heading("5. Индивидуальный план развития наставляемого"))
            blocks.extend(
                Paragraph(line) for line in programme.development_plan.splitlines() if line.strip()
            )
        blocks.append(Paragraph("С программой ознакомлены:", indent=False, align="left"))
        blocks.append(Paragraph(f"Наставник {mentorship.mentor.person.short_name}", False, "left"))
        blocks.append(SignLines(("подпись", "дата")))
        for person in mentees:
            blocks.append(Paragraph(f"Наставляемый {person.short_name}", False, "left"))
            blocks.append(SignLines(("подпись", "дата")))
        return PrintDocument(
            kind=self.code,
            organisation=organisation_lines(sch),
            doc_type="",
            title=document.title,
            date=document.approved_on,
            stamps=(approved_by_director_stamp(sch, document.approved_on),),
            blocks=tuple(blocks),
            draft=document.status != "approved",
            gost_edition=sch.gost_edition,
            meta={"mentorship": mentorship.pk, "activities": len(activities)},
        )


def programme_mentorship(document: Document) -> Mentorship:
    requests = MenteeRequest.objects.select_related("topic")
    members = (
        MentorshipMember.objects.filter(left_on__isnull=True)
        .select_related("mentee__person")
        .prefetch_related(Prefetch("mentee__requests", queryset=requests))
    )
    return (
        Mentorship.objects.filter(documents=document)
        .select_related("mentor__person", "form", "programme")
        .prefetch_related(
            Prefetch("members", queryset=members, to_attr="current_members"),
            Prefetch("programme__items", queryset=ProgrammeItem.objects.order_by("order", "pk")),
        )
        .get()
    )
