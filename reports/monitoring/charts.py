"""The reports' charts, drawn on the server (``surveys.charts``): one SVG for the page and the PDF.

Each function returns the SVG, or None when there is nothing to draw (the page and the PDF
then say so in words instead).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.safestring import SafeString

from mentorship.text import plural_form
from reports import kpi
from reports.monitoring.builders import AnnualFacts, SatisfactionReport, Stage1Report
from reports.monitoring.format import number
from reports.monitoring.satisfaction import SatisfactionSurvey
from reports.monitoring.stage2 import Measurement
from surveys.charts import ChartRow, PairRow, bar_chart, paired_bar_chart
from surveys.models import QuestionKind

# The charts' own limit (34 characters) still overflows the label column in Cyrillic.
LABEL_CHARS = 27


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def meetings_chart(report: Stage1Report) -> SafeString | None:
    rows = [
        ChartRow(
            _label(row.title), row.percent, f"{number(row.percent)} % ({row.met} из {row.total})"
        )
        for row in report.meetings_by_form
    ]
    if not rows:
        return None
    return bar_chart(
        rows,
        title="Доля пар и групп, встречавшихся в срок, по формам",
        max_value=100,
        ident="stage1-meetings",
    )


def items_chart(measurement: Measurement, ident: str) -> SafeString | None:
    """The scale items before and after (a number item would squash them on one axis)."""
    scales = [item for item in measurement.comparison.items if item.kind == QuestionKind.SCALE]
    if not scales:
        return None
    return paired_bar_chart(
        [PairRow(_label(item.text), item.before_mean, item.after_mean) for item in scales],
        title=f"«{measurement.title}»: средние по шкалам до и после",
        before_label="Входной замер",
        after_label="Итоговый замер",
        max_value=max(item.scale_max or 0 for item in scales) or None,
        ident=ident,
    )


def forms_change_chart(measurement: Measurement, ident: str) -> SafeString | None:
    rows = [PairRow(_label(row.title), row.before, row.after) for row in measurement.by_form]
    if not rows:
        return None
    return paired_bar_chart(
        rows,
        title=f"«{measurement.title}»: средний балл участников по формам",
        before_label="Входной замер",
        after_label="Итоговый замер",
        ident=ident,
    )


def _score_note(value: Decimal | None, count: int) -> str:
    if value is None:
        return "нет ответов"
    return f"{number(value)} из 10 ({count} {plural_form(count, ['анкета', 'анкеты', 'анкет'])})"


def satisfaction_summary_chart(summary: kpi.Satisfaction) -> SafeString | None:
    scores = (("Наставники", summary.mentors), ("Наставляемые", summary.mentees))
    if all(score.mean is None for _label, score in scores):
        return None
    return bar_chart(
        [
            ChartRow(label, score.mean or 0, _score_note(score.mean, score.respondents))
            for label, score in scores
        ],
        title="Средняя удовлетворённость по шкале 1–10",
        max_value=kpi.SCORE_MAX,
        ident="satisfaction-summary",
    )


def satisfaction_forms_chart(report: SatisfactionReport) -> SafeString | None:
    if not report.by_form:
        return None
    return paired_bar_chart(
        [PairRow(_label(row.title), row.mentors, row.mentees) for row in report.by_form],
        title="Удовлетворённость по формам наставничества (из 10)",
        before_label="Наставники",
        after_label="Наставляемые",
        max_value=kpi.SCORE_MAX,
        ident="satisfaction-forms",
    )


def survey_chart(survey: SatisfactionSurvey, ident: str) -> SafeString | None:
    scales = [item for item in survey.items if item.kind == QuestionKind.SCALE]
    if not scales:
        return None
    top = max(int(item.scale.split("–")[-1]) for item in scales)
    return bar_chart(
        [
            ChartRow(_label(f"{item.number}. {item.text}"), item.mean or 0, number(item.mean))
            for item in scales
        ],
        title=f"{survey.side}: «{survey.title}», средние по вопросам",
        max_value=top,
        ident=ident,
    )


def _pairs_note(total: int, pairs: int, groups: int) -> str:
    parts = []
    if pairs:
        parts.append(f"{pairs} {plural_form(pairs, ['пара', 'пары', 'пар'])}")
    if groups:
        parts.append(f"{groups} {plural_form(groups, ['группа', 'группы', 'групп'])}")
    return ", ".join(parts) or str(total)


def annual_forms_chart(facts: AnnualFacts) -> SafeString | None:
    rows = facts.dashboard.forms.rows
    if not rows:
        return None
    return bar_chart(
        [
            ChartRow(_label(row.title), row.total, _pairs_note(row.total, row.pairs, row.groups))
            for row in rows
        ],
        title="Работающие пары и группы по формам наставничества",
        ident="annual-forms",
    )


def annual_participants_chart(facts: AnnualFacts) -> SafeString | None:
    people = facts.dashboard.participants
    if not people.total:
        return None
    return bar_chart(
        [
            ChartRow("Обучающиеся", people.pupils),
            ChartRow("Сотрудники", people.staff),
            ChartRow("Внешние участники", people.external),
        ],
        title="Участники работающих пар и групп по категориям",
        ident="annual-participants",
    )
