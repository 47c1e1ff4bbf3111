"""The personalised programme of a pair or group: view, create, edit goals, plan and items."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentorship import permissions
from mentorship.exceptions import DomainError
from mentorship.forms.programmes import ProgrammeCreateForm, ProgrammeForm, ProgrammeItemForm
from mentorship.models import ItemKind, Mentorship, PersonalProgramme, ProgrammeItem
from mentorship.services import programmes as services


def can_edit_programme(user, mentorship: Mentorship) -> bool:
    """The curator edits every programme, the pair's mentor his own; others only read."""
    if user.has_perm("mentorship.change_personalprogramme"):
        return True
    return user.is_authenticated and mentorship.mentor.person.user_id == user.pk


def _mentorship(request: HttpRequest, pk: int, *, edit: bool = False) -> Mentorship:
    """The pair through the visibility policy (404 if not his), then 403 if read-only."""
    mentorship = get_object_or_404(
        permissions.mentorships_visible_to(request.user).select_related(
            "mentor__person", "form", "year"
        ),
        pk=pk,
    )
    if edit and not can_edit_programme(request.user, mentorship):
        raise PermissionDenied
    return mentorship


def _programme(mentorship: Mentorship) -> PersonalProgramme:
    programme = get_object_or_404(PersonalProgramme, mentorship=mentorship)
    programme.mentorship = mentorship
    return programme


def _item(programme: PersonalProgramme, item_pk: int) -> ProgrammeItem:
    item = get_object_or_404(ProgrammeItem, pk=item_pk, programme=programme)
    item.programme = programme
    return item


def _detail_url(mentorship: Mentorship, anchor: str = "") -> str:
    url = reverse("mentorship:programme-detail", args=[mentorship.pk])
    return f"{url}#{anchor}" if anchor else url


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mentorship = _mentorship(request, pk)
    can_edit = can_edit_programme(request.user, mentorship)
    page = services.programme_page(mentorship=mentorship, today=timezone.localdate())
    if page is None:
        templates = services.templates_for(mentorship) if can_edit else []
        initial = next((t.pk for t in templates if t.form_id == mentorship.form_id), "")
        return render(
            request,
            "mentorship/programmes/start.html",
            {
                "mentorship": mentorship,
                "can_edit": can_edit,
                "form": ProgrammeCreateForm(templates=templates, initial={"template": initial}),
            },
        )
    return render(
        request,
        "mentorship/programmes/detail.html",
        {
            "mentorship": mentorship,
            "page": page,
            "can_edit": can_edit,
            "can_make_document": permissions.can_manage_pairs(request.user),
        },
    )


@require_POST
@login_required
def programme_create(request: HttpRequest, pk: int) -> HttpResponse:
    mentorship = _mentorship(request, pk, edit=True)
    form = ProgrammeCreateForm(request.POST, templates=services.templates_for(mentorship))
    if not form.is_valid():
        messages.error(request, "Выберите шаблон из списка или пустую программу.")
        return redirect(_detail_url(mentorship))
    template = form.cleaned_data["template"]
    try:
        if template is None:
            services.programme_create_empty(mentorship=mentorship, actor=request.user)
        else:
            services.programme_create_from_template(
                mentorship=mentorship, template=template, actor=request.user
            )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Программа создана: проверьте сроки и дополните её.")
    return redirect(_detail_url(mentorship))


@login_required
def programme_update(request: HttpRequest, pk: int) -> HttpResponse:
    mentorship = _mentorship(request, pk, edit=True)
    programme = _programme(mentorship)
    form = ProgrammeForm(request.POST or None, instance=copy.copy(programme))
    if request.method == "POST" and form.is_valid():
        services.programme_update(programme=programme, data=form.cleaned_data, actor=request.user)
        messages.success(request, "Программа сохранена.")
        return redirect(_detail_url(mentorship))
    return render(
        request,
        "mentorship/programmes/programme_form.html",
        {"form": form, "mentorship": mentorship, "programme": programme},
    )


@login_required
def programme_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    mentorship = _mentorship(request, pk, edit=True)
    programme = _programme(mentorship)
    kind = request.GET.get("kind")
    initial = {"kind": kind if kind in ItemKind.values else ItemKind.ACTIVITY}
    form = ProgrammeItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_add(
                programme=programme, data=form.cleaned_data, actor=request.user
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Пункт добавлен.")
            return redirect(_detail_url(mentorship, f"item-{item.pk}"))
    return render(
        request,
        "mentorship/programmes/item_form.html",
        {"form": form, "mentorship": mentorship, "programme": programme, "item": None},
    )


@login_required
def programme_item_update(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    mentorship = _mentorship(request, pk, edit=True)
    programme = _programme(mentorship)
    item = _item(programme, item_pk)
    form = ProgrammeItemForm(request.POST or None, instance=copy.copy(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(item=item, data=form.cleaned_data, actor=request.user)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Пункт сохранён.")
            return redirect(_detail_url(mentorship, f"item-{item.pk}"))
    return render(
        request,
        "mentorship/programmes/item_form.html",
        {"form": form, "mentorship": mentorship, "programme": programme, "item": item},
    )


@login_required
def programme_item_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    mentorship = _mentorship(request, pk, edit=True)
    item = _item(_programme(mentorship), item_pk)
    if request.method == "POST":
        services.item_delete(item=item, actor=request.user)
        messages.success(request, f"Пункт «{item.title[:60]}» удалён.")
        return redirect(_detail_url(mentorship))
    return render(
        request,
        "mentorship/programmes/item_confirm_delete.html",
        {"mentorship": mentorship, "item": item, "cancel_url": _detail_url(mentorship)},
    )


@require_POST
@login_required
def programme_item_done(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Toggle done; for htmx answer with the item's row and the refreshed progress bar."""
    mentorship = _mentorship(request, pk, edit=True)
    programme = _programme(mentorship)
    item = _item(programme, item_pk)
    today = timezone.localdate()
    if item.done_on is None:
        services.item_mark_done(item=item, done_on=today, actor=request.user)
    else:
        services.item_reopen(item=item, actor=request.user)
    if not request.htmx:
        return redirect(_detail_url(mentorship, f"item-{item.pk}"))
    return render(
        request,
        "mentorship/programmes/_item_done.html",
        {
            "item": services.mark_overdue(item, today),
            "mentorship": mentorship,
            "progress": services.programme_progress(programme),
            "can_edit": True,
        },
    )
