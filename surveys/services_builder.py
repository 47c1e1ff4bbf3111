"""The curator's questionnaire builder: questionnaires, questions and options, copies, versions.

A questionnaire that already holds submitted answers is never changed in its structure: the
first such edit makes a new version (same code, ``version + 1``, ``previous`` = the old one)
and applies the edit there, so the old answers keep the questions they were given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from mentorship.common import audit, model_update
from mentorship.exceptions import DomainError
from mentorship.models import Topic, User
from surveys.models import (
    CHOICE_KINDS,
    Answer,
    Option,
    Question,
    QuestionKind,
    Questionnaire,
)

QUESTIONNAIRE_FIELDS = ["title", "purpose", "audience", "form", "description", "is_archived"]
# These change what the collected answers mean (write-back, analytics by audience), so an
# answered questionnaire gets a new version; a new title or description does not.
STRUCTURAL_FIELDS = frozenset({"purpose", "audience", "form"})
QUESTION_DEFAULTS: dict[str, Any] = {
    "help_text": "",
    "required": True,
    "code": "",
    "scale_min": None,
    "scale_max": None,
    "scale_min_label": "",
    "scale_max_label": "",
    "topic": None,
    "max_choices": None,
}
QUESTION_FIELDS = ["kind", "text", *QUESTION_DEFAULTS]
RANKING_PLACES = (1, 5)
RANKING_DEFAULT_PLACES = 3
SCALE_MAX_STEPS = 11  # 0…10 is the widest scale a respondent can read in one row
COPY_SUFFIX = " (копия)"
Direction = Literal["up", "down"]


@dataclass(frozen=True)
class OptionData:
    """An option as the curator lists it; ``pk`` keeps an existing option with its code."""

    text: str
    topic: Topic | None = None
    weight: int | None = None
    pk: int | None = None


@dataclass
class _Target:
    """The questionnaire that is actually edited, and where the old rows went in it."""

    questionnaire: Questionnaire
    questions: dict[int, Question] = field(default_factory=dict)
    options: dict[int, int] = field(default_factory=dict)


# Validation -------------------------------------------------------------------------------


def question_errors(
    *,
    kind: str,
    scale_min: int | None,
    scale_max: int | None,
    max_choices: int | None,
    option_texts: list[str],
) -> dict[str, str]:
    """The rules of a question's settings, by form field; shared by the form and the services."""
    errors: dict[str, str] = {}
    if kind in CHOICE_KINDS:
        if len(option_texts) < 2:
            errors["options"] = "Для выбора из вариантов нужно не меньше двух вариантов ответа."
        else:
            repeated = sorted({text for text in option_texts if option_texts.count(text) > 1})
            if repeated:
                errors["options"] = "Варианты повторяются: " + ", ".join(
                    f"«{text}»" for text in repeated
                )
    if kind == QuestionKind.SCALE:
        if scale_min is None or scale_max is None:
            errors["scale_max"] = "Укажите начало и конец шкалы."
        elif scale_min >= scale_max:
            errors["scale_max"] = "Конец шкалы должен быть больше начала."
        elif scale_max - scale_min + 1 > SCALE_MAX_STEPS:
            errors["scale_max"] = f"На шкале может быть не больше {SCALE_MAX_STEPS} делений."
    if (
        kind == QuestionKind.NUMBER
        and scale_min is not None
        and scale_max is not None
        and scale_min >= scale_max
    ):
        errors["scale_max"] = "Наибольшее значение должно быть больше наименьшего."
    low, high = RANKING_PLACES
    if kind == QuestionKind.RANKING and (max_choices is None or not low <= max_choices <= high):
        errors["max_choices"] = f"Сколько людей выбрать по порядку: от {low} до {high}."
    if (
        kind == QuestionKind.MULTIPLE
        and max_choices is not None
        and len(option_texts) >= 2
        and not 1 <= max_choices <= len(option_texts)
    ):
        errors["max_choices"] = f"Ограничение выбора: от 1 до {len(option_texts)}."
    return errors


def _normalised(
    data: dict[str, Any], options: list[OptionData]
) -> tuple[dict[str, Any], list[OptionData]]:
    """Keep only the settings the kind uses, so a question never carries stale ones."""
    values = {name: data.get(name, default) for name, default in QUESTION_DEFAULTS.items()}
    values["kind"], values["text"] = data["kind"], data["text"].strip()
    kind = values["kind"]
    if kind not in (QuestionKind.SCALE, QuestionKind.NUMBER):
        values["scale_min"] = values["scale_max"] = None
    if kind != QuestionKind.SCALE:
        values["scale_min_label"] = values["scale_max_label"] = ""
    if kind == QuestionKind.RANKING and values["max_choices"] is None:
        values["max_choices"] = RANKING_DEFAULT_PLACES
    if kind not in (QuestionKind.MULTIPLE, QuestionKind.RANKING):
        values["max_choices"] = None
    if kind not in CHOICE_KINDS:
        return values, []
    cleaned = [
        OptionData(text=o.text.strip(), topic=o.topic, weight=o.weight, pk=o.pk)
        for o in options
        if o.text.strip()
    ]
    return values, cleaned


def _validate(values: dict[str, Any], options: list[OptionData]) -> None:
    errors = question_errors(
        kind=values["kind"],
        scale_min=values["scale_min"],
        scale_max=values["scale_max"],
        max_choices=values["max_choices"],
        option_texts=[o.text for o in options],
    )
    if errors:
        raise ValidationError(errors)


# Versions and copies ----------------------------------------------------------------------


def is_superseded(questionnaire: Questionnaire) -> bool:
    """An older version: its answers are kept exactly as given, so it is read-only."""
    return Questionnaire.objects.filter(previous=questionnaire).exists()


def has_submitted_answers(questionnaire: Questionnaire) -> bool:
    return questionnaire.responses.filter(submitted_at__isnull=False).exists()


def _copy(
    source: Questionnaire, **overrides: Any
) -> tuple[Questionnaire, dict[int, Question], dict[int, int]]:
    """A full copy with questions and options; returns the maps old pk → new row."""
    copy = Questionnaire(
        code=source.code,
        version=source.version,
        title=source.title,
        purpose=source.purpose,
        audience=source.audience,
        form_id=source.form_id,
        description=source.description,
        is_standard=source.is_standard,
        is_archived=source.is_archived,
    )
    for name, value in overrides.items():
        setattr(copy, name, value)
    copy.full_clean()
    copy.save()
    questions: dict[int, Question] = {}
    options: dict[int, int] = {}
    # Rows that were valid in the source stay valid: they are copied as they are.
    for question in source.questions.prefetch_related("options"):
        old_pk, old_options = question.pk, list(question.options.all())
        question.pk, question.id, question.questionnaire = None, None, copy
        question._state.adding = True
        question.save()
        questions[old_pk] = question
        for option in old_options:
            old_option_pk = option.pk
            option.pk, option.id, option.question = None, None, question
            option._state.adding = True
            option.save()
            options[old_option_pk] = option.pk
    return copy, questions, options


def _next_version_number(questionnaire: Questionnaire) -> int:
    if not questionnaire.code:
        return questionnaire.version + 1
    latest = Questionnaire.objects.filter(code=questionnaire.code).aggregate(v=Max("version"))
    return max(latest["v"] or 0, questionnaire.version) + 1


def _locked(questionnaire: Questionnaire) -> Questionnaire:
    """The questionnaire fresh from the database, locked, and refused if it is an old version."""
    locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if is_superseded(locked):
        raise DomainError(
            f"Это прежняя версия анкеты (версия {locked.version}): ответы на неё хранятся "
            "как есть, поэтому менять её нельзя. Изменяйте новую версию."
        )
    return locked


def _editable(questionnaire: Questionnaire, *, actor: User | None) -> _Target:
    """The version to change: this one, or a new one if this one already has answers."""
    locked = _locked(questionnaire)
    if not has_submitted_answers(locked):
        return _Target(locked)
    new, questions, options = _copy(locked, version=_next_version_number(locked), previous=locked)
    audit(
        actor=actor,
        action="questionnaire.version",
        obj=new,
        data={"previous": locked.pk, "version": new.version},
    )
    return _Target(new, questions, options)


@transaction.atomic
def questionnaire_copy(*, questionnaire: Questionnaire, actor: User | None) -> Questionnaire:
    """The school's own editable copy, e.g. of a standard questionnaire."""
    title = questionnaire.title[
        : Questionnaire._meta.get_field("title").max_length - len(COPY_SUFFIX)
    ]
    copy, _questions, _options = _copy(
        questionnaire,
        code="",
        version=1,
        previous=None,
        is_standard=False,
        is_archived=False,
        title=f"{title}{COPY_SUFFIX}",
    )
    audit(actor=actor, action="questionnaire.copy", obj=copy, data={"source": questionnaire.pk})
    return copy


# Questionnaires ---------------------------------------------------------------------------


@transaction.atomic
def questionnaire_create(*, data: dict[str, Any], actor: User | None) -> Questionnaire:
    questionnaire = Questionnaire(
        **{name: data[name] for name in QUESTIONNAIRE_FIELDS if name in data}
    )
    questionnaire.full_clean()
    questionnaire.save()
    audit(actor=actor, action="questionnaire.create", obj=questionnaire)
    return questionnaire


@transaction.atomic
def questionnaire_update(
    *, questionnaire: Questionnaire, data: dict[str, Any], actor: User | None
) -> Questionnaire:
    """Change the header; a new purpose, audience or form of an answered one is a new version."""
    locked = _locked(questionnaire)
    changed = {
        name
        for name in QUESTIONNAIRE_FIELDS
        if name in data and getattr(locked, name) != data[name]
    }
    if not changed:
        return locked
    target = _editable(locked, actor=actor) if changed & STRUCTURAL_FIELDS else _Target(locked)
    edited, changed_fields = model_update(
        instance=target.questionnaire, fields=QUESTIONNAIRE_FIELDS, data=data
    )
    audit(actor=actor, action="questionnaire.update", obj=edited, data={"changed": changed_fields})
    return edited


# Questions and options --------------------------------------------------------------------


def _sync_options(question: Question, options: list[OptionData], target: _Target) -> None:
    """Make the question's options exactly the list: keep known ones, add new, drop the rest."""
    existing = {option.pk: option for option in question.options.all()}
    kept: set[int] = set()
    for order, item in enumerate(options, start=1):
        pk = target.options.get(item.pk, item.pk) if item.pk else None
        option = existing.get(pk) if pk not in kept else None
        if option is None:
            option = Option(question=question)
        option.order, option.text, option.topic, option.weight = (
            order,
            item.text,
            item.topic,
            item.weight,
        )
        option.full_clean()
        option.save()
        kept.add(option.pk)
    # Only drafts can point at a dropped option here (submitted answers mean a new version);
    # their choice of it is removed together with the option.
    question.options.exclude(pk__in=kept).delete()


def _same(question: Question, values: dict[str, Any], options: list[OptionData]) -> bool:
    if any(getattr(question, name) != value for name, value in values.items()):
        return False
    current = [(o.pk, o.text, o.topic_id, o.weight) for o in question.options.all()]
    wanted = [(o.pk, o.text, o.topic.pk if o.topic else None, o.weight) for o in options]
    return current == wanted


@transaction.atomic
def question_create(
    *,
    questionnaire: Questionnaire,
    data: dict[str, Any],
    options: list[OptionData],
    actor: User | None,
) -> Question:
    """Add a question at the end; ``question.questionnaire`` is the version it went into."""
    values, options = _normalised(data, options)
    _validate(values, options)
    target = _editable(questionnaire, actor=actor)
    last = target.questionnaire.questions.aggregate(last=Max("order"))["last"] or 0
    question = Question(questionnaire=target.questionnaire, order=last + 1, **values)
    question.full_clean()
    question.save()
    _sync_options(question, options, target)
    audit(
        actor=actor,
        action="question.create",
        obj=question,
        data={"questionnaire": target.questionnaire.pk},
    )
    return question


@transaction.atomic
def question_update(
    *,
    question: Question,
    data: dict[str, Any],
    options: list[OptionData],
    actor: User | None,
) -> Question:
    """Change a question and its options; ``question.questionnaire`` is the edited version."""
    values, options = _normalised(data, options)
    _validate(values, options)
    current = Question.objects.select_related("questionnaire").get(pk=question.pk)
    if _same(current, values, options):
        _locked(current.questionnaire)
        return current
    target = _editable(current.questionnaire, actor=actor)
    edited = target.questions.get(current.pk, current)
    if values["kind"] != edited.kind:
        # A draft answer of the old kind would not fit the new one.
        Answer.objects.filter(question=edited, response__submitted_at__isnull=True).delete()
    edited, changed = model_update(instance=edited, fields=QUESTION_FIELDS, data=values)
    _sync_options(edited, options, target)
    audit(
        actor=actor,
        action="question.update",
        obj=edited,
        data={"changed": changed, "questionnaire": target.questionnaire.pk},
    )
    return edited


def _renumber(questions: list[Question]) -> None:
    for order, question in enumerate(questions, start=1):
        question.order = order
    Question.objects.bulk_update(questions, ["order"])


@transaction.atomic
def question_delete(*, question: Question, actor: User | None) -> Questionnaire:
    """Remove a question; returns the questionnaire (version) it was removed from."""
    current = Question.objects.select_related("questionnaire").get(pk=question.pk)
    target = _editable(current.questionnaire, actor=actor)
    removed = target.questions.get(current.pk, current)
    Answer.objects.filter(question=removed, response__submitted_at__isnull=True).delete()
    removed.delete()
    _renumber(list(target.questionnaire.questions.all()))
    audit(
        actor=actor,
        action="question.delete",
        obj=target.questionnaire,
        data={"question": current.text[:200]},
    )
    return target.questionnaire


@transaction.atomic
def question_move(*, question: Question, direction: Direction, actor: User | None) -> Questionnaire:
    """Swap a question with its neighbour; at the edge nothing changes."""
    if direction not in ("up", "down"):
        raise DomainError("Вопрос можно передвинуть только вверх или вниз.")
    current = Question.objects.select_related("questionnaire").get(pk=question.pk)
    pks = list(current.questionnaire.questions.values_list("pk", flat=True))
    index = pks.index(current.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(pks):
        return _locked(current.questionnaire)
    target = _editable(current.questionnaire, actor=actor)
    questions = list(target.questionnaire.questions.all())
    questions[index], questions[other] = questions[other], questions[index]
    _renumber(questions)
    audit(
        actor=actor,
        action="question.move",
        obj=target.questionnaire,
        data={"question": current.text[:200], "direction": direction},
    )
    return target.questionnaire
