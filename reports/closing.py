"""Closing the programme year (domain.md §1.1 stage 7): sum up every pair and group, write
the results into both banks, invite good graduates into the mentor bank, open the next year.

The curator decides per pair: finish it, carry it over into the next year, or end it early.
A carried-over pair becomes a new pair of the next year that ``continues`` the old one, so
the old year keeps its pairs, meetings and documents as they were (nothing is moved or
deleted). ``year_close`` does everything in one transaction; with ``dry_run`` it does the
very same work and rolls it back, so the preview shows exactly what closing will do.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from mentorship.common import audit
from mentorship.exceptions import DomainError, error_text
from mentorship.gates import bank_entry_blockers
from mentorship.models import (
    Meeting,
    MentorProfile,
    Mentorship,
    MentorshipMember,
    MentorshipStatus,
    Person,
    ProgrammeItem,
    ProgrammeYear,
    ResultOutcome,
    ResultRole,
    User,
    YearResult,
)
from mentorship.permissions import is_curator
from mentorship.services import (
    default_year_dates,
    programme_year_create,
    programme_year_set_current,
)
from mentorship.services.banks import mentor_profile_create
from mentorship.services.pairs import OPEN_STATUSES, mentorship_end_early, mentorship_status_set
from mentorship.services.results import YearResultData, mentorship_carry_over, year_results_record
from reports.scores import ten_point_sums
from roadmap.models import Event, Roadmap, RoadmapTemplate
from roadmap.services import roadmap_create_from_template
from surveys.models import Answer, Invitation, Purpose

# A graduate is proposed for the mentor bank from this satisfaction on the 1–10 scale.
SATISFACTION_THRESHOLD = Decimal(8)
GRADUATE_RULE = (
    "Предлагаются наставляемые, которые завершили программу (не досрочно и не продлены "
    f"в новый год) и при этом оценили удовлетворённость не ниже {SATISFACTION_THRESHOLD} "
    "из 10 или выполнили все пункты персональной программы в срок."
)
# Queries of ``year_facts``: pairs, their members, meetings, feedback invitations,
# satisfaction answers, programme items.
FACTS_QUERIES = 6

CLOSED_STATUSES = (MentorshipStatus.FINISHED, MentorshipStatus.ENDED_EARLY)
SATISFACTION_PURPOSE = {
    ResultRole.MENTOR: Purpose.MENTOR_SATISFACTION,
    ResultRole.MENTEE: Purpose.MENTEE_SATISFACTION,
}
_TENTH = Decimal("0.1")


class Choice(models.TextChoices):
    FINISH = "finish", "завершить"
    CARRY = "carry", "продлить в новый год"
    END_EARLY = "end_early", "закрыть досрочно"


OUTCOME_OF_CHOICE = {
    Choice.FINISH: ResultOutcome.FINISHED,
    Choice.CARRY: ResultOutcome.CARRIED_OVER,
    Choice.END_EARLY: ResultOutcome.ENDED_EARLY,
}
OUTCOME_OF_STATUS = {
    MentorshipStatus.FINISHED: ResultOutcome.FINISHED,
    MentorshipStatus.ENDED_EARLY: ResultOutcome.ENDED_EARLY,
}


class YearCloseError(DomainError):
    """The year could not be closed; nothing was changed. The message names the failed step."""


def can_close_year(user) -> bool:
    """Closing the year changes pairs, banks and the current year: the curator's job."""
    return user.is_authenticated and is_curator(user)


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(_TENTH, rounding=ROUND_HALF_UP)


def _mean(values: Iterable[Decimal | None]) -> Decimal | None:
    known = [value for value in values if value is not None]
    if not known:
        return None
    return (sum(known, Decimal(0)) / len(known)).quantize(_TENTH, rounding=ROUND_HALF_UP)


# --- the facts of the year's pairs -------------------------------------------------------


@dataclass(frozen=True)
class PersonFacts:
    person_id: int
    name: str
    role: str
    meetings: int
    feedback_answered: int
    feedback_invited: int
    satisfaction: Decimal | None
    left_on: datetime.date | None = None
    left_reason: str = ""

    @property
    def feedback_share(self) -> Decimal | None:
        return _percent(self.feedback_answered, self.feedback_invited)


@dataclass(frozen=True)
class PairFacts:
    pk: int
    label: str
    form: str
    is_group: bool
    status: str
    status_label: str
    start_date: datetime.date
    planned_end_date: datetime.date
    end_reason: str
    mentor: PersonFacts
    mentees: tuple[PersonFacts, ...]
    meetings: int
    feedback_answered: int
    feedback_invited: int
    satisfaction: Decimal | None
    items_on_time: int
    items_late: int
    items_not_done: int
    default_choice: str

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def can_finish(self) -> bool:
        """Only a working pair can be finished; one that never started is carried or ended."""
        return self.status == MentorshipStatus.ACTIVE

    @property
    def items_total(self) -> int:
        return self.items_on_time + self.items_late + self.items_not_done

    @property
    def programme_on_time(self) -> bool | None:
        if not self.items_total:
            return None
        return not self.items_late and not self.items_not_done

    @property
    def feedback_share(self) -> Decimal | None:
        return _percent(self.feedback_answered, self.feedback_invited)

    @property
    def people(self) -> tuple[PersonFacts, ...]:
        return (self.mentor, *self.mentees)


@dataclass(frozen=True)
class YearFacts:
    year: ProgrammeYear
    today: datetime.date
    open: tuple[PairFacts, ...]  # to decide on
    closed: tuple[PairFacts, ...]  # closed earlier in the year, results not yet written


def default_choice(status: str, planned_end: datetime.date, year: ProgrammeYear) -> str:
    """A working pair whose programme ends within the year is finished, others go on."""
    if status == MentorshipStatus.ACTIVE and planned_end <= year.end_date:
        return Choice.FINISH
    return Choice.CARRY


def _satisfaction(year: ProgrammeYear) -> dict[tuple[int, str], Decimal]:
    """Each person's mean satisfaction per questionnaire purpose, on 1–10 (1 query)."""
    sums: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    counts: dict[tuple[int, str], int] = defaultdict(int)
    answers = Answer.objects.filter(
        response__submitted_at__isnull=False,
        response__person__isnull=False,
        response__questionnaire__purpose__in=SATISFACTION_PURPOSE.values(),
        response__invitation__campaign__year=year,
    )
    for key, ten, n in ten_point_sums(
        answers, "response__person_id", "response__questionnaire__purpose"
    ):
        sums[key] += ten
        counts[key] += n
    return {
        key: (sums[key] / counts[key]).quantize(_TENTH, rounding=ROUND_HALF_UP) for key in counts
    }


def _pairs(year: ProgrammeYear) -> list[Mentorship]:
    with_results = YearResult.objects.filter(mentorship__isnull=False).values("mentorship_id")
    members = MentorshipMember.objects.select_related("mentee__person").order_by(
        "mentee__person__search_key", "pk"
    )
    return list(
        Mentorship.objects.filter(year=year)
        .filter(Q(status__in=OPEN_STATUSES) | Q(status__in=CLOSED_STATUSES))
        .exclude(status__in=CLOSED_STATUSES, pk__in=with_results)
        .select_related("form", "mentor__person")
        .prefetch_related(Prefetch("members", queryset=members))
        .order_by("form__order", "form__title", "mentor__person__search_key", "pk")
    )


def year_facts(*, year: ProgrammeYear, today: datetime.date) -> YearFacts:
    """The facts of the year's pairs and groups on ``today``, in ``FACTS_QUERIES`` queries."""
    pairs = _pairs(year)
    ids = [pair.pk for pair in pairs]
    through = Meeting.mentorships.through.objects.filter(
        mentorship_id__in=ids, meeting__held_on__lte=today
    )
    meetings: dict[int, list[tuple[int, datetime.date]]] = defaultdict(list)
    pairs_of_meeting: dict[int, set[int]] = defaultdict(set)
    for pair_id, meeting_id, held_on in through.values_list(
        "mentorship_id", "meeting_id", "meeting__held_on"
    ):
        meetings[pair_id].append((meeting_id, held_on))
        pairs_of_meeting[meeting_id].add(pair_id)
    invited: dict[tuple[int, int], int] = defaultdict(int)  # (pair, person) -> invitations
    answered: dict[tuple[int, int], int] = defaultdict(int)
    invitations = (
        Invitation.objects.filter(
            campaign__questionnaire__purpose=Purpose.MEETING_FEEDBACK,
            about_type__app_label="mentorship",
            about_type__model="meeting",
            about_id__in=through.values("meeting_id"),
        )
        .filter(Q(revoked_at__isnull=True) | Q(answered_at__isnull=False))
        .values_list("about_id", "person_id", "answered_at")
    )
    for meeting_id, person_id, answered_at in invitations:
        for pair_id in pairs_of_meeting.get(meeting_id, ()):
            invited[pair_id, person_id] += 1
            answered[pair_id, person_id] += answered_at is not None
    satisfaction = _satisfaction(year)
    items: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])  # on time, late, not done
    for pair_id, due, done in ProgrammeItem.objects.filter(
        programme__mentorship_id__in=ids
    ).values_list("programme__mentorship_id", "due_date", "done_on"):
        if done is None:
            items[pair_id][2] += 1
        elif due is None or done <= due:
            items[pair_id][0] += 1
        else:
            items[pair_id][1] += 1

    def person(pair_id, person_obj, role, held, member=None) -> PersonFacts:
        return PersonFacts(
            person_id=person_obj.pk,
            name=person_obj.full_name,
            role=role,
            meetings=held,
            feedback_answered=answered[pair_id, person_obj.pk],
            feedback_invited=invited[pair_id, person_obj.pk],
            satisfaction=satisfaction.get((person_obj.pk, SATISFACTION_PURPOSE[role])),
            left_on=member.left_on if member else None,
            left_reason=member.left_reason if member else "",
        )

    open_pairs, closed_pairs = [], []
    for pair in pairs:
        held = meetings[pair.pk]
        mentor = person(pair.pk, pair.mentor.person, ResultRole.MENTOR, len(held))
        mentees = tuple(
            person(
                pair.pk,
                member.mentee.person,
                ResultRole.MENTEE,
                sum(
                    1
                    for _pk, day in held
                    if day >= member.joined_on and (member.left_on is None or day <= member.left_on)
                ),
                member,
            )
            for member in pair.members.all()
        )
        names = ", ".join(m.name for m in mentees) or "без наставляемых"
        on_time, late, not_done = items[pair.pk]
        facts = PairFacts(
            pk=pair.pk,
            label=f"{pair.mentor.person.full_name} — {names}",
            form=pair.form.title,
            is_group=len(mentees) > 1,
            status=pair.status,
            status_label=pair.get_status_display(),
            start_date=pair.start_date,
            planned_end_date=pair.planned_end_date,
            end_reason=pair.end_reason,
            mentor=mentor,
            mentees=mentees,
            meetings=len(held),
            feedback_answered=sum(p.feedback_answered for p in (mentor, *mentees)),
            feedback_invited=sum(p.feedback_invited for p in (mentor, *mentees)),
            satisfaction=_mean(p.satisfaction for p in (mentor, *mentees)),
            items_on_time=on_time,
            items_late=late,
            items_not_done=not_done,
            default_choice=default_choice(pair.status, pair.planned_end_date, year),
        )
        (open_pairs if facts.is_open else closed_pairs).append(facts)
    return YearFacts(year=year, today=today, open=tuple(open_pairs), closed=tuple(closed_pairs))


# --- graduates for the mentor bank -------------------------------------------------------


@dataclass(frozen=True)
class Graduate:
    person_id: int
    name: str
    pair: str
    satisfaction: Decimal | None
    programme_on_time: bool | None
    blocker: str  # why he cannot be invited; empty when he can

    @property
    def reasons(self) -> list[str]:
        found = []
        if self.satisfaction is not None and self.satisfaction >= SATISFACTION_THRESHOLD:
            found.append(f"удовлетворённость {str(self.satisfaction).replace('.', ',')} из 10")
        if self.programme_on_time:
            found.append("программа выполнена в срок")
        return found


def _finished_well(pair: PairFacts, mentee: PersonFacts) -> bool:
    satisfied = mentee.satisfaction is not None and mentee.satisfaction >= SATISFACTION_THRESHOLD
    return mentee.left_on is None and (satisfied or bool(pair.programme_on_time))


def graduates(facts: YearFacts, choices: dict[int, str]) -> list[Graduate]:
    """Mentees who finished well (``GRADUATE_RULE``), one row per person, with blockers."""
    finished = [pair for pair in facts.open if choices.get(pair.pk) == Choice.FINISH]
    finished += [pair for pair in facts.closed if pair.status == MentorshipStatus.FINISHED]
    found: dict[int, tuple[PairFacts, PersonFacts]] = {}
    for pair in finished:
        for mentee in pair.mentees:
            if _finished_well(pair, mentee):
                found.setdefault(mentee.person_id, (pair, mentee))
    if not found:
        return []
    mentors = set(
        MentorProfile.objects.filter(person_id__in=found).values_list("person_id", flat=True)
    )
    people = Person.objects.in_bulk(found)
    rows = []
    for person_id, (pair, mentee) in found.items():
        if person_id in mentors:
            blocker = "уже в базе наставников"
        else:
            blocker = " ".join(bank_entry_blockers(people[person_id]))
        rows.append(
            Graduate(
                person_id=person_id,
                name=mentee.name,
                pair=pair.label,
                satisfaction=mentee.satisfaction,
                programme_on_time=pair.programme_on_time,
                blocker=blocker,
            )
        )
    return sorted(rows, key=lambda row: row.name)


# --- the plan and the closing itself -------------------------------------------------------


def next_year_defaults(year: ProgrammeYear) -> dict[str, Any]:
    first = year.first_year + 1
    start, end = default_year_dates(first)
    return {"title": f"{first}/{first + 1}", "start_date": start, "end_date": end}


@dataclass(frozen=True)
class ClosingPlan:
    """What the curator chose in the three steps; kept in the session between them."""

    year_id: int
    choices: dict[int, str]
    reasons: dict[int, str]
    graduates: tuple[int, ...]
    next_title: str
    next_start: datetime.date
    next_end: datetime.date
    template_id: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year_id,
            "choices": {str(pk): choice for pk, choice in self.choices.items()},
            "reasons": {str(pk): reason for pk, reason in self.reasons.items()},
            "graduates": list(self.graduates),
            "next": {
                "title": self.next_title,
                "start_date": self.next_start.isoformat(),
                "end_date": self.next_end.isoformat(),
                "template": self.template_id,
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClosingPlan:
        """Raises KeyError, TypeError or ValueError when a step is missing or spoilt."""
        following = data["next"]
        return cls(
            year_id=int(data["year"]),
            choices={int(pk): Choice(choice) for pk, choice in data["choices"].items()},
            reasons={int(pk): str(reason) for pk, reason in data.get("reasons", {}).items()},
            graduates=tuple(int(pk) for pk in data["graduates"]),
            next_title=str(following["title"]),
            next_start=datetime.date.fromisoformat(following["start_date"]),
            next_end=datetime.date.fromisoformat(following["end_date"]),
            template_id=int(following["template"]) if following.get("template") else None,
        )


@dataclass(frozen=True)
class ResultLine:
    name: str
    role: str
    pair: str
    outcome: str
    meetings: int
    feedback_share: Decimal | None
    satisfaction: Decimal | None
    programme_on_time: bool | None


@dataclass(frozen=True)
class ClosingReport:
    """What closing did (or, in a dry run, would do): plain values, no saved objects."""

    year: str
    next_year: str
    next_start: datetime.date
    next_end: datetime.date
    next_year_existed: bool
    roadmap: str
    roadmap_events: int
    roadmap_note: str
    finished: tuple[str, ...]
    carried: tuple[str, ...]
    ended_early: tuple[tuple[str, str], ...]
    earlier: tuple[str, ...]
    results: tuple[ResultLine, ...]
    mentors_added: tuple[str, ...]
    mentors_skipped: tuple[tuple[str, str], ...]
    dry_run: bool

    def summary(self) -> str:
        return (
            f"Учебный год {self.year} закрыт: завершено пар и групп — {len(self.finished)}, "
            f"продлено в новый год — {len(self.carried)}, закрыто досрочно — "
            f"{len(self.ended_early)}; итогов в базах — {len(self.results)}; "
            f"кандидатов в базу наставников — {len(self.mentors_added)}. "
            f"Текущий год — {self.next_year}."
        )


class _RolledBack(Exception):  # noqa: N818 - a control-flow signal, not an error
    def __init__(self, report: ClosingReport) -> None:
        super().__init__("dry run")
        self.report = report


@contextmanager
def _step(label: str) -> Iterator[None]:
    """Name the step that failed; the transaction around still rolls everything back."""
    try:
        yield
    except YearCloseError:
        raise
    except (DomainError, ValidationError) as exc:
        raise YearCloseError(f"{label}: {error_text(exc)}") from exc
    except DatabaseError as exc:
        raise YearCloseError(f"{label}: ошибка базы данных ({exc}).") from exc


def _result_rows(
    pair: PairFacts, outcome: str, note: str
) -> tuple[list[YearResultData], list[ResultLine]]:
    rows, lines = [], []
    for person in pair.people:
        own_outcome, own_note = outcome, note
        if person.left_on is not None:
            own_outcome = ResultOutcome.ENDED_EARLY
            own_note = f"вышел из группы {person.left_on:%d.%m.%Y}: {person.left_reason}".strip(
                ": "
            )
        rows.append(
            YearResultData(
                person_id=person.person_id,
                role=person.role,
                mentorship_id=pair.pk,
                outcome=own_outcome,
                meetings=person.meetings,
                feedback_share=person.feedback_share,
                satisfaction=person.satisfaction,
                programme_on_time=pair.programme_on_time,
                note=own_note,
            )
        )
        lines.append(
            ResultLine(
                name=person.name,
                role=ResultRole(person.role).label,
                pair=pair.label,
                outcome=ResultOutcome(own_outcome).label,
                meetings=person.meetings,
                feedback_share=person.feedback_share,
                satisfaction=person.satisfaction,
                programme_on_time=pair.programme_on_time,
            )
        )
    return rows, lines


def _next_year(
    plan: ClosingPlan, year: ProgrammeYear, actor: User | None
) -> tuple[ProgrammeYear, bool]:
    """The next year: created, or an already planned one of that title (its dates kept)."""
    existing = ProgrammeYear.objects.filter(title=plan.next_title).first()
    if existing is not None:
        if existing.start_date <= year.start_date:
            raise YearCloseError(
                f"Год {existing} уже есть и начинается не позже закрываемого {year}."
            )
        return existing, True
    if plan.next_start <= year.start_date:
        raise YearCloseError(f"Новый год должен начинаться позже, чем {year}.")
    year_next = programme_year_create(
        title=plan.next_title,
        start_date=plan.next_start,
        end_date=plan.next_end,
        make_current=False,
        actor=actor,
    )
    return year_next, False


def _roadmap(
    plan: ClosingPlan, year_next: ProgrammeYear, actor: User | None
) -> tuple[str, int, str]:
    if plan.template_id is None:
        return "", 0, "не создаётся: её можно создать или загрузить позже"
    if Roadmap.objects.filter(year=year_next).exists():
        return "", 0, f"у {year_next} дорожная карта уже есть — она остаётся"
    template = RoadmapTemplate.objects.filter(pk=plan.template_id).first()
    if template is None:
        raise YearCloseError("Выбранный шаблон дорожной карты удалён: выберите другой.")
    roadmap = roadmap_create_from_template(year=year_next, template=template, actor=actor)
    events = Event.objects.filter(stage__roadmap=roadmap).count()
    return roadmap.title, events, f"из шаблона «{template.title}»"


def _close(plan: ClosingPlan, actor: User | None, today: datetime.date) -> ClosingReport:
    year = ProgrammeYear.objects.select_for_update().filter(pk=plan.year_id).first()
    if year is None or not year.is_current:
        raise YearCloseError("Закрыть можно только текущий учебный год: начните с шага 1.")
    facts = year_facts(year=year, today=today)
    if set(plan.choices) != {pair.pk for pair in facts.open}:
        raise YearCloseError(
            "Пока заполнялись шаги, список пар и групп года изменился: вернитесь к шагу 1."
        )
    eligible = {row.person_id: row for row in graduates(facts, plan.choices)}
    if set(plan.graduates) - eligible.keys():
        raise YearCloseError("В базу наставников отмечены не выпускники: вернитесь к шагу 2.")
    on = min(today, year.end_date)
    with _step("Новый учебный год"):
        year_next, existed = _next_year(plan, year, actor)
    with _step("Дорожная карта нового года"):
        roadmap, events, roadmap_note = _roadmap(plan, year_next, actor)

    pairs = Mentorship.objects.in_bulk([pair.pk for pair in facts.open])
    finished, carried, ended = [], [], []
    rows: list[YearResultData] = []
    lines: list[ResultLine] = []
    for pair in facts.open:
        choice = plan.choices[pair.pk]
        with _step(f"Пара «{pair.label}»"):
            if choice == Choice.FINISH:
                mentorship_status_set(
                    mentorship=pairs[pair.pk],
                    status=MentorshipStatus.FINISHED,
                    actor=actor,
                    note=f"Итоги {year} учебного года",
                )
                note = ""
                finished.append(pair.label)
            elif choice == Choice.END_EARLY:
                reason = plan.reasons.get(pair.pk, "").strip()
                mentorship_end_early(mentorship=pairs[pair.pk], reason=reason, on=on, actor=actor)
                note = reason
                ended.append((pair.label, reason))
            else:
                mentorship_carry_over(mentorship=pairs[pair.pk], year=year_next, on=on, actor=actor)
                note = f"продлена в {year_next} учебный год"
                carried.append(pair.label)
        pair_rows, pair_lines = _result_rows(pair, OUTCOME_OF_CHOICE[choice], note)
        rows += pair_rows
        lines += pair_lines
    for pair in facts.closed:
        pair_rows, pair_lines = _result_rows(pair, OUTCOME_OF_STATUS[pair.status], pair.end_reason)
        rows += pair_rows
        lines += pair_lines
    with _step("Итоги года в базах наставников и наставляемых"):
        year_results_record(year=year, rows=rows, actor=actor)

    added, skipped = [], []
    for person_id in plan.graduates:
        graduate = eligible[person_id]
        if graduate.blocker:
            skipped.append((graduate.name, graduate.blocker))
            continue
        with _step(f"База наставников: {graduate.name}"):
            mentor_profile_create(
                person=Person.objects.get(pk=person_id),
                data={"notes": f"Из выпускников программы {year}"},
                actor=actor,
            )
        added.append(graduate.name)

    with _step("Смена текущего года"):
        programme_year_set_current(year=year_next, actor=actor)
    audit(
        actor=actor,
        action="year.close",
        obj=year,
        data={
            "next": year_next.title,
            "finished": len(finished),
            "carried": len(carried),
            "ended_early": len(ended),
            "results": len(rows),
            "mentors": len(added),
        },
    )
    return ClosingReport(
        year=year.title,
        next_year=year_next.title,
        next_start=year_next.start_date,
        next_end=year_next.end_date,
        next_year_existed=existed,
        roadmap=roadmap,
        roadmap_events=events,
        roadmap_note=roadmap_note,
        finished=tuple(finished),
        carried=tuple(carried),
        ended_early=tuple(ended),
        earlier=tuple(pair.label for pair in facts.closed),
        results=tuple(lines),
        mentors_added=tuple(added),
        mentors_skipped=tuple(skipped),
        dry_run=False,
    )


def year_close(
    *,
    plan: ClosingPlan,
    actor: User | None,
    today: datetime.date | None = None,
    dry_run: bool = False,
) -> ClosingReport:
    """Close the year as planned in one transaction; any failure changes nothing.

    ``dry_run`` does the same work and rolls it back: the preview is the closing itself.
    """
    today = today or timezone.localdate()
    try:
        with transaction.atomic():
            report = _close(plan, actor, today)
            if dry_run:
                raise _RolledBack(report)
    except _RolledBack as rolled_back:
        return replace(rolled_back.report, dry_run=True)
    return report
