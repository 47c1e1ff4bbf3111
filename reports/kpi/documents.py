"""Documents waiting for the director's decision."""

from __future__ import annotations

from dataclasses import dataclass

from reports.kpi.common import Link, _link
from reports.models import Document, DocumentStatus


@dataclass(frozen=True)
class Approvals:
    waiting: int
    link: Link


def approvals() -> Approvals:
    """Documents submitted to the director and not yet decided, of any year (1 query)."""
    waiting = Document.objects.filter(status=DocumentStatus.SUBMITTED).count()
    return Approvals(
        waiting=waiting, link=_link("reports:document-list", status=DocumentStatus.SUBMITTED)
    )
