"""Monitoring, stage 2: the growth of participants, entry vs exit questionnaires (§3.3)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from mentorship.models import ProgrammeYear
from reports.monitoring.common import NO_FORM, STAGE2, Note, mean, person_forms, report_notes
from surveys.analytics import Comparison, compare_campaigns
from surveys.models import Campaign, Moment


@dataclass(frozen=True)
class ParticipantChange:
    name: str
    department: str
    forms: str
    before: Decimal
    after: Decimal
    change: Decimal


@dataclass(frozen=True)
class FormChange:
    title: str
    people: int
    before: Decimal | None
    after: Decimal | None
    change: Decimal | None
    improved: int
    declined: int


@dataclass(frozen=True)
class Measurement:
    """One questionnaire given before and after: the surveys' comparison, grouped by form."""

    title: str
    comparison: Comparison
    people: tuple[ParticipantChange, ...]
    by_form: tuple[FormChange, ...]


@dataclass(frozen=True)
class Stage2Report:
    year: ProgrammeYear
    measurements: tuple[Measurement, ...]
    waiting: tuple[str, ...]  # questionnaires with only one of the two measurements
    notes: tuple[Note, ...]


def _by_form(comparison: Comparison, forms: dict) -> tuple[FormChange, ...]:
    groups: dict[str, list] = defaultdict(list)
    order: dict[str, tuple] = {}
    for person in comparison.people:
        for form in forms.get(person.person_id, ()):
            groups[form.title].append(person)
            order[form.title] = (0, form.order, form.title)
        if person.person_id not in forms:
            groups[NO_FORM].append(person)
            order[NO_FORM] = (1, 0, NO_FORM)
    rows = []
    for title in sorted(groups, key=order.__getitem__):
        people = groups[title]
        changes = [p.change for p in people]
        rows.append(
            FormChange(
                title=title,
                people=len(people),
                before=mean([p.before_mean for p in people]),
                after=mean([p.after_mean for p in people]),
                change=mean(changes),
                improved=sum(1 for c in changes if c > 0),
                declined=sum(1 for c in changes if c < 0),
            )
        )
    return tuple(rows)


def _measurement_pairs(
    year: ProgrammeYear,
) -> tuple[list[tuple[Campaign, Campaign]], list[str]]:
    """The newest «before» and «after» campaign of each questionnaire of the year (1 query).

    Versions of one standard questionnaire (the same ``code``) are one questionnaire, as
    ``surveys.analytics.comparable`` has it.
    """
    found: dict[object, dict[str, Campaign]] = defaultdict(dict)
    for campaign in (
        Campaign.objects.filter(year=year, moment__in=(Moment.BEFORE, Moment.AFTER))
        .select_related("questionnaire")
        .order_by("starts_on", "pk")
    ):
        questionnaire = campaign.questionnaire
        key = questionnaire.code or questionnaire.pk
        found[key][campaign.moment] = campaign  # the later one wins
    pairs, waiting = [], []
    for moments in found.values():
        before, after = moments.get(Moment.BEFORE), moments.get(Moment.AFTER)
        if before and after:
            pairs.append((before, after))
        else:
            only = before or after
            missing = "итогового" if before else "входного"
            waiting.append(f"«{only.questionnaire.title}»: нет {missing} замера")
    return pairs, waiting


def stage2_report(*, year: ProgrammeYear) -> Stage2Report:
    """Before/after per item, per participant and per form of each measured questionnaire.

    Queries: campaigns 1, people's forms 2, per questionnaire measured before and after
    3 (``compare_campaigns``: questions, answers, names), notes 1 — 7 for one questionnaire.
    """
    pairs, waiting = _measurement_pairs(year)
    forms = person_forms(year=year) if pairs else {}
    measurements = []
    for before, after in pairs:
        comparison = compare_campaigns(before, after)
        people = tuple(
            ParticipantChange(
                name=person.name,
                department=person.department,
                forms=", ".join(form.title for form in forms.get(person.person_id, ())),
                before=person.before_mean,
                after=person.after_mean,
                change=person.change,
            )
            for person in comparison.people
        )
        measurements.append(
            Measurement(after.questionnaire.title, comparison, people, _by_form(comparison, forms))
        )
    return Stage2Report(
        year=year,
        measurements=tuple(measurements),
        waiting=tuple(waiting),
        notes=report_notes(year=year, report_code=STAGE2),
    )
