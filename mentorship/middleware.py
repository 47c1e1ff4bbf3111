from __future__ import annotations

from collections.abc import Callable

from csp.middleware import CSPMiddleware
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse


class OneTimePasswordMiddleware:
    """A user signed in with a one-time password must set his own before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {
                reverse("password_change"),
                reverse("password_change_done"),
                reverse("logout"),
            }
            if request.path not in allowed and not request.path.startswith("/static/"):
                messages.info(request, "Вы вошли с одноразовым паролем: придумайте свой пароль.")
                return redirect("password_change")
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, but not on PDFs and pictures that the browser shows itself.

    Chrome opens a PDF inside a page of its own, which our policy (object-src 'none', no
    <style>) would leave blank. Such files are PDF, JPEG or PNG by content (validators.py)
    and sent with nosniff, so no HTML can run from them; everything else gets the policy.
    """

    SHOWN_BY_BROWSER = ("application/pdf", "image/jpeg", "image/png")

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type in self.SHOWN_BY_BROWSER:
            return response
        return super().process_response(request, response)
