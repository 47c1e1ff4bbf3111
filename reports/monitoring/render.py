"""The monitoring reports as printable documents: the documents' print layout, charts embedded.

One function per report: built data in, a ``PrintDocument`` out; ``reports.renderers`` makes
the PDF (charts as SVG images) and the DOCX (a caption instead of each chart).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.text import slugify

from mentorship.dates import date_ru, date_short
from mentorship.models import Person, ProgrammeYear, School
from mentorship.services import get_school
from mentorship.text import plural_form, transliterate
from reports.documents.common import initials_surname, organisation_lines
from reports.monitoring import charts
from reports.monitoring.builders import (
    AnnualReport,
    SatisfactionReport,
    Stage1Report,
    Stage2Report,
)
from reports.monitoring.common import ANNUAL, SATISFACTION, STAGE1, STAGE2, Note
from reports.monitoring.format import number, percent, signed
from reports.printing import Heading, Image, Item, Items, Paragraph, PrintDocument, Signature, Table

MONITORING_TITLE = "о результатах мониторинга реализации программы наставничества"
NOT_WRITTEN = "Раздел не заполнен: текст пишет куратор на странице отчёта."
# The file name of each report: ASCII, the year and the day of the data.
FILE_STEMS = {
    STAGE1: "monitoring-etap-1",
    STAGE2: "monitoring-etap-2",
    SATISFACTION: "udovletvorennost",
    ANNUAL: "analiticheskaya-spravka",
    "municipal": "svedeniya-dlya-munitsipaliteta",
}


def filename(code: str, year: ProgrammeYear, today: datetime.date, extension: str) -> str:
    """«monitoring-etap-1-2026-2027-2026-11-27.pdf»."""
    period = year.title.replace("/", "-")
    stem = slugify(transliterate(f"{FILE_STEMS[code]} {period} {today.isoformat()}"))
    return f"{stem}.{extension}"


def _plural(count: int, forms: tuple[str, str, str]) -> str:
    return f"{count} {plural_form(count, list(forms))}"


def _signature(author: Person | None) -> Signature:
    if author is None:
        return Signature("Куратор программы наставничества", "")
    position = author.position or "куратор программы наставничества"
    return Signature(position[:1].upper() + position[1:], initials_surname(author.full_name))


def _document(
    *,
    code: str,
    doc_type: str,
    title: str,
    today: datetime.date,
    blocks: list[Any],
    author: Person | None,
    school: School,
) -> PrintDocument:
    dated = Paragraph(f"Данные на {date_ru(today)}", indent=False, align="center")
    return PrintDocument(
        kind=f"monitoring_{code}",
        organisation=organisation_lines(school),
        doc_type=doc_type,
        title=title,
        date=today,
        place=school.locality,
        blocks=(dated, *blocks, _signature(author)),
        gost_edition=school.gost_edition,
        meta={"report": code},
    )


def _chart(svg: str | None, caption: str) -> list[Image]:
    return [Image(str(svg), caption)] if svg else []


def _notes(notes: tuple[Note, ...], number_from: int) -> list[Any]:
    blocks: list[Any] = []
    for offset, note in enumerate(notes):
        blocks.append(Heading(f"{number_from + offset}. {note.heading}"))
        paragraphs = [part.strip() for part in note.text.split("\n") if part.strip()]
        blocks.extend(Paragraph(part) for part in paragraphs or [NOT_WRITTEN])
    return blocks


def _numbered(rows: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    return tuple((str(n), *row) for n, row in enumerate(rows, 1))


# --- stage 1 ---------------------------------------------------------------------------


def _condition_mark(condition) -> str:
    if condition.done:
        return f"выполнено {date_short(condition.done_on)}" if condition.done_on else "выполнено"
    if condition.overdue:
        return f"{condition.status}, срок прошёл"
    return condition.status


def _stage1_conditions(report: Stage1Report) -> list[Any]:
    blocks: list[Any] = [Heading("1. Условия реализации программы")]
    if report.roadmap_id is None:
        blocks.append(
            Paragraph(
                "Дорожная карта на учебный год не составлена: проверить выполнение условий "
                "первого этапа («Подготовка условий») не по чему."
            )
        )
        return blocks
    if report.conditions:
        blocks.append(
            Paragraph(
                f"Из {_plural(len(report.conditions), ('мероприятия', 'мероприятий', 'мероприятий'))} "
                f"этапа «{report.stage_title}» дорожной карты выполнено {report.conditions_done}."
            )
        )
        blocks.append(
            Table(
                columns=("№", "Мероприятие", "Срок", "Отметка о выполнении"),
                rows=tuple(
                    (c.number or str(n), c.title, c.deadline, _condition_mark(c))
                    for n, c in enumerate(report.conditions, 1)
                ),
                widths=(8, 52, 18, 22),
            )
        )
    else:
        blocks.append(Paragraph("В первом этапе дорожной карты нет мероприятий."))
    if report.requirements:
        blocks.append(Paragraph("Документы и базы, которые должен оставить первый этап:"))
        blocks.append(
            Table(
                columns=("№", "Документ или база", "Есть", "Подробности"),
                rows=_numbered(
                    [(r.label, "да" if r.done else "нет", r.detail) for r in report.requirements]
                ),
                widths=(8, 52, 10, 30),
            )
        )
    return blocks


def _stage1_survey(report: Stage1Report) -> list[Any]:
    blocks: list[Any] = [Heading("2. Анкета куратора и SWOT-анализ")]
    survey = report.survey
    if survey is None:
        blocks.append(
            Paragraph(
                "Анкета куратора в этом учебном году не заполнена, поэтому проверки условий "
                "куратором и SWOT-анализа в отчёте нет. Чтобы их получить:"
            )
        )
        blocks.append(Items(tuple(Item(step) for step in report.collect_steps)))
        return blocks
    blocks.append(
        Paragraph(f"По опросу «{survey.title}» (ответов: {survey.answered}).", indent=True)
    )
    if survey.checks:
        blocks.append(
            Table(
                columns=("№", "Условие", "Ответ куратора"),
                rows=_numbered([(check.text, check.answer) for check in survey.checks]),
                widths=(8, 67, 25),
            )
        )
    blocks.append(Paragraph("SWOT-анализ программы:", indent=False, align="left", bold=True))
    blocks.append(
        Table(
            columns=("Квадрант", "Содержание"),
            rows=tuple(
                (quadrant.title, "\n".join(quadrant.entries) or "—") for quadrant in survey.swot
            ),
            widths=(25, 75),
        )
    )
    if survey.comments:
        blocks.append(Paragraph("Другие замечания куратора: " + " ".join(survey.comments)))
    return blocks


def _stage1_meetings(report: Stage1Report) -> list[Any]:
    meetings = report.meetings
    blocks: list[Any] = [
        Heading("3. Регулярность встреч"),
        Paragraph(
            f"Из {_plural(meetings.total, ('работающей пары и группы', 'работающих пар и групп', 'работающих пар и групп'))} "
            f"в установленный срок (не реже одного раза в {_plural(meetings.interval_days, ('день', 'дня', 'дней'))}) "
            f"встречались {meetings.met} ({percent(meetings.percent)}). "
            f"В текущем месяце проведено встреч: {meetings.this_month}."
        ),
    ]
    if report.meetings_by_form:
        blocks.append(
            Table(
                columns=(
                    "№",
                    "Форма наставничества",
                    "Пар и групп",
                    "Встречались в срок",
                    "Доля",
                    "Встреч за год",
                ),
                rows=_numbered(
                    [
                        (
                            row.title,
                            str(row.total),
                            str(row.met),
                            percent(row.percent),
                            str(row.meetings),
                        )
                        for row in report.meetings_by_form
                    ]
                ),
                widths=(7, 37, 14, 16, 12, 14),
            )
        )
        blocks += _chart(charts.meetings_chart(report), "Доля пар и групп, встречавшихся в срок")
    return blocks


def stage1_document(report: Stage1Report, *, author: Person | None) -> PrintDocument:
    feedback = report.feedback
    blocks = [
        *_stage1_conditions(report),
        *_stage1_survey(report),
        *_stage1_meetings(report),
        Heading("4. Обратная связь после встреч"),
        Paragraph(
            f"Заполнено {feedback.answered} из "
            f"{_plural(feedback.invited, ('формы', 'форм', 'форм'))} обратной связи "
            f"({percent(feedback.percent)})."
            if feedback.invited
            else "Форм обратной связи после встреч в этом учебном году не рассылали."
        ),
        *_notes(report.notes, 5),
    ]
    return _document(
        code=STAGE1,
        doc_type="ОТЧЁТ",
        title=f"{MONITORING_TITLE} в {report.year.title} учебном году. Этап 1: оценка "
        "качества процесса реализации программы",
        today=report.today,
        blocks=blocks,
        author=author,
        school=get_school(),
    )


# --- stage 2 ---------------------------------------------------------------------------


def _measurement(index: int, measurement) -> list[Any]:
    comparison = measurement.comparison
    both = len(comparison.people)
    blocks: list[Any] = [
        Heading(f"{index}. «{measurement.title}»"),
        Paragraph(
            f"Входной замер — опрос «{comparison.before.title}» "
            f"({date_short(comparison.before.starts_on)}), итоговый — «{comparison.after.title}» "
            f"({date_short(comparison.after.starts_on)}). Ответили оба раза: "
            f"{_plural(both, ('участник', 'участника', 'участников'))}"
            + (
                f"; средний прирост по шкалам {signed(comparison.mean_change)}: выросли — "
                f"{comparison.improved}, снизились — {comparison.declined}, без изменений — "
                f"{comparison.unchanged}."
                if both
                else "."
            )
        ),
    ]
    if comparison.items:
        blocks.append(
            Table(
                columns=("№", "Показатель", "До", "После", "Изменение"),
                rows=_numbered(
                    [
                        (
                            item.text,
                            f"{number(item.before_mean)} (n={item.before_n})",
                            f"{number(item.after_mean)} (n={item.after_n})",
                            signed(item.change),
                        )
                        for item in comparison.items
                    ]
                ),
                widths=(7, 45, 16, 16, 16),
            )
        )
        blocks += _chart(charts.items_chart(measurement, f"items-{index}"), "Средние по шкалам")
    if measurement.by_form:
        blocks.append(Paragraph("По формам наставничества (средний балл участников по шкалам):"))
        blocks.append(
            Table(
                columns=(
                    "№",
                    "Форма",
                    "Участников",
                    "До",
                    "После",
                    "Изменение",
                    "Выросли",
                    "Снизились",
                ),
                rows=_numbered(
                    [
                        (
                            row.title,
                            str(row.people),
                            number(row.before),
                            number(row.after),
                            signed(row.change),
                            str(row.improved),
                            str(row.declined),
                        )
                        for row in measurement.by_form
                    ]
                ),
                widths=(6, 30, 12, 10, 10, 12, 10, 10),
            )
        )
    if measurement.people:
        blocks.append(Paragraph("По участникам (средний балл по шкалам):"))
        blocks.append(
            Table(
                columns=("№", "Участник", "Форма", "До", "После", "Изменение"),
                rows=_numbered(
                    [
                        (
                            p.name,
                            p.forms or "—",
                            number(p.before),
                            number(p.after),
                            signed(p.change),
                        )
                        for p in measurement.people
                    ]
                ),
                widths=(6, 34, 24, 12, 12, 12),
            )
        )
    return blocks


def stage2_document(
    report: Stage2Report, *, today: datetime.date, author: Person | None
) -> PrintDocument:
    blocks: list[Any] = []
    for index, measurement in enumerate(report.measurements, 1):
        blocks += _measurement(index, measurement)
    if not report.measurements:
        blocks.append(
            Paragraph(
                "Входное и итоговое анкетирование по одной анкете в этом учебном году не "
                "проведено, поэтому рост участников оценить пока нельзя. Проведите опрос в "
                "начале программы (когда проводится: «до программы») и по той же анкете в "
                "конце («после программы»)."
            )
        )
    if report.waiting:
        blocks.append(Paragraph("Ждут второго замера: " + "; ".join(report.waiting) + "."))
    blocks += _notes(report.notes, len(report.measurements) + 1)
    return _document(
        code=STAGE2,
        doc_type="ОТЧЁТ",
        title=f"{MONITORING_TITLE} в {report.year.title} учебном году. Этап 2: оценка "
        "роста участников программы",
        today=today,
        blocks=blocks,
        author=author,
        school=get_school(),
    )


# --- satisfaction ----------------------------------------------------------------------


def _score(score) -> str:
    if score.mean is None:
        return "нет ответов"
    return f"{number(score.mean)} ({_plural(score.respondents, ('анкета', 'анкеты', 'анкет'))})"


def _item_value(item) -> str:
    if item.kind == "yes_no":
        return f"да — {item.yes}, нет — {item.no}"
    return number(item.mean)


def satisfaction_document(
    report: SatisfactionReport, *, today: datetime.date, author: Person | None
) -> PrintDocument:
    summary = report.summary
    blocks: list[Any] = [
        Heading("1. Общая оценка"),
        Paragraph(
            "Средняя удовлетворённость по шкале 1–10 (шкалы другой длины приведены к 1–10): "
            f"наставников — {_score(summary.mentors)}, наставляемых — {_score(summary.mentees)}."
        ),
        *_chart(charts.satisfaction_summary_chart(summary), "Средняя удовлетворённость"),
        Heading("2. По формам наставничества"),
    ]
    if report.by_form:
        blocks.append(
            Table(
                columns=(
                    "№",
                    "Форма",
                    "Наставники, из 10",
                    "Анкет",
                    "Наставляемые, из 10",
                    "Анкет",
                ),
                rows=_numbered(
                    [
                        (
                            row.title,
                            number(row.mentors),
                            str(row.mentors_n),
                            number(row.mentees),
                            str(row.mentees_n),
                        )
                        for row in report.by_form
                    ]
                ),
                widths=(6, 38, 16, 10, 20, 10),
            )
        )
        blocks += _chart(charts.satisfaction_forms_chart(report), "Удовлетворённость по формам")
    else:
        blocks.append(Paragraph("Ответов на анкеты удовлетворённости пока нет."))
    blocks.append(Heading("3. По вопросам анкет"))
    if not report.surveys:
        blocks.append(
            Paragraph(
                "Опросов удовлетворённости в этом учебном году не проводили. Их проводят в "
                "конце программы по анкетам удовлетворённости наставника и наставляемого."
            )
        )
    for index, survey in enumerate(report.surveys, 1):
        blocks.append(
            Paragraph(
                f"{survey.side}: опрос «{survey.title}», ответили {survey.answered} из "
                f"{survey.invited}.",
                indent=False,
                align="left",
                bold=True,
            )
        )
        if survey.items:
            blocks.append(
                Table(
                    columns=("№", "Вопрос", "Шкала", "Ответов", "Среднее или да / нет"),
                    rows=tuple(
                        (
                            str(item.number),
                            item.text,
                            item.scale or "—",
                            str(item.n),
                            _item_value(item),
                        )
                        for item in survey.items
                    ),
                    widths=(6, 54, 10, 10, 20),
                )
            )
            blocks += _chart(charts.survey_chart(survey, f"survey-{index}"), "Средние по вопросам")
    blocks += _notes(report.notes, 4)
    return _document(
        code=SATISFACTION,
        doc_type="ОТЧЁТ",
        title=f"об удовлетворённости участников программы наставничества в {report.year.title} "
        "учебном году",
        today=today,
        blocks=blocks,
        author=author,
        school=get_school(),
    )


# --- the annual analytic report ----------------------------------------------------------


def _annual_people(report: AnnualReport) -> list[Any]:
    facts = report.facts
    d = facts.dashboard
    people, roles, pupils, young = d.participants, facts.roles, d.pupils, d.young
    reached = "достигнуто" if pupils.meets_target else "не достигнуто"
    return [
        Heading("1. Участники программы"),
        Paragraph(
            f"В программе наставничества участвуют "
            f"{_plural(people.total, ('человек', 'человека', 'человек'))} (в парах и группах, "
            f"закреплённых приказом или работающих): обучающихся — {people.pupils}, "
            f"педагогов и других сотрудников — {people.staff}, внешних участников — "
            f"{people.external}. Наставников — {roles.mentors}, наставляемых — {roles.mentees}; "
            f"из них обучающихся: наставников — {roles.pupil_mentors}, наставляемых — "
            f"{roles.pupil_mentees}."
        ),
        *_chart(charts.annual_participants_chart(facts), "Участники по категориям"),
        Heading("2. Вовлечённость обучающихся"),
        Paragraph(
            f"В различные формы наставничества вовлечено {pupils.involved} из "
            f"{_plural(pupils.total, ('обучающегося', 'обучающихся', 'обучающихся'))} "
            f"({percent(pupils.percent)}) при целевом значении не менее "
            f"{pupils.target:.0f} %: целевое значение {reached}. {pupils.basis}"
        ),
        Heading("3. Молодые специалисты"),
        Paragraph(
            f"Наставник закреплён за {young.mentored} из "
            f"{_plural(young.total, ('молодого специалиста', 'молодых специалистов', 'молодых специалистов'))} "
            f"({percent(young.percent)}); молодой специалист — сотрудник моложе "
            f"{_plural(young.max_age, ('года', 'лет', 'лет'))} со стажем не более "
            f"{_plural(young.max_experience, ('года', 'лет', 'лет'))}."
        ),
    ]


def _annual_work(report: AnnualReport) -> list[Any]:
    facts = report.facts
    d = facts.dashboard
    forms, meetings, feedback = d.forms, d.meetings, d.feedback
    blocks: list[Any] = [Heading("4. Наставнические пары и группы")]
    if forms.rows:
        working = [
            _plural(forms.pairs, ("пара", "пары", "пар")) if forms.pairs else "",
            _plural(forms.groups, ("группа", "группы", "групп")) if forms.groups else "",
        ]
        blocks.append(
            Paragraph(
                f"Работают {' и '.join(part for part in working if part)}, в них "
                f"{_plural(forms.mentees, ('наставляемый', 'наставляемых', 'наставляемых'))}."
            )
        )
        blocks.append(
            Table(
                columns=("№", "Форма наставничества", "Пар", "Групп", "Наставляемых"),
                rows=(
                    *_numbered(
                        [
                            (row.title, str(row.pairs), str(row.groups), str(row.mentees))
                            for row in forms.rows
                        ]
                    ),
                    ("", "Всего", str(forms.pairs), str(forms.groups), str(forms.mentees)),
                ),
                widths=(7, 51, 14, 14, 14),
            )
        )
        blocks += _chart(charts.annual_forms_chart(facts), "Пары и группы по формам")
    else:
        blocks.append(Paragraph("Работающих пар и групп в этом учебном году нет."))
    blocks += [
        Heading("5. Встречи и обратная связь"),
        Paragraph(
            f"С начала учебного года проведено {_plural(facts.meetings_held, ('встреча', 'встречи', 'встреч'))}. "
            f"На дату справки в установленный срок (не реже одного раза в "
            f"{_plural(meetings.interval_days, ('день', 'дня', 'дней'))}) встречались "
            f"{meetings.met} из {meetings.total} работающих пар и групп "
            f"({percent(meetings.percent)})."
        ),
        Paragraph(
            f"Заполнено {feedback.answered} из {_plural(feedback.invited, ('формы', 'форм', 'форм'))} "
            f"обратной связи после встреч ({percent(feedback.percent)})."
            if feedback.invited
            else "Формы обратной связи после встреч не рассылались."
        ),
    ]
    return blocks


def _annual_results(report: AnnualReport) -> list[Any]:
    facts = report.facts
    d = facts.dashboard
    roadmap, satisfaction = d.roadmap, d.satisfaction
    blocks: list[Any] = [
        Heading("6. Удовлетворённость участников"),
        Paragraph(
            "Средняя удовлетворённость по шкале 1–10: наставников — "
            f"{_score(satisfaction.mentors)}, наставляемых — {_score(satisfaction.mentees)}."
        ),
        *_chart(charts.satisfaction_summary_chart(satisfaction), "Средняя удовлетворённость"),
        Heading("7. Выполнение дорожной карты"),
        Paragraph(
            f"Выполнено {roadmap.done} из "
            f"{_plural(roadmap.total, ('мероприятия', 'мероприятий', 'мероприятий'))} дорожной "
            f"карты ({percent(roadmap.percent)}); просрочено — {roadmap.overdue}."
            if roadmap.exists
            else "Дорожная карта на учебный год не составлена."
        ),
        Heading("8. Документы"),
    ]
    if facts.documents:
        blocks.append(
            Paragraph(
                f"Утверждено {_plural(facts.documents_total, ('документ', 'документа', 'документов'))}:"
            )
        )
        blocks.append(
            Table(
                columns=("№", "Вид документа", "Количество"),
                rows=_numbered([(row.label, str(row.count)) for row in facts.documents]),
                widths=(8, 72, 20),
            )
        )
    else:
        blocks.append(Paragraph("Утверждённых документов этого учебного года нет."))
    rewards = ", ".join(f"{row.label} — {row.count}" for row in facts.rewards)
    blocks += [
        Heading("9. Лучшие практики и поощрение наставников"),
        Paragraph(
            f"В базу лучших практик внесено {_plural(facts.cases, ('кейс', 'кейса', 'кейсов'))}, "
            f"из них опубликовано {facts.cases_published}. "
            + (
                f"Поощрений наставников — {facts.rewards_total} ({rewards})."
                if facts.rewards
                else "Поощрений наставников в этом учебном году нет."
            )
        ),
    ]
    return blocks


def annual_document(report: AnnualReport, *, author: Person | None) -> PrintDocument:
    facts = report.facts
    return _document(
        code=ANNUAL,
        doc_type="АНАЛИТИЧЕСКАЯ СПРАВКА",
        title=f"по итогам реализации программы наставничества в {facts.year.title} учебном году",
        today=facts.today,
        blocks=[
            *_annual_people(report),
            *_annual_work(report),
            *_annual_results(report),
            *_notes(report.notes, 10),
        ],
        author=author,
        school=facts.school,
    )
