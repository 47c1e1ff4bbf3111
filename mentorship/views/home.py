"""The core app's blocks on the home pages (registered in ``MentorshipConfig.ready``).

Each takes the request and returns rendered HTML, or "" to show nothing; the queries are
fixed whatever the number of pairs (``tests/mentorship/test_home_pages.py``). The blocks
need neither a CSRF token nor the menu, so they render without the request's context
processors (each would read the school's header again).
"""

from __future__ import annotations

from itertools import groupby

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from mentorship import hooks, permissions
from mentorship.permissions_meetings import can_view_journal
from mentorship.selectors import home
from mentorship.services.school import get_school


def meetings_widget(request: HttpRequest) -> str:
    """Mentors and mentees: the next meeting and the days since the last, per open pair."""
    interval = get_school().meeting_interval_days
    block = home.meetings_block(
        user=request.user, today=timezone.localdate(), interval_days=interval
    )
    if not block.rows:
        return ""
    return render_to_string(
        "mentorship/widgets/_meetings.html",
        {"block": block, "interval_days": interval},
    )


def curator_inbox_widget(request: HttpRequest) -> str:
    """The curator's inbox: overdue pairs, then whatever the other apps put in it."""
    if not permissions.can_manage_pairs(request.user):
        return ""
    today = timezone.localdate()
    interval = get_school().meeting_interval_days
    overdue, overdue_total = home.curator_overdue(today=today, interval_days=interval)
    rows = [row for source in hooks.INBOX_SOURCES for row in source(user=request.user, today=today)]
    sections = [
        {"title": title, "rows": list(items)}
        for title, items in groupby(rows, key=lambda row: row["section"])
    ]
    return render_to_string(
        "mentorship/widgets/_curator_inbox.html",
        {
            "overdue": overdue,
            "overdue_total": overdue_total,
            "interval_days": interval,
            "sections": sections,
            "can_view_journal": can_view_journal(request.user),
        },
    )


def director_summary_widget(request: HttpRequest) -> str:
    """The director: pairs at work, meetings this month, pairs that have not met for long."""
    if not permissions.can_view_pairs(request.user):
        return ""
    school = get_school()
    summary = home.director_summary(
        today=timezone.localdate(), interval_days=school.meeting_interval_days
    )
    return render_to_string(
        "mentorship/widgets/_director_summary.html",
        {
            "summary": summary,
            "interval_days": school.meeting_interval_days,
            "can_view_journal": can_view_journal(request.user),
        },
    )
