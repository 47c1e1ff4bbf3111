"""The year's roadmap: events done and overdue."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from mentorship.models import ProgrammeYear
from reports.kpi.common import Link, _link, percent
from roadmap.models import EventStatus, Roadmap


@dataclass(frozen=True)
class RoadmapProgress:
    exists: bool
    done: int
    total: int  # events not cancelled
    overdue: int
    link: Link
    overdue_link: Link

    @property
    def percent(self) -> Decimal:
        return percent(self.done, self.total)


def roadmap_progress(*, year: ProgrammeYear, today: datetime.date) -> RoadmapProgress:
    """Done of the roadmap's events (cancelled ones aside) and the overdue ones (1 query).

    Overdue is the roadmap page's rule: planned or in progress, with the deadline passed.
    """
    events = "stages__events"
    row = (
        Roadmap.objects.filter(year=year)
        .values("pk")
        .annotate(
            total=Count(events, filter=~Q(**{f"{events}__status": EventStatus.CANCELLED})),
            done=Count(events, filter=Q(**{f"{events}__status": EventStatus.DONE})),
            overdue=Count(
                events,
                filter=Q(
                    **{
                        f"{events}__end_date__lt": today,
                        f"{events}__status__in": (EventStatus.PLANNED, EventStatus.IN_PROGRESS),
                    }
                ),
            ),
        )
        .order_by("pk")
        .first()
    )
    if row is None:
        home = _link("roadmap:roadmap-home")
        return RoadmapProgress(False, 0, 0, 0, link=home, overdue_link=home)
    return RoadmapProgress(
        exists=True,
        done=row["done"],
        total=row["total"],
        overdue=row["overdue"],
        link=_link("roadmap:roadmap-detail", row["pk"]),
        overdue_link=_link("roadmap:roadmap-detail", row["pk"], overdue="on"),
    )
