"""Reads every monitoring report shares: the curator's texts, people's forms, meetings per form."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from mentorship.models import Meeting, Mentorship, MentorshipMember, MentorshipStatus, ProgrammeYear
from reports import kpi
from reports.models import ReportNote

# The reports, by code: the code is stored with the curator's texts (``ReportNote``).
STAGE1 = "stage1"
STAGE2 = "stage2"
SATISFACTION = "satisfaction"
ANNUAL = "annual"
MUNICIPAL = "municipal"

# What the curator writes in each report, section by section: (code, heading, help).
NOTE_SECTIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    STAGE1: (
        (
            "conclusions",
            "Выводы",
            "Насколько условия программы соответствуют требованиям; что мешает парам работать.",
        ),
    ),
    STAGE2: (
        (
            "conclusions",
            "Выводы",
            "Каков рост участников; у кого изменений нет и почему.",
        ),
    ),
    SATISFACTION: (
        (
            "conclusions",
            "Выводы",
            "Что участники оценили выше и ниже всего; чем различаются наставники и наставляемые.",
        ),
    ),
    ANNUAL: (
        (
            "conclusions",
            "Выводы",
            "Итоги года: что получилось, какие цели достигнуты, какие нет и почему.",
        ),
        (
            "proposals",
            "Предложения",
            "Что изменить в следующем году: формы, обучение наставников, встречи, поощрение.",
        ),
    ),
}

NO_FORM = "без пары в этом году"


@dataclass(frozen=True)
class Note:
    section: str
    heading: str
    help_text: str
    text: str


def report_notes(*, year: ProgrammeYear, report_code: str) -> tuple[Note, ...]:
    """The report's sections for the curator's words, with what is written so far (1 query)."""
    written = dict(
        ReportNote.objects.filter(year=year, report_code=report_code).values_list("section", "text")
    )
    return tuple(
        Note(section, heading, help_text, written.get(section, "").strip())
        for section, heading, help_text in NOTE_SECTIONS.get(report_code, ())
    )


@dataclass(frozen=True)
class FormTitle:
    form_id: int
    title: str
    order: int


def person_forms(*, year: ProgrammeYear) -> dict[int, tuple[FormTitle, ...]]:
    """Each person's forms of mentoring in the year's pairs, as mentor or mentee (2 queries).

    Every pair of the year counts, whatever its status: whoever answered the entry
    questionnaire in September still belongs to his form once the pair has finished.
    """
    found: dict[int, dict[int, FormTitle]] = defaultdict(dict)
    mentors = Mentorship.objects.filter(year=year).values_list(
        "mentor__person_id", "form_id", "form__title", "form__order"
    )
    mentees = MentorshipMember.objects.filter(mentorship__year=year).values_list(
        "mentee__person_id",
        "mentorship__form_id",
        "mentorship__form__title",
        "mentorship__form__order",
    )
    for rows in (mentors, mentees):
        for person_id, form_id, title, order in rows:
            found[person_id][form_id] = FormTitle(form_id, title, order)
    return {
        person_id: tuple(sorted(forms.values(), key=lambda f: (f.order, f.title, f.form_id)))
        for person_id, forms in found.items()
    }


def form_order(forms: dict[int, tuple[FormTitle, ...]]) -> list[FormTitle]:
    """Every form that appears in ``forms``, in the forms' own order."""
    unique = {form.form_id: form for group in forms.values() for form in group}
    return sorted(unique.values(), key=lambda f: (f.order, f.title, f.form_id))


def mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass(frozen=True)
class FormMeetings:
    """Working pairs of a form that met within the interval, and the form's meetings of the year."""

    title: str
    met: int
    total: int
    meetings: int

    @property
    def percent(self) -> Decimal:
        return kpi.percent(self.met, self.total)


def meetings_by_form(
    *, year: ProgrammeYear, today: datetime.date, interval_days: int
) -> tuple[FormMeetings, ...]:
    """``kpi.meeting_regularity`` per form, with the meetings held this year (2 queries).

    The rule is the dashboard's: a working pair met within the interval if its last meeting
    was at most ``interval_days`` days ago. A meeting of several pairs counts in each form.
    """
    through = Meeting.mentorships.through.objects
    since = today - datetime.timedelta(days=interval_days)
    recent = through.filter(meeting__held_on__gte=since, meeting__held_on__lte=today).values(
        "mentorship_id"
    )
    rows = (
        Mentorship.objects.filter(year=year, status=MentorshipStatus.ACTIVE)
        .values("form_id", "form__title", "form__order")
        .annotate(total=Count("pk"), met=Count("pk", filter=Q(pk__in=recent)))
        .order_by("form__order", "form__title", "form_id")
    )
    held = dict(
        through.filter(mentorship__year=year, meeting__held_on__lte=today)
        .values_list("mentorship__form_id")
        .annotate(n=Count("meeting_id", distinct=True))
        .order_by()
    )
    return tuple(
        FormMeetings(
            title=row["form__title"],
            met=row["met"],
            total=row["total"],
            meetings=held.get(row["form_id"], 0),
        )
        for row in rows
    )


def meetings_held(*, year: ProgrammeYear, today: datetime.date) -> int:
    """Meetings of the year's pairs held up to ``today``; a joint meeting counts once (1 query)."""
    return Meeting.objects.filter(mentorships__year=year, held_on__lte=today).aggregate(
        n=Count("pk", distinct=True)
    )["n"]
