"""Export of a campaign's responses: a row per submitted response, a column per question.

The file names the respondents, so each export is personal data leaving the system: the
curator only, and every run writes an audit row (152-ФЗ).
"""

from __future__ import annotations

from decimal import Decimal

import tablib
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from mentorship.common import audit
from mentorship.exporting import FORMATS, ExportFile
from mentorship.models import Person, User
from surveys.analytics import NO, YES
from surveys.models import Answer, Campaign, Question, QuestionKind, Response

JOIN = "; "
FIXED_HEADERS = ("ФИО", "Методобъединение или класс", "Отправлено")
YES_NO_TEXT = {YES: "да", NO: "нет"}


def _number(value: Decimal | None) -> int | Decimal | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value.normalize()


def _cell(question: Question, answer: Answer | None, names: dict[int, str]) -> object:
    if answer is None:
        return None
    kind = question.kind
    if kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
        return _number(answer.number)
    if kind == QuestionKind.DATE:
        return answer.date_value
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        # Options in the questionnaire's order, not in the order they were stored.
        chosen = sorted(answer.choices.all(), key=lambda option: (option.order, option.pk))
        return JOIN.join(option.text for option in chosen)
    if kind == QuestionKind.RANKING:
        ranking = answer.ranking if isinstance(answer.ranking, list) else []
        return JOIN.join(names.get(pk, "—") for pk in ranking if isinstance(pk, int))
    if kind == QuestionKind.YES_NO:
        return YES_NO_TEXT.get(answer.text, answer.text)
    return answer.text


def question_header(number: int, question: Question) -> str:
    return f"{number}. {' '.join(question.text.split())}"


def responses_dataset(*, campaign: Campaign) -> tablib.Dataset:
    """The submitted responses, ordered by name; five queries whatever their number."""
    questions = list(Question.objects.filter(questionnaire_id=campaign.questionnaire_id))
    responses = list(
        Response.objects.filter(invitation__campaign=campaign, submitted_at__isnull=False)
        .select_related("invitation__person")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.prefetch_related("choices")))
        .order_by("invitation__person__search_key", "submitted_at", "pk")
    )
    ranked = {
        pk
        for response in responses
        for answer in response.answers.all()
        if isinstance(answer.ranking, list)
        for pk in answer.ranking
        if isinstance(pk, int)
    }
    names = (
        {
            p.pk: p.full_name
            for p in Person.objects.filter(pk__in=ranked).only("surname", "name", "patronymic")
        }
        if ranked
        else {}
    )
    dataset = tablib.Dataset(
        headers=[*FIXED_HEADERS, *(question_header(n, q) for n, q in enumerate(questions, 1))]
    )
    for response in responses:
        person = response.invitation.person
        by_question = {answer.question_id: answer for answer in response.answers.all()}
        dataset.append(
            [
                person.full_name,
                person.department,
                timezone.localdate(response.submitted_at),
                *(_cell(question, by_question.get(question.pk), names) for question in questions),
            ]
        )
    return dataset


@transaction.atomic
def responses_export(*, campaign: Campaign, fmt: str, actor: User | None) -> ExportFile:
    """All submitted responses of a campaign as XLSX or CSV; writes an audit row."""
    dataset = responses_dataset(campaign=campaign)
    export = FORMATS[fmt].file(
        dataset,
        stem=f"otvety-opros-{campaign.pk}-{timezone.localdate():%Y-%m-%d}",
        title="Ответы",
    )
    audit(
        actor=actor,
        action="responses.export",
        obj=campaign,
        data={"format": fmt, "rows": len(dataset)},
    )
    return export
