"""Read queries for the pairs, matching and unmatched pages; list pages have pinned query counts."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from mentorship.gates import pairing_blockers
from mentorship.matching import Constraints, MenteeInput, MentorInput, Weights, admissible, score
from mentorship.models import (
    Consent,
    ConsentKind,
    MatchProposal,
    MatchRun,
    MenteeProfile,
    MenteeRequest,
    MenteeStatus,
    MentoringForm,
    MentorProfile,
    Mentorship,
    MentorshipMember,
    MentorshipStatus,
    MentorshipStatusChange,
    MentorStatus,
    PairingPreference,
    Person,
    PersonalProgramme,
    PreferenceKind,
    ProgrammeYear,
    ProposalStatus,
    School,
)
from mentorship.permissions import own_mentorships
from mentorship.querysets import active_consent_q, age_flags
from mentorship.services.pairs import open_memberships

# The same mentors the matching run considers (see services.matching.build_inputs).
UNAVAILABLE_MENTOR_STATUSES = (MentorStatus.EXCLUDED, MentorStatus.RESTING)
# How many recent runs of the year the unmatched page reads for the latest reasons.
RUNS_LOOKED_AT = 20
CANDIDATES_SHOWN = 50


# Pairs and groups


def _members_prefetch() -> Prefetch:
    return Prefetch(
        "members",
        queryset=MentorshipMember.objects.select_related("mentee__person").order_by(
            "left_on", "mentee__person__search_key", "pk"
        ),
        to_attr="member_rows",
    )


def _current_members_count() -> Coalesce:
    # A subquery, not Count("members"): a filter on members (own pairs) would skew a join count.
    counted = (
        MentorshipMember.objects.filter(mentorship=OuterRef("pk"), left_on__isnull=True)
        .order_by()
        .values("mentorship")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _for_list(qs: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    """Rows of a pair list: year, form, mentor, mentees and flags in three queries in all."""
    return (
        qs.select_related("year", "form", "mentor__person")
        .annotate(
            member_count=_current_members_count(),
            has_programme=Exists(PersonalProgramme.objects.filter(mentorship=OuterRef("pk"))),
        )
        .prefetch_related(_members_prefetch())
    )


def pair_list(*, filters: dict[str, Any]) -> QuerySet[Mentorship]:
    qs = _for_list(Mentorship.objects.all())
    if filters.get("year"):
        qs = qs.filter(year=filters["year"])
    if filters.get("form"):
        qs = qs.filter(form=filters["form"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("q"):
        people = Person.objects.search(filters["q"])
        qs = qs.filter(
            Q(mentor__person__in=people)
            | Q(
                pk__in=MentorshipMember.objects.filter(mentee__person__in=people).values(
                    "mentorship"
                )
            )
        )
    return qs.order_by("-year__start_date", "mentor__person__search_key", "pk")


def my_pairs(*, user) -> QuerySet[Mentorship]:
    """The user's own pairs and groups, as a mentor or a mentee, newest first."""
    qs = _for_list(Mentorship.objects.filter(pk__in=own_mentorships(user).values("pk")))
    return qs.annotate(
        as_mentor=Case(
            When(mentor__person__user=user, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    ).order_by("-year__start_date", "-start_date", "pk")


@dataclass
class StatusLine:
    when: datetime.datetime
    who: str
    from_label: str
    to_label: str
    note: str


def pair_detail_queryset(visible: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    return _for_list(visible).prefetch_related(
        Prefetch(
            "status_changes",
            queryset=MentorshipStatusChange.objects.select_related("actor"),
            to_attr="status_rows",
        )
    )


def status_lines(mentorship: Mentorship) -> list[StatusLine]:
    """The status history (prefetched by ``pair_detail_queryset``) in readable words."""
    labels = dict(MentorshipStatus.choices)
    lines = []
    for change in mentorship.status_rows:
        user = change.actor
        lines.append(
            StatusLine(
                when=change.changed_at,
                who=(user.get_full_name() or user.username) if user else "система",
                from_label=str(labels.get(change.from_status, "—")),
                to_label=str(labels.get(change.to_status, change.to_status)),
                note=change.note,
            )
        )
    return lines


def waiting_mentees() -> QuerySet[MenteeProfile]:
    return (
        MenteeProfile.objects.filter(status=MenteeStatus.WAITING, person__anonymised_at=None)
        .select_related("person")
        .order_by("person__search_key", "pk")
    )


def addable_mentees(mentorship: Mentorship) -> QuerySet[MenteeProfile]:
    """Mentees who may join this group: waiting, and not its mentor."""
    return waiting_mentees().exclude(person=mentorship.mentor.person_id)


# Matching runs and proposals


@dataclass
class AlternativeRow:
    mentor_id: int
    name: str
    score: int
    reasons: list[str]


@dataclass
class UnmatchedRow:
    mentee: MenteeProfile
    reason: str
    run: MatchRun | None = None
    computed: bool = False


@dataclass
class RunPage:
    run: MatchRun
    proposals: list[MatchProposal]
    unmatched: list[UnmatchedRow]
    counts: dict[str, int] = field(default_factory=dict)


def _attach_alternatives(proposals: list[MatchProposal]) -> None:
    """Resolve the alternatives' mentor names of all the proposals in one query."""
    ids = {alt["mentor_id"] for p in proposals for alt in p.alternatives}
    mentors = {
        m.pk: m.person.full_name
        for m in MentorProfile.objects.filter(pk__in=ids).select_related("person")
    }
    for proposal in proposals:
        proposal.alternative_rows = [
            AlternativeRow(
                mentor_id=alt["mentor_id"],
                name=mentors[alt["mentor_id"]],
                score=alt["score"],
                reasons=list(alt.get("reasons", [])),
            )
            for alt in proposal.alternatives
            if alt["mentor_id"] in mentors
        ]


def _proposals(qs: QuerySet[MatchProposal]) -> list[MatchProposal]:
    proposals = list(qs.select_related("mentee__person", "mentor__person").order_by("-score", "pk"))
    _attach_alternatives(proposals)
    return proposals


def run_page(*, run: MatchRun) -> RunPage:
    """The proposals of a run with their alternatives, and its unmatched: four queries."""
    proposals = _proposals(MatchProposal.objects.filter(run=run))
    counts = dict.fromkeys(ProposalStatus.values, 0)
    for proposal in proposals:
        counts[proposal.status] += 1
    reasons = {item["mentee_id"]: item["reason"] for item in run.unmatched}
    mentees = MenteeProfile.objects.filter(pk__in=reasons).select_related("person")
    unmatched = sorted(
        (UnmatchedRow(mentee=m, reason=reasons[m.pk], run=run) for m in mentees),
        key=lambda row: row.mentee.person.search_key,
    )
    return RunPage(run=run, proposals=proposals, unmatched=unmatched, counts=counts)


def proposal_row(*, pk: int) -> MatchProposal:
    """One proposal re-read for an htmx row swap."""
    return _proposals(MatchProposal.objects.filter(pk=pk).select_related("run"))[0]


def recent_runs(*, year: ProgrammeYear | None, limit: int = 10) -> list[MatchRun]:
    qs = MatchRun.objects.select_related("form").annotate(
        proposal_count=Count("proposals"),
        accepted_count=Count("proposals", filter=Q(proposals__status=ProposalStatus.ACCEPTED)),
    )
    if year is not None:
        qs = qs.filter(year=year)
    return list(qs.order_by("-created_at", "-pk")[:limit])


# The unmatched page


def _eligible_mentors() -> QuerySet[MentorProfile]:
    return MentorProfile.objects.exclude(status__in=UNAVAILABLE_MENTOR_STATUSES).filter(
        person__anonymised_at=None
    )


def mentor_loads(mentor_ids: Iterable[int] | None = None) -> dict[int, int]:
    """How many mentees each mentor leads now, in one grouped query."""
    qs = open_memberships()
    if mentor_ids is not None:
        qs = qs.filter(mentorship__mentor__in=list(mentor_ids))
    rows = qs.order_by().values("mentorship__mentor").annotate(n=Count("pk"))
    return {row["mentorship__mentor"]: row["n"] for row in rows}


def _latest_run_reasons(year: ProgrammeYear | None) -> dict[int, tuple[MatchRun, str | None]]:
    """For each mentee the newest run that saw him: its reason, or None if it is stale."""
    runs = MatchRun.objects.select_related("form").order_by("-created_at", "-pk")
    if year is not None:
        runs = runs.filter(year=year)
    runs = list(runs[:RUNS_LOOKED_AT])
    decided: dict[int, dict[int, str]] = defaultdict(dict)
    for run_id, mentee_id, status in MatchProposal.objects.filter(run__in=runs).values_list(
        "run_id", "mentee_id", "status"
    ):
        decided[run_id][mentee_id] = status
    latest: dict[int, tuple[MatchRun, str | None]] = {}
    for run in runs:
        for item in run.unmatched:
            latest.setdefault(item["mentee_id"], (run, item["reason"]))
        for mentee_id, status in decided[run.pk].items():
            if status == ProposalStatus.PROPOSED:
                reason = "наставник предложен, решение ещё не принято"
            elif status == ProposalStatus.REJECTED:
                reason = "предложенного наставника отклонили"
            else:  # accepted, then the pair ended: that run says nothing about today
                reason = None
            latest.setdefault(mentee_id, (run, reason))
    return latest


def unmatched_list(
    *, year: ProgrammeYear | None, school: School, today: datetime.date
) -> list[UnmatchedRow]:
    """Waiting mentees and why: the latest run's reason if any, else worked out from the banks."""
    active = Consent.objects.filter(active_consent_q(today), person=OuterRef("person"))
    mentees = list(
        MenteeProfile.objects.filter(status=MenteeStatus.WAITING, person__anonymised_at=None)
        .select_related("person")
        .prefetch_related(
            Prefetch("requests", queryset=MenteeRequest.objects.select_related("topic"))
        )
        .annotate(
            has_pd=Exists(active.filter(kind=ConsentKind.PERSONAL_DATA)),
            has_representative=Exists(active.filter(kind=ConsentKind.REPRESENTATIVE)),
            **age_flags(
                max_age=school.young_specialist_max_age,
                max_experience=school.young_specialist_max_experience,
                today=today,
                prefix="person__",
            ),
        )
        .order_by("person__search_key", "pk")
    )
    latest = _latest_run_reasons(year)
    mentors = list(_eligible_mentors().prefetch_related("topics"))
    loads = mentor_loads()
    free = {
        m.pk: m.effective_capacity(school.max_mentees_per_mentor) - loads.get(m.pk, 0)
        for m in mentors
    }
    rows = []
    for mentee in mentees:
        run, reason = latest.get(mentee.pk, (None, None))
        if reason is not None:
            rows.append(UnmatchedRow(mentee=mentee, reason=reason, run=run))
        else:
            rows.append(
                UnmatchedRow(
                    mentee=mentee, reason=_computed_reason(mentee, mentors, free), computed=True
                )
            )
    return rows


def _computed_reason(
    mentee: MenteeProfile, mentors: list[MentorProfile], free: dict[int, int]
) -> str:
    if mentee.is_minor_flag:
        lacks_consent = not mentee.has_representative
    else:
        lacks_consent = not (mentee.has_pd or mentee.has_representative)
    if lacks_consent:
        # Only the few without a consent reach the gate, which words the reason itself.
        return " ".join(pairing_blockers(mentee.person, as_mentor=False))
    requests = list(mentee.requests.all())
    if not requests:
        return "в запросе не отмечены темы — наставника можно подобрать вручную"
    wanted = {r.topic_id for r in requests}
    common = [
        m
        for m in mentors
        if m.person_id != mentee.person_id and wanted & {t.pk for t in m.topics.all()}
    ]
    if not common:
        titles = ", ".join(r.topic.title for r in requests)
        return f"нет наставника с темами запроса ({titles})"
    if all(free[m.pk] <= 0 for m in common):
        return f"у всех наставников с общими темами ({len(common)}) нет свободных мест"
    return "подходящие наставники есть — запустите подбор"


# Side by side


@dataclass
class TopicMark:
    title: str
    common: bool
    weight: int | None = None
    weight_label: str = ""


@dataclass
class Comparison:
    mentee: MenteeProfile
    mentor: MentorProfile
    mentee_topics: list[TopicMark]
    mentor_topics: list[TopicMark]
    common_count: int
    capacity: int
    free: int


def comparison(*, mentee_id: int, mentor_id: int, school: School) -> Comparison:
    """Both profiles with their topics, the common ones marked."""
    mentee = (
        MenteeProfile.objects.select_related("person")
        .prefetch_related(
            Prefetch("requests", queryset=MenteeRequest.objects.select_related("topic"))
        )
        .get(pk=mentee_id)
    )
    mentor = (
        MentorProfile.objects.select_related("person")
        .prefetch_related("topics", "forms")
        .get(pk=mentor_id)
    )
    offered = {t.pk for t in mentor.topics.all()}
    requests = list(mentee.requests.all())
    wanted = {r.topic_id for r in requests}
    capacity = mentor.effective_capacity(school.max_mentees_per_mentor)
    return Comparison(
        mentee=mentee,
        mentor=mentor,
        mentee_topics=[
            TopicMark(
                title=r.topic.title,
                common=r.topic_id in offered,
                weight=r.weight,
                weight_label=r.get_weight_display(),
            )
            for r in requests
        ],
        mentor_topics=sorted(
            (TopicMark(title=t.title, common=t.pk in wanted) for t in mentor.topics.all()),
            key=lambda mark: (not mark.common, mark.title),
        ),
        common_count=len(wanted & offered),
        capacity=capacity,
        free=max(capacity - mentor_loads([mentor.pk]).get(mentor.pk, 0), 0),
    )


# Manual pairing


@dataclass
class Candidate:
    mentor: MentorProfile
    capacity: int
    free: int
    score: int
    reasons: tuple[str, ...]
    warning: str | None


def pairing_mentees() -> QuerySet[MenteeProfile]:
    """Mentees the curator may pair by hand: waiting or supported without a pair."""
    return (
        MenteeProfile.objects.filter(
            status__in=[MenteeStatus.WAITING, MenteeStatus.SUPPORTED],
            person__anonymised_at=None,
        )
        .select_related("person")
        .order_by("person__search_key", "pk")
    )


def _mentee_input(
    mentee: MenteeProfile,
    form: MentoringForm | None,
    prefs: list[PairingPreference],
    mentor_of: dict[int, int],
) -> MenteeInput:
    requests = list(mentee.requests.all())
    person = mentee.person
    mine = [p for p in prefs if p.person_id == person.pk]
    return MenteeInput(
        id=mentee.pk,
        name=person.full_name,
        topics={r.topic_id: r.weight for r in requests},
        topic_titles={r.topic_id: r.topic.title for r in requests},
        department=person.department,
        subjects=person.subjects,
        experience_years=person.teaching_experience_years,
        form_ids=frozenset({form.pk}) if form is not None else frozenset(),
        has_consent=True,  # the service checks consents; the score does not depend on them
        preferences=tuple(
            mentor_of[p.other_id]
            for p in mine
            if p.kind == PreferenceKind.PREFER and p.other_id in mentor_of
        ),
        avoid=frozenset(
            mentor_of[p.other_id]
            for p in mine
            if p.kind == PreferenceKind.AVOID and p.other_id in mentor_of
        ),
    )


def _mentor_input(
    mentor: MentorProfile, free: int, mentee: MenteeProfile, prefs: list[PairingPreference]
) -> MentorInput:
    person = mentor.person
    topics = list(mentor.topics.all())
    theirs = [p for p in prefs if p.person_id == person.pk]
    return MentorInput(
        id=mentor.pk,
        name=person.full_name,
        topics=frozenset(t.pk for t in topics),
        topic_titles={t.pk: t.title for t in topics},
        department=person.department,
        subjects=person.subjects,
        experience_years=person.teaching_experience_years,
        form_ids=frozenset(f.pk for f in mentor.forms.all()),
        capacity=free,
        has_consent=True,
        preferences=tuple(mentee.pk for p in theirs if p.kind == PreferenceKind.PREFER),
        avoid=frozenset(mentee.pk for p in theirs if p.kind == PreferenceKind.AVOID),
    )


def pairing_candidates(
    *,
    mentee: MenteeProfile,
    year: ProgrammeYear,
    form: MentoringForm | None,
    query: str,
    include_full: bool,
    weights: Weights,
    school: School,
) -> list[Candidate]:
    """Mentors for one mentee with their free places and the engine's score, best first."""
    mentee = (
        MenteeProfile.objects.select_related("person")
        .prefetch_related(
            Prefetch("requests", queryset=MenteeRequest.objects.select_related("topic"))
        )
        .get(pk=mentee.pk)
    )
    mentors_qs = (
        _eligible_mentors()
        .exclude(person=mentee.person_id)
        .select_related("person")
        .prefetch_related("topics", "forms")
        .order_by("person__search_key", "pk")
    )
    if query:
        mentors_qs = mentors_qs.filter(person__in=Person.objects.search(query))
    mentors = list(mentors_qs)
    loads = mentor_loads(m.pk for m in mentors)
    prefs = list(
        PairingPreference.objects.filter(year=year)
        .filter(Q(person=mentee.person_id) | Q(other=mentee.person_id))
        .order_by("rank", "pk")
    )
    mentor_of = {m.person_id: m.pk for m in mentors}
    mentee_in = _mentee_input(mentee, form, prefs, mentor_of)
    candidates = []
    for mentor in mentors:
        capacity = mentor.effective_capacity(school.max_mentees_per_mentor)
        free = max(capacity - loads.get(mentor.pk, 0), 0)
        if free <= 0 and not include_full:
            continue
        mentor_in = _mentor_input(mentor, free, mentee, prefs)
        points, reasons = score(mentee_in, mentor_in, weights)
        candidates.append(
            Candidate(
                mentor=mentor,
                capacity=capacity,
                free=free,
                score=points,
                reasons=reasons,
                warning=admissible(mentee_in, mentor_in, Constraints()),
            )
        )
    candidates.sort(key=lambda c: (-c.score, c.mentor.person.search_key))
    return candidates[:CANDIDATES_SHOWN]
