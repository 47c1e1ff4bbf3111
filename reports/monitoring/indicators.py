"""Indicators the municipal export can show: the curator picks and orders the columns.

Regional and municipal forms differ (domain.md §6: no federal school-level form), so the
export is a catalogue of the year's numbers, each with a stable code that the saved
template (``ExportTemplate.columns``) refers to. A form of mentoring is an indicator too
(«Пар и групп: …»), under ``form-<code of the form>``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mentorship.models import MentoringForm
    from reports.monitoring.builders import AnnualFacts

Value = int | Decimal | str | datetime.date | None


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    value: Value


@dataclass(frozen=True)
class Spec:
    code: str
    label: str
    value: Callable[[AnnualFacts], Value]


def _satisfaction(score) -> Decimal | None:
    return score.mean


SPECS: tuple[Spec, ...] = (
    Spec("school", "Образовательная организация", lambda f: f.school.short_name),
    Spec("school_full", "Полное наименование организации", lambda f: f.school.full_name),
    Spec("year", "Учебный год", lambda f: f.year.title),
    Spec("date", "Дата, на которую собраны данные", lambda f: f.today),
    Spec("participants", "Участников программы, всего", lambda f: f.dashboard.participants.total),
    Spec(
        "participants_pupils", "Участников: обучающихся", lambda f: f.dashboard.participants.pupils
    ),
    Spec(
        "participants_staff",
        "Участников: педагогов и других сотрудников",
        lambda f: f.dashboard.participants.staff,
    ),
    Spec(
        "participants_external",
        "Участников: внешних (родители, студенты, работодатели)",
        lambda f: f.dashboard.participants.external,
    ),
    Spec("mentors", "Наставников", lambda f: f.roles.mentors),
    Spec("mentees", "Наставляемых", lambda f: f.roles.mentees),
    Spec("pupil_mentors", "Обучающихся в роли наставника", lambda f: f.roles.pupil_mentors),
    Spec("pupil_mentees", "Обучающихся в роли наставляемого", lambda f: f.roles.pupil_mentees),
    Spec(
        "pupils_total", "Обучающихся от 10 лет (база для доли)", lambda f: f.dashboard.pupils.total
    ),
    Spec(
        "pupils_involved",
        "Обучающихся, вовлечённых в наставничество",
        lambda f: f.dashboard.pupils.involved,
    ),
    Spec(
        "pupils_percent",
        "Доля обучающихся, вовлечённых в наставничество, %",
        lambda f: f.dashboard.pupils.percent,
    ),
    Spec("young_total", "Молодых специалистов", lambda f: f.dashboard.young.total),
    Spec(
        "young_mentored", "Молодых специалистов с наставником", lambda f: f.dashboard.young.mentored
    ),
    Spec(
        "young_percent",
        "Доля молодых специалистов с наставником, %",
        lambda f: f.dashboard.young.percent,
    ),
    Spec("pairs_total", "Работающих пар и групп, всего", lambda f: f.dashboard.forms.total),
    Spec("pairs", "Работающих пар", lambda f: f.dashboard.forms.pairs),
    Spec("groups", "Работающих групп", lambda f: f.dashboard.forms.groups),
    Spec("meetings_held", "Встреч проведено с начала года", lambda f: f.meetings_held),
    Spec(
        "meetings_percent",
        "Доля пар, встречающихся не реже установленного, %",
        lambda f: f.dashboard.meetings.percent,
    ),
    Spec(
        "feedback_percent",
        "Доля заполненных форм обратной связи, %",
        lambda f: f.dashboard.feedback.percent,
    ),
    Spec(
        "satisfaction_mentors",
        "Удовлетворённость наставников (из 10)",
        lambda f: _satisfaction(f.dashboard.satisfaction.mentors),
    ),
    Spec(
        "satisfaction_mentees",
        "Удовлетворённость наставляемых (из 10)",
        lambda f: _satisfaction(f.dashboard.satisfaction.mentees),
    ),
    Spec(
        "roadmap_percent",
        "Выполнение дорожной карты, %",
        lambda f: f.dashboard.roadmap.percent if f.dashboard.roadmap.exists else None,
    ),
    Spec("documents", "Утверждено документов", lambda f: f.documents_total),
    Spec("cases", "Кейсов в базе лучших практик", lambda f: f.cases),
    Spec("cases_published", "Кейсов опубликовано", lambda f: f.cases_published),
    Spec("rewards", "Поощрений наставников", lambda f: f.rewards_total),
)

# What a new installation exports until the curator saves his own choice.
DEFAULT_COLUMNS = (
    "school",
    "year",
    "participants",
    "mentors",
    "mentees",
    "pupils_involved",
    "pupils_total",
    "pupils_percent",
    "young_mentored",
    "young_total",
    "pairs_total",
    "meetings_held",
    "feedback_percent",
    "satisfaction_mentors",
    "satisfaction_mentees",
    "cases",
    "rewards",
)
DEFAULT_TITLE = "Сведения о реализации программы наставничества"


def form_code(form: MentoringForm) -> str:
    return f"form-{form.code}"


def catalogue(facts: AnnualFacts, forms: list[MentoringForm]) -> tuple[Indicator, ...]:
    """Every indicator with its value, in the catalogue's order; the forms after the pairs."""
    working = {row.form_id: row.total for row in facts.dashboard.forms.rows}
    by_form = [
        Indicator(form_code(form), f"Работающих пар и групп: {form.title}", working.get(form.pk, 0))
        for form in forms
    ]
    result = []
    for spec in SPECS:
        result.append(Indicator(spec.code, spec.label, spec.value(facts)))
        if spec.code == "groups":
            result.extend(by_form)
    return tuple(result)
