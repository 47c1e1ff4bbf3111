from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentorship import permissions, selectors, services, widgets
from mentorship.decorators import role_required
from mentorship.exceptions import DomainError
from mentorship.forms import ProgrammeYearForm, SchoolForm
from mentorship.models import Person, PersonKind, ProgrammeYear
from mentorship.roles import CURATOR, DIRECTOR, MENTOR, TEACHER, primary_role
from mentorship.selectors.home import home_pairs


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each user to the home page of his main role."""
    role = primary_role(request.user)
    if role is None:
        return render(request, "mentorship/no_role.html", status=403)
    return redirect(role.home_url)


def _people_counts() -> dict[str, int]:
    return Person.objects.aggregate(
        staff=Count("pk", filter=Q(kind=PersonKind.STAFF)),
        pupils=Count("pk", filter=Q(kind=PersonKind.PUPIL)),
        external=Count("pk", filter=Q(kind=PersonKind.EXTERNAL)),
    )


@role_required(permissions.is_curator)
def curator_home(request: HttpRequest) -> HttpResponse:
    school = services.get_school()
    year = selectors.current_year()
    setup_steps = [
        {
            "label": "Заполнен профиль школы (руководитель, место составления документов)",
            "done": bool(school.director_name and school.locality),
            "url_name": "mentorship:settings",
        },
        {
            "label": "Выбран текущий учебный год программы",
            "done": year is not None,
            "url_name": "mentorship:settings",
        },
    ]
    return render(
        request,
        "mentorship/home_curator.html",
        {
            "school": school,
            "year": year,
            "counts": _people_counts(),
            "setup_steps": setup_steps,
            "widgets": widgets.render_for(request, CURATOR),
        },
    )


@role_required(permissions.is_director)
def director_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "mentorship/home_director.html",
        {
            "school": services.get_school(),
            "year": selectors.current_year(),
            "counts": _people_counts(),
            "widgets": widgets.render_for(request, DIRECTOR),
        },
    )


def _own_person(request: HttpRequest) -> Person | None:
    return Person.objects.filter(user=request.user).first()


@role_required(permissions.is_mentor)
def mentor_home(request: HttpRequest) -> HttpResponse:
    school = services.get_school()
    return render(
        request,
        "mentorship/home_mentor.html",
        {
            "person": _own_person(request),
            "school": school,
            "year": selectors.current_year(),
            "widgets": widgets.render_for(request, MENTOR),
            "pairs": home_pairs(
                user=request.user,
                today=timezone.localdate(),
                interval_days=school.meeting_interval_days,
            ),
        },
    )


@role_required(permissions.is_teacher)
def teacher_home(request: HttpRequest) -> HttpResponse:
    school = services.get_school()
    return render(
        request,
        "mentorship/home_teacher.html",
        {
            "person": _own_person(request),
            "school": school,
            "year": selectors.current_year(),
            "widgets": widgets.render_for(request, TEACHER),
            "pairs": home_pairs(
                user=request.user,
                today=timezone.localdate(),
                interval_days=school.meeting_interval_days,
            ),
        },
    )


@role_required(permissions.can_view_settings)
def settings_page(request: HttpRequest) -> HttpResponse:
    school = services.get_school()
    can_change = permissions.can_change_school(request.user)
    form = SchoolForm(request.POST or None, request.FILES or None, instance=school)
    if request.method == "POST":
        if not can_change:
            return HttpResponse(status=403)
        if form.is_valid():
            services.school_update(data=form.cleaned_data, actor=request.user)
            messages.success(request, "Профиль школы сохранён.")
            return redirect("mentorship:settings")
        messages.error(request, "Профиль не сохранён: исправьте отмеченные поля.")
    if not can_change:
        for field in form.fields.values():
            field.disabled = True
    return render(
        request,
        "mentorship/settings.html",
        {
            "form": form,
            "can_change_school": can_change,
            "readonly": not can_change,
            "can_manage_years": permissions.can_manage_years(request.user),
            "years": selectors.programme_year_list(),
        },
    )


@role_required(permissions.can_manage_years)
def year_create(request: HttpRequest) -> HttpResponse:
    form = ProgrammeYearForm(request.POST or None, initial=_next_year_initial())
    if request.method == "POST" and form.is_valid():
        try:
            year = services.programme_year_create(
                title=form.cleaned_data["title"],
                start_date=form.cleaned_data["start_date"],
                end_date=form.cleaned_data["end_date"],
                make_current=form.cleaned_data["make_current"],
                actor=request.user,
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Учебный год {year} добавлен.")
            return redirect("mentorship:settings")
    return render(request, "mentorship/year_form.html", {"form": form, "year": None})


def _next_year_initial() -> dict[str, object]:
    last = ProgrammeYear.objects.order_by("-start_date").first()
    first = last.first_year + 1 if last else services.timezone_year()
    start, end = services.default_year_dates(first)
    return {"title": f"{first}/{first + 1}", "start_date": start, "end_date": end}


@role_required(permissions.can_manage_years)
def year_update(request: HttpRequest, pk: int) -> HttpResponse:
    year = get_object_or_404(ProgrammeYear, pk=pk)
    # The form validates a copy, so that the service sees what actually changed.
    form = ProgrammeYearForm(request.POST or None, instance=copy.copy(year))
    if request.method == "POST" and form.is_valid():
        services.programme_year_update(year=year, data=form.cleaned_data, actor=request.user)
        messages.success(request, f"Учебный год {year} сохранён.")
        return redirect("mentorship:settings")
    return render(request, "mentorship/year_form.html", {"form": form, "year": year})


@require_POST
@role_required(permissions.can_manage_years)
def year_set_current(request: HttpRequest, pk: int) -> HttpResponse:
    year = get_object_or_404(ProgrammeYear, pk=pk)
    try:
        services.programme_year_set_current(year=year, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Текущий учебный год: {year}.")
    return redirect("mentorship:settings")
