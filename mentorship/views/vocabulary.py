"""The shared vocabulary: topics of requests and offers, forms of mentoring."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from mentorship import permissions
from mentorship.common import audit
from mentorship.decorators import role_required
from mentorship.forms.banks import MentoringFormForm, TopicForm
from mentorship.models import MentoringForm, Topic


@role_required(permissions.can_view_banks)
def vocabulary(request: HttpRequest) -> HttpResponse:
    topics = Topic.objects.annotate(
        mentee_count=Count("mentees", distinct=True), mentor_count=Count("mentors", distinct=True)
    )
    return render(
        request,
        "mentorship/vocabulary.html",
        {
            "topics": topics,
            "forms": MentoringForm.objects.annotate(mentor_count=Count("mentors")),
            "can_edit": permissions.can_edit_vocabulary(request.user),
        },
    )


def _edit(request: HttpRequest, form_class, instance, title: str, label: str) -> HttpResponse:
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        # A plain catalogue row with no rules of its own: the ModelForm saves it.
        obj = form.save()
        audit(actor=request.user, action=f"{label}.save", obj=obj)
        messages.success(request, f"«{obj}» сохранено.")
        return redirect("mentorship:vocabulary")
    return render(request, "mentorship/vocabulary_form.html", {"form": form, "title": title})


@role_required(permissions.can_edit_vocabulary)
def topic_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, TopicForm, None, "Новая тема", "topic")


@role_required(permissions.can_edit_vocabulary)
def topic_update(request: HttpRequest, pk: int) -> HttpResponse:
    topic = get_object_or_404(Topic, pk=pk)
    return _edit(request, TopicForm, topic, f"Тема «{topic}»", "topic")


@role_required(permissions.can_edit_vocabulary)
def form_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, MentoringFormForm, None, "Новая форма наставничества", "form")


@role_required(permissions.can_edit_vocabulary)
def form_update(request: HttpRequest, pk: int) -> HttpResponse:
    mentoring_form = get_object_or_404(MentoringForm, pk=pk)
    return _edit(request, MentoringFormForm, mentoring_form, f"«{mentoring_form}»", "form")
