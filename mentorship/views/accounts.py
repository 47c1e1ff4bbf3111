"""Issuing log-ins to staff, and the forced change of a one-time password."""

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


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        account_services.user_password_changed(user=form.user)
        return response
