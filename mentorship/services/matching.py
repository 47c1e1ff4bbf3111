"""Run the matching engine on the banks and keep its proposals for the curator."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from django.db import transaction
from django.db.models import Prefetch

from mentorship.common import audit, model_update
from mentorship.gates import clearances
from mentorship.matching import Constraints, MenteeInput, MentorInput, Weights, match
from mentorship.models import (
    Audience,
    MatchingSettings,
    MatchProposal,
    MatchRun,
    MenteeProfile,
    MenteeRequest,
    MenteeStatus,
    MentoringForm,
    MentorProfile,
    MentorStatus,
    PairingPreference,
    PersonKind,
    PreferenceKind,
    ProgrammeYear,
    User,
)
from mentorship.services.pairs import open_memberships
from mentorship.services.school import get_school


def matching_settings() -> MatchingSettings:
    settings, _created = MatchingSettings.objects.get_or_create(pk=1)
    return settings


def weights_from(settings: MatchingSettings) -> Weights:
    return Weights(
        topics=settings.topics,
        department=settings.department,
        subject=settings.subject,
        experience=settings.experience,
        preference=settings.preference,
        mutual_bonus=settings.mutual_bonus,
        min_score=settings.min_score,
    )


def build_inputs(
    *, year: ProgrammeYear, form: MentoringForm
) -> tuple[list[MenteeInput], list[MentorInput], Constraints]:
    """Plain data for the engine from the banks, in a fixed number of queries."""
    school = get_school()
    waiting = MenteeProfile.objects.filter(status=MenteeStatus.WAITING, person__anonymised_at=None)
    # A form of the teachers' system pairs staff; a form of the pupils' model pairs pupils.
    if form.audience == Audience.TEACHERS:
        waiting = waiting.filter(person__kind=PersonKind.STAFF)
    elif form.audience == Audience.PUPILS:
        waiting = waiting.exclude(person__kind=PersonKind.STAFF)
    mentees = list(
        waiting.select_related("person").prefetch_related(
            Prefetch("requests", queryset=MenteeRequest.objects.select_related("topic"))
        )
    )
    mentors = list(
        MentorProfile.objects.exclude(status__in=[MentorStatus.EXCLUDED, MentorStatus.RESTING])
        .filter(person__anonymised_at=None)
        .select_related("person")
        .prefetch_related("topics", "forms")
    )
    cleared = clearances([m.person for m in mentees] + [m.person for m in mentors])
    load: dict[int, int] = defaultdict(int)
    for mentor_id in open_memberships().values_list("mentorship__mentor_id", flat=True):
        load[mentor_id] += 1
    already = set(
        open_memberships()
        .filter(mentorship__year=year, mentorship__form=form)
        .values_list("mentee_id", "mentorship__mentor_id")
    )
    preferences: dict[int, list[PairingPreference]] = defaultdict(list)
    for preference in PairingPreference.objects.filter(year=year).order_by("rank"):
        preferences[preference.person_id].append(preference)
    mentee_by_person = {m.person_id: m.pk for m in mentees}
    mentor_by_person = {m.person_id: m.pk for m in mentors}

    def ranked(person_id: int, ids_by_person: dict[int, int]) -> tuple[int, ...]:
        return tuple(
            ids_by_person[p.other_id]
            for p in preferences[person_id]
            if p.kind == PreferenceKind.PREFER and p.other_id in ids_by_person
        )

    def avoided(person_id: int, ids_by_person: dict[int, int]) -> frozenset[int]:
        return frozenset(
            ids_by_person[p.other_id]
            for p in preferences[person_id]
            if p.kind == PreferenceKind.AVOID and p.other_id in ids_by_person
        )

    mentee_inputs = [
        MenteeInput(
            id=m.pk,
            name=m.person.full_name,
            topics={r.topic_id: r.weight for r in m.requests.all()},
            topic_titles={r.topic_id: r.topic.title for r in m.requests.all()},
            department=m.person.department,
            subjects=m.person.subjects,
            experience_years=m.person.teaching_experience_years,
            form_ids=frozenset(),
            has_consent="processing" in cleared[m.person_id],
            preferences=ranked(m.person_id, mentor_by_person),
            avoid=avoided(m.person_id, mentor_by_person),
        )
        for m in mentees
    ]
    mentor_inputs = [
        MentorInput(
            id=m.pk,
            name=m.person.full_name,
            topics=frozenset(t.pk for t in m.topics.all()),
            topic_titles={t.pk: t.title for t in m.topics.all()},
            department=m.person.department,
            subjects=m.person.subjects,
            experience_years=m.person.teaching_experience_years,
            form_ids=frozenset(f.pk for f in m.forms.all()),
            capacity=max(m.effective_capacity(school.max_mentees_per_mentor) - load[m.pk], 0),
            has_consent="mentor" in cleared[m.person_id],
            preferences=ranked(m.person_id, mentee_by_person),
            avoid=avoided(m.person_id, mentee_by_person),
        )
        for m in mentors
    ]
    # «Not oneself»: a person in both banks must not be proposed as his own mentor.
    oneself = frozenset(
        (mentee_by_person[person_id], mentor_id)
        for person_id, mentor_id in mentor_by_person.items()
        if person_id in mentee_by_person
    )
    constraints = Constraints(
        excluded_pairs=oneself,
        already_paired=frozenset(already),
        person_ids=None,
    )
    return mentee_inputs, mentor_inputs, constraints


@transaction.atomic
def matching_run(
    *, year: ProgrammeYear, form: MentoringForm, group_size: int | None, actor: User | None
) -> MatchRun:
    """Compute the optimal proposals for the whole waiting cohort and store them."""
    mentees, mentors, constraints = build_inputs(year=year, form=form)
    weights = weights_from(matching_settings())
    result = match(
        mentees,
        mentors,
        weights=weights,
        constraints=constraints,
        group_size=group_size if form.is_group else None,
    )
    run = MatchRun.objects.create(
        year=year,
        form=form,
        group_size=group_size,
        weights=dataclasses.asdict(weights),
        total_score=result.total_score,
        unmatched=[{"mentee_id": u.mentee_id, "reason": u.reason} for u in result.unmatched],
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    MatchProposal.objects.bulk_create(
        MatchProposal(
            run=run,
            mentee_id=p.mentee_id,
            mentor_id=p.mentor_id,
            score=p.score,
            reasons=list(p.reasons),
            alternatives=[
                {"mentor_id": a.mentor_id, "score": a.score, "reasons": list(a.reasons)}
                for a in p.alternatives
            ],
        )
        for p in result.proposals
    )
    audit(
        actor=actor,
        action="matching.run",
        obj=run,
        data={"proposals": len(result.proposals), "unmatched": len(result.unmatched)},
    )
    return run


WEIGHT_FIELDS = [
    "topics",
    "department",
    "subject",
    "experience",
    "preference",
    "mutual_bonus",
    "min_score",
]


@transaction.atomic
def matching_settings_update(*, data: dict, actor: User) -> MatchingSettings:
    """Save the weights of the score; the engine's own check runs in the view first."""
    settings = MatchingSettings.objects.select_for_update().get(pk=matching_settings().pk)
    settings, changed = model_update(instance=settings, fields=WEIGHT_FIELDS, data=data)
    if changed:
        audit(actor=actor, action="matching.settings", obj=settings, data={"fields": changed})
    return settings
