"""Monitoring indicators of the programme (domain.md §3, §6) for the dashboard.

One function per indicator, over plain inputs: the programme year and the day to count on
(and the school's limits where the regulation sets them). Each returns a small frozen
dataclass with the number, its denominator or target where one applies, and ``link``: the
URL name and query of the list behind the number, so that every figure can be checked.

Every function runs a fixed number of queries, whatever the number of people, pairs,
meetings or answers; ``dashboard`` runs them all in ``DASHBOARD_QUERIES``.

The package: ``common`` (links, percentages, the pairs that count), ``people``
(participants, pupils, young specialists), ``pairs`` (pairs per form, meetings),
``surveys`` (feedback, satisfaction), ``roadmap``, ``documents`` (approvals) and
``summary`` (the dashboard: all of them).
"""

from reports.kpi.common import OPEN, WORKING, Link, percent
from reports.kpi.documents import Approvals, approvals
from reports.kpi.pairs import (
    FormRow,
    MeetingRegularity,
    PairsByForm,
    meeting_regularity,
    pairs_by_form,
)
from reports.kpi.people import (
    PUPIL_MIN_AGE,
    PUPIL_TARGET,
    Participants,
    PupilInvolvement,
    YoungSpecialists,
    participants,
    pupil_involvement,
    young_specialists,
)
from reports.kpi.roadmap import RoadmapProgress, roadmap_progress
from reports.kpi.summary import DASHBOARD_QUERIES, Dashboard, dashboard
from reports.kpi.surveys import (
    SATISFACTION_PURPOSES,
    FeedbackCompletion,
    Satisfaction,
    SatisfactionScore,
    feedback_completion,
    satisfaction,
)
from reports.scores import SCORE_MAX, SCORE_MIN, to_ten_point

__all__ = [
    "DASHBOARD_QUERIES",
    "OPEN",
    "PUPIL_MIN_AGE",
    "PUPIL_TARGET",
    "SATISFACTION_PURPOSES",
    "SCORE_MAX",
    "SCORE_MIN",
    "WORKING",
    "Approvals",
    "Dashboard",
    "FeedbackCompletion",
    "FormRow",
    "Link",
    "MeetingRegularity",
    "PairsByForm",
    "Participants",
    "PupilInvolvement",
    "RoadmapProgress",
    "Satisfaction",
    "SatisfactionScore",
    "YoungSpecialists",
    "approvals",
    "dashboard",
    "feedback_completion",
    "meeting_regularity",
    "pairs_by_form",
    "participants",
    "percent",
    "pupil_involvement",
    "roadmap_progress",
    "satisfaction",
    "to_ten_point",
    "young_specialists",
]
