"""The monitoring dashboard: the programme's indicators for a year, each linked to its list."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from mentorship.decorators import role_required
from mentorship.models import ProgrammeYear
from mentorship.permissions import can_manage_years, is_staff_manager
from mentorship.selectors import programme_year_list
from mentorship.text import plural_form
from reports import kpi, permissions
from surveys.charts import ChartRow, bar_chart


@role_required(is_staff_manager)
def dashboard(request: HttpRequest) -> HttpResponse:
    years = list(programme_year_list())
    year = chosen_year(years, request.GET.get("year", ""))
    context: dict[str, object] = {
        "years": years,
        "year": year,
        "can_manage_years": can_manage_years(request.user),
    }
    if year is not None:
        can_approve = permissions.can_approve_document(request.user)
        data, html = indicators(year, timezone.localdate(), can_approve=can_approve)
        context |= {
            "data": data,
            "indicators": html,
            "freshness": freshness(settings.DASHBOARD_CACHE_SECONDS),
        }
    return render(request, "reports/dashboard.html", context)


def freshness(seconds: int) -> str:
    """«обновляются раз в минуту»: how stale the kept indicators may be ("" when not kept)."""
    minutes = seconds // 60
    if not minutes:
        return ""
    if minutes == 1:
        return "обновляются раз в минуту"
    return f"обновляются раз в {minutes} {plural_form(minutes, ['минуту', 'минуты', 'минут'])}"


def indicators(
    year: ProgrammeYear, today: datetime.date, *, can_approve: bool
) -> tuple[kpi.Dashboard, SafeString]:
    """The year's indicators and their cards, kept ``DASHBOARD_CACHE_SECONDS`` per process.

    Computing them reads every pair, meeting and answer of the year, and the cards with
    their charts are most of the page: while kept, the page costs what any page costs
    (tests/bench/bench_throughput.py). The links differ only for those who approve.
    """
    seconds = settings.DASHBOARD_CACHE_SECONDS
    key = f"reports:dashboard:{year.pk}:{today.isoformat()}:{int(can_approve)}"
    if seconds and (kept := cache.get(key)) is not None:
        return kept
    data = kpi.dashboard(year, today)
    html = render_to_string(
        "reports/dashboard/_indicators.html",
        {
            "data": data,
            "urls": urls_for(data, can_approve=can_approve),
            "form_rows": [(row, href(row.link)) for row in data.forms.rows],
            "charts": charts_for(data),
        },
    )
    if seconds:
        cache.set(key, (data, html), seconds)
    return data, html


def chosen_year(years: list[ProgrammeYear], wanted: str) -> ProgrammeYear | None:
    """The year asked for in the query, else the current one, else the newest."""
    for year in years:
        if str(year.pk) == wanted:
            return year
    return next((year for year in years if year.is_current), years[0] if years else None)


def href(link: kpi.Link) -> str:
    """The list's address with its filters, or "" while that page does not exist yet."""
    try:
        url = reverse(link.url_name, args=link.args)
    except NoReverseMatch:
        return ""
    return f"{url}?{link.query}" if link.query else url


def urls_for(data: kpi.Dashboard, *, can_approve: bool) -> dict[str, str]:
    approvals = kpi.Link("reports:approvals") if can_approve else data.approvals.link
    links = {
        "participants": data.participants.link,
        "pupils": data.pupils.link,
        "young": data.young.link,
        "forms": data.forms.link,
        "meetings": data.meetings.link,
        "meetings_month": data.meetings.month_link,
        "feedback": data.feedback.link,
        "mentors": data.satisfaction.mentors.link,
        "mentees": data.satisfaction.mentees.link,
        "roadmap": data.roadmap.link,
        "roadmap_overdue": data.roadmap.overdue_link,
        "approvals": approvals,
    }
    return {key: href(link) for key, link in links.items()}


def _score(value: Decimal) -> str:
    return f"{value:f}".replace(".", ",")


def _pairs_note(row: kpi.FormRow) -> str:
    parts = []
    if row.pairs:
        parts.append(f"{row.pairs} {plural_form(row.pairs, ['пара', 'пары', 'пар'])}")
    if row.groups:
        parts.append(f"{row.groups} {plural_form(row.groups, ['группа', 'группы', 'групп'])}")
    return ", ".join(parts)


def charts_for(data: kpi.Dashboard) -> dict[str, SafeString | None]:
    """Bar charts of the page; None where there is nothing to draw (the card says so)."""
    people = data.participants
    forms = data.forms.rows
    scores = (
        ("Наставники", data.satisfaction.mentors),
        ("Наставляемые", data.satisfaction.mentees),
    )
    return {
        "forms": bar_chart(
            [ChartRow(row.title, row.total, _pairs_note(row)) for row in forms],
            title="Работающие пары и группы по формам наставничества",
        )
        if forms
        else None,
        "participants": bar_chart(
            [
                ChartRow("Обучающиеся", people.pupils),
                ChartRow("Сотрудники", people.staff),
                ChartRow("Внешние участники", people.external),
            ],
            title="Участники работающих пар и групп по категориям",
        )
        if people.total
        else None,
        "satisfaction": bar_chart(
            [
                ChartRow(
                    label,
                    score.mean or 0,
                    f"{_score(score.mean)} из 10" if score.mean is not None else "нет ответов",
                )
                for label, score in scores
            ],
            title="Средняя удовлетворённость по шкале 1–10",
            max_value=kpi.SCORE_MAX,
        )
        if any(score.mean is not None for _label, score in scores)
        else None,
    }
