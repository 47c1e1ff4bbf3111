"""Who reads the monitoring reports and who writes in them: those who run the programme."""

from __future__ import annotations

from mentorship.permissions import is_staff_manager
from reports.permissions import can_change_documents


def can_view_reports(user) -> bool:
    """The curator and the director; mentors and teachers never see the school's figures."""
    return is_staff_manager(user)


def can_write_report_notes(user) -> bool:
    """The conclusions and proposals: those who prepare the school's documents."""
    return can_view_reports(user) and can_change_documents(user)


def can_configure_exports(user) -> bool:
    return can_view_reports(user) and can_change_documents(user)
