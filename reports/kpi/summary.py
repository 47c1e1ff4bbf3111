"""Every indicator of the year together: what the dashboard shows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from mentorship.models import ProgrammeYear
from mentorship.services import get_school
from reports.kpi.documents import Approvals, approvals
from reports.kpi.pairs import MeetingRegularity, PairsByForm, meeting_regularity, pairs_by_form
from reports.kpi.people import (
    Participants,
    PupilInvolvement,
    YoungSpecialists,
    participants,
    pupil_involvement,
    young_specialists,
)
from reports.kpi.roadmap import RoadmapProgress, roadmap_progress
from reports.kpi.surveys import FeedbackCompletion, Satisfaction, feedback_completion, satisfaction

# Queries of ``dashboard``: school 1, participants 1, pupils 1, young specialists 1,
# forms 1, meetings 2, feedback 1, satisfaction 3, roadmap 1, approvals 1.
DASHBOARD_QUERIES = 13


@dataclass(frozen=True)
class Dashboard:
    year: ProgrammeYear
    today: datetime.date
    participants: Participants
    pupils: PupilInvolvement
    young: YoungSpecialists
    forms: PairsByForm
    meetings: MeetingRegularity
    feedback: FeedbackCompletion
    satisfaction: Satisfaction
    roadmap: RoadmapProgress
    approvals: Approvals


def dashboard(year: ProgrammeYear, today: datetime.date) -> Dashboard:
    """Every indicator of the year on ``today``, in ``DASHBOARD_QUERIES`` queries."""
    school = get_school()
    return Dashboard(
        year=year,
        today=today,
        participants=participants(year=year, today=today),
        pupils=pupil_involvement(year=year, today=today),
        young=young_specialists(year=year, today=today, school=school),
        forms=pairs_by_form(year=year, today=today),
        meetings=meeting_regularity(
            year=year, today=today, interval_days=school.meeting_interval_days
        ),
        feedback=feedback_completion(year=year),
        satisfaction=satisfaction(year=year),
        roadmap=roadmap_progress(year=year, today=today),
        approvals=approvals(),
    )
