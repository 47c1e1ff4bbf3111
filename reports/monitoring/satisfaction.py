"""The satisfaction of mentors and mentees: per item of each questionnaire and per form."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from mentorship.models import ProgrammeYear
from reports import kpi
from reports.monitoring.common import NO_FORM, SATISFACTION, Note, person_forms, report_notes
from reports.scores import ten_point_sums
from surveys.analytics import DEFAULT_SCALE, CampaignResults, campaigns_scores
from surveys.models import Answer, Campaign, Purpose, QuestionKind

SIDES = (
    (Purpose.MENTOR_SATISFACTION, "Наставники"),
    (Purpose.MENTEE_SATISFACTION, "Наставляемые"),
)


@dataclass(frozen=True)
class SatisfactionItem:
    number: int
    text: str
    kind: str
    n: int
    mean: Decimal | None  # on the item's own scale
    scale: str  # «1–10»; "" for a number
    yes: int
    no: int


@dataclass(frozen=True)
class SatisfactionSurvey:
    side: str
    title: str
    invited: int
    answered: int
    items: tuple[SatisfactionItem, ...]


@dataclass(frozen=True)
class FormSatisfaction:
    title: str
    mentors: Decimal | None  # on 1–10
    mentors_n: int
    mentees: Decimal | None
    mentees_n: int


@dataclass(frozen=True)
class SatisfactionReport:
    year: ProgrammeYear
    summary: kpi.Satisfaction
    surveys: tuple[SatisfactionSurvey, ...]
    by_form: tuple[FormSatisfaction, ...]
    notes: tuple[Note, ...]


def _items(results: CampaignResults) -> tuple[SatisfactionItem, ...]:
    items = []
    for result in results.questions:
        question = result.question
        yes = no = 0
        mean_value = None
        scale = ""
        if result.numeric is not None:
            mean_value = result.numeric.mean
            if question.kind == QuestionKind.SCALE:
                low = DEFAULT_SCALE[0] if question.scale_min is None else question.scale_min
                high = DEFAULT_SCALE[1] if question.scale_max is None else question.scale_max
                scale = f"{low}–{high}"
        elif question.kind == QuestionKind.YES_NO and result.choice is not None:
            counts = {bar.label: bar.count for bar in result.choice.bars}
            yes, no = counts.get("да", 0), counts.get("нет", 0)
        else:
            continue  # free texts and choices stay on the campaign's analytics page
        items.append(
            SatisfactionItem(
                result.number, question.text, question.kind, result.n, mean_value, scale, yes, no
            )
        )
    return tuple(items)


def _satisfaction_by_form(year: ProgrammeYear, forms: dict) -> tuple[FormSatisfaction, ...]:
    """Each side's mean on 1–10 per form, as ``kpi.satisfaction`` brings scales to 1–10 (1 query)."""
    sums: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    people: dict[tuple[str, str], set[int]] = defaultdict(set)
    order: dict[str, tuple] = {}
    answers = Answer.objects.filter(
        response__submitted_at__isnull=False,
        response__questionnaire__purpose__in=kpi.SATISFACTION_PURPOSES,
        response__invitation__campaign__year=year,
    )
    for (purpose, person_id), ten, n in ten_point_sums(
        answers, "response__questionnaire__purpose", "response__invitation__person_id"
    ):
        titles = [(form.title, (0, form.order, form.title)) for form in forms.get(person_id, ())]
        for title, key in titles or [(NO_FORM, (1, 0, NO_FORM))]:
            order[title] = key
            sums[purpose, title] += ten
            counts[purpose, title] += n
            people[purpose, title].add(person_id)

    def score(purpose: str, title: str) -> Decimal | None:
        n = counts.get((purpose, title), 0)
        return (sums[purpose, title] / n).quantize(Decimal("0.1"), ROUND_HALF_UP) if n else None

    mentors, mentees = Purpose.MENTOR_SATISFACTION, Purpose.MENTEE_SATISFACTION
    return tuple(
        FormSatisfaction(
            title=title,
            mentors=score(mentors, title),
            mentors_n=len(people.get((mentors, title), ())),
            mentees=score(mentees, title),
            mentees_n=len(people.get((mentees, title), ())),
        )
        for title in sorted(order, key=order.__getitem__)
    )


def satisfaction_report(*, year: ProgrammeYear) -> SatisfactionReport:
    """The dashboard's means, every item of each satisfaction campaign, both sides per form.

    Queries: the dashboard's satisfaction 3, campaigns 1 and their results 4 however many
    (``campaigns_scores``), people's forms 2, answers per form 1, notes 1.
    """
    summary = kpi.satisfaction(year=year)
    sides = dict(SIDES)
    surveys = []
    campaigns = list(
        Campaign.objects.filter(year=year, questionnaire__purpose__in=sides)
        .select_related("questionnaire")
        .order_by("starts_on", "pk")
    )
    scores = campaigns_scores(campaigns)
    for campaign in campaigns:
        results = scores[campaign.pk]
        surveys.append(
            SatisfactionSurvey(
                side=sides[campaign.questionnaire.purpose],
                title=campaign.title,
                invited=results.invited,
                answered=results.answered,
                items=_items(results),
            )
        )
    # Mentors first, then mentees; each side's campaigns by date.
    surveys.sort(key=lambda survey: survey.side != sides[Purpose.MENTOR_SATISFACTION])
    forms = person_forms(year=year)
    return SatisfactionReport(
        year=year,
        summary=summary,
        surveys=tuple(surveys),
        by_form=_satisfaction_by_form(year, forms),
        notes=report_notes(year=year, report_code=SATISFACTION),
    )
