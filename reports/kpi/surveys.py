"""What the questionnaires say: feedback after meetings and the satisfaction of both sides."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from mentorship.models import ProgrammeYear
from reports.kpi.common import _TENTH, Link, _link, percent
from reports.scores import SCORE_MAX, SCORE_MIN, ten_point_sums
from surveys.models import Answer, Campaign, Invitation, Purpose, Response

# --- feedback after meetings -----------------------------------------------------------


@dataclass(frozen=True)
class FeedbackCompletion:
    answered: int
    invited: int
    link: Link

    @property
    def percent(self) -> Decimal:
        return percent(self.answered, self.invited)


def feedback_completion(*, year: ProgrammeYear) -> FeedbackCompletion:
    """Answered of the invitations to give feedback on a meeting, in the year's campaigns (1 query).

    A revoked invitation is no longer counted, unless it had been answered before.
    """
    answered = Q(answered_at__isnull=False)
    campaigns = Campaign.objects.filter(
        year=year, questionnaire__purpose=Purpose.MEETING_FEEDBACK
    ).values("pk")
    row = (
        Invitation.objects.filter(
            campaign_id__in=campaigns,
            about_type__app_label="mentorship",
            about_type__model="meeting",
        )
        .filter(Q(revoked_at__isnull=True) | answered)
        .aggregate(invited=Count("pk"), answered=Count("pk", filter=answered))
    )
    return FeedbackCompletion(
        answered=row["answered"],
        invited=row["invited"],
        link=_link("surveys:feedback-overview", year=year.pk),
    )


# --- satisfaction of mentors and mentees -----------------------------------------------


@dataclass(frozen=True)
class SatisfactionScore:
    mean: Decimal | None  # on the 1–10 scale, one decimal place
    answers: int  # scale answers averaged
    respondents: int  # submitted questionnaires
    link: Link


@dataclass(frozen=True)
class Satisfaction:
    mentors: SatisfactionScore
    mentees: SatisfactionScore
    scale_min: int = SCORE_MIN
    scale_max: int = SCORE_MAX


SATISFACTION_PURPOSES = (Purpose.MENTOR_SATISFACTION, Purpose.MENTEE_SATISFACTION)


def satisfaction(*, year: ProgrammeYear) -> Satisfaction:
    """Mean of the scale answers to the year's satisfaction questionnaires, per side (3 queries).

    Scale answers are stored in ``Answer.number`` with the question's bounds (1–5 when a scale
    has none, as the answer form offers); each is brought to 1–10 before averaging, so that
    questionnaires with different scales can be put together.
    """
    # From the year's few satisfaction campaigns down (their invitations, responses, answers
    # by index), not through every answer of every year.
    campaigns = Campaign.objects.filter(
        year=year, questionnaire__purpose__in=SATISFACTION_PURPOSES
    ).values("pk")
    submitted = Response.objects.filter(
        submitted_at__isnull=False, invitation__campaign_id__in=campaigns
    )
    sums: dict[str, Decimal] = {}
    counts: dict[str, int] = {}
    answers = Answer.objects.filter(
        response__submitted_at__isnull=False, response__invitation__campaign_id__in=campaigns
    )
    for (purpose,), ten, n in ten_point_sums(answers, "response__questionnaire__purpose"):
        sums[purpose] = sums.get(purpose, Decimal(0)) + ten
        counts[purpose] = counts.get(purpose, 0) + n
    respondents = dict(
        submitted.values_list("questionnaire__purpose").annotate(n=Count("pk")).order_by()
    )
    # The newest campaign of each questionnaire: its analytics page is the list behind.
    latest: dict[str, int] = {}
    for purpose, pk in (
        Campaign.objects.filter(year=year, questionnaire__purpose__in=SATISFACTION_PURPOSES)
        .order_by("-starts_on", "-pk")
        .values_list("questionnaire__purpose", "pk")
    ):
        latest.setdefault(purpose, pk)

    def score(purpose: str) -> SatisfactionScore:
        n = counts.get(purpose, 0)
        mean = (sums[purpose] / n).quantize(_TENTH, rounding=ROUND_HALF_UP) if n else None
        link = (
            _link("surveys:campaign-analytics", latest[purpose])
            if purpose in latest
            else _link("surveys:campaign-list")
        )
        return SatisfactionScore(
            mean=mean, answers=n, respondents=respondents.get(purpose, 0), link=link
        )

    return Satisfaction(
        mentors=score(Purpose.MENTOR_SATISFACTION), mentees=score(Purpose.MENTEE_SATISFACTION)
    )
