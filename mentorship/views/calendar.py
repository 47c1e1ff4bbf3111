"""The calendar page (the user's private feed address) and the feed itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from mentorship.calendar import build_calendar
from mentorship.models import CalendarFeed
from mentorship.services.meetings import calendar_feed_for, calendar_feed_renew
from mentorship.throttling import throttle_wrong_links


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    feed = calendar_feed_for(user=request.user)
    # The address the user reached us by: the one his calendar can reach too.
    url = request.build_absolute_uri(reverse("mentorship:calendar-feed", args=[feed.token]))
    return render(
        request,
        "mentorship/calendar/page.html",
        {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1], "feed": feed},
    )


@login_required
@require_POST
def calendar_renew(request: HttpRequest) -> HttpResponse:
    calendar_feed_renew(user=request.user)
    messages.success(
        request,
        "Выпущена новая ссылка, старая больше не работает. Подпишитесь на календарь заново.",
    )
    return redirect("mentorship:calendar-page")


@require_GET
@throttle_wrong_links
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The ICS file: no log-in, the secret address is the key; a revoked one is a 404."""
    feed = (
        CalendarFeed.objects.filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    if feed is None:
        raise Http404("Календарь не найден: ссылка неверна или отозвана.")
    response = HttpResponse(
        build_calendar(user=feed.user, today=timezone.localdate()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="nastavnik.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
