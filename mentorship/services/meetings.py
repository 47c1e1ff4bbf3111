"""Stage 6 changes: log and edit meetings, answer «подходим ли мы», raise concerns, feeds."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from mentorship import hooks
from mentorship.common import audit, model_update
from mentorship.exceptions import DomainError
from mentorship.models import (
    CalendarFeed,
    Concern,
    ConcernUrgency,
    FitAnswer,
    Meeting,
    MeetingFormat,
    MeetingKind,
    Mentorship,
    PairingFit,
    Person,
    User,
)
from mentorship.models.meetings import EDIT_WINDOW
from mentorship.models.pairs import DeliveryFormat

MEETING_FIELDS = [
    "held_on",
    "start_time",
    "kind",
    "format",
    "topic",
    "notes",
    "next_steps",
    "next_planned_on",
    "next_planned_time",
]


class MeetingError(DomainError):
    pass


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def meeting_defaults(mentorship: Mentorship, *, today: datetime.date) -> dict[str, Any]:
    """What the three-tap form preselects: today, the next kind and the usual format."""
    kinds = list(mentorship.meetings.order_by("-held_on", "-pk").values_list("kind", "format")[:2])
    if not kinds:
        kind = MeetingKind.ACQUAINTANCE
    elif kinds[0][0] == MeetingKind.ACQUAINTANCE:
        kind = MeetingKind.PLANNING
    elif mentorship.planned_end_date - today <= datetime.timedelta(days=7):
        kind = MeetingKind.FINAL
    else:
        kind = MeetingKind.REGULAR
    if kinds:
        meeting_format = kinds[0][1]
    elif mentorship.delivery_format == DeliveryFormat.REMOTE:
        meeting_format = MeetingFormat.REMOTE
    else:
        meeting_format = MeetingFormat.IN_PERSON
    return {"held_on": today, "kind": kind, "format": meeting_format}


def _check(data: dict[str, Any], mentorships: Sequence[Mentorship]) -> None:
    today = timezone.localdate()
    if not mentorships:
        raise MeetingError("Выберите пару или группу.")
    if len(mentorships) > 1 and data.get("kind") != MeetingKind.GROUP_FINAL:
        raise MeetingError("Несколько пар вместе встречаются только на итоговой встрече всех пар.")
    closed = [m for m in mentorships if not m.is_open]
    if closed:
        raise MeetingError(f"Пара «{closed[0]}» уже завершена: новые встречи не записываются.")
    held_on = data.get("held_on")
    if held_on and held_on > today:
        raise MeetingError("Встреча ещё не прошла: запишите её в день встречи или позже.")
    planned = data.get("next_planned_on")
    if planned and held_on and planned < held_on:
        raise MeetingError("Следующая встреча не может быть раньше этой.")


@transaction.atomic
def meeting_log(
    *, mentorships: Sequence[Mentorship], data: dict[str, Any], actor: User | None
) -> Meeting:
    """Record a held meeting; other apps then invite everyone to give feedback."""
    _check(data, mentorships)
    meeting = Meeting(
        logged_by=_user(actor), **{k: v for k, v in data.items() if k in MEETING_FIELDS}
    )
    meeting.full_clean()
    meeting.save()
    meeting.mentorships.set(mentorships)
    audit(
        actor=actor,
        action="meeting.log",
        obj=meeting,
        data={"mentorships": [m.pk for m in mentorships], "kind": meeting.kind},
    )
    for hook in hooks.MEETING_LOGGED:
        hook(meeting=meeting, actor=actor)
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, data: dict[str, Any], actor: User | None, can_unlock: bool = False
) -> Meeting:
    """Edit within seven days of logging (or while the curator keeps it unlocked)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.is_editable and not can_unlock:
        raise MeetingError(
            "Прошло больше 7 дней: встреча закрыта для правки. Попросите куратора открыть её."
        )
    _check(data, list(meeting.mentorships.all()))
    meeting, changed = model_update(instance=meeting, fields=MEETING_FIELDS, data=data)
    if changed:
        audit(actor=actor, action="meeting.update", obj=meeting, data={"fields": changed})
    return meeting


@transaction.atomic
def meeting_unlock(*, meeting: Meeting, actor: User | None) -> Meeting:
    """The curator opens a locked meeting for another seven days."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.unlocked_until = timezone.now() + EDIT_WINDOW
    meeting.save(update_fields=["unlocked_until", "updated_at"])
    audit(actor=actor, action="meeting.unlock", obj=meeting)
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, actor: User | None) -> None:
    if not meeting.is_editable:
        raise MeetingError("Встреча закрыта для правки: удалить её можно, только открыв правку.")
    audit(actor=actor, action="meeting.delete", obj=meeting, data={"held_on": meeting.held_on})
    meeting.delete()


@transaction.atomic
def pairing_fit_answer(
    *, mentorship: Mentorship, person: Person, answer: str, comment: str, actor: User | None
) -> PairingFit:
    """Each side says once (and may change its mind) whether the pair works."""
    if answer not in FitAnswer.values:
        raise MeetingError("Выберите один из ответов.")
    fit, _created = PairingFit.objects.update_or_create(
        mentorship=mentorship,
        person=person,
        defaults={"answer": answer, "comment": comment[:500], "resolved_at": None},
    )
    audit(actor=actor, action="pairing_fit.answer", obj=mentorship, data={"answer": answer})
    return fit


@transaction.atomic
def pairing_fit_resolve(*, mentorship: Mentorship, actor: User | None) -> int:
    """The curator has talked to the pair: take it off the list (the answers stay)."""
    count = PairingFit.objects.filter(mentorship=mentorship, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    audit(actor=actor, action="pairing_fit.resolve", obj=mentorship)
    return count


@transaction.atomic
def concern_raise(
    *,
    person: Person,
    mentorship: Mentorship | None,
    topic: str,
    urgency: str,
    text: str,
    actor: User | None,
) -> Concern:
    """Record a concern; an urgent one is e-mailed to the curators when the row is saved."""
    concern = Concern(
        raised_by=person, mentorship=mentorship, topic=topic, urgency=urgency, text=text
    )
    concern.full_clean()
    concern.save()
    audit(actor=actor, action="concern.raise", obj=concern, data={"urgency": urgency})
    if urgency == ConcernUrgency.URGENT:
        from mentorship.emails import send_urgent_concern  # noqa: PLC0415

        transaction.on_commit(lambda: send_urgent_concern(concern_id=concern.pk))
    return concern


@transaction.atomic
def concern_resolve(*, concern: Concern, resolution: str, actor: User | None) -> Concern:
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    if not concern.is_open:
        raise MeetingError("Обращение уже закрыто.")
    if not resolution.strip():
        raise MeetingError("Напишите, что сделано.")
    concern.resolved_at = timezone.now()
    concern.resolved_by = _user(actor)
    concern.resolution = resolution.strip()
    concern.save(update_fields=["resolved_at", "resolved_by", "resolution", "updated_at"])
    audit(actor=actor, action="concern.resolve", obj=concern)
    return concern


@transaction.atomic
def calendar_feed_for(*, user: User) -> CalendarFeed:
    """The user's live calendar address, made on first use."""
    feed = CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()
    return feed or CalendarFeed.objects.create(user=user)


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """Revoke the old address (it stops working at once) and issue a new one."""
    CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    feed = CalendarFeed.objects.create(user=user)
    audit(actor=user, action="calendar.renew", obj=feed)
    return feed
