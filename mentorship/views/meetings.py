"""Meetings: logging in three taps, the meeting page, the journal and the regularity view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mentorship import permissions_meetings as policy
from mentorship.decorators import role_required
from mentorship.exporting import ExportFile
from mentorship.forms.meetings import JournalFilterForm, MeetingForm, RegularityForm
from mentorship.forms.transfer import ExportForm
from mentorship.models import Meeting, Mentorship
from mentorship.permissions import mentorships_visible_to
from mentorship.selectors import current_year
from mentorship.selectors import meetings as selectors
from mentorship.selectors.feedback import feedback_rows
from mentorship.services import get_school
from mentorship.services import meeting_exports as exports
from mentorship.services import meetings as services

PAGE_SIZE = 50
LOCKED = "Встреча закрыта для правки: прошло больше 7 дней. Попросите куратора открыть правку."


def _visible_meeting(request: HttpRequest, pk: int) -> Meeting:
    visible = policy.meetings_visible_to(request.user)
    return get_object_or_404(selectors.meeting_detail_queryset(visible), pk=pk)


def _download(export: ExportFile) -> HttpResponse:
    return HttpResponse(
        export.content,
        content_type=export.content_type,
        headers={"Content-Disposition": content_disposition_header(True, export.filename)},
    )


# Logging and changing one meeting


@role_required(policy.can_log_meetings)
def meeting_create(request: HttpRequest) -> HttpResponse:
    loggable = policy.loggable_mentorships(request.user)
    wanted = request.GET.get("pair", "")
    if not wanted.isdigit():
        pairs = selectors.pairs_to_choose(loggable)
        return render(request, "mentorship/meetings/pair_choice.html", {"pairs": pairs})
    pair = get_object_or_404(selectors.loggable_pair_queryset(loggable), pk=int(wanted))
    if not pair.is_open:
        messages.info(request, "Пара завершена: новые встречи не записываются.")
        return redirect(pair)
    can_gather = policy.can_manage_meetings(request.user)
    form = MeetingForm(
        request.POST or None,
        initial=None if request.method == "POST" else _defaults(pair),
        kinds=policy.meeting_kinds_for(request.user),
        other_pairs=selectors.other_open_pairs(exclude=pair) if can_gather else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_log(
                mentorships=[pair, *form.extra_pairs()],
                data=form.meeting_data(),
                actor=request.user,
            )
        except services.MeetingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Встреча записана: {meeting}.")
            return redirect(meeting)
    return render(
        request,
        "mentorship/meetings/meeting_form.html",
        {"form": form, "pair": pair, "mentees": selectors.pair_mentees(pair), "creating": True},
    )


def _defaults(pair: Mentorship) -> dict:
    return services.meeting_defaults(pair, today=timezone.localdate())


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _visible_meeting(request, pk)
    user = request.user
    return render(
        request,
        "mentorship/meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "pair_lines": selectors.pair_lines(meeting),
            "logged_by": selectors.user_name(meeting.logged_by),
            "editable_until": selectors.editable_until(meeting),
            "can_edit": policy.can_edit_meeting(user, meeting),
            "is_locked": not meeting.is_editable,
            "can_unlock": policy.can_unlock_meeting(user, meeting),
            "can_delete": policy.can_delete_meeting(user, meeting),
            "can_view_journal": policy.can_view_journal(user),
            # Who was asked for feedback and who answered (surveys fills it through a hook).
            "feedback": feedback_rows(meeting),
        },
    )


@login_required
def meeting_update(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _visible_meeting(request, pk)
    if not policy.can_change_meeting(request.user, meeting):
        raise PermissionDenied
    if not meeting.is_editable:
        messages.error(request, LOCKED)
        return redirect(meeting)
    form = MeetingForm(
        request.POST or None,
        instance=meeting,
        kinds=policy.meeting_kinds_for(request.user, current=meeting.kind),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, data=form.meeting_data(), actor=request.user)
        except services.MeetingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Изменения сохранены.")
            return redirect(meeting)
    return render(
        request,
        "mentorship/meetings/meeting_form.html",
        {"form": form, "meeting": meeting, "pair_lines": selectors.pair_lines(meeting)},
    )


@require_POST
@role_required(policy.can_manage_meetings)
def meeting_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = services.meeting_unlock(meeting=_visible_meeting(request, pk), actor=request.user)
    messages.success(
        request, f"Правка открыта до {timezone.localtime(meeting.unlocked_until):%d.%m.%Y %H:%M}."
    )
    return redirect(meeting)


@role_required(policy.can_manage_meetings)
def meeting_delete(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _visible_meeting(request, pk)
    if not meeting.is_editable:
        messages.error(
            request, "Встреча закрыта для правки: чтобы удалить её, сначала откройте правку."
        )
        return redirect(meeting)
    if request.method == "POST":
        try:
            services.meeting_delete(meeting=meeting, actor=request.user)
        except services.MeetingError as exc:
            messages.error(request, str(exc))
            return redirect(meeting)
        messages.success(request, f"Встреча удалена: {meeting}.")
        return redirect("mentorship:meeting-journal")
    return render(
        request,
        "mentorship/meetings/meeting_confirm_delete.html",
        {"meeting": meeting, "pair_lines": selectors.pair_lines(meeting)},
    )


# Lists


def _journal_filters(request: HttpRequest) -> tuple[JournalFilterForm, dict]:
    filters = JournalFilterForm(request.GET or None)
    cleaned = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    return filters, cleaned


def _page(request: HttpRequest, meetings) -> tuple:
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.attach_pair_lines(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


@role_required(policy.can_view_journal)
def meeting_journal(request: HttpRequest) -> HttpResponse:
    filters, cleaned = _journal_filters(request)
    meetings = selectors.meeting_list(
        visible=policy.meetings_visible_to(request.user), filters=cleaned
    )
    page, query = _page(request, meetings)
    return render(
        request,
        "mentorship/meetings/journal.html",
        {
            "filters": filters,
            "page": page,
            "query": query,
            "can_log": policy.can_log_meetings(request.user),
        },
    )


@never_cache
@role_required(policy.can_view_journal)
def meeting_journal_export(request: HttpRequest) -> HttpResponse:
    fmt, filters = ExportForm(request.GET), JournalFilterForm(request.GET)
    if not fmt.is_valid() or not filters.is_valid():
        return HttpResponseBadRequest("Неизвестный формат или фильтр выгрузки.")
    export = exports.meeting_journal_export(
        visible=policy.meetings_visible_to(request.user),
        filters=filters.cleaned_data,
        fmt=fmt.cleaned_data["format"],
        actor=request.user,
    )
    return _download(export)


def _regularity(
    request: HttpRequest, *, paginate: bool = False
) -> tuple[RegularityForm, selectors.Regularity]:
    form = RegularityForm(request.GET or None)
    today = timezone.localdate()
    period = form.period if form.is_bound and form.is_valid() else None
    start, end = period or selectors.default_period(year=current_year(), today=today)
    data = selectors.regularity(
        start=start,
        end=end,
        today=today,
        interval_days=get_school().meeting_interval_days,
        form=form.cleaned_data.get("form") if form.is_bound and form.is_valid() else None,
        # Every open pair counts towards «просрочено», but a page shows 50 rows of weeks: all
        # 300 pairs of a large school made a megabyte of table cells.
        page=(
            (lambda ids: Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page")))
            if paginate
            else None
        ),
    )
    return form, data


@role_required(policy.can_view_journal)
def meeting_regularity(request: HttpRequest) -> HttpResponse:
    form, data = _regularity(request, paginate=True)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "mentorship/meetings/regularity.html",
        {
            "filters": form,
            "data": data,
            "page": data.page,
            "query": query.urlencode(),
            "export_query": request.GET.urlencode(),
        },
    )


@never_cache
@role_required(policy.can_view_journal)
def meeting_regularity_export(request: HttpRequest) -> HttpResponse:
    fmt = ExportForm(request.GET)
    if not fmt.is_valid():
        return HttpResponseBadRequest("Неизвестный формат выгрузки.")
    _form, data = _regularity(request)
    export = exports.meeting_regularity_export(
        data=data, fmt=fmt.cleaned_data["format"], actor=request.user
    )
    return _download(export)


@login_required
def my_meetings(request: HttpRequest) -> HttpResponse:
    """The meetings of the user's own pairs, or of one pair he may see (its «все встречи»)."""
    wanted = request.GET.get("pair", "")
    pair = None
    if wanted.isdigit():
        pair = get_object_or_404(
            mentorships_visible_to(request.user).select_related("form", "mentor__person"),
            pk=int(wanted),
        )
        meetings = policy.meetings_visible_to(request.user).filter(mentorships=pair)
    else:
        meetings = policy.meetings_of(policy.own_meeting_mentorships(request.user))
    page, query = _page(request, selectors.meeting_list(visible=meetings, filters={}))
    return render(
        request,
        "mentorship/meetings/my_meetings.html",
        {
            "page": page,
            "query": query,
            "pair": pair,
            "can_log": (
                policy.can_log_for(request.user, pair)
                if pair is not None
                else policy.can_log_meetings(request.user)
            ),
        },
    )
