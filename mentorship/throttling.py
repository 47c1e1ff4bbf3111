"""The client's address and the throttle of wrong personal links.

Personal links (a survey answer, a calendar feed) and the public page's files are opened
without logging in: the secret in the address, or the object's number, is the key. Someone
guessing them collects 404s; after ``LIMIT`` of them in ``WINDOW`` seconds from one address
every such link answers 429 until the window is over. The counter lives in the cache.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

LIMIT = 20  # wrong links from one address …
WINDOW = 600  # … within this many seconds


def client_ip(request: HttpRequest) -> str:
    """The visitor's address: behind TRUSTED_PROXY_COUNT proxies, the one they saw."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    # Each proxy appends the address it was reached from: the client's is count from the end;
    # anything further left was written by the client itself and proves nothing.
    return forwarded[-count] if len(forwarded) >= count else remote


@dataclass(frozen=True)
class LinkThrottle:
    """Counts wrong links per client address within a fixed window."""

    scope: str
    limit: int = LIMIT
    window: int = WINDOW

    def _key(self, request: HttpRequest) -> str:
        return f"throttle:{self.scope}:{client_ip(request)}"

    def is_blocked(self, request: HttpRequest) -> bool:
        return cache.get(self._key(request), 0) >= self.limit

    def record_miss(self, request: HttpRequest) -> None:
        key = self._key(request)
        if cache.add(key, 1, self.window):
            return
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, self.window)


# One budget for every kind of personal link: guessing survey tokens and then calendar
# tokens from the same address is the same activity.
PERSONAL_LINKS = LinkThrottle("personal-link")


def too_many_wrong_links(request: HttpRequest, throttle: LinkThrottle) -> HttpResponse:
    response = render(
        request,
        "throttled.html",
        {"minutes": max(1, throttle.window // 60)},
        status=429,
    )
    response["Retry-After"] = str(throttle.window)
    add_never_cache_headers(response)
    return response


def throttle_wrong_links(
    view: Callable[..., HttpResponse] | None = None, *, throttle: LinkThrottle = PERSONAL_LINKS
):
    """Answer 429 to an address that opened too many wrong links; count each 404 as one."""

    def decorator(func: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(func)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if throttle.is_blocked(request):
                return too_many_wrong_links(request, throttle)
            try:
                response = func(request, *args, **kwargs)
            except Http404:
                throttle.record_miss(request)
                raise
            if response.status_code == 404:
                throttle.record_miss(request)
            return response

        return wrapped

    return decorator(view) if view is not None else decorator


def login_locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """django-axes' lockout page (AXES_LOCKOUT_CALLABLE): in Russian, with the minutes."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    response = render(
        request,
        "registration/locked.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    add_never_cache_headers(response)
    return response
