"""The orders (приказы) of the programme, each built from the domain plus the curator's text."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from django.db.models import Prefetch
from django.utils import timezone

from mentorship.dates import date_ru, date_short
from mentorship.models import (
    Mentorship,
    MentorshipMember,
    MentorshipStatus,
    Person,
    Reward,
)
from reports.documents import forms as kind_forms
from reports.documents.base import DocumentKind, param_date, register
from reports.documents.common import (
    annex_mark,
    control_item,
    default_order_preamble,
    director_signature,
    extra_items,
    in_case,
    organisation_lines,
    school,
    sentence,
    with_position,
)
from reports.printing import Annex, Item, Items, Paragraph, PrintDocument, Table

if TYPE_CHECKING:
    from mentorship.models import School, User
    from reports.models import Document

ORDER_WORD = "ПРИКАЗЫВАЮ:"


def people_by_id(ids: list[int | None]) -> dict[int, Person]:
    wanted = [pk for pk in ids if pk]
    return {person.pk: person for person in Person.objects.filter(pk__in=wanted)} if wanted else {}


class OrderKind(DocumentKind):
    """An order: header, «О …», preamble, «ПРИКАЗЫВАЮ:», items, control, signature, annexes."""

    template = "print/order.html"
    purpose: ClassVar[str] = ""
    person_params: ClassVar[tuple[str, ...]] = ("control_person",)

    def default_preamble(self, *, params: dict[str, Any]) -> str:
        return default_order_preamble(self.purpose)

    def items(self, document: Document, people: dict[int, Person], sch: School) -> list[Item]:
        raise NotImplementedError

    def annexes(self, document: Document, people: dict[int, Person], sch: School) -> list[Annex]:
        return []

    def build(self, document: Document) -> PrintDocument:
        sch = school()
        params = document.params
        people = people_by_id([params.get(key) for key in self.person_params])
        items = [*self.items(document, people, sch), *extra_items(document)]
        items.append(control_item(params, people))
        preamble = document.preamble or self.default_preamble(params=params)
        return PrintDocument(
            kind=self.code,
            organisation=organisation_lines(sch),
            doc_type="ПРИКАЗ",
            title=document.title,
            number=document.number,
            date=document.approved_on,
            place=sch.locality,
            blocks=(
                Paragraph(preamble),
                Paragraph(ORDER_WORD, indent=False, align="left", bold=True),
                Items(tuple(items)),
                director_signature(sch),
            ),
            annexes=tuple(self.annexes(document, people, sch)),
            draft=document.status != "approved",
            gost_edition=sch.gost_edition,
            meta=self.meta(document, people),
        )

    def meta(self, document: Document, people: dict[int, Person]) -> dict[str, Any]:
        return {}


@register
class CuratorOrder(OrderKind):
    code = "order_curator"
    title = "приказ о назначении куратора"
    default_title = "О назначении куратора наставничества"
    roadmap_kind = "order_curator"
    form_class = kind_forms.CuratorOrderForm
    purpose = "в целях организации наставничества в образовательной организации"
    person_params = ("curator", "control_person")

    def initial(self, *, year) -> dict[str, Any]:
        return {"start_date": year.start_date, "duties": "\n".join(CURATOR_DUTIES)}

    def items(self, document: Document, people: dict[int, Person], sch: School) -> list[Item]:
        params = document.params
        curator = people[params["curator"]]
        start = param_date(params, "start_date")
        since = f" с {date_ru(start)}" if start else ""
        duties = tuple(line.strip() for line in params.get("duties", "").splitlines() if line)
        return [
            Item(
                sentence(
                    f"Назначить {with_position(curator, 'accusative')} куратором наставничества "
                    f"в {sch.short_name} на {document.year} учебный год{since}"
                )
            ),
            Item(f"Возложить на куратора {in_case(curator, 'accusative')}:", duties),
        ]

    def meta(self, document: Document, people: dict[int, Person]) -> dict[str, Any]:
        return {"curator": document.params.get("curator")}


CURATOR_DUTIES = (
    "формирование и ведение базы наставников и базы наставляемых;",
    "подготовку проектов приказов и других документов по наставничеству;",
    "организацию обучения наставников и их методическое сопровождение;",
    "контроль реализации персонализированных программ наставничества;",
    "организацию мониторинга и оценки результатов программы наставничества;",
    "подготовку итогового мероприятия и аналитической справки по итогам года.",
)


@register
class ImplementationOrder(OrderKind):
    code = "order_implementation"
    title = "приказ о внедрении системы наставничества"
    default_title = "О внедрении системы (целевой модели) наставничества"
    roadmap_kind = "order_implementation"
    form_class = kind_forms.ImplementationOrderForm
    purpose = (
        "в целях обеспечения профессионального роста педагогических работников, "
        "раскрытия потенциала личности обучающихся и успешной адаптации молодых специалистов"
    )
    person_params = ("curator", "control_person")

    def initial(self, *, year) -> dict[str, Any]:
        return {
            "model": "both",
            "stage1_date": datetime.date(year.end_date.year, 1, 31),
            "stage2_date": datetime.date(year.end_date.year, 5, 31),
            "results": "\n".join(IMPLEMENTATION_RESULTS),
        }

    def items(self, document: Document, people: dict[int, Person], sch: School) -> list[Item]:
        params = document.params
        curator = people[params["curator"]]
        what = MODEL_TEXT[params.get("model", "both")]
        results = tuple(line.strip() for line in params.get("results", "").splitlines() if line)
        stage1 = date_ru(param_date(params, "stage1_date"))
        stage2 = date_ru(param_date(params, "stage2_date"))
        return [
            Item(f"Внедрить в {sch.short_name} {what} в {document.year} учебном году."),
            Item("Утвердить Положение о наставничестве (приложение 1)."),
            Item(
                f"Утвердить дорожную карту (план мероприятий) внедрения наставничества "
                f"на {document.year} учебный год (приложение 2)."
            ),
            Item(
                f"Назначить куратором внедрения наставничества "
                f"{with_position(curator, 'accusative')}."
            ),
            Item(
                f"Куратору {in_case(curator, 'dative')} организовать мониторинг "
                f"реализации программы наставничества в два этапа:",
                (
                    f"оценка качества процесса реализации программы — до {stage1};",
                    sentence(
                        "оценка мотивационно-личностного и профессионального роста участников "
                        f"— до {stage2}"
                    ),
                ),
            ),
            Item("Установить планируемые результаты внедрения наставничества:", results),
        ]

    def annexes(self, document: Document, people: dict[int, Person], sch: School) -> list[Annex]:
        from reports.documents.others import roadmap_annex_blocks  # noqa: PLC0415
        from reports.documents.regulation import regulation_blocks  # noqa: PLC0415

        regulation = Annex(
            number=1,
            mark=annex_mark(1, document),
            title=f"Положение о наставничестве в {sch.short_name}",
            blocks=regulation_blocks(sch),
        )
        roadmap_blocks = roadmap_annex_blocks(document.year)
        roadmap = Annex(
            number=2,
            mark=annex_mark(2, document),
            title=f"Дорожная карта (план мероприятий) внедрения наставничества "
            f"на {document.year} учебный год",
            blocks=roadmap_blocks,
        )
        return [regulation, roadmap]

    def on_approved(self, document: Document, *, actor: User | None) -> None:
        from roadmap.services import roadmap_mark_approved  # noqa: PLC0415

        roadmap_mark_approved(
            year=document.year,
            on=document.approved_on,
            reference=f"приказ от {date_short(document.approved_on)} № {document.number}",
            actor=actor,
        )


MODEL_TEXT = {
    "teachers": "систему наставничества педагогических работников",
    "pupils": "целевую модель наставничества обучающихся",
    "both": (
        "систему наставничества педагогических работников и целевую модель "
        "наставничества обучающихся"
    ),
}

IMPLEMENTATION_RESULTS = (
    "не менее 70 % обучающихся вовлечены в различные формы наставничества;",
    "все молодые специалисты со стажем до 3 лет закреплены за наставниками;",
    "не менее 80 % участников удовлетворены участием в программе наставничества;",
    "сформированы база наставников, база наставляемых и база лучших практик.",
)


@register
class PairsOrder(OrderKind):
    code = "order_pairs"
    title = "приказ о закреплении наставнических пар и групп"
    default_title = "О закреплении наставнических пар (групп)"
    roadmap_kind = "order_pairs"
    form_class = kind_forms.PairsOrderForm
    uses_mentorships = True
    purpose = (
        "на основании письменных согласий наставников и заявлений (согласий) наставляемых, "
        "в целях реализации персонализированных программ наставничества"
    )
    person_params = ("curator", "control_person")

    def initial(self, *, year) -> dict[str, Any]:
        return {"programmes_due": timezone.localdate() + datetime.timedelta(days=14)}

    def items(self, document: Document, people: dict[int, Person], sch: School) -> list[Item]:
        params = document.params
        due = date_ru(param_date(params, "programmes_due"))
        items = [
            Item(
                "Закрепить наставнические пары (группы) согласно приложению "
                "к настоящему приказу на период, указанный в приложении."
            ),
            Item(
                sentence(
                    "Наставникам совместно с наставляемыми разработать персонализированные "
                    f"программы наставничества в срок до {due}"
                )
            ),
            Item(
                "Наставникам проводить встречи с наставляемыми не реже одного раза "
                f"в {sch.meeting_interval_days} дн. и заполнять форму обратной связи "
                "после каждой встречи."
            ),
        ]
        curator = people.get(params.get("curator") or 0)
        if curator:
            items.append(
                Item(
                    f"Куратору {in_case(curator, 'dative')} обеспечить методическое "
                    "сопровождение наставнических пар (групп) и мониторинг реализации программ."
                )
            )
        return items

    def annexes(self, document: Document, people: dict[int, Person], sch: School) -> list[Annex]:
        rows = pairs_rows(document)
        return [
            Annex(
                number=1,
                mark=annex_mark(1, document),
                title="Список наставнических пар (групп)",
                blocks=(
                    Table(
                        columns=(
                            "№ п/п",
                            "Наставник (ФИО, должность)",
                            "Наставляемый (ФИО, должность или класс)",
                            # A soft hyphen: the word may break in the narrow column.
                            "Форма наставни\u00adчества",
                            "Срок",
                        ),
                        rows=rows,
                        widths=(6, 29, 30, 19, 16),
                        fixed=True,
                    ),
                ),
            )
        ]

    def meta(self, document: Document, people: dict[int, Person]) -> dict[str, Any]:
        return {"mentorships": sorted(m.pk for m in document.mentorships.all())}

    def on_approved(self, document: Document, *, actor: User | None) -> None:
        from mentorship.services.pairs import mentorship_approve_by_order  # noqa: PLC0415

        reference = f"приказ от {date_short(document.approved_on)} № {document.number}"
        for mentorship in document.mentorships.all():
            mentorship_approve_by_order(mentorship=mentorship, reference=reference, actor=actor)


def person_with_role(person: Person) -> str:
    detail = person.position or (f"{person.department} класс" if person.department else "")
    return f"{person.full_name}, {detail}" if detail else person.full_name


def pairs_rows(document: Document) -> tuple[tuple[str, ...], ...]:
    """One row per pair or group: mentor, mentees, form, period (two queries)."""
    members = MentorshipMember.objects.filter(left_on__isnull=True).select_related("mentee__person")
    mentorships = (
        Mentorship.objects.filter(documents=document)
        .select_related("mentor__person", "form")
        .prefetch_related(Prefetch("members", queryset=members, to_attr="current_members"))
        .order_by("mentor__person__search_key", "pk")
    )
    rows = []
    for number, mentorship in enumerate(mentorships, start=1):
        mentees = "\n".join(
            person_with_role(member.mentee.person) for member in mentorship.current_members
        )
        period = (
            f"с {date_short(mentorship.start_date)} по {date_short(mentorship.planned_end_date)}"
        )
        rows.append(
            (
                str(number),
                person_with_role(mentorship.mentor.person),
                mentees,
                mentorship.form.title,
                period,
            )
        )
    return tuple(rows)


def open_pairs_for_order(year) -> list[Mentorship]:
    """Draft pairs of the year that no pending or approved pairs order holds yet."""
    return list(
        Mentorship.objects.filter(year=year, status=MentorshipStatus.DRAFT)
        .exclude(
            documents__kind=PairsOrder.code,
            documents__status__in=("draft", "submitted", "approved"),
        )
        .order_by("pk")
    )


REWARDS = {
    "gratitude": ("объявить благодарность", "dative"),
    "certificate": ("наградить почётной грамотой", "accusative"),
    "bonus": ("выплатить единовременную премию", "dative"),
    "status": ("присвоить статус «Лучший наставник года»", "dative"),
    "state_award": ("представить к награждению знаком отличия «За наставничество»", "accusative"),
}


@register
class RewardsOrder(OrderKind):
    code = "order_rewards"
    title = "приказ о поощрении наставников"
    default_title = "О поощрении наставников"
    roadmap_kind = "order_rewards"
    form_class = kind_forms.RewardsOrderForm
    purpose = "в целях стимулирования и поддержки наставничества"
    help_text = "Из реестра поощрений или по списку наставников"

    def initial(self, *, year) -> dict[str, Any]:
        """The year's rewards still waiting for an order come ticked."""
        pending = Reward.objects.filter(year=year, order_reference="").values_list("pk", flat=True)
        return {"rewards": list(pending)}

    def items(self, document: Document, people: dict[int, Person], sch: School) -> list[Item]:
        items = [
            Item(f"{basis[:1].upper()}{basis[1:]} {REWARDS[kind][0]}:", _listed(names))
            for (kind, basis), names in reward_groups(document.params).items()
        ]
        if any(kind == "bonus" for kind, _basis in reward_groups(document.params)):
            items.append(
                Item(
                    "Главному бухгалтеру произвести выплату премии в соответствии с положением "
                    "об оплате труда и стимулирующих выплатах."
                )
            )
        return items

    def meta(self, document: Document, people: dict[int, Person]) -> dict[str, Any]:
        return {
            "mentors": list(document.params.get("mentors", [])),
            "rewards": list(document.params.get("rewards", [])),
        }

    def on_approved(self, document: Document, *, actor: User | None) -> None:
        from mentorship.services.practice import rewards_mark_ordered  # noqa: PLC0415

        ids = document.params.get("rewards", [])
        if ids:
            rewards_mark_ordered(
                rewards=Reward.objects.filter(pk__in=ids),
                reference=f"приказ от {date_short(document.approved_on)} № {document.number}",
                on=document.approved_on,
                actor=actor,
            )


DEFAULT_BASIS = "за активное участие в программе наставничества"


def reward_groups(params: dict[str, Any]) -> dict[tuple[str, str], list[str]]:
    """Mentors by (reward kind, basis), each name in the case the reward's verb takes."""
    groups: dict[tuple[str, str], list[str]] = {}
    rewards = (
        Reward.objects.filter(pk__in=params.get("rewards", []))
        .select_related("person")
        .order_by("kind", "basis", "person__search_key")
    )
    for reward in rewards:
        case = REWARDS[reward.kind][1]
        key = (reward.kind, reward.basis or DEFAULT_BASIS)
        groups.setdefault(key, []).append(with_position(reward.person, case))
    if params.get("mentors"):
        kind = params.get("reward", "gratitude")
        key = (kind, params.get("basis") or DEFAULT_BASIS)
        mentors = Person.objects.filter(pk__in=params["mentors"]).order_by("search_key")
        groups.setdefault(key, []).extend(with_position(p, REWARDS[kind][1]) for p in mentors)
    return groups


def _listed(names: list[str]) -> tuple[str, ...]:
    """«Иванову …;», …, «Петрову ….»: a list inside an item ends with a full stop."""
    return tuple(
        f"{name}{'.' if index == len(names) - 1 else ';'}" for index, name in enumerate(names)
    )


FINAL_FORMATS = {
    "round_table": "круглого стола",
    "conference": "конференции",
    "festival": "фестиваля наставнических практик",
    "forum": "форума наставников",
}


@register
class FinalEventOrder(OrderKind):
    code = "order_final_event"
    title = "приказ о проведении итогового мероприятия"
    default_title = "О проведении итогового мероприятия программы наставничества"
    roadmap_kind = "order_final_event"
    form_class = kind_forms.FinalEventOrderForm
    purpose = "в целях подведения итогов реализации программы наставничества"
    person_params = ("responsible", "control_person")

    def initial(self, *, year) -> dict[str, Any]:
        return {
            "event_date": datetime.date(year.end_date.year, 5, 20),
            "format": "round_table",
            "participants": "наставники, наставляемые, куратор, администрация школы",
        }

    def items(self, document: Document, people: dict[int, Person], sch: School) -> list[Item]:
        params = document.params
        responsible = people[params["responsible"]]
        when = date_ru(param_date(params, "event_date"))
        at = f" в {params['event_time']}" if params.get("event_time") else ""
        place = f" ({params['place']})" if params.get("place") else ""
        form = FINAL_FORMATS[params.get("format", "round_table")]
        return [
            Item(
                sentence(
                    f"Провести итоговое мероприятие программы наставничества в форме {form} "
                    f"{when}{at}{place}"
                )
            ),
            Item(
                f"Назначить ответственным за проведение {with_position(responsible, 'accusative')}."
            ),
            Item(
                f"{in_case(responsible, 'dative')} подготовить программу мероприятия и "
                f"пригласить участников: {params.get('participants', '')}.",
            ),
            Item(
                "Наставникам подготовить выступления о результатах работы пар (групп) "
                "и материалы для базы лучших практик."
            ),
        ]
