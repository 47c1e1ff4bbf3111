"""The calendar: the page and the new-link action for anyone signed in; the feed is public by
its secret token (a wrong or revoked one is a 404, tested in tests/mentorship/test_calendar.py)."""

from mentorship.services.meetings import calendar_feed_for
from tests.matrix import OK, Row, everyone, signed_in


def _curators_feed(ctx) -> dict:
    return {"token": calendar_feed_for(user=ctx.user("curator")).token}


ROWS: dict[str, Row] = {
    "mentorship:calendar-page": (None, signed_in(OK)),
    "mentorship:calendar-renew": (None, signed_in(405)),
    "mentorship:calendar-feed": (_curators_feed, everyone(OK)),
}
