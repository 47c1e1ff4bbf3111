"""Campaigns: the list, a new campaign, inviting, mailing, the printable sheet, closing."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentorship.decorators import role_required
from mentorship.exceptions import DomainError
from mentorship.selectors import people as people_selectors
from mentorship.services import get_school
from surveys import selectors_campaigns as selectors
from surveys import services_campaigns as services
from surveys.forms_campaigns import CampaignForm, InviteForm
from surveys.models import Campaign, CampaignStatus, Invitation
from surveys.permissions import can_manage_surveys, can_view_results

PAGE_SIZE = 50


def _campaign(pk: int) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("questionnaire", "year"), pk=pk)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@role_required(can_view_results)
def campaign_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.campaign_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/campaigns/campaign_list.html",
        {
            "page": page,
            "can_manage": can_manage_surveys(request.user),
        },
    )


@role_required(can_manage_surveys)
def campaign_create(request: HttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(**form.cleaned_data, actor=request.user)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Опрос создан. Теперь выберите, кого пригласить.")
            return redirect("surveys:campaign-invite", pk=campaign.pk)
    return render(request, "surveys/campaigns/campaign_form.html", {"form": form})


@role_required(can_view_results)
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(pk)
    page = Paginator(selectors.campaign_invitations(campaign), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    skips = selectors.campaign_skips(campaign)
    counts = selectors.campaign_counts(campaign) | {"skipped": len(skips)}
    can_manage = can_manage_surveys(request.user)
    status = campaign.status
    return render(
        request,
        "surveys/campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "counts": counts,
            "skips": skips,
            "page": page,
            "can_manage": can_manage,
            "can_invite": can_manage and status != CampaignStatus.CLOSED,
            "can_mail": can_manage and status == CampaignStatus.OPEN,
            "can_open": can_manage and status != CampaignStatus.OPEN,
            "can_close": can_manage and status != CampaignStatus.CLOSED,
        },
    )


@role_required(can_manage_surveys)
def campaign_invite(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(pk)
    form = InviteForm(
        request.POST if request.method == "POST" else None,
        departments=people_selectors.departments(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            result = services.campaign_invite(
                campaign=campaign, audience=form.audience(), actor=request.user
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            text = f"Приглашено: {result.created}. Уже были приглашены: {result.already}."
            if result.skipped:
                text += f" Пропущено: {len(result.skipped)} — причины ниже, в разделе «Пропущены»."
            messages.success(request, text)
            return redirect(campaign)
    return render(
        request,
        "surveys/campaigns/campaign_invite.html",
        {
            "campaign": campaign,
            "form": form,
        },
    )


def _act(request: HttpRequest, campaign: Campaign, action, done: str) -> HttpResponse:
    try:
        action(campaign=campaign, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect(campaign)


@require_POST
@role_required(can_manage_surveys)
def campaign_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        _campaign(pk),
        services.campaign_open,
        "Опрос открыт: личные ссылки принимают ответы с первого дня срока.",
    )


@require_POST
@role_required(can_manage_surveys)
def campaign_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        _campaign(pk),
        services.campaign_close,
        "Опрос закрыт: ссылки больше не принимают ответы.",
    )


@require_POST
@role_required(can_manage_surveys)
def campaign_send(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(pk)
    try:
        sent = services.invitations_send(
            campaign=campaign, base_url=_base_url(request), actor=request.user
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"Отправлено писем: {sent}."
            if sent
            else "Новых писем нет: всем, у кого есть e-mail, приглашение уже отправлено. "
            "Для остальных распечатайте лист со ссылками.",
        )
    return redirect(campaign)


@require_POST
@role_required(can_manage_surveys)
def campaign_remind(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(pk)
    try:
        reminded = services.invitations_remind(
            campaign=campaign, base_url=_base_url(request), actor=request.user
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"Отправлено напоминаний: {reminded}."
            if reminded
            else "Напоминать некому: все ответили, не получали письма "
            "или уже получили напоминание за последние сутки.",
        )
    return redirect(campaign)


@require_POST
@role_required(can_manage_surveys)
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("person"), pk=pk)
    try:
        services.invitation_revoke(invitation=invitation, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Ссылка для {invitation.person.full_name} отозвана.")
    url = reverse("surveys:campaign-detail", args=[invitation.campaign_id])
    page = request.POST.get("page", "")
    return redirect(f"{url}?page={page}" if page.isdigit() else url)


@role_required(can_manage_surveys)
def campaign_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(pk)
    department = request.GET.get("department") or None
    return render(
        request,
        "surveys/campaigns/campaign_sheet.html",
        {
            "campaign": campaign,
            "school": get_school(),
            "department": department,
            "departments": selectors.sheet_departments(campaign),
            "groups": selectors.campaign_sheet(
                campaign, base_url=_base_url(request), department=department
            ),
            "no_department": selectors.NO_DEPARTMENT,
        },
    )
