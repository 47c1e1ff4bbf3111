"""The four monitoring reports, each with its builder, its print and sheet renderers, charts."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from mentorship.models import Person, ProgrammeYear
from reports.monitoring import builders, charts, render, sheets
from reports.monitoring.common import ANNUAL, SATISFACTION, STAGE1, STAGE2
from reports.printing import PrintDocument


@dataclass(frozen=True)
class ReportKind:
    code: str
    title: str
    description: str
    url_name: str  # the page; the files are ``<url_name>-pdf``, ``-docx``, ``-xlsx``
    template: str
    build: Callable[[ProgrammeYear, datetime.date], Any]
    document: Callable[[Any, datetime.date, Person | None], PrintDocument]
    sheets: Callable[[Any], list[sheets.Sheet]]
    charts: Callable[[Any], dict[str, Any]]


def _stage2_charts(report: builders.Stage2Report) -> dict[str, Any]:
    return {
        "measurements": [
            (
                measurement,
                charts.items_chart(measurement, f"items-{index}"),
                charts.forms_change_chart(measurement, f"forms-{index}"),
            )
            for index, measurement in enumerate(report.measurements, 1)
        ]
    }


def _satisfaction_charts(report: builders.SatisfactionReport) -> dict[str, Any]:
    return {
        "summary": charts.satisfaction_summary_chart(report.summary),
        "forms": charts.satisfaction_forms_chart(report),
        "surveys": [
            (survey, charts.survey_chart(survey, f"survey-{index}"))
            for index, survey in enumerate(report.surveys, 1)
        ],
    }


def _annual_charts(report: builders.AnnualReport) -> dict[str, SafeString | None]:
    return {
        "participants": charts.annual_participants_chart(report.facts),
        "forms": charts.annual_forms_chart(report.facts),
        "satisfaction": charts.satisfaction_summary_chart(report.facts.dashboard.satisfaction),
    }


REPORTS: dict[str, ReportKind] = {
    kind.code: kind
    for kind in (
        ReportKind(
            code=STAGE1,
            title="Мониторинг, этап 1: качество процесса",
            description="Условия программы по дорожной карте, анкета куратора и SWOT-анализ, "
            "регулярность встреч по формам, обратная связь после встреч.",
            url_name="reports:report-stage1",
            template="reports/monitoring/stage1.html",
            build=lambda year, today: builders.stage1_report(year=year, today=today),
            document=lambda data, today, author: render.stage1_document(data, author=author),
            sheets=sheets.stage1_sheets,
            charts=lambda data: {"meetings": charts.meetings_chart(data)},
        ),
        ReportKind(
            code=STAGE2,
            title="Мониторинг, этап 2: рост участников",
            description="Входное и итоговое анкетирование: изменения по каждому показателю, "
            "по участникам и по формам наставничества.",
            url_name="reports:report-stage2",
            template="reports/monitoring/stage2.html",
            build=lambda year, today: builders.stage2_report(year=year),
            document=lambda data, today, author: render.stage2_document(
                data, today=today, author=author
            ),
            sheets=sheets.stage2_sheets,
            charts=_stage2_charts,
        ),
        ReportKind(
            code=SATISFACTION,
            title="Удовлетворённость участников",
            description="Наставники и наставляемые: средние по вопросам анкет "
            "удовлетворённости и по формам наставничества.",
            url_name="reports:report-satisfaction",
            template="reports/monitoring/satisfaction.html",
            build=lambda year, today: builders.satisfaction_report(year=year),
            document=lambda data, today, author: render.satisfaction_document(
                data, today=today, author=author
            ),
            sheets=sheets.satisfaction_sheets,
            charts=_satisfaction_charts,
        ),
        ReportKind(
            code=ANNUAL,
            title="Аналитическая справка за год",
            description="Показатели года с цифрами из программы и выводы и предложения куратора.",
            url_name="reports:report-annual",
            template="reports/monitoring/annual.html",
            build=lambda year, today: builders.annual_report(year=year, today=today),
            document=lambda data, today, author: render.annual_document(data, author=author),
            sheets=sheets.annual_sheets,
            charts=_annual_charts,
        ),
    )
}
