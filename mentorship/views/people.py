"""People, their cards and consents. Personal data: every object through people_visible_to."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from mentorship import permissions, permissions_practice
from mentorship.decorators import role_required
from mentorship.exceptions import DomainError
from mentorship.forms.people import ConsentForm, ConsentWithdrawForm, PersonFilterForm, PersonForm
from mentorship.gates import bank_entry_blockers, mentor_activation_blockers
from mentorship.models import Consent, Person
from mentorship.selectors import people as people_selectors
from mentorship.selectors.practice import person_rewards
from mentorship.services import consents as consent_services
from mentorship.services import get_school
from mentorship.services import people as people_services
from mentorship.validators import detect_scan_type

PAGE_SIZE = 50
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}


@role_required(permissions.can_view_people)
def person_list(request: HttpRequest) -> HttpResponse:
    school = get_school()
    filters = PersonFilterForm(request.GET or None)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    today = timezone.localdate()
    people = people_selectors.person_list(filters=cleaned, school=school, today=today)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "mentorship/person_list.html",
        {
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "school": school,
            "today": today,
            "departments": people_selectors.departments(),
            "can_edit": permissions.can_edit_people(request.user),
            "can_import": permissions.can_import_people(request.user),
            "can_export": permissions.can_export_people(request.user),
            "can_create_accounts": permissions.can_create_accounts(request.user),
        },
    )


@login_required
def person_me(request: HttpRequest) -> HttpResponse:
    person = Person.objects.filter(user=request.user).first()
    if person is None:
        messages.info(request, "Ваша учётная запись не связана с карточкой участника.")
        return redirect("home")
    return redirect(person)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(
        permissions.people_visible_to(request.user).select_related("user"), pk=pk
    )
    card = people_selectors.person_card(person=person)
    school = get_school()
    can_edit = permissions.can_edit_people(request.user) and not person.is_anonymised
    return render(
        request,
        "mentorship/person_detail.html",
        {
            "card": card,
            "person": person,
            "school": school,
            "is_young_specialist": person.is_young_specialist(
                max_age=school.young_specialist_max_age,
                max_experience=school.young_specialist_max_experience,
            ),
            "bank_blockers": bank_entry_blockers(person),
            "mentor_blockers": mentor_activation_blockers(person) if card.mentor else [],
            "can_edit": can_edit,
            "can_manage_consents": permissions.can_manage_consents(request.user) and can_edit,
            "can_edit_banks": permissions.can_edit_banks(request.user) and can_edit,
            "can_see_history": permissions.can_view_people(request.user),
            "can_print_forms": permissions.can_view_people(request.user)
            and not person.is_anonymised,
            # Rewards go to mentors only: a card without a mentor entry asks nothing.
            "rewards": person_rewards(person=person) if card.mentor else [],
            "can_add_reward": card.mentor is not None
            and permissions_practice.can_manage_rewards(request.user),
        },
    )


@role_required(permissions.can_edit_people)
def person_create(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        person = people_services.person_create(data=form.cleaned_data, actor=request.user)
        messages.success(request, f"Карточка «{person.full_name}» создана.")
        return redirect(person)
    return render(request, "mentorship/person_form.html", {"form": form, "person": None})


@role_required(permissions.can_edit_people)
def person_update(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.not_anonymised(), pk=pk)
    form = PersonForm(
        request.POST or None,
        request.FILES or None,
        instance=Person.objects.get(pk=pk),
        photo_url=reverse("mentorship:person-photo", args=[pk]),
    )
    if request.method == "POST" and form.is_valid():
        people_services.person_update(person=person, data=form.cleaned_data, actor=request.user)
        messages.success(request, "Карточка сохранена.")
        return redirect(person)
    return render(request, "mentorship/person_form.html", {"form": form, "person": person})


@login_required
def person_photo(request: HttpRequest, pk: int) -> FileResponse:
    """The person's photo for his edit form: JPEG or PNG by content, kept by no shared cache."""
    person = get_object_or_404(permissions.people_visible_to(request.user), pk=pk)
    if not person.photo:
        raise Http404("Фотография не загружена")
    try:
        handle = person.photo.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Файл не найден") from exc
    kind = detect_scan_type(handle.read(16))
    handle.seek(0)
    if kind not in IMAGE_TYPES:  # a PDF from before photos were checked as pictures
        handle.close()
        raise Http404("Это не изображение")
    response = FileResponse(handle, content_type=IMAGE_TYPES[kind])
    patch_cache_control(response, private=True, no_cache=True)
    return response


@role_required(permissions.can_manage_consents)
def consent_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.not_anonymised(), pk=pk)
    form = ConsentForm(request.POST or None, request.FILES or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            consent_services.consent_create(
                person=person, data=form.cleaned_data, actor=request.user
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Согласие добавлено.")
            return redirect(person)
    return render(request, "mentorship/consent_form.html", {"form": form, "person": person})


@role_required(permissions.can_manage_consents)
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    consent = get_object_or_404(Consent.objects.select_related("person"), pk=pk)
    form = ConsentWithdrawForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            consent_services.consent_withdraw(
                consent=consent,
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Отзыв согласия записан. Обработка данных прекращена.")
        return redirect(consent.person)
    return render(request, "mentorship/consent_withdraw.html", {"form": form, "consent": consent})


@login_required
def consent_scan(request: HttpRequest, pk: int) -> FileResponse:
    consent = get_object_or_404(
        Consent.objects.filter(person__in=permissions.people_visible_to(request.user)), pk=pk
    )
    if not consent.scan:
        raise Http404("Скан не загружен")
    return FileResponse(
        consent.scan.open("rb"),
        as_attachment=False,
        filename=f"soglasie-{consent.pk}{_suffix(consent.scan.name)}",
    )


def _suffix(name: str) -> str:
    return name[name.rfind(".") :] if "." in name else ""
