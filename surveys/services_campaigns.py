"""Campaigns: who is asked, their personal links, the e-mails, and opening and closing."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from mentorship.common import audit
from mentorship.exceptions import DomainError
from mentorship.gates import processing_blockers
from mentorship.models import MenteeStatus, MentorStatus, Person, PersonKind, ProgrammeYear, User
from mentorship.roles import ROLES
from mentorship.services import get_school
from surveys.emails import send_survey_invitation, send_survey_reminder
from surveys.models import (
    Campaign,
    CampaignStatus,
    Invitation,
    InvitationSkip,
    Moment,
    Purpose,
    Questionnaire,
)

BANK_MENTEES = "mentees"
BANK_MENTORS = "mentors"
BANK_STATUSES = {BANK_MENTEES: MenteeStatus, BANK_MENTORS: MentorStatus}
REMIND_INTERVAL = datetime.timedelta(hours=24)

# Reopening is allowed while the period lasts (the curator closed too early).
ALLOWED_TRANSITIONS = {
    CampaignStatus.DRAFT: {CampaignStatus.OPEN, CampaignStatus.CLOSED},
    CampaignStatus.OPEN: {CampaignStatus.CLOSED},
    CampaignStatus.CLOSED: {CampaignStatus.OPEN},
}


class CampaignError(DomainError):
    pass


@dataclass(frozen=True)
class AudienceSpec:
    """Whom to invite. Each given condition narrows the audience; inside one, any value fits."""

    roles: tuple[str, ...] = ()  # role codes of mentorship.roles: their users' people
    kinds: tuple[str, ...] = ()  # PersonKind values
    departments: tuple[str, ...] = ()  # departments or classes, exactly as in the cards
    bank: str = ""  # BANK_MENTEES or BANK_MENTORS
    bank_status: str = ""  # a status of that bank; empty means any
    pairs: tuple[int, ...] = ()  # ids of pairs and groups: their mentor and current mentees

    @property
    def is_empty(self) -> bool:
        return not (self.roles or self.kinds or self.departments or self.bank or self.pairs)

    def describe(self) -> str:
        """In Russian, for the campaign's «кого опрашиваем» and the audit."""
        parts = []
        if self.roles:
            parts.append("роли: " + ", ".join(ROLES[code].group for code in self.roles))
        if self.kinds:
            labels = dict(PersonKind.choices)
            parts.append("категории: " + ", ".join(str(labels[kind]) for kind in self.kinds))
        if self.departments:
            parts.append("классы и МО: " + ", ".join(self.departments))
        if self.bank:
            label = "база наставляемых" if self.bank == BANK_MENTEES else "база наставников"
            if self.bank_status:
                status = dict(BANK_STATUSES[self.bank].choices)[self.bank_status]
                label = f"{label} ({status})"
            parts.append(label)
        if self.pairs:
            parts.append(f"участники выбранных пар и групп ({len(self.pairs)})")
        return "; ".join(parts)


@dataclass
class InviteResult:
    created: int = 0
    already: int = 0
    skipped: list[tuple[Person, str]] = field(default_factory=list)


def audience_people(spec: AudienceSpec) -> QuerySet[Person]:
    """The people an audience names, anonymised ones included (the gates skip them)."""
    if spec.is_empty:
        raise CampaignError(
            "Укажите, кого пригласить: роль, категорию, классы, базу или пары и группы."
        )
    people = Person.objects.all()
    if spec.roles:
        unknown = set(spec.roles) - ROLES.keys()
        if unknown:
            raise CampaignError(f"Неизвестная роль: {', '.join(sorted(unknown))}.")
        groups = [ROLES[code].group for code in spec.roles]
        people = people.filter(user__groups__name__in=groups)
    if spec.kinds:
        people = people.filter(kind__in=spec.kinds)
    if spec.departments:
        people = people.filter(department__in=spec.departments)
    if spec.bank:
        if spec.bank not in BANK_STATUSES:
            raise CampaignError("Неизвестная база: выберите базу наставляемых или наставников.")
        profile = "mentee_profile" if spec.bank == BANK_MENTEES else "mentor_profile"
        people = people.filter(**{f"{profile}__isnull": False})
        if spec.bank_status:
            if spec.bank_status not in BANK_STATUSES[spec.bank].values:
                raise CampaignError("Такого статуса в этой базе нет.")
            people = people.filter(**{f"{profile}__status": spec.bank_status})
    if spec.pairs:
        in_pairs = Q(mentor_profile__mentorships__in=spec.pairs) | Q(
            mentee_profile__memberships__mentorship__in=spec.pairs,
            mentee_profile__memberships__left_on__isnull=True,
        )
        people = people.filter(in_pairs)
    # A person in two chosen groups must come once.
    return Person.objects.filter(pk__in=people.values("pk")).order_by("search_key", "pk")


@transaction.atomic
def campaign_create(
    *,
    questionnaire: Questionnaire,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    actor: User,
    year: ProgrammeYear | None = None,
    moment: str = Moment.NONE,
    audience_note: str = "",
) -> Campaign:
    """A draft campaign of the current programme year unless another year is given."""
    if year is None:
        year = ProgrammeYear.objects.current()
        if year is None:
            raise CampaignError("Не выбран текущий учебный год: отметьте его в настройках.")
    if ends_on < starts_on:
        raise CampaignError("Опрос должен заканчиваться не раньше, чем начинается.")
    if questionnaire.is_archived:
        raise CampaignError("Эта анкета в архиве: выберите действующую.")
    campaign = Campaign(
        questionnaire=questionnaire,
        year=year,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        moment=moment,
        audience_note=audience_note,
        created_by=actor,
    )
    campaign.full_clean()
    campaign.save()
    audit(
        actor=actor,
        action="campaign.create",
        obj=campaign,
        data={"questionnaire": questionnaire.pk, "year": year.title},
    )
    return campaign


@transaction.atomic
def campaign_invite(
    *, campaign: Campaign, audience: AudienceSpec, actor: User, day: datetime.date | None = None
) -> InviteResult:
    """Invite everyone of the audience once; skip, and remember why, those the gates stop."""
    day = day or timezone.localdate()
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status == CampaignStatus.CLOSED:
        raise CampaignError("Опрос закрыт: пригласить в него уже нельзя.")
    people = list(audience_people(audience))
    invited = set(
        Invitation.objects.filter(campaign=campaign, about_id__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    result = InviteResult()
    new: list[Invitation] = []
    skips: dict[int, str] = {}
    for person in people:
        if person.pk in invited:
            result.already += 1
            continue
        reasons = processing_blockers(person, day)
        if reasons:
            skips[person.pk] = " ".join(reasons)
            result.skipped.append((person, skips[person.pk]))
            continue
        new.append(Invitation(campaign=campaign, person=person))
    # The unique constraint is the last word if two curators invite at once.
    Invitation.objects.bulk_create(new, ignore_conflicts=True)
    result.created = len(new)
    InvitationSkip.objects.filter(
        campaign=campaign, person_id__in=[i.person_id for i in new]
    ).delete()
    for person_id, reason in skips.items():
        InvitationSkip.objects.update_or_create(
            campaign=campaign, person_id=person_id, defaults={"reason": reason[:500]}
        )
    if not campaign.audience_note:
        campaign.audience_note = audience.describe()[:300]
        campaign.save(update_fields=["audience_note", "updated_at"])
    audit(
        actor=actor,
        action="campaign.invite",
        obj=campaign,
        data={
            "audience": audience.describe(),
            "created": result.created,
            "already": result.already,
            "skipped": len(result.skipped),
        },
    )
    return result


def _transition(*, campaign: Campaign, status: str, actor: User, action: str) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status == status:
        return campaign
    if status not in ALLOWED_TRANSITIONS[campaign.status]:
        raise CampaignError(
            f"Опрос в состоянии «{campaign.get_status_display()}»: это действие недоступно."
        )
    if status == CampaignStatus.OPEN and timezone.localdate() > campaign.ends_on:
        raise CampaignError("Срок опроса уже прошёл: открыть его снова нельзя.")
    old = campaign.status
    campaign.status = status
    campaign.save(update_fields=["status", "updated_at"])
    audit(actor=actor, action=action, obj=campaign, data={"from": old, "to": status})
    return campaign


@transaction.atomic
def campaign_open(*, campaign: Campaign, actor: User) -> Campaign:
    """Let the personal links take answers (from the first day of the period)."""
    return _transition(
        campaign=campaign, status=CampaignStatus.OPEN, actor=actor, action="campaign.open"
    )


@transaction.atomic
def campaign_close(*, campaign: Campaign, actor: User) -> Campaign:
    """Stop taking answers: every link of the campaign shows «Опрос завершён»."""
    return _transition(
        campaign=campaign, status=CampaignStatus.CLOSED, actor=actor, action="campaign.close"
    )


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User) -> Invitation:
    """Make a personal link dead (lost sheet, wrong person); idempotent."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_revoked:
        return invitation
    if invitation.is_answered:
        raise CampaignError("Ответ по этой ссылке уже получен: отзывать её незачем.")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    audit(
        actor=actor,
        action="invitation.revoke",
        obj=invitation,
        data={"campaign": invitation.campaign_id, "person": invitation.person_id},
    )
    return invitation


def invitation_link(invitation: Invitation, base_url: str) -> str:
    """The personal link as an absolute URL, for e-mails, sheets and QR codes."""
    return base_url.rstrip("/") + invitation.get_absolute_url()


def with_email() -> Q:
    """Invitations whose person has an address: his own, or else his log-in's."""
    return Q(person__email__gt="") | Q(person__user__email__gt="")


def _address(person: Person) -> str:
    return person.email or (person.user.email if person.user_id else "")


def _pending(campaign: Campaign) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(
            campaign=campaign, revoked_at__isnull=True, answered_at__isnull=True
        )
        .filter(with_email())
        .select_related("person__user", "campaign__questionnaire")
    )


def _deliver(send: Callable[..., None], batch: list[Invitation], base_url: str) -> None:
    # One SMTP connection for the whole batch instead of one per letter.
    school = get_school()
    with get_connection() as connection:
        for invitation in batch:
            send(
                invitation=invitation,
                to=_address(invitation.person),
                link=invitation_link(invitation, base_url),
                school=school,
                connection=connection,
            )


def _require_open(campaign: Campaign, today: datetime.date) -> None:
    if campaign.status != CampaignStatus.OPEN:
        raise CampaignError("Сначала откройте опрос: письма рассылаются только по идущему опросу.")
    if today > campaign.ends_on:
        raise CampaignError("Срок опроса прошёл: письма больше не рассылаются.")


@transaction.atomic
def invitations_send(*, campaign: Campaign, base_url: str, actor: User | None) -> int:
    """E-mail the personal link to everyone with an address who has not had it yet."""
    _require_open(campaign, timezone.localdate())
    now = timezone.now()
    batch: list[Invitation] = []
    for invitation in _pending(campaign).filter(sent_at__isnull=True):
        # Claim the row first, so that two clicks or two workers never send it twice.
        claimed = Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(
            sent_at=now, updated_at=now
        )
        if claimed:
            batch.append(invitation)
    if batch:
        transaction.on_commit(lambda: _deliver(send_survey_invitation, batch, base_url))
        audit(actor=actor, action="invitations.send", obj=campaign, data={"sent": len(batch)})
    return len(batch)


@transaction.atomic
def invitations_remind(*, campaign: Campaign, base_url: str, actor: User | None) -> int:
    """Remind those who got the link, have not answered and were not reminded for a day."""
    _require_open(campaign, timezone.localdate())
    now = timezone.now()
    due = Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - REMIND_INTERVAL)
    batch: list[Invitation] = []
    for invitation in _pending(campaign).filter(due, sent_at__isnull=False):
        claimed = Invitation.objects.filter(due, pk=invitation.pk).update(
            reminded_at=now, updated_at=now
        )
        if claimed:
            batch.append(invitation)
    if batch:
        transaction.on_commit(lambda: _deliver(send_survey_reminder, batch, base_url))
        audit(actor=actor, action="invitations.remind", obj=campaign, data={"reminded": len(batch)})
    return len(batch)


def campaigns_due_for_reminders(today: datetime.date) -> QuerySet[Campaign]:
    """Open campaigns whose period includes ``today``: the reminder command's work list.

    The year's standing meeting-feedback campaigns are left out: ``send_reminders`` reminds
    of each meeting's form on its own schedule.
    """
    return (
        Campaign.objects.filter(
            status=CampaignStatus.OPEN, starts_on__lte=today, ends_on__gte=today
        )
        .exclude(questionnaire__purpose=Purpose.MEETING_FEEDBACK)
        .order_by("pk")
    )
