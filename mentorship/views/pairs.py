"""Pairs and groups: matching runs and proposals, manual pairing, statuses, the unmatched."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentorship import permissions
from mentorship.decorators import role_required
from mentorship.exceptions import CapacityError, DomainError, PairingError, error_text
from mentorship.forms.pairs import (
    AcceptAboveForm,
    AddMenteeForm,
    CandidateSearchForm,
    EndEarlyForm,
    MatchingRunForm,
    MatchingSettingsForm,
    OverrideForm,
    PairCreateForm,
    PairFilterForm,
    PairStatusForm,
    SupportedForm,
    SwapForm,
)
from mentorship.models import (
    MatchingSettings,
    MatchProposal,
    MatchRun,
    MenteeStatus,
    MentorProfile,
    Mentorship,
    MentorshipStatus,
    ProgrammeYear,
    ProposalStatus,
    User,
)
from mentorship.permissions_meetings import can_log_for, meetings_visible_to
from mentorship.selectors import current_year
from mentorship.selectors import pairs as selectors
from mentorship.selectors.meetings import pair_recent_meetings
from mentorship.services import get_school
from mentorship.services import pairs as services
from mentorship.services.banks import mentee_status_set
from mentorship.services.matching import (
    matching_run,
    matching_settings,
    matching_settings_update,
    weights_from,
)

PAGE_SIZE = 50
# Buttons of the pair page: the status a button moves to, and its label.
STATUS_BUTTONS = {
    MentorshipStatus.ACTIVE: "Начать работу",
    MentorshipStatus.FINISHED: "Завершить",
}


# Matching


@role_required(permissions.can_manage_pairs)
def matching(request: HttpRequest) -> HttpResponse:
    year = current_year()
    form = MatchingRunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if year is None:
            messages.error(request, "Сначала выберите текущий учебный год в настройках.")
        else:
            run = matching_run(
                year=year,
                form=form.cleaned_data["form"],
                group_size=form.cleaned_data["group_size"],
                actor=request.user,
            )
            return redirect("mentorship:matching-run", pk=run.pk)
    return render(
        request,
        "mentorship/pairs/matching.html",
        {"form": form, "year": year, "runs": selectors.recent_runs(year=year)},
    )


@role_required(permissions.can_manage_pairs)
def matching_run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(MatchRun.objects.select_related("year", "form", "created_by"), pk=pk)
    page = selectors.run_page(run=run)
    override = request.GET.get("override", "")
    return render(
        request,
        "mentorship/pairs/run_detail.html",
        {
            "page": page,
            "run": run,
            "accept_above": AcceptAboveForm(initial={"min_score": run.weights.get("min_score")}),
            "override_pk": int(override) if override.isdigit() else None,
        },
    )


def _proposal(pk: int) -> MatchProposal:
    return get_object_or_404(MatchProposal.objects.select_related("run__year"), pk=pk)


def _decided(
    request: HttpRequest, proposal: MatchProposal, error: str = "", override: bool = False
) -> HttpResponse:
    """The proposal's row for an htmx swap, or back to the run with a message."""
    if request.htmx:
        return render(
            request,
            "mentorship/pairs/_proposal_row.html",
            {
                "proposal": selectors.proposal_row(pk=proposal.pk),
                "error": error,
                "needs_override": override,
            },
        )
    url = reverse("mentorship:matching-run", args=[proposal.run_id])
    if error:
        messages.error(request, error)
    if override:
        url += f"?override={proposal.pk}"
    return redirect(f"{url}#proposal-{proposal.pk}")


def _accept(request: HttpRequest, proposal: MatchProposal, override_reason: str) -> HttpResponse:
    start, end = services.default_period(proposal.run.year, timezone.localdate())
    try:
        mentorship = services.proposal_accept(
            proposal=proposal,
            start_date=start,
            planned_end_date=end,
            override_reason=override_reason,
            actor=request.user,
        )
    except CapacityError as exc:
        return _decided(request, proposal, str(exc), override=True)
    except (DomainError, ValidationError) as exc:
        return _decided(request, proposal, error_text(exc))
    if not request.htmx:
        messages.success(request, f"Пара создана как черновик: {mentorship}.")
    return _decided(request, proposal)


@require_POST
@role_required(permissions.can_manage_pairs)
def proposal_accept(request: HttpRequest, pk: int) -> HttpResponse:
    form = OverrideForm(request.POST)
    reason = form.cleaned_data["override_reason"] if form.is_valid() else ""
    return _accept(request, _proposal(pk), reason)


@require_POST
@role_required(permissions.can_manage_pairs)
def proposal_reject(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    try:
        services.proposal_reject(proposal=proposal, actor=request.user)
    except DomainError as exc:
        return _decided(request, proposal, str(exc))
    return _decided(request, proposal)


@transaction.atomic
@require_POST
@role_required(permissions.can_manage_pairs)
def proposal_swap(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    form = SwapForm(request.POST)
    if not form.is_valid():
        return _decided(request, proposal, "Выберите наставника из альтернатив.")
    try:
        proposal = services.proposal_swap(
            proposal=proposal, mentor_id=form.cleaned_data["mentor"], actor=request.user
        )
    except DomainError as exc:
        return _decided(request, proposal, str(exc))
    # If accepting fails (the new mentor is full), the swap stays: the row asks for a reason.
    return _accept(request, proposal, form.cleaned_data["override_reason"])


@require_POST
@role_required(permissions.can_manage_pairs)
def proposals_accept_above(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(MatchRun.objects.select_related("year"), pk=pk)
    form = AcceptAboveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Укажите балл от 0 до 100.")
        return redirect("mentorship:matching-run", pk=run.pk)
    start, end = services.default_period(run.year, timezone.localdate())
    accepted, failed = 0, []
    proposals = run.proposals.filter(
        status=ProposalStatus.PROPOSED, score__gte=form.cleaned_data["min_score"]
    ).select_related("mentee__person")
    for proposal in proposals.order_by("-score", "pk"):
        try:
            services.proposal_accept(
                proposal=proposal, start_date=start, planned_end_date=end, actor=request.user
            )
        except (DomainError, ValidationError) as exc:
            failed.append(f"{proposal.mentee.person.full_name}: {error_text(exc)}")
        else:
            accepted += 1
    messages.success(request, f"Принято предложений: {accepted}. Пары созданы как черновики.")
    if failed:
        messages.error(request, "Не приняты: " + " ".join(failed))
    return redirect("mentorship:matching-run", pk=run.pk)


@role_required(permissions.can_manage_pairs)
def proposal_compare(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(
        MatchProposal.objects.select_related("run", "mentor__person"), pk=pk
    )
    options = {proposal.mentor_id: (proposal.score, proposal.reasons)}
    for alt in proposal.alternatives:
        options.setdefault(alt["mentor_id"], (alt["score"], alt.get("reasons", [])))
    wanted = request.GET.get("mentor", "")
    mentor_id = int(wanted) if wanted.isdigit() else proposal.mentor_id
    if mentor_id not in options or not MentorProfile.objects.filter(pk=mentor_id).exists():
        raise Http404
    score, reasons = options[mentor_id]
    return render(
        request,
        "mentorship/pairs/compare.html",
        {
            "proposal": proposal,
            "data": selectors.comparison(
                mentee_id=proposal.mentee_id, mentor_id=mentor_id, school=get_school()
            ),
            "score": score,
            "reasons": reasons,
            "is_alternative": mentor_id != proposal.mentor_id,
            "is_open": proposal.status == ProposalStatus.PROPOSED,
        },
    )


@transaction.atomic
@role_required(permissions.can_manage_pairs)
def matching_settings_page(request: HttpRequest) -> HttpResponse:
    form = MatchingSettingsForm(request.POST or None, instance=matching_settings())
    if request.method == "POST" and form.is_valid():
        try:
            weights_from(form.instance)  # the engine refuses impossible weights
            matching_settings_update(data=form.cleaned_data, actor=request.user)
        except (ValueError, ValidationError) as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, "Веса подбора сохранены.")
            return redirect("mentorship:matching")
    return render(
        request,
        "mentorship/pairs/settings.html",
        {"form": form, "defaults": MatchingSettings()},
    )


# Pairs and groups


@role_required(permissions.can_view_pairs)
def pair_list(request: HttpRequest) -> HttpResponse:
    # With no filter at all the list opens on the current year.
    data = request.GET or None
    filters = PairFilterForm(data, initial={"year": current_year()})
    if filters.is_bound:
        cleaned = filters.cleaned_data if filters.is_valid() else {}
    else:
        cleaned = {"year": filters.initial["year"]}
    page = Paginator(selectors.pair_list(filters=cleaned), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "mentorship/pairs/pair_list.html",
        {
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "can_manage": permissions.can_manage_pairs(request.user),
        },
    )


@role_required(permissions.can_manage_pairs)
def pair_create(request: HttpRequest) -> HttpResponse:
    year = current_year()
    mentees = selectors.pairing_mentees()
    search = CandidateSearchForm(request.GET if "mentee" in request.GET else None, mentees=mentees)
    chosen = search.cleaned_data if search.is_bound and search.is_valid() else None
    mentors = MentorProfile.objects.all()
    if request.method == "POST":
        form = PairCreateForm(request.POST, mentees=mentees, mentors=mentors)
        if form.is_valid():
            data = form.cleaned_data
            chosen = chosen or {
                "mentee": data["mentee"],
                "form": data["form"],
                "q": "",
                "full": True,
            }
            try:
                mentorship = _create_pair(year, data, request.user)
            except CapacityError as exc:
                form.ask_override()
                form.add_error(None, str(exc))
            except (DomainError, ValidationError) as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, "Пара создана как черновик.")
                return redirect(mentorship)
    else:
        start, end = services.default_period(year, timezone.localdate()) if year else (None, None)
        initial = {"start_date": start, "planned_end_date": end}
        if chosen:
            initial |= {"mentee": chosen["mentee"], "form": chosen["form"]}
        form = PairCreateForm(initial=initial, mentees=mentees, mentors=mentors)
    candidates = []
    if chosen and year is not None:
        candidates = selectors.pairing_candidates(
            mentee=chosen["mentee"],
            year=year,
            form=chosen["form"],
            query=chosen["q"],
            include_full=chosen["full"],
            weights=weights_from(matching_settings()),
            school=get_school(),
        )
    return render(
        request,
        "mentorship/pairs/pair_create.html",
        {
            "search": search,
            "form": form,
            "candidates": candidates,
            "chosen": chosen,
            "year": year,
            "selected_mentor": str(form["mentor"].value() or ""),
        },
    )


def _create_pair(year: ProgrammeYear | None, data: dict, actor: User) -> Mentorship:
    if year is None:
        raise PairingError("Сначала выберите текущий учебный год в настройках.")
    return services.mentorship_create(
        year=year,
        form=data["form"],
        mentor=data["mentor"],
        mentees=[data["mentee"]],
        start_date=data["start_date"],
        planned_end_date=data["planned_end_date"],
        goal=data["goal"],
        role_model=data["role_model"],
        delivery_format=data["delivery_format"],
        override_reason=data["override_reason"],
        actor=actor,
    )


def _visible_pair(request: HttpRequest, pk: int) -> Mentorship:
    visible = permissions.mentorships_visible_to(request.user)
    return get_object_or_404(selectors.pair_detail_queryset(visible), pk=pk)


@login_required
def pair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pair = _visible_pair(request, pk)
    can_manage = permissions.can_manage_pairs(request.user)
    buttons = [
        (status, label)
        for status, label in STATUS_BUTTONS.items()
        if can_manage and pair.can_transition_to(status)
    ]
    can_add = can_manage and pair.is_open and pair.form.is_group
    return render(
        request,
        "mentorship/pairs/pair_detail.html",
        {
            "pair": pair,
            "history": selectors.status_lines(pair),
            "buttons": buttons,
            "can_manage": can_manage,
            "can_end": can_manage and pair.is_open,
            "add_form": AddMenteeForm(mentees=selectors.addable_mentees(pair)) if can_add else None,
            "meetings": pair_recent_meetings(pair=pair, visible=meetings_visible_to(request.user)),
            "can_log_meeting": can_log_for(request.user, pair),
        },
    )


@require_POST
@role_required(permissions.can_manage_pairs)
def pair_status(request: HttpRequest, pk: int) -> HttpResponse:
    pair = _visible_pair(request, pk)
    form = PairStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите статус из списка.")
        return redirect(pair)
    try:
        services.mentorship_status_set(
            mentorship=pair,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Статус: {MentorshipStatus(form.cleaned_data['status']).label}.")
    return redirect(pair)


@role_required(permissions.can_manage_pairs)
def pair_end(request: HttpRequest, pk: int) -> HttpResponse:
    pair = _visible_pair(request, pk)
    if not pair.is_open:
        messages.info(request, "Эта пара или группа уже завершена.")
        return redirect(pair)
    form = EndEarlyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mentorship_end_early(
                mentorship=pair,
                reason=form.cleaned_data["reason"],
                on=form.cleaned_data["on"],
                actor=request.user,
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Пара завершена досрочно; наставляемые снова ждут пару.")
        return redirect(pair)
    return render(request, "mentorship/pairs/pair_end.html", {"pair": pair, "form": form})


@require_POST
@role_required(permissions.can_manage_pairs)
def pair_add_mentee(request: HttpRequest, pk: int) -> HttpResponse:
    pair = _visible_pair(request, pk)
    form = AddMenteeForm(request.POST, mentees=selectors.addable_mentees(pair))
    if not form.is_valid():
        messages.error(request, "Выберите наставляемого из списка ожидающих пару.")
        return redirect(pair)
    try:
        services.mentorship_add_mentee(
            mentorship=pair,
            mentee=form.cleaned_data["mentee"],
            override_reason=form.cleaned_data["override_reason"],
            actor=request.user,
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{form.cleaned_data['mentee'].person.full_name} в группе.")
    return redirect(pair)


@role_required(permissions.can_view_pairs)
def unmatched(request: HttpRequest) -> HttpResponse:
    can_manage = permissions.can_manage_pairs(request.user)
    if request.method == "POST":
        if not can_manage:
            return HttpResponse(status=403)
        form = SupportedForm(request.POST, mentees=selectors.waiting_mentees())
        if form.is_valid():
            profile = form.cleaned_data["mentee"]
            try:
                mentee_status_set(
                    profile=profile,
                    status=MenteeStatus.SUPPORTED,
                    note=form.cleaned_data["note"],
                    actor=request.user,
                )
            except DomainError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, f"{profile.person.full_name}: сопровождается без пары.")
        else:
            messages.error(request, "Этот наставляемый уже не ждёт пару.")
        return redirect("mentorship:unmatched")
    rows = selectors.unmatched_list(
        year=current_year(), school=get_school(), today=timezone.localdate()
    )
    return render(
        request, "mentorship/pairs/unmatched.html", {"rows": rows, "can_manage": can_manage}
    )


@login_required
def my_pairs(request: HttpRequest) -> HttpResponse:
    return render(
        request, "mentorship/pairs/my_pairs.html", {"pairs": selectors.my_pairs(user=request.user)}
    )
