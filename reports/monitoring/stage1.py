"""Monitoring, stage 1: the quality of the process (domain.md §3.1–3.2).

The conditions of the roadmap's first stage, the curator's questionnaire and SWOT, the
regularity of meetings per form and the feedback after meetings.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from mentorship.models import ProgrammeYear
from mentorship.services import get_school
from reports import kpi
from reports.monitoring.common import STAGE1, FormMeetings, Note, meetings_by_form, report_notes
from roadmap.models import EventStatus, Roadmap
from roadmap.selectors import stage_checklists
from surveys.analytics import CampaignResults, campaign_results
from surveys.models import Campaign, Purpose, QuestionKind, Questionnaire


@dataclass(frozen=True)
class Condition:
    """An event of the roadmap's first stage («Подготовка условий»): done or not."""

    number: str
    title: str
    deadline: str
    status: str
    done: bool
    done_on: datetime.date | None
    overdue: bool


@dataclass(frozen=True)
class Requirement:
    """A document or register the first stage must leave behind (the roadmap's checklist)."""

    label: str
    done: bool
    detail: str


@dataclass(frozen=True)
class CuratorCheck:
    """A yes/no item of the curator's questionnaire and how it was answered."""

    text: str
    yes: int
    no: int

    @property
    def answer(self) -> str:
        if self.yes and self.no:
            return f"да — {self.yes}, нет — {self.no}"
        if self.yes:
            return "да"
        if self.no:
            return "нет"
        return "нет ответа"


SWOT = (
    ("strengths", "Сильные стороны", "сильн"),
    ("weaknesses", "Слабые стороны", "слаб"),
    ("opportunities", "Возможности", "возможн"),
    ("threats", "Угрозы", "угроз"),
)


@dataclass(frozen=True)
class SwotQuadrant:
    code: str
    title: str
    entries: tuple[str, ...]


@dataclass(frozen=True)
class CuratorSurvey:
    campaign_id: int
    title: str
    answered: int
    checks: tuple[CuratorCheck, ...]
    swot: tuple[SwotQuadrant, ...]
    comments: tuple[str, ...]  # other free answers

    @property
    def has_swot(self) -> bool:
        return any(quadrant.entries for quadrant in self.swot)


@dataclass(frozen=True)
class Stage1Report:
    year: ProgrammeYear
    today: datetime.date
    roadmap_id: int | None
    stage_title: str
    conditions: tuple[Condition, ...]
    requirements: tuple[Requirement, ...]
    survey: CuratorSurvey | None
    questionnaire: str  # the curator's questionnaire to send when there are no answers
    meetings: kpi.MeetingRegularity
    meetings_by_form: tuple[FormMeetings, ...]
    feedback: kpi.FeedbackCompletion
    notes: tuple[Note, ...]

    @property
    def conditions_done(self) -> int:
        return sum(condition.done for condition in self.conditions)

    @property
    def collect_steps(self) -> tuple[str, ...]:
        """How to get the curator's questionnaire and SWOT when nobody has answered yet."""
        name = (
            f"«{self.questionnaire}»"
            if self.questionnaire
            else "куратора (назначение «анкета куратора (мониторинг, SWOT)»)"
        )
        return (
            f"Откройте раздел «Опросы» и создайте опрос по анкете {name}.",
            "Пригласите в опрос себя (куратора) и разошлите приглашение.",
            "Заполните анкету по личной ссылке: отметьте выполненные условия и впишите сильные "
            "и слабые стороны, возможности и угрозы. Отчёт покажет ответы сразу после отправки.",
        )


def _swot(results: CampaignResults) -> tuple[tuple[SwotQuadrant, ...], tuple[str, ...]]:
    """The four quadrants recognised by the questions' words; other free answers apart."""
    found: dict[str, list[str]] = defaultdict(list)
    comments: list[str] = []
    for result in results.questions:
        if result.text is None:
            continue
        words = result.question.text.casefold()
        code = next((code for code, _title, stem in SWOT if stem in words), None)
        texts = [entry.text for entry in result.text.entries]
        (found[code] if code else comments).extend(texts)
    quadrants = tuple(SwotQuadrant(code, title, tuple(found[code])) for code, title, _ in SWOT)
    return quadrants, tuple(comments)


def _curator_survey(year: ProgrammeYear) -> CuratorSurvey | None:
    """The newest campaign of the curator's questionnaire with an answer (1 + 10 queries)."""
    campaign = (
        Campaign.objects.filter(year=year, questionnaire__purpose=Purpose.CURATOR_MONITORING)
        .annotate(
            answered=Count(
                "invitations", filter=Q(invitations__response__submitted_at__isnull=False)
            )
        )
        .filter(answered__gt=0)
        .select_related("questionnaire")
        .order_by("-starts_on", "-pk")
        .first()
    )
    if campaign is None:
        return None
    results = campaign_results(campaign)
    checks = tuple(
        CuratorCheck(
            result.question.text,
            yes=next((bar.count for bar in result.choice.bars if bar.label == "да"), 0),
            no=next((bar.count for bar in result.choice.bars if bar.label == "нет"), 0),
        )
        for result in results.questions
        if result.question.kind == QuestionKind.YES_NO and result.choice is not None
    )
    swot, comments = _swot(results)
    return CuratorSurvey(campaign.pk, campaign.title, results.answered, checks, swot, comments)


def _conditions(
    year: ProgrammeYear, today: datetime.date
) -> tuple[int | None, str, tuple[Condition, ...], tuple[Requirement, ...]]:
    """The first stage's events and required documents (2 queries, +4 with a roadmap)."""
    roadmap = Roadmap.objects.filter(year=year).first()
    if roadmap is None:
        return None, "", (), ()
    stage = roadmap.stages.filter(number=1).prefetch_related("events").order_by("number").first()
    conditions = tuple(
        Condition(
            number=event.number,
            title=event.title,
            deadline=event.deadline_phrase,
            status=event.get_status_display(),
            done=event.status == EventStatus.DONE,
            done_on=event.done_on,
            overdue=event.is_overdue_on(today),
        )
        for event in (stage.events.all() if stage else ())
    )
    requirements = tuple(
        Requirement(item.label, item.done, item.detail)
        for item in stage_checklists(roadmap=roadmap).get(1, [])
    )
    return roadmap.pk, stage.title if stage else "", conditions, requirements


def stage1_report(*, year: ProgrammeYear, today: datetime.date) -> Stage1Report:
    """Conditions, the curator's questionnaire and SWOT, meetings per form, feedback.

    Queries: school 1, roadmap 1 + stage with events 2 + checklist 4, curator's campaign 1
    + its results 5 (rates, questions 2, yes/no, texts; or the questionnaire to send 1),
    meetings 2 + per form 2, feedback 1, notes 1 — 20 with a roadmap and answers.
    """
    school = get_school()
    roadmap_id, stage_title, conditions, requirements = _conditions(year, today)
    survey = _curator_survey(year)
    questionnaire = ""
    if survey is None:
        standard = (
            Questionnaire.objects.filter(
                purpose=Purpose.CURATOR_MONITORING,
                is_archived=False,
                next_version__isnull=True,
            )
            .order_by("-is_standard", "title")
            .first()
        )
        questionnaire = standard.title if standard else ""
    interval = school.meeting_interval_days
    return Stage1Report(
        year=year,
        today=today,
        roadmap_id=roadmap_id,
        stage_title=stage_title,
        conditions=conditions,
        requirements=requirements,
        survey=survey,
        questionnaire=questionnaire,
        meetings=kpi.meeting_regularity(year=year, today=today, interval_days=interval),
        meetings_by_form=meetings_by_form(year=year, today=today, interval_days=interval),
        feedback=kpi.feedback_completion(year=year),
        notes=report_notes(year=year, report_code=STAGE1),
    )
