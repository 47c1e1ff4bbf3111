"""Closing the year, curator only: pairs → graduates → next year → preview → close.

The choices wait in the session between the steps; nothing is written before «Закрыть год».
The preview runs the closing itself and rolls it back, so it shows exactly what will happen.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from mentorship.decorators import role_required
from mentorship.models import MenteeProfile, MentorProfile, ProgrammeYear
from mentorship.selectors import current_year
from reports import closing
from reports.forms_closing import GraduatesForm, NextYearForm, PairChoicesForm
from roadmap.models import RoadmapTemplate

SESSION_KEY = "year_close"
STEPS = (
    (1, "Пары и группы", "reports:year-close"),
    (2, "Выпускники — в наставники", "reports:year-close-graduates"),
    (3, "Новый учебный год", "reports:year-close-next"),
    (4, "Предпросмотр и закрытие", "reports:year-close-preview"),
)


def _steps(current: int, state: dict[str, Any]) -> list[dict[str, Any]]:
    reached = 1 + ("choices" in state) + ("graduates" in state) + ("next" in state)
    return [
        {"number": n, "title": title, "url": reverse(name), "current": n == current,
         "open": n <= reached}
        for n, title, name in STEPS
    ]  # fmt: skip


def _state(request: HttpRequest, year: ProgrammeYear) -> dict[str, Any]:
    """The wizard's choices for this year; a plan left from another year is dropped."""
    state = request.session.get(SESSION_KEY) or {}
    return state if state.get("year") == year.pk else {"year": year.pk}


def _save(request: HttpRequest, state: dict[str, Any]) -> None:
    request.session[SESSION_KEY] = state


def _no_year(request: HttpRequest) -> HttpResponse:
    messages.error(request, "Текущий учебный год не выбран: закрывать нечего.")
    return redirect("mentorship:settings")


def _back(request: HttpRequest, text: str, to: str) -> HttpResponse:
    messages.info(request, text)
    return redirect(to)


def _render(request: HttpRequest, template: str, step: int, state: dict, **context) -> HttpResponse:
    context |= {"steps": _steps(step, state), "step": step}
    return render(request, f"reports/closing/{template}", context)


def _posted(request: HttpRequest) -> QueryDict | None:
    """The POST data, even empty: step 2 with nothing ticked is a valid answer."""
    return request.POST if request.method == "POST" else None


def _keys(values: dict[str, str] | None) -> dict[int, str]:
    return {int(pk): value for pk, value in (values or {}).items()}


@never_cache
@role_required(closing.can_close_year)
def year_close(request: HttpRequest) -> HttpResponse:
    year = current_year()
    if year is None:
        return _no_year(request)
    state = _state(request, year)
    facts = closing.year_facts(year=year, today=timezone.localdate())
    form = PairChoicesForm(
        _posted(request),
        pairs=facts.open,
        choices=_keys(state.get("choices")),
        reasons=_keys(state.get("reasons")),
    )
    if request.method == "POST" and form.is_valid():
        choices, reasons = form.decisions()
        chosen = {str(pk): value for pk, value in choices.items()}
        if state.get("choices") not in (None, chosen):
            state.pop("graduates", None)  # other pairs finish: the graduates are others too
        state |= {"choices": chosen, "reasons": {str(pk): value for pk, value in reasons.items()}}
        _save(request, state)
        return redirect("reports:year-close-graduates")
    return _render(request, "pairs.html", 1, state, year=year, facts=facts, form=form)


@never_cache
@role_required(closing.can_close_year)
def year_close_graduates(request: HttpRequest) -> HttpResponse:
    year = current_year()
    if year is None:
        return _no_year(request)
    state = _state(request, year)
    if "choices" not in state:
        return _back(
            request, "Сначала решите, что делать с парами и группами.", "reports:year-close"
        )
    facts = closing.year_facts(year=year, today=timezone.localdate())
    rows = closing.graduates(facts, _keys(state["choices"]))
    chosen = state.get("graduates", [row.person_id for row in rows if not row.blocker])
    form = GraduatesForm(_posted(request), graduates=rows, initial={"people": chosen})
    if request.method == "POST" and form.is_valid():
        state["graduates"] = form.cleaned_data["people"]
        _save(request, state)
        return redirect("reports:year-close-next")
    return _render(
        request, "graduates.html", 2, state,
        year=year, form=form, rule=closing.GRADUATE_RULE,
    )  # fmt: skip


def _next_initial(year: ProgrammeYear, state: dict[str, Any]) -> dict[str, Any]:
    if "next" in state:
        saved = state["next"]
        return {
            "title": saved["title"],
            "start_date": datetime.date.fromisoformat(saved["start_date"]),
            "end_date": datetime.date.fromisoformat(saved["end_date"]),
            "template": saved["template"],
            "banks_confirmed": True,
        }
    template = RoadmapTemplate.objects.values_list("pk", flat=True).first()
    return closing.next_year_defaults(year) | {"template": template}


@never_cache
@role_required(closing.can_close_year)
def year_close_next(request: HttpRequest) -> HttpResponse:
    year = current_year()
    if year is None:
        return _no_year(request)
    state = _state(request, year)
    if "graduates" not in state:
        return _back(request, "Сначала пройдите шаг 2.", "reports:year-close-graduates")
    form = NextYearForm(_posted(request), year=year, initial=_next_initial(year, state))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        state["next"] = {
            "title": data["title"],
            "start_date": data["start_date"].isoformat(),
            "end_date": data["end_date"].isoformat(),
            "template": data["template"].pk if data["template"] else None,
        }
        _save(request, state)
        return redirect("reports:year-close-preview")
    return _render(
        request, "next_year.html", 3, state,
        year=year, form=form,
        mentors=MentorProfile.objects.count(), mentees=MenteeProfile.objects.count(),
    )  # fmt: skip


@never_cache
@role_required(closing.can_close_year)
def year_close_preview(request: HttpRequest) -> HttpResponse:
    """GET: what closing will do (a rolled-back run). POST: close the year for real."""
    year = current_year()
    if year is None:
        return _no_year(request)
    state = _state(request, year)
    try:
        plan = closing.ClosingPlan.from_dict(state)
    except (KeyError, TypeError, ValueError):
        return _back(request, "Сначала пройдите шаги 1–3.", "reports:year-close")
    dry_run = request.method != "POST"
    try:
        report = closing.year_close(plan=plan, actor=request.user, dry_run=dry_run)
    except closing.YearCloseError as exc:
        report, error = None, str(exc)
    else:
        error = ""
        if not dry_run:
            request.session.pop(SESSION_KEY, None)
            messages.success(request, report.summary())
            return redirect(f"{reverse('mentorship:pair-list')}?year={year.pk}")
    return _render(
        request, "preview.html", 4, state,
        year=year, report=report, error=error, failed=not dry_run,
    )  # fmt: skip
