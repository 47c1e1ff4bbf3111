"""The roadmap pages: the plan by stage, the timeline, events, evidence, «my events»."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentorship.decorators import role_required
from mentorship.exceptions import DomainError
from mentorship.models import Person
from mentorship.selectors import current_year
from roadmap import permissions, selectors, services
from roadmap.forms import (
    EventForm,
    EvidenceForm,
    RoadmapCreateForm,
    RoadmapFilterForm,
    StageForm,
    StatusForm,
)
from roadmap.models import Event, EventStatus, Roadmap, Stage


@role_required(permissions.can_view_roadmap)
def roadmap_home(request: HttpRequest) -> HttpResponse:
    # ?year=<pk> opens that year's roadmap: past years stay readable after closing.
    chosen = request.GET.get("year", "")
    if chosen.isdigit() and (past := Roadmap.objects.filter(year_id=int(chosen)).first()):
        return redirect(past)
    year = current_year()
    roadmap = Roadmap.objects.filter(year=year).first() if year else None
    if roadmap is not None:
        return redirect(roadmap)
    return render(
        request,
        "roadmap/home.html",
        {
            "year": year,
            "can_edit": permissions.can_edit_roadmap(request.user),
            "roadmaps": Roadmap.objects.select_related("year"),
        },
    )


@role_required(permissions.can_edit_roadmap)
def roadmap_create(request: HttpRequest) -> HttpResponse:
    year = current_year()
    if year is None:
        messages.error(request, "Сначала выберите текущий учебный год в настройках.")
        return redirect("mentorship:settings")
    form = RoadmapCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        template = form.cleaned_data["template"]
        try:
            if template is not None:
                roadmap = services.roadmap_create_from_template(
                    year=year, template=template, actor=request.user
                )
            else:
                roadmap = services.roadmap_create_empty(
                    year=year,
                    actor=request.user,
                    title=form.cleaned_data["title"] or f"Дорожная карта на {year} учебный год",
                )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Дорожная карта на {year} создана.")
            return redirect(roadmap)
    return render(request, "roadmap/create.html", {"form": form, "year": year})


@role_required(permissions.can_view_roadmap)
def roadmap_detail(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_object_or_404(Roadmap.objects.select_related("year"), pk=pk)
    today = timezone.localdate()
    filters = RoadmapFilterForm(request.GET or None)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    view = selectors.roadmap_view(
        roadmap=roadmap,
        today=today,
        responsible=cleaned.get("responsible"),
        this_month=bool(cleaned.get("month")),
        overdue_only=bool(cleaned.get("overdue")),
    )
    checklists = selectors.stage_checklists(roadmap=roadmap)
    for stage_view in view.stages:
        stage_view.checklist = checklists.get(stage_view.stage.number, [])
    mode = "timeline" if request.GET.get("view") == "timeline" else "list"
    query = request.GET.copy()
    query.pop("view", None)
    return render(
        request,
        "roadmap/detail.html",
        {
            "roadmap": roadmap,
            "view": view,
            "filters": filters,
            "mode": mode,
            "query": query.urlencode(),
            "timeline": selectors.timeline(view=view, year=roadmap.year)
            if mode == "timeline"
            else None,
            "can_edit": permissions.can_edit_roadmap(request.user),
            "statuses": EventStatus.choices,
            "other_years": Roadmap.objects.exclude(pk=roadmap.pk).values_list("pk", "year__title"),
        },
    )


@role_required(permissions.can_edit_roadmap)
def stage_edit(request: HttpRequest, pk: int, stage_pk: int | None = None) -> HttpResponse:
    roadmap = get_object_or_404(Roadmap, pk=pk)
    stage = get_object_or_404(Stage, pk=stage_pk, roadmap=roadmap) if stage_pk else None
    initial = {"number": (roadmap.stages.count() + 1)} if stage is None else None
    form = StageForm(request.POST or None, instance=stage, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.stage_save(
            roadmap=roadmap, stage=stage, data=form.cleaned_data, actor=request.user
        )
        messages.success(request, "Этап сохранён.")
        return redirect(roadmap)
    return render(
        request, "roadmap/stage_form.html", {"form": form, "roadmap": roadmap, "stage": stage}
    )


@role_required(permissions.can_edit_roadmap)
def event_edit(request: HttpRequest, pk: int, event_pk: int | None = None) -> HttpResponse:
    roadmap = get_object_or_404(Roadmap.objects.select_related("year"), pk=pk)
    event = get_object_or_404(Event, pk=event_pk, stage__roadmap=roadmap) if event_pk else None
    initial = {"stage": request.GET.get("stage")} if event is None else None
    form = EventForm(request.POST or None, instance=event, initial=initial, roadmap=roadmap)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_save(
                stage=form.cleaned_data["stage"],
                event=event,
                data=form.cleaned_data,
                responsible_people=list(form.cleaned_data["responsible_people"]),
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if not event.deadline_recognised:
                messages.warning(
                    request,
                    f"Срок «{event.deadline_phrase}» не распознан: "
                    "мероприятие сохранено, но в календарь не попадёт.",
                )
            messages.success(request, "Мероприятие сохранено.")
            return redirect(f"{roadmap.get_absolute_url()}#event-{event.pk}")
    return render(
        request, "roadmap/event_form.html", {"form": form, "roadmap": roadmap, "event": event}
    )


def _event_for_marking(request: HttpRequest, pk: int) -> Event:
    event = get_object_or_404(
        permissions.events_visible_to(request.user)
        .select_related("stage__roadmap")
        .prefetch_related("responsible_people"),
        pk=pk,
    )
    if not permissions.can_mark_event(request.user, event):
        raise PermissionDenied
    return event


@require_POST
@login_required
def event_status(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_for_marking(request, pk)
    form = StatusForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            event = services.event_status_set(
                event=event, status=form.cleaned_data["status"], actor=request.user
            )
        except DomainError as exc:
            error = str(exc)
    else:
        error = "Выберите статус из списка."
    if request.htmx:
        return _row(request, event, error)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"«{event.title[:60]}»: {event.get_status_display()}.")
    return redirect(request.POST.get("next") or event.stage.roadmap.get_absolute_url())


@login_required
def event_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_for_marking(request, pk)
    bound = request.method == "POST"
    form = EvidenceForm(request.POST if bound else None, request.FILES if bound else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_evidence_attach(
                event=event,
                file=form.cleaned_data["file"],
                link=form.cleaned_data["link"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            if request.htmx:
                return _row(request, event)
            messages.success(request, "Подтверждение сохранено.")
            if permissions.can_view_roadmap(request.user):
                return redirect(f"{event.stage.roadmap.get_absolute_url()}#event-{event.pk}")
            return redirect("roadmap:my-events")
    if request.htmx:
        # The form opens inside the event's row; errors come back into the same place.
        response = render(request, "roadmap/_evidence_inline.html", {"form": form, "event": event})
        if bound:
            response["HX-Retarget"] = f"#event-{event.pk}-evidence"
            response["HX-Reswap"] = "innerHTML"
        return response
    return render(request, "roadmap/evidence_form.html", {"form": form, "event": event})


def _row(request: HttpRequest, event: Event, error: str = "") -> HttpResponse:
    """The event's table row, re-rendered for an htmx swap."""
    event = selectors.events_queryset().select_related("stage__roadmap").get(pk=event.pk)
    event.overdue = event.is_overdue_on(timezone.localdate())
    return render(
        request,
        "roadmap/_event_row.html",
        {
            "event": event,
            "error": error,
            "statuses": EventStatus.choices,
            "can_mark": True,
            "can_edit": permissions.can_edit_roadmap(request.user),
        },
    )


@login_required
def event_evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    event = get_object_or_404(permissions.events_visible_to(request.user), pk=pk)
    if not event.evidence_file:
        raise Http404("Файл не загружен")
    name = event.evidence_file.name
    suffix = name[name.rfind(".") :] if "." in name else ""
    return FileResponse(event.evidence_file.open("rb"), filename=f"podtverzhdenie-{pk}{suffix}")


@login_required
def my_events(request: HttpRequest) -> HttpResponse:
    person = Person.objects.filter(user=request.user).first()
    today = timezone.localdate()
    events = selectors.my_events(person=person, today=today) if person else []
    return render(
        request,
        "roadmap/my_events.html",
        {
            "events": events,
            "person": person,
            "today": today,
            "statuses": EventStatus.choices,
        },
    )
