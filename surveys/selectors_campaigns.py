"""Reads for the campaign pages; each page has a pinned query count in tests."""

from __future__ import annotations

from dataclasses import dataclass, field

import segno
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.safestring import SafeString, mark_safe

from surveys.models import Campaign, Invitation, InvitationSkip
from surveys.services_campaigns import invitation_link, with_email

NO_DEPARTMENT = "Без класса и методобъединения"


def _invitations_count(**conditions: object) -> Coalesce:
    counted = (
        Invitation.objects.filter(campaign=OuterRef("pk"), revoked_at__isnull=True, **conditions)
        .order_by()
        .values("campaign")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def campaign_list() -> QuerySet[Campaign]:
    # Counted per campaign of the page, not by grouping every invitation of every year.
    return (
        Campaign.objects.select_related("questionnaire", "year")
        .annotate(
            invited_count=_invitations_count(),
            answered_count=_invitations_count(answered_at__isnull=False),
        )
        .order_by("-starts_on", "-pk")
    )


def campaign_counts(campaign: Campaign) -> dict[str, int]:
    """Invited (links not revoked), sent, opened, answered and revoked, in one query."""
    active = Q(revoked_at__isnull=True)
    return Invitation.objects.filter(campaign=campaign).aggregate(
        invited=Count("pk", filter=active),
        sent=Count("pk", filter=active & Q(sent_at__isnull=False)),
        opened=Count("pk", filter=active & Q(opened_at__isnull=False)),
        answered=Count("pk", filter=active & Q(answered_at__isnull=False)),
        revoked=Count("pk", filter=~active),
    )


def campaign_invitations(campaign: Campaign) -> QuerySet[Invitation]:
    """The table of the campaign page: each row's person and its state, in one query."""
    return (
        Invitation.objects.filter(campaign=campaign)
        .select_related("person")
        .annotate(
            state=Case(
                When(revoked_at__isnull=False, then=Value("revoked")),
                When(answered_at__isnull=False, then=Value("answered")),
                When(opened_at__isnull=False, then=Value("opened")),
                When(sent_at__isnull=False, then=Value("sent")),
                default=Value("invited"),
                output_field=CharField(),
            ),
            has_email=Case(
                When(with_email(), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("person__department", "person__search_key", "pk")
    )


def campaign_skips(campaign: Campaign) -> list[InvitationSkip]:
    return list(
        InvitationSkip.objects.filter(campaign=campaign)
        .select_related("person")
        .order_by("person__department", "person__search_key", "pk")
    )


def qr_svg(data: str) -> SafeString:
    """An inline SVG QR code of ``data``; no text of ours but the fixed title goes into it."""
    svg = segno.make(data, error="m").svg_inline(
        scale=3, border=2, title="QR-код личной ссылки", svgclass="qr-code", lineclass=None
    )
    return mark_safe(svg)  # noqa: S308 (segno's own markup: path data only)


@dataclass
class Slip:
    name: str
    link: str
    qr: SafeString


@dataclass
class SheetGroup:
    department: str
    slips: list[Slip] = field(default_factory=list)


def _printable(campaign: Campaign) -> QuerySet[Invitation]:
    # A slip is useless for a revoked link or for someone who has already answered.
    return Invitation.objects.filter(
        campaign=campaign, revoked_at__isnull=True, answered_at__isnull=True
    )


def sheet_departments(campaign: Campaign) -> list[str]:
    """Classes and departments that have at least one slip to print."""
    return list(
        _printable(campaign)
        .order_by("person__department")
        .values_list("person__department", flat=True)
        .distinct()
    )


def campaign_sheet(
    campaign: Campaign, *, base_url: str, department: str | None = None
) -> list[SheetGroup]:
    """Slips with the personal link and its QR code, grouped by class or department."""
    invitations = _printable(campaign).select_related("person")
    if department is not None:
        invitations = invitations.filter(person__department=department)
    groups: list[SheetGroup] = []
    for invitation in invitations.order_by("person__department", "person__search_key", "pk"):
        name = invitation.person.department or NO_DEPARTMENT
        if not groups or groups[-1].department != name:
            groups.append(SheetGroup(department=name))
        link = invitation_link(invitation, base_url)
        groups[-1].slips.append(Slip(name=invitation.person.full_name, link=link, qr=qr_svg(link)))
    return groups
