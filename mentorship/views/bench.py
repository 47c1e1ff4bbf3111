"""The bare page of the throughput benchmark: Django with one query and one template.

Mounted at /bench/bare/ only when ``settings.BENCH_BARE_VIEW`` is on, which only
tests/bench/bench_throughput.py does; it shows the standard topics, nothing personal.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from mentorship.models import Topic


def bare(request: HttpRequest) -> HttpResponse:
    # No context processors (they would query the school and the menu): the baseline.
    topics = list(Topic.objects.only("title").order_by("pk")[:20])
    return HttpResponse(render_to_string("bench/bare.html", {"topics": topics}))
