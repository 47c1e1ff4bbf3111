"""From a submitted response into the banks, through mentorship's services."""

from __future__ import annotations

from mentorship.exceptions import DomainError
from mentorship.models import MentoringForm, Person, RequestWeight, User
from mentorship.services import writeback as bank_writeback
from surveys.models import Purpose, Response

DEFAULT_WEIGHT = RequestWeight.NOTABLE


def _answers(response: Response) -> list:
    return list(
        response.answers.select_related("question__topic").prefetch_related("choices__topic")
    )


def _text(answers: list, code: str) -> str:
    return next((a.text for a in answers if a.question.code == code and a.text), "")


def _requests(answers: list) -> list[tuple]:
    """Topics with weights: a question's own topic weighed by the chosen option, or options
    that carry topics (a plain tick weighs as a notable need)."""
    requests = []
    for answer in answers:
        for option in answer.choices.all():
            if answer.question.topic is not None and option.weight:
                requests.append((answer.question.topic, option.weight))
            elif option.topic is not None:
                requests.append((option.topic, option.weight or DEFAULT_WEIGHT))
    return requests


def write_back(*, response: Response, actor: User | None) -> str:
    """Write what the purpose of the questionnaire says; return a note for the curator."""
    person = response.person
    purpose = response.questionnaire.purpose
    if person is None:
        return ""
    answers = _answers(response)
    try:
        if purpose in (Purpose.MENTEE_REQUEST, Purpose.PUPIL_REQUEST):
            requests = _requests(answers)
            bank_writeback.mentee_request_record(
                person=person,
                requests=requests,
                text=_text(answers, "request_text"),
                actor=actor,
            )
            return f"Запрос записан в базу наставляемых: тем {len({t.pk for t, _ in requests})}."
        if purpose == Purpose.MENTOR_OFFER:
            topics = [topic for topic, _weight in _requests(answers)]
            form_codes = [
                option.value
                for a in answers
                if a.question.code == "forms"
                for option in a.choices.all()
            ]
            capacity_answer = next(
                (a for a in answers if a.question.code == "capacity" and a.number), None
            )
            bank_writeback.mentor_offer_record(
                person=person,
                topics=topics,
                forms=list(MentoringForm.objects.filter(code__in=form_codes)),
                capacity=int(capacity_answer.number) if capacity_answer else None,
                text=_text(answers, "offer_text"),
                actor=actor,
            )
            return f"Записано в базу наставников: тем {len(set(topics))}."
        if purpose == Purpose.PAIRING_PREFERENCE:

            def people(code: str) -> list[Person]:
                ids = next((a.ranking for a in answers if a.question.code == code), [])
                found = {p.pk: p for p in Person.objects.filter(pk__in=ids)}
                return [found[i] for i in ids if i in found]

            preferred, avoided = people("preferences"), people("avoid")
            bank_writeback.pairing_preferences_record(
                person=person,
                year=response.invitation.campaign.year,
                preferred=preferred,
                avoided=avoided,
                actor=actor,
            )
            return (
                f"Предпочтения записаны: выбрано {len(preferred)}, «не хотел бы» — {len(avoided)}."
            )
    except DomainError as exc:
        # The answers are kept; the curator sees why the bank was not updated.
        return f"Ответ сохранён, но в базу не записан: {exc}"
    return ""
