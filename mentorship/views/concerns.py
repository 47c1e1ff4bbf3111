"""Concerns («Сообщить о проблеме») and the «подходим ли мы друг другу» answers, with the
curator's lists and the home blocks of both."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentorship import permissions
from mentorship import permissions_concerns as policy
from mentorship.decorators import role_required
from mentorship.exceptions import DomainError
from mentorship.forms.concerns import (
    ConcernFilterForm,
    ConcernForm,
    ConcernResolveForm,
    FitAnswerForm,
)
from mentorship.models import Concern, ConcernUrgency, FitAnswer, Mentorship, Person
from mentorship.selectors import concerns as selectors
from mentorship.services import meetings as services
from mentorship.services.pairs import mentorship_end_early

PAGE_SIZE = 50
FIT_REASON = "Участники не подошли друг другу"


def _page(request: HttpRequest, qs) -> tuple:
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


# Concerns


@role_required(policy.can_raise_concern)
def concern_create(request: HttpRequest) -> HttpResponse:
    person = policy.concern_author(request.user)
    pairs = permissions.own_mentorships(request.user)
    chosen = request.GET.get("pair", "")
    initial = {"mentorship": int(chosen)} if chosen.isdigit() else {}
    form = ConcernForm(request.POST or None, pairs=pairs, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            concern = services.concern_raise(
                person=person,
                mentorship=data.get("mentorship"),
                topic=data["topic"],
                urgency=data["urgency"],
                text=data["text"],
                actor=request.user,
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            if concern.urgency == ConcernUrgency.URGENT:
                messages.success(request, "Обращение отправлено: куратор получил письмо.")
            else:
                messages.success(request, "Обращение отправлено куратору.")
            return redirect(concern)
    return render(request, "mentorship/concerns/concern_form.html", {"form": form})


@login_required
def my_concerns(request: HttpRequest) -> HttpResponse:
    person = Person.objects.filter(user=request.user).first()
    page, query = _page(request, selectors.my_concerns(person=person))
    return render(
        request,
        "mentorship/concerns/my_concerns.html",
        {"page": page, "query": query, "can_raise": policy.can_raise_concern(request.user)},
    )


@role_required(policy.can_handle_concerns)
def concern_list(request: HttpRequest) -> HttpResponse:
    filters = ConcernFilterForm(request.GET or None)
    cleaned = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    visible = policy.concerns_visible_to(request.user)
    page, query = _page(request, selectors.concern_list(visible=visible, filters=cleaned))
    return render(
        request,
        "mentorship/concerns/concern_list.html",
        {"filters": filters, "page": page, "query": query, "counts": selectors.concern_counts()},
    )


def _visible_concern(request: HttpRequest, pk: int) -> Concern:
    visible = selectors.concern_rows(policy.concerns_visible_to(request.user))
    return get_object_or_404(visible, pk=pk)


@login_required
def concern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    concern = _visible_concern(request, pk)
    can_resolve = policy.can_resolve_concern(request.user, concern)
    return render(
        request,
        "mentorship/concerns/concern_detail.html",
        {
            "concern": concern,
            "is_curator": policy.can_handle_concerns(request.user),
            "resolve_form": ConcernResolveForm() if can_resolve else None,
        },
    )


@require_POST
@login_required
def concern_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    concern = _visible_concern(request, pk)
    if not policy.can_handle_concerns(request.user):
        raise PermissionDenied
    form = ConcernResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Напишите, что сделано: автор увидит этот ответ.")
        return redirect(concern)
    try:
        services.concern_resolve(
            concern=concern, resolution=form.cleaned_data["resolution"], actor=request.user
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Обращение закрыто.")
    return redirect(concern)


# «Подходим ли мы друг другу?»


@require_POST
@login_required
def fit_answer(request: HttpRequest, pk: int) -> HttpResponse:
    pair = get_object_or_404(policy.fit_mentorships(request.user), pk=pk)
    person = get_object_or_404(Person, user=request.user)
    form = FitAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите один из ответов.")
        return redirect("home")
    try:
        services.pairing_fit_answer(
            mentorship=pair,
            person=person,
            answer=form.cleaned_data["answer"],
            comment=form.cleaned_data["comment"],
            actor=request.user,
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        answer = form.cleaned_data["answer"]
        if answer == FitAnswer.NO_FIT:
            messages.success(request, "Спасибо, что сказали честно: куратор свяжется с вами.")
        else:
            messages.success(request, f"Ответ записан: «{FitAnswer(answer).label}».")
    return redirect("home")


@role_required(policy.can_sort_out_fit)
def fit_problems(request: HttpRequest) -> HttpResponse:
    return render(
        request, "mentorship/concerns/fit_problems.html", {"pairs": selectors.fit_problems()}
    )


def _fit_pair(pk: int) -> Mentorship:
    return get_object_or_404(Mentorship.objects.select_related("form", "mentor__person"), pk=pk)


@require_POST
@role_required(policy.can_sort_out_fit)
def fit_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    pair = _fit_pair(pk)
    services.pairing_fit_resolve(mentorship=pair, actor=request.user)
    messages.success(
        request, f"Разобрано: пара наставника {pair.mentor.person.short_name} продолжает."
    )
    return redirect("mentorship:fit-problems")


@role_required(policy.can_sort_out_fit)
def fit_rematch(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm on GET; on POST end the pair early and send its mentees back to matching."""
    pair = _fit_pair(pk)
    if not pair.is_open:
        messages.info(request, "Эта пара или группа уже завершена.")
        return redirect("mentorship:fit-problems")
    if request.method == "POST":
        try:
            mentorship_end_early(
                mentorship=pair, reason=FIT_REASON, on=timezone.localdate(), actor=request.user
            )
        except DomainError as exc:
            messages.error(request, str(exc))
            return redirect("mentorship:fit-problems")
        messages.success(request, "Пара завершена досрочно; наставляемые снова ждут пару.")
        return redirect("mentorship:matching")
    return render(
        request, "mentorship/concerns/fit_rematch.html", {"pair": pair, "reason": FIT_REASON}
    )


# Home blocks


def fit_question_widget(request: HttpRequest) -> str:
    """Mentors and mentees after the acquaintance meeting: «Подходим ли мы друг другу?»"""
    questions = selectors.fit_questions(user=request.user)
    if not questions:
        return ""
    return render_to_string(
        "mentorship/concerns/_fit_widget.html",
        {"questions": questions, "answers": FitAnswer.choices},
        request=request,
    )


def raise_concern_widget(request: HttpRequest) -> str:
    """Mentors and mentees: a way to tell the curator about a problem, and their own concerns."""
    person = selectors.concern_author_with_counts(user=request.user)
    if person is None:
        return ""
    return render_to_string(
        "mentorship/concerns/_raise_widget.html",
        {"open_count": person.open_concerns},
        request=request,
    )


def curator_problems_widget(request: HttpRequest) -> str:
    """The curator: open concerns (urgent first) and pairs where a side said «не подходим»."""
    if not policy.can_handle_concerns(request.user):
        return ""
    visible = policy.concerns_visible_to(request.user)
    open_concerns = selectors.concern_list(visible=visible, filters={"state": "open"})
    return render_to_string(
        "mentorship/concerns/_curator_widget.html",
        {
            "counts": selectors.concern_counts(),
            "concerns": list(open_concerns[: selectors.SHOWN_ON_HOME]),
            "fit_count": selectors.fit_problem_count(),
        },
        request=request,
    )
