"""Personalised mentoring programmes: created from a template or empty, edited item by item.

The page's reads live here too (``programme_page``, ``progress_percent``): progress is always
derived from the items, never stored.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from mentorship.common import audit, model_update
from mentorship.exceptions import DomainError
from mentorship.models import (
    ItemKind,
    Mentorship,
    PersonalProgramme,
    ProgrammeItem,
    ProgrammeTemplate,
    User,
)

PROGRAMME_FIELDS = ["title", "goals", "development_plan"]
ITEM_FIELDS = ["kind", "title", "due_date", "expected_result", "done_on"]

# The stages inside one pair (domain §2.5). A template marks each dated item with its stage;
# the programme's items are placed by date, from the weeks where the template's stages begin.
ADAPTATION, MAIN, CONTROL = "adaptation", "main", "control"
STAGES = {
    ADAPTATION: "Адаптационный этап",
    MAIN: "Основной этап",
    CONTROL: "Контрольно-оценочный этап",
}
STAGE_HINTS = {
    ADAPTATION: "знакомство, выявление затруднений, план развития",
    MAIN: "реализация программы",
    CONTROL: "проверка результатов, самоанализ, итоги",
}
# Without a template: the first sixth of the period adapts, the last sixth checks results.
DEFAULT_STAGE_SHARE = {MAIN: 1 / 6, CONTROL: 5 / 6}
TITLE_MAX_LENGTH = 300


# Writes ----------------------------------------------------------------------------------


def _title_for(mentorship: Mentorship) -> str:
    mentees = sorted(
        member.mentee.person.short_name
        for member in mentorship.members.filter(left_on__isnull=True).select_related(
            "mentee__person"
        )
    )
    title = (
        "Персонализированная программа наставничества: "
        f"{mentorship.mentor.person.short_name} — {', '.join(mentees) or 'наставляемые'}"
    )
    if len(title) > TITLE_MAX_LENGTH:
        title = title[: TITLE_MAX_LENGTH - 1] + "…"
    return title


def _due_date(mentorship: Mentorship, week: Any) -> datetime.date | None:
    if week is None or week == "":
        return None
    due = mentorship.start_date + datetime.timedelta(weeks=int(week))
    return min(max(due, mentorship.start_date), mentorship.planned_end_date)


def _template_items(template: ProgrammeTemplate) -> list[dict]:
    """The template's items, checked: templates are edited by hand, so refuse a broken one."""
    if not isinstance(template.items, list):
        raise DomainError(f"Шаблон «{template}» повреждён: пункты должны быть списком.")
    items = []
    for number, raw in enumerate(template.items, start=1):
        if not isinstance(raw, dict) or not str(raw.get("title", "")).strip():
            raise DomainError(f"Шаблон «{template}» повреждён: у пункта {number} нет названия.")
        kind = raw.get("kind") or ItemKind.ACTIVITY
        if kind not in ItemKind.values:
            raise DomainError(f"Шаблон «{template}»: неизвестный вид пункта {number} «{kind}».")
        week = raw.get("week")
        if week not in (None, "") and (not str(week).isdigit()):
            raise DomainError(f"Шаблон «{template}»: неделя пункта {number} — не число.")
        items.append({**raw, "kind": kind, "title": str(raw["title"]).strip()})
    return items


def _check_no_programme(mentorship: Mentorship) -> None:
    if PersonalProgramme.objects.filter(mentorship=mentorship).exists():
        raise DomainError("У этой пары уже есть программа.")


@transaction.atomic
def programme_create_from_template(
    *, mentorship: Mentorship, template: ProgrammeTemplate, actor: User | None
) -> PersonalProgramme:
    """The pair's programme with the template's items dated from the pair's start."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    _check_no_programme(mentorship)
    items = _template_items(template)
    programme = PersonalProgramme(
        mentorship=mentorship,
        title=_title_for(mentorship),
        goals=template.goals,
        template_code=template.code,
    )
    programme.full_clean()
    programme.save()
    rows = [
        ProgrammeItem(
            programme=programme,
            order=order,
            kind=raw["kind"],
            title=raw["title"][:500],
            due_date=_due_date(mentorship, raw.get("week")),
            expected_result=str(raw.get("expected_result") or "")[:500],
        )
        for order, raw in enumerate(items, start=1)
    ]
    for row in rows:
        row.full_clean(exclude=["programme"])
    ProgrammeItem.objects.bulk_create(rows)
    audit(
        actor=actor,
        action="programme.create",
        obj=programme,
        data={"mentorship": mentorship.pk, "template": template.code, "items": len(rows)},
    )
    return programme


@transaction.atomic
def programme_create_empty(*, mentorship: Mentorship, actor: User | None) -> PersonalProgramme:
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    _check_no_programme(mentorship)
    programme = PersonalProgramme(
        mentorship=mentorship, title=_title_for(mentorship), goals=mentorship.goal
    )
    programme.full_clean()
    programme.save()
    audit(
        actor=actor,
        action="programme.create",
        obj=programme,
        data={"mentorship": mentorship.pk, "template": "", "items": 0},
    )
    return programme


@transaction.atomic
def programme_update(
    *, programme: PersonalProgramme, data: dict[str, Any], actor: User | None
) -> PersonalProgramme:
    """Change the title, the goals or the mentee's development plan."""
    programme, changed = model_update(instance=programme, fields=PROGRAMME_FIELDS, data=data)
    if changed:
        audit(actor=actor, action="programme.update", obj=programme, data={"fields": changed})
    return programme


def _check_dates(programme: PersonalProgramme, data: dict[str, Any], today: datetime.date) -> None:
    mentorship = programme.mentorship
    due = data.get("due_date")
    if due is not None and not mentorship.start_date <= due <= mentorship.planned_end_date:
        raise DomainError(
            "Срок должен быть в пределах программы: с "
            f"{mentorship.start_date:%d.%m.%Y} по {mentorship.planned_end_date:%d.%m.%Y}."
        )
    done_on = data.get("done_on")
    if done_on is not None and done_on > today:
        raise DomainError("Дата выполнения не может быть в будущем.")


@transaction.atomic
def item_add(
    *, programme: PersonalProgramme, data: dict[str, Any], actor: User | None
) -> ProgrammeItem:
    _check_dates(programme, data, timezone.localdate())
    last = programme.items.order_by("-order").values_list("order", flat=True).first() or 0
    item = ProgrammeItem(programme=programme, order=last + 1)
    for name in ITEM_FIELDS:
        if name in data:
            setattr(item, name, data[name])
    item.full_clean()
    item.save()
    audit(
        actor=actor,
        action="programme.item_add",
        obj=programme,
        data={"item": item.pk, "kind": item.kind, "title": item.title[:200]},
    )
    return item


@transaction.atomic
def item_update(*, item: ProgrammeItem, data: dict[str, Any], actor: User | None) -> ProgrammeItem:
    changed_dates = {
        name: data[name]
        for name in ("due_date", "done_on")
        if name in data and data[name] != getattr(item, name)
    }
    # A due date left as it was stays valid even if the pair's dates have moved since.
    _check_dates(item.programme, changed_dates, timezone.localdate())
    item, changed = model_update(instance=item, fields=ITEM_FIELDS, data=data)
    if changed:
        audit(
            actor=actor,
            action="programme.item_update",
            obj=item.programme,
            data={"item": item.pk, "fields": changed},
        )
    return item


@transaction.atomic
def item_delete(*, item: ProgrammeItem, actor: User | None) -> None:
    programme = item.programme
    data = {"item": item.pk, "kind": item.kind, "title": item.title[:200]}
    item.delete()
    audit(actor=actor, action="programme.item_delete", obj=programme, data=data)


@transaction.atomic
def item_mark_done(
    *, item: ProgrammeItem, done_on: datetime.date, actor: User | None
) -> ProgrammeItem:
    if done_on > timezone.localdate():
        raise DomainError("Дата выполнения не может быть в будущем.")
    if item.done_on == done_on:
        return item
    item.done_on = done_on
    item.save(update_fields=["done_on", "updated_at"])
    audit(
        actor=actor,
        action="programme.item_done",
        obj=item.programme,
        data={"item": item.pk, "done_on": done_on},
    )
    return item


@transaction.atomic
def item_reopen(*, item: ProgrammeItem, actor: User | None) -> ProgrammeItem:
    if item.done_on is None:
        return item
    item.done_on = None
    item.save(update_fields=["done_on", "updated_at"])
    audit(actor=actor, action="programme.item_reopen", obj=item.programme, data={"item": item.pk})
    return item


# Reads -----------------------------------------------------------------------------------


def _counted(items: list[ProgrammeItem]) -> list[ProgrammeItem]:
    """Goals are reached through tasks and activities; they count only when alone."""
    return [item for item in items if item.kind != ItemKind.GOAL] or items


def progress_percent(items: Iterable[ProgrammeItem]) -> int:
    """Done share of the tasks and activities (of the goals if there is nothing else), 0–100."""
    counted = _counted(list(items))
    if not counted:
        return 0
    # Rounded down, so 100 % means that everything is done.
    return sum(1 for item in counted if item.done_on) * 100 // len(counted)


def progress_by_mentorship(mentorship_ids: Iterable[int]) -> dict[int, int]:
    """``{mentorship id: percent}`` for a list page, in one query."""
    not_goal = ~Q(items__kind=ItemKind.GOAL)
    rows = (
        PersonalProgramme.objects.filter(mentorship_id__in=list(mentorship_ids))
        .annotate(
            total=Count("items"),
            done=Count("items", filter=Q(items__done_on__isnull=False)),
            work=Count("items", filter=not_goal),
            work_done=Count("items", filter=not_goal & Q(items__done_on__isnull=False)),
        )
        .values_list("mentorship_id", "total", "done", "work", "work_done")
    )
    result = {}
    for mentorship_id, total, done, work, work_done in rows:
        if work:
            result[mentorship_id] = work_done * 100 // work
        else:
            result[mentorship_id] = done * 100 // total if total else 0
    return result


@dataclass
class StageView:
    code: str
    title: str
    hint: str
    items: list[ProgrammeItem] = field(default_factory=list)


@dataclass
class ProgrammePage:
    programme: PersonalProgramme
    today: datetime.date
    goals: list[ProgrammeItem]
    stages: list[StageView]
    undated: list[ProgrammeItem]
    done: int
    total: int
    percent: int
    overdue: int


def stage_starts(
    mentorship: Mentorship, template: ProgrammeTemplate | None
) -> dict[str, datetime.date]:
    """The dates where the main and control stages begin for this pair."""
    weeks: dict[str, int] = {}
    if template is not None and isinstance(template.items, list):
        for raw in template.items:
            if not isinstance(raw, dict):
                continue
            stage, week = raw.get("stage"), raw.get("week")
            if stage in (MAIN, CONTROL) and str(week).isdigit():
                weeks[stage] = min(weeks.get(stage, int(week)), int(week))
    start, end = mentorship.start_date, mentorship.planned_end_date
    starts = {}
    for stage, share in DEFAULT_STAGE_SHARE.items():
        if stage in weeks:
            starts[stage] = min(start + datetime.timedelta(weeks=weeks[stage]), end)
        else:
            starts[stage] = start + datetime.timedelta(days=int((end - start).days * share))
    return starts


def stage_of(due_date: datetime.date, starts: dict[str, datetime.date]) -> str:
    if due_date >= starts[CONTROL]:
        return CONTROL
    if due_date >= starts[MAIN]:
        return MAIN
    return ADAPTATION


def mark_overdue(item: ProgrammeItem, today: datetime.date) -> ProgrammeItem:
    item.overdue = item.done_on is None and item.due_date is not None and item.due_date < today
    return item


def programme_progress(programme: PersonalProgramme) -> dict[str, int]:
    """The progress bar's numbers, for an htmx refresh after one item changed."""
    items = list(programme.items.only("kind", "done_on"))
    counted = _counted(items)
    return {
        "done": sum(1 for item in counted if item.done_on),
        "total": len(counted),
        "percent": progress_percent(items),
    }


def programme_page(*, mentorship: Mentorship, today: datetime.date) -> ProgrammePage | None:
    """Everything the programme page shows, in a fixed number of queries."""
    programme = PersonalProgramme.objects.filter(mentorship=mentorship).first()
    if programme is None:
        return None
    programme.mentorship = mentorship
    items = [mark_overdue(item, today) for item in programme.items.all()]
    template = (
        ProgrammeTemplate.objects.filter(code=programme.template_code).first()
        if programme.template_code
        else None
    )
    starts = stage_starts(mentorship, template)
    stages = {code: StageView(code, title, STAGE_HINTS[code]) for code, title in STAGES.items()}
    goals, undated = [], []
    for item in sorted(items, key=lambda i: (i.due_date or datetime.date.max, i.order, i.pk)):
        if item.kind == ItemKind.GOAL:
            goals.append(item)
        elif item.due_date is None:
            undated.append(item)
        else:
            stages[stage_of(item.due_date, starts)].items.append(item)
    counted = _counted(items)
    return ProgrammePage(
        programme=programme,
        today=today,
        goals=goals,
        stages=list(stages.values()),
        undated=undated,
        done=sum(1 for item in counted if item.done_on),
        total=len(counted),
        percent=progress_percent(items),
        overdue=sum(1 for item in items if item.overdue),
    )


def templates_for(mentorship: Mentorship) -> list[ProgrammeTemplate]:
    """All templates, those of the pair's form first."""
    templates = list(ProgrammeTemplate.objects.select_related("form"))
    return sorted(templates, key=lambda t: (t.form_id != mentorship.form_id, t.title))
