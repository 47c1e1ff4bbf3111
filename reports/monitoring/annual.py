"""The annual analytic report (аналитическая справка, §4) and the municipal export (§6)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from mentorship.models import (
    Case,
    MentoringForm,
    Mentorship,
    MentorshipMember,
    Person,
    PersonKind,
    ProgrammeYear,
    Reward,
    RewardKind,
    School,
)
from mentorship.services import get_school
from reports import kpi
from reports.documents import KINDS
from reports.models import Document, DocumentStatus, ExportTemplate
from reports.monitoring.common import ANNUAL, MUNICIPAL, Note, meetings_held, report_notes
from reports.monitoring.indicators import DEFAULT_COLUMNS, DEFAULT_TITLE, Indicator, catalogue


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int


@dataclass(frozen=True)
class Roles:
    """Distinct people of working pairs by role: a person may be both."""

    mentors: int
    mentees: int
    pupil_mentors: int
    pupil_mentees: int


@dataclass(frozen=True)
class AnnualFacts:
    """Every number of the year the справка and the municipal export are made of."""

    school: School
    dashboard: kpi.Dashboard
    roles: Roles
    meetings_held: int
    documents: tuple[CountRow, ...]  # approved in the year, by kind
    cases: int
    cases_published: int
    rewards: tuple[CountRow, ...]  # by kind

    @property
    def year(self) -> ProgrammeYear:
        return self.dashboard.year

    @property
    def today(self) -> datetime.date:
        return self.dashboard.today

    @property
    def documents_total(self) -> int:
        return sum(row.count for row in self.documents)

    @property
    def rewards_total(self) -> int:
        return sum(row.count for row in self.rewards)


@dataclass(frozen=True)
class AnnualReport:
    facts: AnnualFacts
    notes: tuple[Note, ...]


def _roles(year: ProgrammeYear, today: datetime.date) -> Roles:
    """Mentors and current mentees of working pairs, all and pupils (1 query)."""
    pairs = Mentorship.objects.filter(year=year, status__in=kpi.WORKING)
    current = MentorshipMember.objects.filter(mentorship__in=pairs).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=today)
    )
    mentor = Q(pk__in=pairs.values("mentor__person_id"))
    mentee = Q(pk__in=current.values("mentee__person_id"))
    pupil = Q(kind=PersonKind.PUPIL)
    row = Person.objects.aggregate(
        mentors=Count("pk", filter=mentor),
        mentees=Count("pk", filter=mentee),
        pupil_mentors=Count("pk", filter=mentor & pupil),
        pupil_mentees=Count("pk", filter=mentee & pupil),
    )
    return Roles(**row)


def _documents(year: ProgrammeYear) -> tuple[CountRow, ...]:
    """Approved documents of the year by kind, in the registry's order of kinds (1 query)."""
    counts = dict(
        Document.objects.filter(year=year, status=DocumentStatus.APPROVED)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    known = [
        CountRow(str(kind.title).capitalize(), counts.pop(code))
        for code, kind in KINDS.items()
        if code in counts
    ]
    return tuple(known + [CountRow(code, n) for code, n in sorted(counts.items())])


def annual_facts(*, year: ProgrammeYear, today: datetime.date) -> AnnualFacts:
    """The dashboard's indicators and the year's totals.

    Queries: the dashboard (``kpi.DASHBOARD_QUERIES``), school 1, roles 1, meetings 1,
    documents 1, cases 1, rewards 1.
    """
    dashboard = kpi.dashboard(year, today)
    cases = Case.objects.filter(year=year).aggregate(
        total=Count("pk"), published=Count("pk", filter=Q(is_published=True))
    )
    rewards = dict(
        Reward.objects.filter(year=year).values_list("kind").annotate(n=Count("pk")).order_by()
    )
    return AnnualFacts(
        school=get_school(),
        dashboard=dashboard,
        roles=_roles(year, today),
        meetings_held=meetings_held(year=year, today=today),
        documents=_documents(year),
        cases=cases["total"],
        cases_published=cases["published"],
        rewards=tuple(
            CountRow(str(label), rewards[code])
            for code, label in RewardKind.choices
            if rewards.get(code)
        ),
    )


ANNUAL_QUERIES = kpi.DASHBOARD_QUERIES + 6


def annual_report(*, year: ProgrammeYear, today: datetime.date) -> AnnualReport:
    """The справка's numbers and the curator's conclusions (``ANNUAL_QUERIES`` + 1)."""
    return AnnualReport(
        facts=annual_facts(year=year, today=today),
        notes=report_notes(year=year, report_code=ANNUAL),
    )


# --- the municipal export ----------------------------------------------------------------


@dataclass(frozen=True)
class MunicipalExport:
    title: str
    year: ProgrammeYear
    today: datetime.date
    indicators: tuple[Indicator, ...]  # everything available, in the catalogue's order
    columns: tuple[Indicator, ...]  # the chosen ones, in the chosen order
    saved: bool  # False: the default columns, the curator has not chosen yet


def municipal_export(*, year: ProgrammeYear, today: datetime.date) -> MunicipalExport:
    """The year's indicators in the columns the curator chose (``ANNUAL_QUERIES`` + 2).

    Queries: the annual facts, the forms of mentoring 1, the saved template 1.
    """
    facts = annual_facts(year=year, today=today)
    working = [row.form_id for row in facts.dashboard.forms.rows]
    forms = list(
        MentoringForm.objects.filter(Q(is_active=True) | Q(pk__in=working)).order_by(
            "audience", "order", "title"
        )
    )
    template = ExportTemplate.objects.filter(code=MUNICIPAL).first()
    indicators = catalogue(facts, forms)
    by_code = {indicator.code: indicator for indicator in indicators}
    chosen = template.columns if template else DEFAULT_COLUMNS
    return MunicipalExport(
        title=template.title if template else DEFAULT_TITLE,
        year=year,
        today=today,
        indicators=indicators,
        columns=tuple(by_code[code] for code in chosen if code in by_code),
        saved=template is not None,
    )
