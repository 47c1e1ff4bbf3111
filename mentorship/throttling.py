"""The client's address and the throttles of wrong personal links and password-reset letters.

Personal links (a survey answer, a calendar feed) and the public page's files are opened
without logging in: the secret in the address, or the object's number, is the key. Someone
guessing them collects 404s; after ``LIMIT`` of them in ``WINDOW`` seconds from one address
every such link answers 429 until the window is over. The counter lives in the cache.

The password-reset form sends a letter to any address typed: it is counted per client address
and per e-mail typed (whoever types it), so nobody can flood a mailbox or probe at will.
"""

from __future__ import annotations

import functools
import hashlib
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
    """Counts events per client address (or per another ``subject``) within a fixed window."""

    scope: str
    limit: int = LIMIT
    window: int = WINDOW

    def _key(self, request: HttpRequest, subject: str | None) -> str:
        return f"throttle:{self.scope}:{client_ip(request) if subject is None else subject}"

    def is_blocked(self, request: HttpRequest, *, subject: str | None = None) -> bool:
        return cache.get(self._key(request, subject), 0) >= self.limit

    def record(self, request: HttpRequest, *, subject: str | None = None) -> None:
        key = self._key(request, subject)
        if cache.add(key, 1, self.window):
            return
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, self.window)


# One budget for every kind of personal link: guessing survey tokens and then calendar
# tokens from the same address is the same activity.
PERSONAL_LINKS = LinkThrottle("personal-link")
# Password-reset letters asked for: every POST of the form from one address, and every
# letter to one e-mail, whatever the address it is asked from.
PASSWORD_RESET_BY_CLIENT = LinkThrottle("password-reset-client", limit=5, window=3600)
PASSWORD_RESET_BY_EMAIL = LinkThrottle("password-reset-email", limit=3, window=3600)


def email_subject(email: str) -> str:
    """A cache-safe key for an e-mail typed: no address kept in the cache, any case alike."""
    return hashlib.sha256(email.strip().casefold().encode()).hexdigest()


def too_many_requests(
    request: HttpRequest, throttle: LinkThrottle, template: str = "throttled.html"
) -> HttpResponse:
    """The 429 page of a throttle, with the minutes to wait and never cached."""
    response = render(
        request,
        template,
        {"minutes": max(1, throttle.window // 60)},
        status=429,
    )
    response["Retry-After"] = str(throttle.window)
    add_never_cache_headers(response)
    return response


def too_many_wrong_links(request: HttpRequest, throttle: LinkThrottle) -> HttpResponse:
    return too_many_requests(request, throttle)


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
                throttle.record(request)
                raise
            if response.status_code == 404:
                throttle.record(request)
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
