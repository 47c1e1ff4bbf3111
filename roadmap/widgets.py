"""The roadmap's blocks on the home pages."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from mentorship.models import Person
from mentorship.selectors import current_year
from roadmap import selectors
from roadmap.models import Roadmap
from roadmap.services import month_end


def roadmap_progress(request: HttpRequest) -> str:
    """Progress of the current year's roadmap, overdue events and this month's ones."""
    year = current_year()
    roadmap = Roadmap.objects.filter(year=year).first() if year else None
    today = timezone.localdate()
    context = {"roadmap": roadmap, "year": year}
    if roadmap is not None:
        view = selectors.roadmap_view(roadmap=roadmap, today=today)
        events = [event for stage in view.stages for event in stage.events]
        first, last = today.replace(day=1), month_end(today)
        context.update(
            {
                "view": view,
                "overdue": [e for e in events if e.overdue][:5],
                "this_month": [
                    e
                    for e in events
                    if e.is_open
                    and e.start_date
                    and e.end_date
                    and e.start_date <= last
                    and e.end_date >= first
                ][:5],
            }
        )
    return render_to_string("roadmap/_home_widget.html", context, request=request)


def my_events_widget(request: HttpRequest) -> str:
    person = Person.objects.filter(user=request.user).first()
    if person is None:
        return ""
    events = [
        e for e in selectors.my_events(person=person, today=timezone.localdate()) if e.is_open
    ]
    if not events:
        return ""
    return render_to_string(
        "roadmap/_my_events_widget.html", {"events": events[:5]}, request=request
    )
