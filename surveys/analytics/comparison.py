"""Before and after: two campaigns of one questionnaire set side by side (monitoring, stage 2)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Q, QuerySet

from mentorship.models import Person
from surveys.analytics.common import _round
from surveys.analytics.data import (
    NUMERIC_KINDS,
    Comparison,
    ComparisonError,
    ItemChange,
    PersonChange,
)
from surveys.models import Answer, Campaign, Question, QuestionKind


def comparable(first: Campaign, second: Campaign) -> bool:
    """Same questionnaire, or versions of one standard questionnaire (the same ``code``)."""
    if first.questionnaire_id == second.questionnaire_id:
        return True
    code = first.questionnaire.code
    return bool(code) and code == second.questionnaire.code


def comparable_campaigns(campaign: Campaign) -> QuerySet[Campaign]:
    """Campaigns that can be set against ``campaign``, itself included."""
    questionnaire = campaign.questionnaire
    same = Q(questionnaire_id=questionnaire.pk)
    if questionnaire.code:
        same |= Q(questionnaire__code=questionnaire.code)
    return Campaign.objects.filter(same).select_related("questionnaire", "year")


def _item_key(question: Question, *, same_questionnaire: bool) -> object:
    """How an item is recognised in both campaigns: itself, or across versions by code/text."""
    if same_questionnaire:
        return question.pk
    if question.code:
        return ("code", question.code)
    return ("text", " ".join(question.text.split()).casefold())


def compare_campaigns(before: Campaign, after: Campaign) -> Comparison:
    """Per item mean before/after and per person mean over the scale items, with changes.

    Three or four queries: the questions, the numeric answers of both campaigns at once,
    and the names of the people who answered both times.
    """
    if before.pk == after.pk:
        raise ComparisonError("Выберите два разных опроса.")
    if not comparable(before, after):
        raise ComparisonError("Сравнивать можно только опросы по одной и той же анкете.")
    same = before.questionnaire_id == after.questionnaire_id
    questions = list(
        Question.objects.filter(
            questionnaire_id__in={before.questionnaire_id, after.questionnaire_id},
            kind__in=NUMERIC_KINDS,
        )
    )
    keys: dict[int, object] = {q.pk: _item_key(q, same_questionnaire=same) for q in questions}
    before_keys = {keys[q.pk] for q in questions if q.questionnaire_id == before.questionnaire_id}
    # Items in the order of the later questionnaire, present in both.
    items = [
        q
        for q in questions
        if q.questionnaire_id == after.questionnaire_id and keys[q.pk] in before_keys
    ]
    matched = {keys[q.pk] for q in items}
    scale_keys = {keys[q.pk] for q in items if q.kind == QuestionKind.SCALE}

    values: dict[tuple[int, object], list[Decimal]] = defaultdict(list)
    personal: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    rows = Answer.objects.filter(
        response__invitation__campaign__in=[before.pk, after.pk],
        response__submitted_at__isnull=False,
        question_id__in=list(keys),
        number__isnull=False,
    ).values_list(
        "response__invitation__campaign_id",
        "response__invitation__person_id",
        "question_id",
        "number",
    )
    for campaign_id, person_id, question_id, number in rows:
        key = keys[question_id]
        if key not in matched:
            continue
        values[(campaign_id, key)].append(Decimal(number))
        if key in scale_keys and person_id is not None:
            personal[(campaign_id, person_id)].append(Decimal(number))

    changes = []
    for question in items:
        key = keys[question.pk]
        first, second = values[(before.pk, key)], values[(after.pk, key)]
        mean_before = sum(first) / len(first) if first else None
        mean_after = sum(second) / len(second) if second else None
        changes.append(
            ItemChange(
                text=question.text,
                kind=question.kind,
                scale_max=question.scale_max,
                before_n=len(first),
                before_mean=_round(mean_before),
                after_n=len(second),
                after_mean=_round(mean_after),
                change=_round(mean_after - mean_before)
                if mean_before is not None and mean_after is not None
                else None,
            )
        )

    both = {p for (c, p) in personal if c == before.pk} & {
        p for (c, p) in personal if c == after.pk
    }
    people_by_pk = (
        {
            p.pk: p
            for p in Person.objects.filter(pk__in=both).only(
                "surname", "name", "patronymic", "department"
            )
        }
        if both
        else {}
    )
    people: list[PersonChange] = []
    exact_changes: list[Decimal] = []
    for person_id in both:
        first, second = personal[(before.pk, person_id)], personal[(after.pk, person_id)]
        mean_before, mean_after = sum(first) / len(first), sum(second) / len(second)
        exact_changes.append(mean_after - mean_before)
        person = people_by_pk.get(person_id)
        people.append(
            PersonChange(
                person_id=person_id,
                name=person.full_name if person else "—",
                department=person.department if person else "",
                before_mean=_round(mean_before),
                after_mean=_round(mean_after),
                change=_round(mean_after - mean_before),
            )
        )
    people.sort(key=lambda row: (row.name, row.person_id))
    return Comparison(
        before=before,
        after=after,
        items=changes,
        people=people,
        mean_change=_round(sum(exact_changes) / len(exact_changes)) if exact_changes else None,
        improved=sum(1 for c in exact_changes if c > 0),
        declined=sum(1 for c in exact_changes if c < 0),
        unchanged=sum(1 for c in exact_changes if c == 0),
        scale_items=len(scale_keys),
    )
