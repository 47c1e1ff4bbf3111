"""The large demo school's pairs and groups of one year, with their personal programmes.

A pair's fate is decided when it is made (``PairPlan``): it works the whole year, starts late
and goes on into the next year, ends early, never starts, or (this year) stops meeting.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from mentorship.demo_large.people import Cast
from mentorship.models import (
    DeliveryFormat,
    ItemKind,
    MenteeProfile,
    MenteeStatus,
    MenteeStatusChange,
    MentoringForm,
    MentorProfile,
    Mentorship,
    MentorshipMember,
    MentorshipStatus,
    MentorshipStatusChange,
    PersonalProgramme,
    PersonKind,
    ProgrammeItem,
    ProgrammeTemplate,
    ProgrammeYear,
    User,
)
from mentorship.services.pairs import OPEN_STATUSES

SCHOOL_LIMIT = 3
GOALS = {
    "teacher-teacher": "Адаптация молодого специалиста, уверенное ведение уроков и документации",
    "group": "Развитие познавательного интереса и навыков проектной работы",
    "pupil-pupil": "Повышение успеваемости и уверенности в учёбе",
    "student-pupil": "Выбор профиля обучения и подготовка к экзаменам",
    "employer-pupil": "Профессиональное самоопределение и первые профессиональные пробы",
}
ROLE_MODELS = {
    "teacher-teacher": "опытный педагог – молодой специалист",
    "group": "опытный педагог – группа обучающихся",
    "pupil-pupil": "успевающий – неуспевающий",
    "student-pupil": "студент-профессионал – ученик, выбирающий профессию",
    "employer-pupil": "активный профессионал – равнодушный потребитель",
}
END_REASONS = [
    "Наставляемый перешёл в другую школу",
    "Наставник ушёл в длительный отпуск",
    "Длительная болезнь наставляемого",
    "По согласию сторон: запрос наставляемого решён раньше срока",
]
# Pair fates.
WHOLE_YEAR, LATE_START, ENDS_EARLY, NEVER_STARTS, STOPPED, DRAFT, APPROVED = (
    "whole_year",
    "late_start",
    "ends_early",
    "never_starts",
    "stopped",
    "draft",
    "approved",
)


@dataclass
class PairPlan:
    """What happens to one pair or group in its year: the dates its meetings follow."""

    pair: Mentorship
    fate: str
    meet_from: datetime.date | None  # first meeting on or after this day
    meet_until: datetime.date | None  # last meeting on or before this day
    ended_on: datetime.date | None = None  # ends early on this day (after the year's orders)
    end_reason: str = ""


def _days(day: datetime.date, low: int, high: int, rng: random.Random) -> datetime.date:
    return day + datetime.timedelta(days=rng.randint(low, high))


class _Mentors:
    """Whose turn it is: the least loaded mentor of a list with room for ``need`` more."""

    def __init__(self, profiles: list[MentorProfile], load: dict[int, int]) -> None:
        self.profiles = profiles
        self.load = load

    def take(self, need: int, first: MentorProfile | None = None) -> MentorProfile | None:
        candidates = [first] if first is not None else self.profiles
        room = [
            (self.load.get(p.pk, 0), index, p)
            for index, p in enumerate(candidates)
            if self.load.get(p.pk, 0) + need <= (p.capacity or SCHOOL_LIMIT)
        ]
        if not room:
            return None
        _load, _index, chosen = min(room, key=lambda row: row[:2])
        self.load[chosen.pk] = self.load.get(chosen.pk, 0) + need
        return chosen


def _fate(rng: random.Random, *, past: bool, form: str) -> str:
    roll = rng.random()
    if past:
        if roll < 0.02:
            return NEVER_STARTS
        if roll < 0.06:
            return ENDS_EARLY
        if roll < 0.14 and form != "group":
            return LATE_START
        return WHOLE_YEAR
    if roll < 0.05:
        return DRAFT
    if roll < 0.09:
        return APPROVED
    if roll < 0.12:
        return ENDS_EARLY
    if roll < 0.18:
        return STOPPED
    return WHOLE_YEAR


def _dates(
    rng: random.Random, fate: str, year: ProgrammeYear, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    first = year.start_date.year
    if fate == LATE_START:
        start = datetime.date(first + 1, 1, 10) + datetime.timedelta(days=rng.randint(0, 30))
        return start, start + datetime.timedelta(days=275)  # nine months: into the next year
    if fate == DRAFT:
        start = _days(today, 7, 21, rng)
    elif fate == APPROVED:
        start = _days(today, -3, 10, rng)
    else:
        start = _days(year.start_date, 20, 45, rng)
    return start, datetime.date(first + 1, 5, rng.randint(20, 31))


def _plan(
    rng: random.Random, pair: Mentorship, fate: str, *, today: datetime.date, past: bool
) -> PairPlan:
    if fate in (DRAFT, APPROVED, NEVER_STARTS):
        return PairPlan(pair, fate, None, None)
    until = pair.planned_end_date if past else today - datetime.timedelta(days=1)
    plan = PairPlan(pair, fate, pair.start_date, until)
    if fate == ENDS_EARLY:
        ended = _days(pair.start_date, 60, 150, rng) if past else _days(today, -40, -10, rng)
        plan.ended_on = max(ended, pair.start_date + datetime.timedelta(days=7))
        plan.meet_until = plan.ended_on
        plan.end_reason = rng.choice(END_REASONS)
    elif fate == STOPPED:
        plan.meet_until = _days(today, -45, -30, rng)
    return plan


def seed_year_pairs(
    rng: random.Random,
    *,
    cast: Cast,
    year: ProgrammeYear,
    past: bool,
    today: datetime.date,
    mentors: dict[int, MentorProfile],
    intake: list[MenteeProfile],
    group_count: int,
    waiting: int,
    curator: User,
) -> list[PairPlan]:
    """The year's new pairs and groups (and the plans of those carried over into it)."""
    forms = {form.code: form for form in MentoringForm.objects.order_by("pk")}
    carried = list(
        Mentorship.objects.filter(year=year, status__in=OPEN_STATUSES)
        .select_related("form", "mentor__person")
        .prefetch_related("members")
        .order_by("pk")
    )
    load: dict[int, int] = {}
    for pair in carried:
        load[pair.mentor_id] = load.get(pair.mentor_id, 0) + len(pair.members.all())
    staff_mentors = _Mentors([mentors[p.pk] for p in cast.staff_mentors], load)
    pupil_mentors = _Mentors([mentors[p.pk] for p in cast.pupil_mentors], load)
    students = _Mentors([mentors[p.pk] for p in cast.students], load)
    employers = _Mentors([mentors[p.pk] for p in cast.employers], load)
    staff = [p for p in intake if p.person.kind == PersonKind.STAFF]
    pupils = [p for p in intake if p.person.kind == PersonKind.PUPIL]
    if not past:  # a few of this year's intake wait for the matching
        staff, pupils = staff[: max(len(staff) - 2, 1)], pupils[: max(len(pupils) - waiting, 0)]

    # (form, mentor, mentees, works the whole year): groups stay whole, and the demo log-ins'
    # pairs work (the demo mentor leads the first group; the demo teacher is his mentee).
    wanted: list[tuple[str, MentorProfile, list[MenteeProfile], bool]] = []
    for index in range(group_count):
        size = 4 if index == 0 else rng.randint(3, 5)
        mentor = staff_mentors.take(
            size, first=staff_mentors.profiles[index % len(staff_mentors.profiles)]
        )
        taken, pupils = pupils[:size], pupils[size:]
        if mentor is not None and len(taken) >= 2:
            wanted.append(("group", mentor, taken, True))
    for position, mentee in enumerate(staff):
        demo = position == 0 and not past
        first = staff_mentors.profiles[0] if demo else None
        mentor = staff_mentors.take(1, first=first) or staff_mentors.take(1)
        if mentor is not None:
            wanted.append(("teacher-teacher", mentor, [mentee], demo))
    external = max(len(cast.students) + len(cast.employers), 1)
    share = min(0.25, external * 2.5 / max(len(pupils), 1))
    for mentee in pupils:
        roll = rng.random()
        code, pool = "pupil-pupil", pupil_mentors
        if roll < share / 2:
            code, pool = "student-pupil", students
        elif roll < share:
            code, pool = "employer-pupil", employers
        mentor = pool.take(1) or pupil_mentors.take(1)
        if mentor is not None:
            code = code if mentor in pool.profiles else "pupil-pupil"
            wanted.append((code, mentor, [mentee], False))

    pairs, fates = [], []
    for number, (code, mentor, _mentees, whole_year) in enumerate(wanted, start=1):
        fate = _fate(rng, past=past, form=code)
        if whole_year:
            fate = WHOLE_YEAR
        start, end = _dates(rng, fate, year, today)
        staff_mentor = mentor.person.kind == PersonKind.STAFF
        status = {DRAFT: MentorshipStatus.DRAFT, APPROVED: MentorshipStatus.APPROVED}.get(
            fate, MentorshipStatus.APPROVED if fate == NEVER_STARTS else MentorshipStatus.ACTIVE
        )
        pairs.append(
            Mentorship(
                year=year,
                form=forms[code],
                role_model=ROLE_MODELS[code],
                mentor=mentor,
                goal=GOALS[code],
                delivery_format=DeliveryFormat.MIXED if rng.random() < 0.1 else "in_person",
                start_date=start,
                planned_end_date=end,
                status=status,
                mentor_consent_on=start - datetime.timedelta(days=5) if staff_mentor else None,
                agreement_number=f"{number}-н" if staff_mentor else "",
                agreement_date=start - datetime.timedelta(days=3) if staff_mentor else None,
                payment_terms="доплата 3 000 рублей в месяц" if staff_mentor else "",
                created_by=curator,
                created_at=_aware(start - datetime.timedelta(days=10)),
            )
        )
        fates.append(fate)
    pairs = bulk_create_with_history(pairs, Mentorship, batch_size=500)
    members, changes, paired = [], [], []
    for pair, (_code, _mentor, mentees, _whole) in zip(pairs, wanted, strict=True):
        for mentee in mentees:
            members.append(
                MentorshipMember(mentorship=pair, mentee=mentee, joined_on=pair.start_date)
            )
            paired.append(mentee)
        changes.append(MentorshipStatusChange(mentorship=pair, to_status="draft", note="Создана"))
        if pair.status != MentorshipStatus.DRAFT:
            changes.append(
                MentorshipStatusChange(
                    mentorship=pair,
                    from_status="draft",
                    to_status=pair.status,
                    note="Начало работы",
                )
            )
    MentorshipMember.objects.bulk_create(members, batch_size=1000)
    MentorshipStatusChange.objects.bulk_create(changes, batch_size=1000)
    MenteeProfile.objects.filter(pk__in=[m.pk for m in paired]).update(status=MenteeStatus.PAIRED)
    MenteeStatusChange.objects.bulk_create(
        (
            MenteeStatusChange(
                profile=mentee,
                from_status=MenteeStatus.WAITING,
                to_status=MenteeStatus.PAIRED,
                note="Пара или группа сформирована",
            )
            for mentee in paired
        ),
        batch_size=1000,
    )
    plans = [
        _plan(rng, pair, fate, today=today, past=past)
        for pair, fate in zip(pairs, fates, strict=True)
    ]
    for pair in carried:
        until = min(pair.planned_end_date, today - datetime.timedelta(days=1))
        plans.append(PairPlan(pair, WHOLE_YEAR, pair.start_date, until))
    _programmes(rng, plans, today=today if not past else year.end_date)
    return plans


def _aware(day: datetime.date, hour: int = 17) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _programmes(rng: random.Random, plans: list[PairPlan], *, today: datetime.date) -> None:
    """Each working pair's programme from its form's template; items done as the year went."""
    templates = {}
    for template in ProgrammeTemplate.objects.select_related("form").order_by("pk"):
        if template.form is not None:
            templates.setdefault(template.form_id, template)
    working = [
        plan for plan in plans if plan.meet_from is not None and plan.pair.form_id in templates
    ]
    # Carried pairs already have theirs (copied when they were carried over).
    existing = set(
        PersonalProgramme.objects.filter(mentorship__in=[p.pair for p in working]).values_list(
            "mentorship_id", flat=True
        )
    )
    working = [plan for plan in working if plan.pair.pk not in existing]
    names = {
        pair_id: sorted(names)
        for pair_id, names in _mentee_names([plan.pair.pk for plan in working]).items()
    }
    programmes = PersonalProgramme.objects.bulk_create(
        [
            PersonalProgramme(
                mentorship=plan.pair,
                title=(
                    "Персонализированная программа наставничества: "
                    f"{plan.pair.mentor.person.short_name} — {', '.join(names.get(plan.pair.pk, []))}"
                )[:300],
                goals=templates[plan.pair.form_id].goals,
                template_code=templates[plan.pair.form_id].code,
            )
            for plan in working
        ],
        batch_size=500,
    )
    items = []
    for plan, programme in zip(working, programmes, strict=True):
        pair = plan.pair
        stop = min(plan.meet_until or today, today)
        for order, raw in enumerate(templates[pair.form_id].items, start=1):
            week = raw.get("week")
            due = None
            if week not in (None, ""):
                due = min(
                    pair.start_date + datetime.timedelta(weeks=int(week)), pair.planned_end_date
                )
            done = None
            reference = due or pair.start_date + datetime.timedelta(days=14)
            if reference <= stop - datetime.timedelta(days=7):
                roll = rng.random()
                if roll < 0.85:
                    done = reference - datetime.timedelta(days=rng.randint(0, 5))
                elif roll < 0.95:
                    done = min(reference + datetime.timedelta(days=rng.randint(3, 20)), stop)
                done = max(done, pair.start_date) if done else None
            items.append(
                ProgrammeItem(
                    programme=programme,
                    order=order,
                    kind=raw.get("kind") or ItemKind.ACTIVITY,
                    title=str(raw["title"])[:500],
                    due_date=due,
                    expected_result=str(raw.get("expected_result") or "")[:500],
                    done_on=done,
                )
            )
    ProgrammeItem.objects.bulk_create(items, batch_size=1000)


def _mentee_names(pair_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for pair_id, surname, name, patronymic in MentorshipMember.objects.filter(
        mentorship_id__in=pair_ids
    ).values_list(
        "mentorship_id",
        "mentee__person__surname",
        "mentee__person__name",
        "mentee__person__patronymic",
    ):
        initials = " ".join(f"{part[0]}." for part in (name, patronymic) if part)
        found.setdefault(pair_id, []).append(f"{surname} {initials}")
    return found
