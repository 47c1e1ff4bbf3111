"""Pairs and groups: create (by hand or from a proposal), move through statuses, end early."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from mentorship.common import audit, model_update
from mentorship.exceptions import CapacityError, ConsentError, PairingError
from mentorship.gates import pairing_blockers
from mentorship.models import (
    MatchProposal,
    MenteeProfile,
    MenteeStatus,
    MentoringForm,
    MentorProfile,
    Mentorship,
    MentorshipMember,
    MentorshipStatus,
    MentorshipStatusChange,
    ProgrammeYear,
    ProposalStatus,
    User,
)
from mentorship.services.banks import mentee_status_set
from mentorship.services.school import get_school

OPEN_STATUSES = (MentorshipStatus.DRAFT, MentorshipStatus.APPROVED, MentorshipStatus.ACTIVE)


def open_memberships():
    return MentorshipMember.objects.filter(
        left_on__isnull=True, mentorship__status__in=OPEN_STATUSES
    )


def mentor_load(mentor: MentorProfile) -> int:
    """How many mentees the mentor leads now (in open pairs and groups)."""
    return open_memberships().filter(mentorship__mentor=mentor).count()


def free_places(mentor: MentorProfile, school_limit: int) -> int:
    return max(mentor.effective_capacity(school_limit) - mentor_load(mentor), 0)


def _months_between(start: datetime.date, end: datetime.date) -> float:
    return (end - start).days / 30.44


def _check_length(start: datetime.date, end: datetime.date) -> None:
    school = get_school()
    months = _months_between(start, end)
    if end <= start:
        raise PairingError("Плановое окончание должно быть позже начала.")
    if not school.programme_min_months - 0.5 <= months <= school.programme_max_months + 0.5:
        raise PairingError(
            f"Срок программы — от {school.programme_min_months} до "
            f"{school.programme_max_months} мес. по положению школы, а выбрано около "
            f"{round(months)} мес."
        )


@transaction.atomic
def mentorship_create(
    *,
    year: ProgrammeYear,
    form: MentoringForm,
    mentor: MentorProfile,
    mentees: Iterable[MenteeProfile],
    start_date: datetime.date,
    planned_end_date: datetime.date,
    goal: str = "",
    role_model: str = "",
    delivery_format: str = "in_person",
    override_reason: str = "",
    actor: User | None,
) -> Mentorship:
    """A draft pair (one mentee) or group; checks consents, capacity, form and length."""
    mentees = list(mentees)
    if not mentees:
        raise PairingError("Выберите хотя бы одного наставляемого.")
    if len(mentees) > 1 and not form.is_group:
        raise PairingError(f"Форма «{form}» — не групповая: в паре один наставляемый.")
    mentor = MentorProfile.objects.select_for_update().select_related("person").get(pk=mentor.pk)
    reasons = pairing_blockers(mentor.person, as_mentor=True)
    if reasons:
        raise ConsentError(f"{mentor.person.full_name}: " + " ".join(reasons))
    for mentee in mentees:
        if mentee.person_id == mentor.person_id:
            raise PairingError("Нельзя быть наставником самому себе.")
        reasons = pairing_blockers(mentee.person, as_mentor=False)
        if reasons:
            raise ConsentError(f"{mentee.person.full_name}: " + " ".join(reasons))
    busy = (
        open_memberships()
        .filter(mentee__in=mentees, mentorship__year=year, mentorship__form=form)
        .select_related("mentee__person")
    )
    if busy:
        names = ", ".join(sorted(m.mentee.person.full_name for m in busy))
        raise PairingError(f"Уже в паре или группе этой формы в {year}: {names}.")
    _check_length(start_date, planned_end_date)
    limit = mentor.effective_capacity(get_school().max_mentees_per_mentor)
    load = mentor_load(mentor)
    if load + len(mentees) > limit and not override_reason.strip():
        raise CapacityError(
            f"У наставника {mentor.person.full_name} свободно мест: {max(limit - load, 0)} "
            f"из {limit}. Чтобы закрепить сверх лимита, укажите причину."
        )
    mentorship = Mentorship(
        year=year,
        form=form,
        mentor=mentor,
        goal=goal,
        role_model=role_model,
        delivery_format=delivery_format,
        start_date=start_date,
        planned_end_date=planned_end_date,
        capacity_override_reason=override_reason.strip() if load + len(mentees) > limit else "",
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    mentorship.full_clean()
    mentorship.save()
    MentorshipMember.objects.bulk_create(
        MentorshipMember(mentorship=mentorship, mentee=mentee, joined_on=start_date)
        for mentee in mentees
    )
    for mentee in mentees:
        if mentee.status != MenteeStatus.PAIRED:
            mentee_status_set(
                profile=mentee,
                status=MenteeStatus.PAIRED,
                actor=actor,
                note=f"Пара или группа: наставник {mentor.person.full_name}",
                force=True,
            )
    MentorshipStatusChange.objects.create(
        mentorship=mentorship, to_status=mentorship.status, actor=_user(actor), note="Создана"
    )
    audit(
        actor=actor,
        action="mentorship.create",
        obj=mentorship,
        data={"mentees": [m.pk for m in mentees], "override": mentorship.capacity_override_reason},
    )
    return mentorship


@transaction.atomic
def mentorship_status_set(
    *, mentorship: Mentorship, status: str, actor: User | None, note: str = ""
) -> Mentorship:
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if mentorship.status == status:
        return mentorship
    if not mentorship.can_transition_to(status):
        raise PairingError(
            f"Нельзя перевести пару из «{mentorship.get_status_display()}» "
            f"в «{MentorshipStatus(status).label}»."
        )
    if status == MentorshipStatus.ENDED_EARLY:
        raise PairingError("Досрочное завершение — отдельное действие с причиной.")
    if status == MentorshipStatus.DRAFT:
        raise PairingError("Пара возвращается в черновик только при отмене приказа о закреплении.")
    previous = mentorship.status
    mentorship.status = status
    update = ["status", "updated_at"]
    if status == MentorshipStatus.FINISHED:
        mentorship.ended_on = min(timezone.localdate(), mentorship.planned_end_date)
        update.append("ended_on")
        for member in mentorship.members.filter(left_on__isnull=True).select_related("mentee"):
            mentee_status_set(
                profile=member.mentee,
                status=MenteeStatus.FINISHED,
                actor=actor,
                note="Программа завершена",
                force=True,
            )
    mentorship.save(update_fields=update)
    MentorshipStatusChange.objects.create(
        mentorship=mentorship, from_status=previous, to_status=status, actor=_user(actor), note=note
    )
    audit(
        actor=actor,
        action="mentorship.status",
        obj=mentorship,
        data={"from": previous, "to": status},
    )
    return mentorship


@transaction.atomic
def mentorship_end_early(
    *, mentorship: Mentorship, reason: str, on: datetime.date, actor: User | None
) -> Mentorship:
    """Stop a pair or group before its time; its mentees return to the bank as waiting."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if not mentorship.is_open:
        raise PairingError("Эта пара или группа уже завершена.")
    if not reason.strip():
        raise PairingError("Укажите причину досрочного завершения.")
    previous = mentorship.status
    mentorship.status = MentorshipStatus.ENDED_EARLY
    mentorship.ended_on = on
    mentorship.end_reason = reason.strip()
    mentorship.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
    for member in mentorship.members.filter(left_on__isnull=True).select_related("mentee"):
        member.left_on = on
        member.left_reason = reason.strip()
        member.save(update_fields=["left_on", "left_reason"])
        still_paired = open_memberships().filter(mentee=member.mentee).exists()
        if not still_paired:
            mentee_status_set(
                profile=member.mentee,
                status=MenteeStatus.WAITING,
                actor=actor,
                note=f"Пара завершена досрочно: {reason.strip()}",
                force=True,
            )
    MentorshipStatusChange.objects.create(
        mentorship=mentorship,
        from_status=previous,
        to_status=MentorshipStatus.ENDED_EARLY,
        actor=_user(actor),
        note=reason.strip(),
    )
    audit(actor=actor, action="mentorship.end_early", obj=mentorship, data={"reason": reason})
    return mentorship


def default_period(
    year: ProgrammeYear, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """From today (or the year's start) to the year's end, within the school's limits."""
    start = max(today, year.start_date)
    school = get_school()
    end = min(
        year.end_date, start + datetime.timedelta(days=int(school.programme_max_months * 30.44))
    )
    if _months_between(start, end) < school.programme_min_months:
        end = start + datetime.timedelta(days=int(school.programme_min_months * 30.44) + 1)
    return start, end


@transaction.atomic
def proposal_accept(
    *,
    proposal: MatchProposal,
    start_date: datetime.date,
    planned_end_date: datetime.date,
    override_reason: str = "",
    actor: User | None,
) -> Mentorship:
    proposal = (
        MatchProposal.objects.select_for_update()
        .select_related("run__year", "run__form", "mentor", "mentee")
        .get(pk=proposal.pk)
    )
    if proposal.status != ProposalStatus.PROPOSED:
        raise PairingError("По этому предложению уже принято решение.")
    run = proposal.run
    mentorship = None
    if run.form.is_group:
        # Group mode: join the mentor's draft group of this run if there is one.
        mentorship = Mentorship.objects.filter(
            mentor=proposal.mentor, form=run.form, year=run.year, status=MentorshipStatus.DRAFT
        ).first()
    if mentorship is not None:
        mentorship_add_mentee(
            mentorship=mentorship,
            mentee=proposal.mentee,
            override_reason=override_reason,
            actor=actor,
        )
    else:
        mentorship = mentorship_create(
            year=run.year,
            form=run.form,
            mentor=proposal.mentor,
            mentees=[proposal.mentee],
            start_date=start_date,
            planned_end_date=planned_end_date,
            override_reason=override_reason,
            actor=actor,
        )
    proposal.status = ProposalStatus.ACCEPTED
    proposal.mentorship = mentorship
    proposal.save(update_fields=["status", "mentorship", "updated_at"])
    return mentorship


@transaction.atomic
def proposal_reject(*, proposal: MatchProposal, actor: User | None) -> MatchProposal:
    if proposal.status != ProposalStatus.PROPOSED:
        raise PairingError("По этому предложению уже принято решение.")
    proposal.status = ProposalStatus.REJECTED
    proposal.save(update_fields=["status", "updated_at"])
    audit(actor=actor, action="proposal.reject", obj=proposal)
    return proposal


@transaction.atomic
def mentorship_add_mentee(
    *,
    mentorship: Mentorship,
    mentee: MenteeProfile,
    override_reason: str = "",
    actor: User | None,
) -> Mentorship:
    """Add a mentee to an open group (capacity and consent rules as for a new pair)."""
    mentorship = (
        Mentorship.objects.select_for_update()
        .select_related("mentor__person", "form", "year")
        .get(pk=mentorship.pk)
    )
    if not mentorship.form.is_group:
        raise PairingError(
            "В пару нельзя добавить второго наставляемого: выберите групповую форму."
        )
    reasons = pairing_blockers(mentee.person, as_mentor=False)
    if reasons:
        raise ConsentError(f"{mentee.person.full_name}: " + " ".join(reasons))
    if (
        open_memberships()
        .filter(mentee=mentee, mentorship__year=mentorship.year, mentorship__form=mentorship.form)
        .exists()
    ):
        raise PairingError(f"{mentee.person.full_name} уже в паре или группе этой формы.")
    limit = mentorship.mentor.effective_capacity(get_school().max_mentees_per_mentor)
    if mentor_load(mentorship.mentor) + 1 > limit and not override_reason.strip():
        raise CapacityError(
            f"У наставника {mentorship.mentor.person.full_name} нет свободных "
            "мест. Чтобы добавить сверх лимита, укажите причину."
        )
    MentorshipMember.objects.create(
        mentorship=mentorship,
        mentee=mentee,
        joined_on=max(mentorship.start_date, timezone.localdate()),
    )
    if override_reason.strip():
        mentorship.capacity_override_reason = override_reason.strip()
        mentorship.save(update_fields=["capacity_override_reason", "updated_at"])
    mentee_status_set(
        profile=mentee,
        status=MenteeStatus.PAIRED,
        actor=actor,
        force=True,
        note=f"Группа: наставник {mentorship.mentor.person.full_name}",
    )
    audit(actor=actor, action="mentorship.add_mentee", obj=mentorship, data={"mentee": mentee.pk})
    return mentorship


@transaction.atomic
def mentorship_approve_by_order(
    *, mentorship: Mentorship, reference: str, actor: User | None
) -> Mentorship:
    """Record the signed pairs order on a pair; a draft pair becomes «закреплена приказом»."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if not mentorship.is_open:
        raise PairingError(
            f"Пара «{mentorship}» уже завершена: исключите её из приказа или оформите новый."
        )
    previous = mentorship.status
    mentorship.order_reference = reference
    if previous == MentorshipStatus.DRAFT:
        mentorship.status = MentorshipStatus.APPROVED
    mentorship.save(update_fields=["status", "order_reference", "updated_at"])
    _record_status(mentorship, previous, actor, reference)
    audit(actor=actor, action="mentorship.order", obj=mentorship, data={"order": reference})
    return mentorship


@transaction.atomic
def mentorship_order_cancelled(
    *, mentorship: Mentorship, reference: str, actor: User | None
) -> Mentorship:
    """The pairs order was cancelled: a pair it had approved is a draft again."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if mentorship.order_reference != reference:
        return mentorship
    previous = mentorship.status
    mentorship.order_reference = ""
    if previous == MentorshipStatus.APPROVED:
        mentorship.status = MentorshipStatus.DRAFT
    mentorship.save(update_fields=["status", "order_reference", "updated_at"])
    _record_status(mentorship, previous, actor, f"Отменён {reference}")
    audit(
        actor=actor, action="mentorship.order_cancelled", obj=mentorship, data={"order": reference}
    )
    return mentorship


@transaction.atomic
def mentorship_agreement_record(
    *,
    mentorship: Mentorship,
    number: str,
    date: datetime.date | None,
    payment_terms: str,
    consent_on: datetime.date | None,
    actor: User | None,
) -> Mentorship:
    """Keep the signed supplementary agreement (art. 351.8 ТК РФ) on the mentor's assignment."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    mentorship.agreement_number = number
    mentorship.agreement_date = date
    mentorship.payment_terms = payment_terms[:300]
    if consent_on:
        mentorship.mentor_consent_on = consent_on
    mentorship.save(
        update_fields=[
            "agreement_number",
            "agreement_date",
            "payment_terms",
            "mentor_consent_on",
            "updated_at",
        ]
    )
    audit(
        actor=actor,
        action="mentorship.agreement",
        obj=mentorship,
        data={"number": number, "date": date, "payment": payment_terms},
    )
    return mentorship


AGREEMENT_FIELDS = [
    "mentor_consent_on",
    "agreement_number",
    "agreement_date",
    "payment_terms",
    "early_termination_on",
    "termination_notice_on",
]


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days (Monday to Friday) after ``start`` up to and including ``end``."""
    days = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        days += current.weekday() < 5
    return days


@transaction.atomic
def mentorship_agreement_update(
    *, mentorship: Mentorship, data: dict, actor: User | None
) -> Mentorship:
    """Edit the mentor's assignment under art. 351.8 ТК РФ: consent, agreement, early end."""
    ends, notice = data.get("early_termination_on"), data.get("termination_notice_on")
    if ends and notice and working_days_between(notice, ends) < 3:
        raise PairingError(
            "Работодатель предупреждает наставника о досрочной отмене поручения "
            "не менее чем за три рабочих дня (ст. 351.8 ТК РФ)."
        )
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    mentorship, changed = model_update(instance=mentorship, fields=AGREEMENT_FIELDS, data=data)
    if changed:
        audit(
            actor=actor,
            action="mentorship.agreement",
            obj=mentorship,
            data={field: data.get(field) for field in changed},
        )
    return mentorship


def _record_status(mentorship: Mentorship, previous: str, actor: User | None, note: str) -> None:
    if previous != mentorship.status:
        MentorshipStatusChange.objects.create(
            mentorship=mentorship,
            from_status=previous,
            to_status=mentorship.status,
            actor=_user(actor),
            note=note,
        )


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


@transaction.atomic
def proposal_swap(*, proposal: MatchProposal, mentor_id: int, actor: User) -> MatchProposal:
    """Put an alternative in the place of the proposed mentor; the old one becomes an alternative."""
    proposal = (
        MatchProposal.objects.select_for_update(of=("self",))
        .select_related("run__year")
        .get(pk=proposal.pk)
    )
    if proposal.status != ProposalStatus.PROPOSED:
        raise PairingError("По этому предложению уже принято решение.")
    chosen = next((a for a in proposal.alternatives if a["mentor_id"] == mentor_id), None)
    if chosen is None:
        raise PairingError("Этого наставника нет среди альтернатив предложения.")
    previous = {
        "mentor_id": proposal.mentor_id,
        "score": proposal.score,
        "reasons": proposal.reasons,
    }
    alternatives = [a for a in proposal.alternatives if a["mentor_id"] != mentor_id]
    model_update(
        instance=proposal,
        fields=["mentor_id", "score", "reasons", "alternatives"],
        data={
            "mentor_id": mentor_id,
            "score": chosen["score"],
            "reasons": list(chosen.get("reasons", [])),
            "alternatives": [previous, *alternatives],
        },
    )
    audit(
        actor=actor,
        action="proposal.swap",
        obj=proposal,
        data={"from": previous["mentor_id"], "to": mentor_id},
    )
    return proposal
