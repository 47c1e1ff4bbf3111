"""The curator's questionnaire builder; the director reads questionnaires and previews them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentorship.decorators import role_required
from mentorship.exceptions import DomainError
from surveys import services_builder as services
from surveys.answering import AnswerForm
from surveys.forms_builder import MoveForm, QuestionForm, QuestionnaireForm
from surveys.models import Option, Question, Questionnaire
from surveys.permissions import can_manage_surveys, can_view_results


def can_view_questionnaires(user) -> bool:
    return can_manage_surveys(user) or can_view_results(user)


def _questionnaires() -> QuerySet[Questionnaire]:
    """Questionnaires with their neighbour versions and counts of questions and answers."""
    return Questionnaire.objects.select_related("form", "previous", "next_version").annotate(
        question_count=Count("questions", distinct=True),
        response_count=Count(
            "responses", filter=Q(responses__submitted_at__isnull=False), distinct=True
        ),
    )


def _list_rows(*, show_archived: bool) -> tuple[list[Questionnaire], int]:
    """The newest version of each questionnaire, its older versions attached as ``earlier``."""
    everything = list(_questionnaires().order_by("title", "-version"))
    by_pk = {q.pk: q for q in everything}
    superseded = {q.previous_id for q in everything if q.previous_id}
    rows, archived = [], 0
    for questionnaire in everything:
        if questionnaire.pk in superseded:
            continue
        questionnaire.earlier = []
        older = by_pk.get(questionnaire.previous_id)
        while older is not None:
            questionnaire.earlier.append(older)
            older = by_pk.get(older.previous_id)
        archived += questionnaire.is_archived
        if show_archived or not questionnaire.is_archived:
            rows.append(questionnaire)
    return rows, archived


def _builder_context(request: HttpRequest, questionnaire: Questionnaire, error: str = "") -> dict:
    questions = questionnaire.questions.select_related("topic").prefetch_related(
        Prefetch("options", queryset=Option.objects.select_related("topic"))
    )
    newer = getattr(questionnaire, "next_version", None)
    return {
        "questionnaire": questionnaire,
        "questions": questions,
        "newer": newer,
        "error": error,
        "can_edit": can_manage_surveys(request.user) and newer is None,
        "can_copy": can_manage_surveys(request.user),
    }


def _get(pk: int) -> Questionnaire:
    return get_object_or_404(_questionnaires(), pk=pk)


def _question(pk: int, question_pk: int) -> Question:
    return get_object_or_404(
        Question.objects.select_related("questionnaire"), pk=question_pk, questionnaire_id=pk
    )


def _note_new_version(request: HttpRequest, old: Questionnaire, edited: Questionnaire) -> None:
    if edited.pk != old.pk:
        messages.info(
            request,
            f"На версию {old.version} уже ответили, поэтому изменения сохранены в новой "
            f"версии {edited.version}. Прежние ответы остались при своих вопросах.",
        )


def _after_list_change(
    request: HttpRequest, old: Questionnaire, edited: Questionnaire, done: str, error: str = ""
) -> HttpResponse:
    """The question list again: a partial for htmx, the builder page otherwise."""
    _note_new_version(request, old, edited)
    if request.htmx and edited.pk == old.pk:
        return render(
            request,
            "surveys/builder/_question_list.html",
            _builder_context(request, _get(edited.pk), error=error),
        )
    if error:
        messages.error(request, error)
    elif done:
        messages.success(request, done)
    if request.htmx:  # a new version: the whole page moves to it
        response = HttpResponse(status=204)
        response["HX-Redirect"] = edited.get_absolute_url()
        return response
    return redirect(edited)


@role_required(can_view_questionnaires)
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    show_archived = request.GET.get("archived") == "1"
    rows, archived = _list_rows(show_archived=show_archived)
    return render(
        request,
        "surveys/builder/questionnaire_list.html",
        {
            "rows": rows,
            "archived": archived,
            "show_archived": show_archived,
            "can_edit": can_manage_surveys(request.user),
        },
    )


@role_required(can_manage_surveys)
def questionnaire_create(request: HttpRequest) -> HttpResponse:
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        questionnaire = services.questionnaire_create(data=form.cleaned_data, actor=request.user)
        messages.success(request, "Анкета создана: добавьте вопросы.")
        return redirect(questionnaire)
    return render(request, "surveys/builder/questionnaire_form.html", {"form": form})


@role_required(can_view_questionnaires)
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = _get(pk)
    return render(
        request,
        "surveys/builder/questionnaire_detail.html",
        _builder_context(request, questionnaire),
    )


@role_required(can_manage_surveys)
def questionnaire_update(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    form = QuestionnaireForm(request.POST or None, instance=questionnaire)
    if request.method == "POST" and form.is_valid():
        try:
            edited = services.questionnaire_update(
                questionnaire=questionnaire, data=form.cleaned_data, actor=request.user
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            _note_new_version(request, questionnaire, edited)
            messages.success(request, "Анкета сохранена.")
            return redirect(edited)
    return render(
        request,
        "surveys/builder/questionnaire_form.html",
        {
            "form": form,
            "questionnaire": questionnaire,
            "has_answers": services.has_submitted_answers(questionnaire),
            "superseded": services.is_superseded(questionnaire),
        },
    )


@require_POST
@role_required(can_manage_surveys)
def questionnaire_copy(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Questionnaire, pk=pk)
    copy = services.questionnaire_copy(questionnaire=source, actor=request.user)
    messages.success(request, f"Создана копия «{source.title}»: её можно менять.")
    return redirect(copy)


@role_required(can_view_questionnaires)
def questionnaire_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The form exactly as a respondent sees it; nothing can be sent from here."""
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    form = AnswerForm(questionnaire=questionnaire, person=None)
    return render(
        request,
        "surveys/builder/questionnaire_preview.html",
        {"form": form, "questionnaire": questionnaire},
    )


def _question_form_page(
    request: HttpRequest, questionnaire: Questionnaire, question: Question | None
) -> HttpResponse:
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            if question is None:
                saved = services.question_create(
                    questionnaire=questionnaire,
                    data=form.question_data(),
                    options=form.option_data(),
                    actor=request.user,
                )
            else:
                saved = services.question_update(
                    question=question,
                    data=form.question_data(),
                    options=form.option_data(),
                    actor=request.user,
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            _note_new_version(request, questionnaire, saved.questionnaire)
            messages.success(request, "Вопрос сохранён.")
            return redirect(f"{saved.questionnaire.get_absolute_url()}#question-{saved.pk}")
    return render(
        request,
        "surveys/builder/question_form.html",
        {
            "form": form,
            "questionnaire": questionnaire,
            "question": question,
            "has_answers": services.has_submitted_answers(questionnaire),
            "superseded": services.is_superseded(questionnaire),
        },
    )


@role_required(can_manage_surveys)
def question_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _question_form_page(request, get_object_or_404(Questionnaire, pk=pk), None)


@role_required(can_manage_surveys)
def question_update(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = _question(pk, question_pk)
    return _question_form_page(request, question.questionnaire, question)


@role_required(can_manage_surveys)
def question_delete(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = _question(pk, question_pk)
    questionnaire = question.questionnaire
    if request.method == "POST":
        try:
            edited = services.question_delete(question=question, actor=request.user)
        except DomainError as exc:
            return _after_list_change(request, questionnaire, questionnaire, "", str(exc))
        return _after_list_change(request, questionnaire, edited, "Вопрос удалён.")
    return render(
        request,
        "surveys/builder/question_delete.html",
        {
            "question": question,
            "questionnaire": questionnaire,
            "has_answers": services.has_submitted_answers(questionnaire),
        },
    )


@require_POST
@role_required(can_manage_surveys)
def question_move(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = _question(pk, question_pk)
    questionnaire = question.questionnaire
    form = MoveForm(request.POST)
    if not form.is_valid():
        error = "Вопрос можно передвинуть только вверх или вниз."
        return _after_list_change(request, questionnaire, questionnaire, "", error)
    try:
        edited = services.question_move(
            question=question, direction=form.cleaned_data["direction"], actor=request.user
        )
    except DomainError as exc:
        return _after_list_change(request, questionnaire, questionnaire, "", str(exc))
    return _after_list_change(request, questionnaire, edited, "")
