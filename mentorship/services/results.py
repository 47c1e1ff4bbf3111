"""Stage 7: a pair carried over into the next year, and the year's results in the banks.

The facts behind the results (meetings, feedback, satisfaction) come from other apps; the
closing of the year (``reports.closing``) gathers them and hands them here as plain values,
so that this app imports none of them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from mentorship.common import audit
from mentorship.exceptions import ConsentError, PairingError
from mentorship.gates import pairing_blockers
from mentorship.models import (
    MenteeStatus,
    Mentorship,
    MentorshipMember,
    MentorshipStatus,
    MentorshipStatusChange,
    PersonalProgramme,
    ProgrammeItem,
    ProgrammeYear,
    User,
    YearResult,
)
from mentorship.services.banks import mentee_status_set
from mentorship.services.school import get_school

# What a carried-over pair takes with it besides the people: its form, goal and the
# mentor's assignment (ТК РФ ст. 351.8) with its order — the pair goes on, it is not new.
CARRIED_FIELDS = [
    "form_id",
    "role_model",
    "mentor_id",
    "goal",
    "delivery_format",
    "status",
    "order_reference",
    "capacity_override_reason",
    "mentor_consent_on",
    "agreement_number",
    "agreement_date",
    "payment_terms",
]


@dataclass(frozen=True)
class YearResultData:
    """One person's result in one pair or group, as the closing of the year counted it."""

    person_id: int
    role: str
    mentorship_id: int | None
    outcome: str
    meetings: int
    feedback_share: Decimal | None
    satisfaction: Decimal | None
    programme_on_time: bool | None
    note: str = ""


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def carried_period(
    mentorship: Mentorship, year: ProgrammeYear
) -> tuple[datetime.date, datetime.date]:
    """From the new year's start to the pair's planned end, or the regulation's minimum."""
    start = year.start_date
    if mentorship.planned_end_date > start:
        return start, mentorship.planned_end_date
    months = get_school().programme_min_months
    return start, start + datetime.timedelta(days=int(months * 30.44) + 1)


def _copy_programme(old: Mentorship, new: Mentorship) -> None:
    """The programme goes on in the new pair with the items not done yet."""
    programme = PersonalProgramme.objects.filter(mentorship=old).first()
    if programme is None:
        return
    copy = PersonalProgramme.objects.create(
        mentorship=new,
        title=programme.title,
        goals=programme.goals,
        development_plan=programme.development_plan,
        template_code=programme.template_code,
    )
    ProgrammeItem.objects.bulk_create(
        ProgrammeItem(
            programme=copy,
            order=item.order,
            kind=item.kind,
            title=item.title,
            due_date=item.due_date,
            expected_result=item.expected_result,
        )
        for item in programme.items.filter(done_on__isnull=True)
    )


@transaction.atomic
def mentorship_carry_over(
    *, mentorship: Mentorship, year: ProgrammeYear, on: datetime.date, actor: User | None
) -> Mentorship:
    """Continue a pair or group in ``year``: a new pair there that ``continues`` this one.

    The old pair stays in its year with its meetings and documents: finished if it was
    working, otherwise ended (a pair that never started cannot be «finished»). Its mentees
    stay «в паре» in the bank.
    """
    old = (
        Mentorship.objects.select_for_update()
        .select_related("year", "mentor__person")
        .get(pk=mentorship.pk)
    )
    if not old.is_open:
        raise PairingError(f"Пара «{old}» уже завершена: продлить её нельзя.")
    if year.start_date <= old.year.start_date:
        raise PairingError(f"Продлить пару можно только в следующий год, а не в {year}.")
    members = list(old.members.filter(left_on__isnull=True).select_related("mentee__person"))
    if not members:
        raise PairingError(f"В паре «{old}» не осталось наставляемых: продлевать некого.")
    reasons = pairing_blockers(old.mentor.person, as_mentor=True)
    if reasons:
        raise ConsentError(f"{old.mentor.person.full_name}: " + " ".join(reasons))
    for member in members:
        reasons = pairing_blockers(member.mentee.person, as_mentor=False)
        if reasons:
            raise ConsentError(f"{member.mentee.person.full_name}: " + " ".join(reasons))
    start, end = carried_period(old, year)
    new = Mentorship(
        year=year,
        start_date=start,
        planned_end_date=end,
        continues=old,
        created_by=_user(actor),
        **{field: getattr(old, field) for field in CARRIED_FIELDS},
    )
    new.full_clean()
    new.save()
    MentorshipMember.objects.bulk_create(
        MentorshipMember(mentorship=new, mentee=member.mentee, joined_on=start)
        for member in members
    )
    _copy_programme(old, new)
    note = f"Продлена в {year} учебный год"
    previous = old.status
    old.status = (
        MentorshipStatus.FINISHED
        if previous == MentorshipStatus.ACTIVE
        else MentorshipStatus.ENDED_EARLY
    )
    old.ended_on = on
    update = ["status", "ended_on", "updated_at"]
    if old.status == MentorshipStatus.ENDED_EARLY:
        old.end_reason = f"{note}, не начав работу в {old.year}"
        update.append("end_reason")
    old.save(update_fields=update)
    MentorshipStatusChange.objects.bulk_create(
        [
            MentorshipStatusChange(
                mentorship=old,
                from_status=previous,
                to_status=old.status,
                actor=_user(actor),
                note=note,
            ),
            MentorshipStatusChange(
                mentorship=new,
                to_status=new.status,
                actor=_user(actor),
                note=f"Продолжение пары {old.year} учебного года",
            ),
        ]
    )
    for member in members:
        if member.mentee.status != MenteeStatus.PAIRED:
            mentee_status_set(
                profile=member.mentee,
                status=MenteeStatus.PAIRED,
                actor=actor,
                note=note,
                force=True,
            )
    audit(
        actor=actor,
        action="mentorship.carry_over",
        obj=new,
        data={"from": old.pk, "year": year.title, "mentees": [m.mentee_id for m in members]},
    )
    return new


@transaction.atomic
def year_results_record(
    *, year: ProgrammeYear, rows: Iterable[YearResultData], actor: User | None
) -> list[YearResult]:
    """Write the year's results of pairs and groups into the banks' history."""
    results = [
        YearResult(
            year=year,
            person_id=row.person_id,
            role=row.role,
            mentorship_id=row.mentorship_id,
            outcome=row.outcome,
            meetings=row.meetings,
            feedback_share=row.feedback_share,
            satisfaction=row.satisfaction,
            programme_on_time=row.programme_on_time,
            note=row.note[:500],
        )
        for row in rows
    ]
    for result in results:
        result.full_clean()
    YearResult.objects.bulk_create(results)
    audit(actor=actor, action="year.results", obj=year, data={"rows": len(results)})
    return results
