"""The monitoring reports as data (domain.md §3, §4, §6): one dataclass and one builder each.

A builder only reads, in a fixed number of queries whatever the number of people, pairs or
answers (the count is in its docstring), and reuses the dashboard's indicators
(``reports.kpi``) and the surveys' analytics (``surveys.analytics``) rather than counting
again. ``render.py`` turns the data into a ``PrintDocument`` (PDF, DOCX) and an XLSX.

Each report lives in its own module (they passed 700 lines together); this one is the
list of what the pages and the renderers use.
"""

from __future__ import annotations

from reports.monitoring.annual import (
    ANNUAL_QUERIES,
    AnnualFacts,
    AnnualReport,
    MunicipalExport,
    annual_facts,
    annual_report,
    municipal_export,
)
from reports.monitoring.satisfaction import SatisfactionReport, satisfaction_report
from reports.monitoring.stage1 import Stage1Report, stage1_report
from reports.monitoring.stage2 import Stage2Report, stage2_report

__all__ = [
    "ANNUAL_QUERIES",
    "AnnualFacts",
    "AnnualReport",
    "MunicipalExport",
    "SatisfactionReport",
    "Stage1Report",
    "Stage2Report",
    "annual_facts",
    "annual_report",
    "municipal_export",
    "satisfaction_report",
    "stage1_report",
    "stage2_report",
]
