"""The respondent's side: a form built from the questions, saving drafts and submissions."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.db import transaction
from django.utils import timezone

from mentorship.exceptions import DomainError
from mentorship.models import MentorProfile, Person, User
from surveys.models import (
    Answer,
    CampaignStatus,
    Invitation,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
)
from surveys.writeback import write_back

YES, NO = "yes", "no"


def candidates_for(person: Person | None) -> list[Person]:
    """Whom a person may rank after the group meeting: the other side of the banks."""
    mentors = Person.objects.filter(mentor_profile__isnull=False, anonymised_at__isnull=True)
    mentees = Person.objects.filter(mentee_profile__isnull=False, anonymised_at__isnull=True)
    is_mentor = person is not None and MentorProfile.objects.filter(person=person).exists()
    others = mentees if is_mentor else mentors
    if person is not None:
        others = others.exclude(pk=person.pk)
    return list(others.order_by("search_key"))


def _field_for(question: Question, candidates: list[Person]) -> list[tuple[str, forms.Field]]:
    common: dict[str, Any] = {
        "label": question.text,
        "help_text": question.help_text,
        "required": question.required,
    }
    name = f"q{question.pk}"
    kind = question.kind
    if kind == QuestionKind.SHORT_TEXT:
        return [(name, forms.CharField(max_length=500, **common))]
    if kind == QuestionKind.LONG_TEXT:
        return [
            (
                name,
                forms.CharField(
                    max_length=5000, widget=forms.Textarea(attrs={"rows": 3}), **common
                ),
            )
        ]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        choices = [(str(option.pk), option.text) for option in question.options.all()]
        if kind == QuestionKind.SINGLE:
            return [(name, forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common))]
        return [
            (
                name,
                forms.MultipleChoiceField(
                    choices=choices, widget=forms.CheckboxSelectMultiple, **common
                ),
            )
        ]
    if kind == QuestionKind.SCALE:
        low, high = question.scale_min or 1, question.scale_max or 5
        return [
            (
                name,
                forms.TypedChoiceField(
                    choices=[(str(v), str(v)) for v in range(low, high + 1)],
                    coerce=int,
                    widget=forms.RadioSelect(attrs={"class": "scale"}),
                    **common,
                ),
            )
        ]
    if kind == QuestionKind.YES_NO:
        return [
            (
                name,
                forms.ChoiceField(
                    choices=[(YES, "да"), (NO, "нет")], widget=forms.RadioSelect, **common
                ),
            )
        ]
    if kind == QuestionKind.NUMBER:
        return [
            (
                name,
                forms.DecimalField(
                    max_digits=12,
                    decimal_places=2,
                    localize=True,
                    min_value=question.scale_min,
                    max_value=question.scale_max,
                    **common,
                ),
            )
        ]
    if kind == QuestionKind.DATE:
        return [(name, forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common))]
    # Ranking: one select per place; the first place carries the «required».
    choices = [("", "—")] + [(str(p.pk), p.full_name) for p in candidates]
    places = question.max_choices or 3
    return [
        (
            f"{name}_{place}",
            forms.ChoiceField(
                choices=choices,
                label=f"{question.text}: {place}-й выбор" if places > 1 else question.text,
                required=question.required and place == 1,
                help_text=question.help_text if place == 1 else "",
            ),
        )
        for place in range(1, places + 1)
    ]


class AnswerForm(forms.Form):
    """A questionnaire as a form; ``draft=True`` checks types but not the required answers."""

    def __init__(
        self,
        *args,
        questionnaire: Questionnaire,
        person: Person | None,
        draft: bool = False,
        initial_answers: dict | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questionnaire.questions.prefetch_related("options"))
        needs_people = any(q.kind == QuestionKind.RANKING for q in self.questions)
        self.candidates = candidates_for(person) if needs_people else []
        self.groups: list[tuple[Question, list[str]]] = []
        for question in self.questions:
            names = []
            for name, field in _field_for(question, self.candidates):
                if draft:
                    field.required = False
                self.fields[name] = field
                names.append(name)
            self.groups.append((question, names))
        if initial_answers:
            self.initial.update(initial_answers)

    def question_fields(self) -> list[tuple[Question, list[forms.BoundField]]]:
        return [(question, [self[name] for name in names]) for question, names in self.groups]

    def clean(self) -> dict:
        cleaned = super().clean()
        for question, names in self.groups:
            if question.kind == QuestionKind.MULTIPLE and question.max_choices:
                chosen = cleaned.get(names[0]) or []
                if len(chosen) > question.max_choices:
                    self.add_error(names[0], f"Выберите не более {question.max_choices}.")
            if question.kind == QuestionKind.RANKING:
                picked = [cleaned.get(name) for name in names if cleaned.get(name)]
                if len(picked) != len(set(picked)):
                    self.add_error(names[-1], "Один и тот же человек выбран дважды.")
        return cleaned

    def answers(self) -> dict[int, dict[str, Any]]:
        """Cleaned values by question id, in the shape Answer stores them."""
        result: dict[int, dict[str, Any]] = {}
        for question, names in self.groups:
            value = self.cleaned_data.get(names[0])
            kind = question.kind
            if kind == QuestionKind.RANKING:
                ranking = [int(self.cleaned_data[n]) for n in names if self.cleaned_data.get(n)]
                result[question.pk] = {"ranking": ranking}
            elif kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                ids = value if isinstance(value, list) else ([value] if value else [])
                result[question.pk] = {"choices": [int(i) for i in ids]}
            elif kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
                result[question.pk] = {"number": None if value in (None, "") else Decimal(value)}
            elif kind == QuestionKind.DATE:
                result[question.pk] = {"date_value": value}
            else:
                result[question.pk] = {"text": value or ""}
        return result


def initial_from(response: Response | None) -> dict[str, Any]:
    """A saved draft back into the form's initial values."""
    if response is None:
        return {}
    initial: dict[str, Any] = {}
    for answer in response.answers.select_related("question").prefetch_related("choices"):
        question, name = answer.question, f"q{answer.question_id}"
        if question.kind == QuestionKind.RANKING:
            for place, person_id in enumerate(answer.ranking, start=1):
                initial[f"{name}_{place}"] = str(person_id)
        elif question.kind == QuestionKind.SINGLE:
            chosen = [str(o.pk) for o in answer.choices.all()]
            initial[name] = chosen[0] if chosen else None
        elif question.kind == QuestionKind.MULTIPLE:
            initial[name] = [str(o.pk) for o in answer.choices.all()]
        elif question.kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
            initial[name] = (
                None
                if answer.number is None
                else (
                    str(int(answer.number))
                    if question.kind == QuestionKind.SCALE
                    else answer.number
                )
            )
        elif question.kind == QuestionKind.DATE:
            initial[name] = answer.date_value
        else:
            initial[name] = answer.text
    return initial


def invitation_state(invitation: Invitation, today: datetime.date) -> str:
    """«open», or why the link no longer takes answers."""
    campaign = invitation.campaign
    if invitation.is_revoked:
        return "revoked"
    if invitation.is_answered:
        return "answered"
    if campaign.status == CampaignStatus.CLOSED or today > campaign.ends_on:
        return "closed"
    if campaign.status == CampaignStatus.DRAFT or today < campaign.starts_on:
        return "not_started"
    return "open"


@transaction.atomic
def response_save(
    *,
    invitation: Invitation,
    answers: dict[int, dict[str, Any]],
    submit: bool,
    actor: User | None,
) -> Response:
    """Store a draft or the final answers; a submission is written back into the banks."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("campaign__questionnaire", "campaign__year", "person")
        .get(pk=invitation.pk)
    )
    if invitation.state_blocks_saving():
        raise DomainError("Этот опрос больше не принимает ответы.")
    questionnaire = invitation.campaign.questionnaire
    response, _created = Response.objects.get_or_create(
        invitation=invitation,
        defaults={"questionnaire": questionnaire, "person": invitation.person},
    )
    existing = {a.question_id: a for a in response.answers.all()}
    for question_id, values in answers.items():
        answer = existing.get(question_id) or Answer(response=response, question_id=question_id)
        answer.text = values.get("text", "")
        answer.number = values.get("number")
        answer.date_value = values.get("date_value")
        answer.ranking = values.get("ranking", [])
        answer.save()
        if "choices" in values:
            answer.choices.set(values["choices"])
    if submit:
        now = timezone.now()
        response.submitted_at = now
        response.writeback_note = write_back(response=response, actor=actor)
        response.save(update_fields=["submitted_at", "writeback_note", "updated_at"])
        invitation.answered_at = now
        invitation.save(update_fields=["answered_at", "updated_at"])
    return response
