"""The mentee and mentor banks: lists, entries, statuses, training."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentorship import permissions
from mentorship.decorators import role_required
from mentorship.exceptions import DomainError, error_text
from mentorship.forms.banks import (
    MenteeFilterForm,
    MenteeProfileForm,
    MentorFilterForm,
    MentorProfileForm,
    StatusForm,
    TrainingRecordForm,
)
from mentorship.gates import bank_entry_blockers
from mentorship.models import (
    Audience,
    MenteeProfile,
    MenteeStatus,
    MentorProfile,
    MentorStatus,
    Person,
    PersonKind,
    Topic,
)
from mentorship.selectors import people as people_selectors
from mentorship.services import banks as bank_services
from mentorship.services import get_school

PAGE_SIZE = 50


def _topics_for(person: Person):
    audience = Audience.PUPILS if person.kind == PersonKind.PUPIL else Audience.TEACHERS
    return Topic.objects.filter(is_active=True, audience__in=[audience, Audience.ALL])


def _page(request: HttpRequest, queryset) -> tuple[object, str]:
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


@role_required(permissions.can_view_banks)
def mentee_list(request: HttpRequest) -> HttpResponse:
    school = get_school()
    filters = MenteeFilterForm(request.GET or None)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    mentees = people_selectors.mentee_list(
        filters=cleaned, school=school, today=timezone.localdate()
    )
    page, query = _page(request, mentees)
    return render(
        request,
        "mentorship/mentee_list.html",
        {
            "filters": filters,
            "page": page,
            "query": query,
            "departments": people_selectors.departments(),
            "can_export": permissions.can_export_people(request.user),
            "can_edit": permissions.can_edit_banks(request.user),
        },
    )


@role_required(permissions.can_view_banks)
def mentor_list(request: HttpRequest) -> HttpResponse:
    school = get_school()
    filters = MentorFilterForm(request.GET or None)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    page, query = _page(request, people_selectors.mentor_list(filters=cleaned))
    return render(
        request,
        "mentorship/mentor_list.html",
        {
            "filters": filters,
            "page": page,
            "query": query,
            "school": school,
            "departments": people_selectors.departments(PersonKind.STAFF),
            "can_export": permissions.can_export_people(request.user),
            "can_edit": permissions.can_edit_banks(request.user),
        },
    )


@role_required(permissions.can_edit_banks)
def mentee_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.not_anonymised(), pk=pk)
    if hasattr(person, "mentee_profile"):
        return redirect("mentorship:mentee-update", pk=person.mentee_profile.pk)
    form = MenteeProfileForm(request.POST or None, topics=_topics_for(person))
    if request.method == "POST" and form.is_valid():
        try:
            bank_services.mentee_profile_create(
                person=person,
                data=form.cleaned_data,
                requests=form.requests(),
                actor=request.user,
            )
        except (DomainError, ValidationError) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, f"{person.full_name} внесён в базу наставляемых.")
            return redirect(person)
    return render(
        request,
        "mentorship/mentee_form.html",
        {
            "form": form,
            "person": person,
            "profile": None,
            "blockers": bank_entry_blockers(person),
        },
    )


@role_required(permissions.can_edit_banks)
def mentee_update(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(MenteeProfile.objects.select_related("person"), pk=pk)
    form = MenteeProfileForm(
        request.POST or None,
        instance=MenteeProfile.objects.get(pk=pk),
        topics=_topics_for(profile.person),
    )
    if request.method == "POST" and form.is_valid():
        bank_services.mentee_profile_update(
            profile=profile, data=form.cleaned_data, requests=form.requests(), actor=request.user
        )
        messages.success(request, "Запись в базе наставляемых сохранена.")
        return redirect(profile.person)
    status_form = StatusForm(choices=_choices(profile, MenteeStatus))
    return render(
        request,
        "mentorship/mentee_form.html",
        {
            "form": form,
            "person": profile.person,
            "profile": profile,
            "status_form": status_form,
        },
    )


def _change_status(request: HttpRequest, profile, statuses, service) -> HttpResponse:
    form = StatusForm(request.POST, choices=_choices(profile, statuses))
    if form.is_valid():
        try:
            service(
                profile=profile,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Статус изменён.")
    else:
        messages.error(request, "Выберите статус из списка.")
    return redirect(profile.person)


@require_POST
@role_required(permissions.can_edit_banks)
def mentee_status(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(MenteeProfile.objects.select_related("person"), pk=pk)
    return _change_status(request, profile, MenteeStatus, bank_services.mentee_status_set)


@role_required(permissions.can_edit_banks)
def mentor_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.not_anonymised(), pk=pk)
    if hasattr(person, "mentor_profile"):
        return redirect("mentorship:mentor-update", pk=person.mentor_profile.pk)
    form = MentorProfileForm(request.POST or None, topics=_topics_for(person))
    if request.method == "POST" and form.is_valid():
        try:
            bank_services.mentor_profile_create(
                person=person,
                data=form.cleaned_data,
                topics=form.cleaned_data["topics"],
                forms=form.cleaned_data["preferred_forms"],
                actor=request.user,
            )
        except (DomainError, ValidationError) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, f"{person.full_name} внесён в базу наставников.")
            return redirect(person)
    return render(
        request,
        "mentorship/mentor_form.html",
        {
            "form": form,
            "person": person,
            "profile": None,
            "school": get_school(),
            "blockers": bank_entry_blockers(person),
        },
    )


@role_required(permissions.can_edit_banks)
def mentor_update(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(MentorProfile.objects.select_related("person"), pk=pk)
    form = MentorProfileForm(
        request.POST or None,
        instance=MentorProfile.objects.get(pk=pk),
        topics=_topics_for(profile.person),
    )
    if request.method == "POST" and form.is_valid():
        bank_services.mentor_profile_update(
            profile=profile,
            data=form.cleaned_data,
            topics=form.cleaned_data["topics"],
            forms=form.cleaned_data["preferred_forms"],
            actor=request.user,
        )
        messages.success(request, "Запись в базе наставников сохранена.")
        return redirect(profile.person)
    return render(
        request,
        "mentorship/mentor_form.html",
        {
            "form": form,
            "person": profile.person,
            "profile": profile,
            "school": get_school(),
            "status_form": StatusForm(choices=_choices(profile, MentorStatus)),
            "training_form": TrainingRecordForm(),
        },
    )


@require_POST
@role_required(permissions.can_edit_banks)
def mentor_status(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(MentorProfile.objects.select_related("person"), pk=pk)
    return _change_status(request, profile, MentorStatus, bank_services.mentor_status_set)


@require_POST
@role_required(permissions.can_edit_banks)
def training_add(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(MentorProfile.objects.select_related("person"), pk=pk)
    form = TrainingRecordForm(request.POST)
    if form.is_valid():
        bank_services.training_record_add(
            mentor=profile, data=form.cleaned_data, actor=request.user
        )
        messages.success(request, "Обучение записано.")
        return redirect(profile.person)
    return render(
        request,
        "mentorship/mentor_form.html",
        {
            "form": MentorProfileForm(instance=profile, topics=_topics_for(profile.person)),
            "person": profile.person,
            "profile": profile,
            "school": get_school(),
            "status_form": StatusForm(choices=_choices(profile, MentorStatus)),
            "training_form": form,
        },
    )


def _choices(profile, statuses) -> list[tuple[str, str]]:
    allowed = profile.ALLOWED_TRANSITIONS.get(profile.status, set())
    return [(value, label) for value, label in statuses.choices if value in allowed]
