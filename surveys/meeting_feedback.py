"""Feedback after every meeting (domain.md §1.1 stage 6, §7.5).

Logging a meeting invites its mentor and current mentees to the year's standing feedback
campaign (one per standard questionnaire), each invitation *about* the meeting, and e-mails
the personal links once the meeting is saved. The selectors below say, per meeting, per pair
and per person, who was asked and who answered; a submitted response belongs to its meeting
through ``Invitation.about``.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from mentorship.common import audit
from mentorship.emails import send_templated
from mentorship.gates import clearances, processing_blockers
from mentorship.models import (
    Meeting,
    MeetingKind,
    Mentorship,
    MentorshipMember,
    Person,
    ProgrammeYear,
    School,
    User,
)
from mentorship.services import get_school
from surveys.models import (
    Audience,
    Campaign,
    CampaignStatus,
    Invitation,
    InvitationSkip,
    Purpose,
    Questionnaire,
)
from surveys.services_campaigns import campaign_create, campaign_open

logger = logging.getLogger(__name__)

MENTOR, MENTEE = "mentor", "mentee"
ROLE_LABELS = {MENTOR: "наставник", MENTEE: "наставляемый"}
QUESTIONNAIRE_CODES = {MENTOR: "meeting-feedback-mentor", MENTEE: "meeting-feedback-mentee"}
# Marks the campaigns this module keeps, so that a curator's own feedback campaign with the
# same questionnaire is never taken over.
STANDING_NOTE = "Участники каждой записанной встречи"

ANSWERED, WAITING, NOT_INVITED = "answered", "waiting", "not_invited"
STATE_LABELS = {ANSWERED: "ответ получен", WAITING: "ждём ответа", NOT_INVITED: "не приглашён"}


def _meeting_type() -> Q:
    # Filtering through the join keeps query counts steady (no ContentType cache involved).
    return Q(about_type__app_label="mentorship", about_type__model="meeting")


def _address(person: Person) -> str:
    return person.email or (person.user.email if person.user_id else "")


# Invitations


def standing_questionnaire(role: str) -> Questionnaire | None:
    """The newest live version of the role's standard feedback form, if it was loaded."""
    return (
        Questionnaire.objects.filter(code=QUESTIONNAIRE_CODES[role], is_archived=False)
        .order_by("-version")
        .first()
    )


def standing_campaign(
    *, questionnaire: Questionnaire, year: ProgrammeYear, actor: User | None
) -> Campaign:
    """The year's feedback campaign for this questionnaire, made and opened on first use."""
    # The year's row serialises two meetings logged at once (one campaign, not two).
    ProgrammeYear.objects.select_for_update().filter(pk=year.pk).first()
    campaign = (
        Campaign.objects.filter(questionnaire=questionnaire, year=year, audience_note=STANDING_NOTE)
        .order_by("pk")
        .first()
    )
    if campaign is not None:
        return campaign
    campaign = campaign_create(
        questionnaire=questionnaire,
        title=f"{questionnaire.title}: {year.title}",
        starts_on=year.start_date,
        ends_on=year.end_date,
        actor=actor,
        year=year,
        audience_note=STANDING_NOTE,
    )
    if timezone.localdate() <= year.end_date:
        campaign = campaign_open(campaign=campaign, actor=actor)
    return campaign


@dataclass
class _Invitee:
    person: Person
    role: str
    year: ProgrammeYear
    partners: list[str] = field(default_factory=list)


def _invitees(meeting: Meeting) -> list[_Invitee]:
    """The mentor and the current mentees of each pair of the meeting, each once per role."""
    pairs = meeting.mentorships.select_related("year", "mentor__person__user").prefetch_related(
        Prefetch(
            "members",
            queryset=MentorshipMember.objects.select_related("mentee__person__user").order_by(
                "mentee__person__search_key", "pk"
            ),
        )
    )
    found: dict[tuple[int, str], _Invitee] = {}
    for pair in pairs:
        mentees = [m.mentee.person for m in pair.members.all() if m.left_on is None]
        mentor = pair.mentor.person
        side = found.setdefault((mentor.pk, MENTOR), _Invitee(mentor, MENTOR, pair.year))
        side.partners += [p.full_name for p in mentees]
        for mentee in mentees:
            side = found.setdefault((mentee.pk, MENTEE), _Invitee(mentee, MENTEE, pair.year))
            side.partners.append(mentor.full_name)
    return list(found.values())


def meeting_feedback_invite(*, meeting: Meeting, actor: User | None) -> list[Invitation]:
    """MEETING_LOGGED hook: invite each side about the meeting; never fail the meeting."""
    try:
        # A savepoint: whatever goes wrong here, the meeting itself is still recorded.
        with transaction.atomic():
            invitations, partners = _invite(meeting=meeting, actor=actor)
    except Exception:
        logger.exception("Обратная связь по встрече %s: приглашения не созданы", meeting.pk)
        return []
    if invitations:
        transaction.on_commit(lambda: _deliver(invitations, meeting, partners))
    return invitations


def _invite(
    *, meeting: Meeting, actor: User | None
) -> tuple[list[Invitation], dict[int, list[str]]]:
    questionnaires = {role: standing_questionnaire(role) for role in QUESTIONNAIRE_CODES}
    for role, questionnaire in questionnaires.items():
        if questionnaire is None:
            logger.warning(
                "Нет анкеты «%s»: загрузите стандартные данные (load_standard_data); "
                "обратная связь по встрече %s не запрошена.",
                QUESTIONNAIRE_CODES[role],
                meeting.pk,
            )
    if not any(questionnaires.values()):
        return [], {}
    today = timezone.localdate()
    invitees = _invitees(meeting)
    gates = clearances([i.person for i in invitees], today)
    about_type = ContentType.objects.get_for_model(Meeting)
    mailed: list[int] = []
    created_count = 0
    partners: dict[int, list[str]] = {}
    campaigns: dict[tuple[int, str], Campaign] = {}
    for invitee in invitees:
        questionnaire = questionnaires[invitee.role]
        if questionnaire is None:
            continue
        key = (invitee.year.pk, invitee.role)
        if key not in campaigns:
            campaigns[key] = standing_campaign(
                questionnaire=questionnaire, year=invitee.year, actor=actor
            )
        campaign = campaigns[key]
        if campaign.status == CampaignStatus.CLOSED:
            continue  # the curator has stopped this year's feedback
        person = invitee.person
        if "processing" not in gates[person.pk]:
            reason = " ".join(processing_blockers(person, today))
            InvitationSkip.objects.update_or_create(
                campaign=campaign, person=person, defaults={"reason": reason[:500]}
            )
            continue
        invitation, created = Invitation.objects.get_or_create(
            campaign=campaign, person=person, about_type=about_type, about_id=meeting.pk
        )
        InvitationSkip.objects.filter(campaign=campaign, person=person).delete()
        created_count += created
        if created and campaign.is_open_on(today) and _address(person):
            mailed.append(invitation.pk)
            partners[invitation.pk] = invitee.partners
    if campaigns:
        audit(
            actor=actor,
            action="meeting_feedback.invite",
            obj=meeting,
            data={"invited": created_count, "people": len(invitees)},
        )
    # Claim the letters now, so that a reminder run never sends a second first letter.
    now = timezone.now()
    Invitation.objects.filter(pk__in=mailed).update(sent_at=now, updated_at=now)
    invitations = list(
        Invitation.objects.filter(pk__in=mailed).select_related(
            "person__user", "campaign__questionnaire"
        )
    )
    return invitations, partners


def send_meeting_feedback(
    *,
    invitation: Invitation,
    meeting: Meeting,
    to: str,
    link: str,
    partners: Sequence[str] = (),
    school: School | None = None,
    connection: Any = None,
) -> None:
    """The personal link to the feedback form about one meeting."""
    send_templated(
        name="meeting_feedback",
        to=[to],
        context={
            "person": invitation.person,
            "meeting": meeting,
            "is_group_final": meeting.kind == MeetingKind.GROUP_FINAL,
            "partners": list(partners),
            "questionnaire": invitation.campaign.questionnaire,
            "link": link,
            "school": school or get_school(),
        },
        connection=connection,
    )


def _deliver(
    invitations: list[Invitation], meeting: Meeting, partners: dict[int, list[str]]
) -> None:
    school = get_school()
    # One SMTP connection for all sides of the meeting.
    with get_connection() as connection:
        for invitation in invitations:
            send_meeting_feedback(
                invitation=invitation,
                meeting=meeting,
                to=_address(invitation.person),
                link=settings.SITE_URL + invitation.get_absolute_url(),
                partners=partners.get(invitation.pk, ()),
                school=school,
                connection=connection,
            )


# Who answered


@dataclass(frozen=True)
class FeedbackRow:
    """One side of one meeting: asked or not, answered or not."""

    person_id: int
    name: str
    role: str
    state: str
    answered_at: datetime.datetime | None = None

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


def _role_of(audience: str, person_id: int, mentors: set[int]) -> str:
    if audience == Audience.MENTORS:
        return MENTOR
    if audience == Audience.MENTEES:
        return MENTEE
    return MENTOR if person_id in mentors else MENTEE


def _feedback_invitations(meeting_ids: Iterable[int] | None = None) -> QuerySet[Invitation]:
    """Live feedback invitations about meetings (about these meetings, if given)."""
    invitations = Invitation.objects.filter(
        _meeting_type(),
        revoked_at__isnull=True,
        campaign__questionnaire__purpose=Purpose.MEETING_FEEDBACK,
    )
    if meeting_ids is not None:
        invitations = invitations.filter(about_id__in=list(meeting_ids))
    return invitations


def feedback_status(*, meetings: Iterable[Meeting]) -> dict[int, list[FeedbackRow]]:
    """Meeting id → its sides, mentor first: invited or not, answered or not (four queries)."""
    ids = [m.pk for m in meetings]
    if not ids:
        return {}
    links = list(
        Meeting.mentorships.through.objects.filter(meeting_id__in=ids).values_list(
            "meeting_id", "mentorship_id", "mentorship__mentor__person_id"
        )
    )
    members: dict[int, list[int]] = defaultdict(list)
    for pair_id, person_id in MentorshipMember.objects.filter(
        mentorship_id__in={pair_id for _m, pair_id, _p in links}, left_on__isnull=True
    ).values_list("mentorship_id", "mentee__person_id"):
        members[pair_id].append(person_id)
    expected: dict[int, dict[tuple[int, str], None]] = {pk: {} for pk in ids}
    mentors: dict[int, set[int]] = defaultdict(set)
    for meeting_id, pair_id, mentor_id in links:
        expected[meeting_id][(mentor_id, MENTOR)] = None
        mentors[meeting_id].add(mentor_id)
        for person_id in members[pair_id]:
            expected[meeting_id][(person_id, MENTEE)] = None
    asked: dict[int, dict[tuple[int, str], datetime.datetime | None]] = defaultdict(dict)
    for meeting_id, person_id, audience, answered_at in _feedback_invitations(ids).values_list(
        "about_id", "person_id", "campaign__questionnaire__audience", "answered_at"
    ):
        role = _role_of(audience, person_id, mentors[meeting_id])
        asked[meeting_id][(person_id, role)] = answered_at
    people = {
        person.pk: person
        for person in Person.objects.filter(
            pk__in={p for rows in expected.values() for p, _r in rows}
            | {p for rows in asked.values() for p, _r in rows}
        ).only("surname", "name", "patronymic", "search_key")
    }
    result: dict[int, list[FeedbackRow]] = {}
    for meeting_id in ids:
        rows = []
        for person_id, role in {**expected[meeting_id], **asked[meeting_id]}:
            if (person_id, role) in asked[meeting_id]:
                answered_at = asked[meeting_id][(person_id, role)]
                state = ANSWERED if answered_at else WAITING
            else:
                answered_at, state = None, NOT_INVITED
            person = people[person_id]
            rows.append(FeedbackRow(person_id, person.full_name, role, state, answered_at))
        rows.sort(key=lambda r: (r.role != MENTOR, people[r.person_id].search_key, r.person_id))
        result[meeting_id] = rows
    return result


# Completion per pair and per person (the curator's feedback page)


@dataclass(frozen=True)
class Unanswered:
    name: str  # «Иванова М. П.»
    role: str
    held_on: datetime.date
    meeting_id: int


def _percent(answered: int, invited: int) -> int | None:
    return round(answered * 100 / invited) if invited else None


@dataclass
class PairFeedback:
    pair: Mentorship
    meetings: int = 0
    invited: int = 0
    answered: int = 0
    unanswered: list[Unanswered] = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        return _percent(self.answered, self.invited)


@dataclass
class PersonFeedback:
    person_id: int
    name: str
    roles: set[str] = field(default_factory=set)
    invited: int = 0
    answered: int = 0
    unanswered: list[Unanswered] = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        return _percent(self.answered, self.invited)

    @property
    def role_label(self) -> str:
        return ", ".join(ROLE_LABELS[r] for r in (MENTOR, MENTEE) if r in self.roles)


def feedback_overview(
    pairs: Sequence[Mentorship],
) -> tuple[list[PairFeedback], list[PersonFeedback]]:
    """Meetings, forms asked and answered per pair and per person, in two queries.

    ``pairs`` come with ``mentor__person`` and the ``member_rows`` prefetch (every member,
    those who left included, so their old answers still count for the pair).
    """
    by_pair = {pair.pk: PairFeedback(pair=pair) for pair in pairs}
    sides: dict[int, set[int]] = {
        pair.pk: {pair.mentor.person_id} | {m.mentee.person_id for m in pair.member_rows}
        for pair in pairs
    }
    meeting_pairs: dict[int, list[int]] = defaultdict(list)
    held: dict[int, datetime.date] = {}
    for meeting_id, pair_id, held_on in Meeting.mentorships.through.objects.filter(
        mentorship_id__in=list(by_pair)
    ).values_list("meeting_id", "mentorship_id", "meeting__held_on"):
        meeting_pairs[meeting_id].append(pair_id)
        held[meeting_id] = held_on
        by_pair[pair_id].meetings += 1
    people: dict[int, PersonFeedback] = {}
    mentors = {pair.mentor.person_id for pair in pairs}
    rows = _feedback_invitations(meeting_pairs).values_list(
        "about_id",
        "person_id",
        "person__surname",
        "person__name",
        "person__patronymic",
        "campaign__questionnaire__audience",
        "answered_at",
    )
    for meeting_id, person_id, surname, name, patronymic, audience, answered_at in rows:
        ours = [p for p in meeting_pairs[meeting_id] if person_id in sides[p]]
        if not ours and len(meeting_pairs[meeting_id]) == 1:
            ours = meeting_pairs[meeting_id]
        role = _role_of(audience, person_id, mentors)
        card = Person(surname=surname, name=name, patronymic=patronymic)
        person = people.setdefault(person_id, PersonFeedback(person_id, card.full_name))
        person.roles.add(role)
        person.invited += 1
        missing = (
            None if answered_at else Unanswered(card.short_name, role, held[meeting_id], meeting_id)
        )
        if answered_at:
            person.answered += 1
        else:
            person.unanswered.append(missing)
        for pair_id in ours:
            row = by_pair[pair_id]
            row.invited += 1
            if answered_at:
                row.answered += 1
            else:
                row.unanswered.append(missing)

    def newest_first(item: Unanswered) -> tuple[int, int, bool, str]:
        # Newest meeting first; within one meeting the mentor first, then by name.
        return (-item.held_on.toordinal(), -item.meeting_id, item.role != MENTOR, item.name)

    for row in by_pair.values():
        row.unanswered.sort(key=newest_first)
    for person in people.values():
        person.unanswered.sort(key=newest_first)
    return list(by_pair.values()), sorted(people.values(), key=lambda p: (p.name, p.person_id))


def feedback_totals(*, current_year: bool = False) -> dict[str, int]:
    """Feedback forms asked and answered (of the current year), in one query."""
    invitations = _feedback_invitations()
    if current_year:
        invitations = invitations.filter(campaign__year__is_current=True)
    return invitations.aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False))
    )
