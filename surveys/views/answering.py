"""Answering by a personal link (no account needed) and «Мои анкеты» for signed-in users."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from mentorship.exceptions import DomainError
from mentorship.models import Person
from mentorship.throttling import throttle_wrong_links
from surveys.answering import AnswerForm, initial_from, invitation_state, response_save
from surveys.models import Invitation, Response

STATE_PAGES = {
    "revoked": (
        "Ссылка отозвана",
        "Куратор отозвал эту ссылку. Если это ошибка, попросите новую.",
        410,
    ),
    "answered": ("Спасибо, ответ получен", "Вы уже ответили на эту анкету.", 200),
    "closed": ("Опрос завершён", "Срок ответа на эту анкету истёк.", 410),
    "not_started": ("Опрос ещё не начался", "Ссылка заработает в день начала опроса.", 200),
}


@throttle_wrong_links  # a wrong token is a 404; too many of them from one address, a 429
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The personal link: opens exactly its own form and nothing else."""
    invitation = (
        Invitation.objects.select_related("campaign__questionnaire", "person")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        return render(
            request,
            "surveys/answer_state.html",
            {
                "title": "Ссылка не найдена",
                "text": "Проверьте, что ссылка скопирована полностью, или попросите у куратора новую.",
            },
            status=404,
        )
    state = invitation_state(invitation, timezone.localdate())
    if state != "open":
        title, text, status = STATE_PAGES[state]
        return render(
            request,
            "surveys/answer_state.html",
            {"title": title, "text": text, "invitation": invitation},
            status=status,
        )
    invitation.mark_opened()
    questionnaire = invitation.campaign.questionnaire
    draft = request.POST.get("action") == "draft"
    saved = Response.objects.filter(invitation=invitation).first()
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        questionnaire=questionnaire,
        person=invitation.person,
        draft=draft,
        initial_answers=initial_from(saved),
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                response_save(
                    invitation=invitation,
                    answers=form.answers(),
                    submit=not draft,
                    actor=request.user if request.user.is_authenticated else None,
                )
            except DomainError as exc:
                messages.error(request, str(exc))
            else:
                if draft:
                    messages.success(
                        request,
                        "Черновик сохранён: можно вернуться по этой же ссылке и продолжить.",
                    )
                    return redirect(invitation)
                return render(
                    request,
                    "surveys/answer_state.html",
                    {
                        "title": "Спасибо, ответ получен",
                        "text": "Ваши ответы сохранены. Эту страницу можно закрыть.",
                    },
                )
        else:
            messages.error(request, "Ответы не отправлены: проверьте отмеченные вопросы.")
    return render(
        request,
        "surveys/answer.html",
        {
            "form": form,
            "invitation": invitation,
            "questionnaire": questionnaire,
            "has_draft": saved is not None,
        },
    )


@login_required
def my_forms(request: HttpRequest) -> HttpResponse:
    """The signed-in user's invitations: what is waiting for an answer, and what is done."""
    person = Person.objects.filter(user=request.user).first()
    invitations = []
    if person is not None:
        invitations = list(
            Invitation.objects.filter(person=person, revoked_at__isnull=True)
            .select_related("campaign__questionnaire")
            .order_by("answered_at", "-created_at")
        )
    today = timezone.localdate()
    for invitation in invitations:
        invitation.state = invitation_state(invitation, today)
    return render(request, "surveys/my_forms.html", {"invitations": invitations})
