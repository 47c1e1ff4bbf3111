"""Issuing log-ins to staff, the forced change of a one-time password, and password reset."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from mentorship import permissions
from mentorship.decorators import role_required
from mentorship.forms.people import AccountsForm
from mentorship.models import Person
from mentorship.services import accounts as account_services
from mentorship.services import get_school
from mentorship.throttling import (
    PASSWORD_RESET_BY_CLIENT,
    PASSWORD_RESET_BY_EMAIL,
    email_subject,
    too_many_requests,
)

SESSION_KEY = "issued_logins"


@role_required(permissions.can_create_accounts)
def accounts_create(request: HttpRequest) -> HttpResponse:
    ids = [
        int(pk)
        for pk in request.POST.getlist("people") or request.GET.getlist("people")
        if str(pk).isdigit()
    ]
    people = list(Person.objects.filter(pk__in=ids).select_related("user").order_by("search_key"))
    if not people:
        messages.error(request, "Отметьте в списке участников, кому выдать вход.")
        return redirect("mentorship:person-list")
    form = AccountsForm(request.POST if "role" in request.POST else None)
    if form.is_valid():
        result = account_services.accounts_create(
            people=people,
            role=form.cleaned_data["role"],
            by_email=form.cleaned_data["method"] == AccountsForm.METHOD_EMAIL,
            actor=request.user,
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
        # Passwords are shown once: kept in the session only until the sheet is opened.
        request.session[SESSION_KEY] = {
            "issued": [
                {
                    "name": i.person.full_name,
                    "position": i.person.position or i.person.department,
                    "username": i.username,
                    "password": i.password,
                    "emailed": i.emailed,
                    "note": i.note,
                }
                for i in result.issued
            ],
            "skipped": [{"name": p.full_name, "reason": reason} for p, reason in result.skipped],
        }
        return redirect("mentorship:accounts-sheet")
    return render(request, "mentorship/accounts_form.html", {"form": form, "people": people})


@role_required(permissions.can_create_accounts)
def accounts_sheet(request: HttpRequest) -> HttpResponse:
    data = request.session.pop(SESSION_KEY, None)
    return render(
        request,
        "mentorship/accounts_sheet.html",
        {
            "data": data,
            "school": get_school(),
            "today": timezone.localdate(),
            "login_url": request.build_absolute_uri("/accounts/login/"),
        },
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view; a successful change also lifts the one-time-password flag."""

    def form_valid(self, form):
        response = super().form_valid(form)
        account_services.user_password_changed(user=form.user)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view with a budget of letters per client address and per e-mail typed.

    Over either budget the answer is the same 429 page, whether the e-mail is known or not.
    """

    subject_template_name = "emails/password_reset_subject.txt"
    email_template_name = "emails/password_reset.txt"
    html_email_template_name = "emails/password_reset.html"
    throttled_template_name = "registration/password_reset_throttled.html"

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if PASSWORD_RESET_BY_CLIENT.is_blocked(request):
            return too_many_requests(
                request, PASSWORD_RESET_BY_CLIENT, self.throttled_template_name
            )
        PASSWORD_RESET_BY_CLIENT.record(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form) -> HttpResponse:
        subject = email_subject(form.cleaned_data["email"])
        if PASSWORD_RESET_BY_EMAIL.is_blocked(self.request, subject=subject):
            return too_many_requests(
                self.request, PASSWORD_RESET_BY_EMAIL, self.throttled_template_name
            )
        PASSWORD_RESET_BY_EMAIL.record(self.request, subject=subject)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        account_services.user_password_changed(user=form.user)
        return response
