"""The optimal assignment of a whole cohort: slot-expanded linear_sum_assignment."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TypeVar

import numpy as np
from scipy.optimize import linear_sum_assignment

from mentorship.matching.data import (
    Alternative,
    Constraints,
    MatchResult,
    MenteeInput,
    MentorInput,
    Proposal,
    Unmatched,
    Weights,
)
from mentorship.matching.rules import admissible, admissible_matrix
from mentorship.matching.scoring import reasons, score_matrix

ALTERNATIVES = 2
DEFAULT_WEIGHTS = Weights()
NO_CONSTRAINTS = Constraints()
_Person = TypeVar("_Person", MenteeInput, MentorInput)

NO_CONSENT = "нет согласия на обработку персональных данных"
NO_MENTORS = "в банке нет ни одного наставника"
NO_COMMON_TOPICS = "ни у одного наставника нет общих тем с запросом"
NO_FREE_PLACES = "у подходящих наставников нет свободных мест"


def _below_threshold(best: int) -> str:
    return f"лучшее совпадение ниже порога ({best} из 100)"


def _sorted_by_id(items: Iterable[_Person], side: str) -> list[_Person]:
    ordered = sorted(items, key=lambda item: item.id)
    ids = [item.id for item in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError(f"Duplicate {side} ids")
    return ordered


def slots_of(mentor: MentorInput, group_size: int | None) -> int:
    """Free places in this run: his capacity, or one group of `group_size` if he has room."""
    if group_size is None:
        return max(mentor.capacity, 0)
    return group_size if mentor.capacity > 0 else 0


def match(
    mentees: Iterable[MenteeInput],
    mentors: Iterable[MentorInput],
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    constraints: Constraints = NO_CONSTRAINTS,
    group_size: int | None = None,
) -> MatchResult:
    """Propose mentors so that the cohort's total score is the highest possible.

    Only admissible pairs scoring at least `weights.min_score` are proposed; each mentor
    takes at most his free places (in group mode, one group of up to `group_size`). Among
    equally good assignments the one matching more mentees wins; the result depends only
    on the data, not on the order of the inputs.
    """
    if group_size is not None and group_size < 1:
        raise ValueError("group_size must be at least 1")
    mentee_list = _sorted_by_id(mentees, "mentee")
    mentor_list = _sorted_by_id(mentors, "mentor")
    n, m = len(mentee_list), len(mentor_list)
    allowed = admissible_matrix(mentee_list, mentor_list, constraints)
    scores = score_matrix(mentee_list, mentor_list, weights)
    eligible = allowed & (scores >= weights.min_score)
    slots = np.array([min(slots_of(p, group_size), n) for p in mentor_list], dtype=np.int64)

    chosen = _assign(scores, eligible, slots)
    taken = np.bincount(np.array(list(chosen.values()), dtype=np.int64), minlength=m)

    # Alternatives: best eligible mentors first, the lower id on a tie (stable sort).
    ranking = np.argsort(-np.where(eligible, scores, -1), axis=1, kind="stable")
    proposals = []
    for i, j in sorted(chosen.items()):
        mentee, mentor = mentee_list[i], mentor_list[j]
        others = [k for k in ranking[i, : ALTERNATIVES + 1] if eligible[i, k] and k != j]
        alternatives = tuple(
            Alternative(
                mentor_id=mentor_list[k].id,
                score=int(scores[i, k]),
                reasons=(*reasons(mentee, mentor_list[k], weights), _places(slots[k], taken[k])),
            )
            for k in others[:ALTERNATIVES]
        )
        proposals.append(
            Proposal(
                mentee_id=mentee.id,
                mentor_id=mentor.id,
                score=int(scores[i, j]),
                reasons=reasons(mentee, mentor, weights),
                alternatives=alternatives,
            )
        )
    unmatched = tuple(
        Unmatched(
            mentee_id=mentee.id,
            reason=_why_unmatched(i, mentee, mentor_list, allowed, scores, eligible, constraints),
        )
        for i, mentee in enumerate(mentee_list)
        if i not in chosen
    )
    return MatchResult(
        proposals=tuple(proposals),
        unmatched=unmatched,
        total_score=sum(p.score for p in proposals),
    )


def _assign(scores: np.ndarray, eligible: np.ndarray, slots: np.ndarray) -> dict[int, int]:
    """Return {mentee index: mentor index} of a maximum-score assignment within the slots."""
    rows = np.flatnonzero(eligible.any(axis=1))
    cols = np.flatnonzero(eligible.any(axis=0) & (slots > 0))
    if rows.size == 0 or cols.size == 0:
        return {}
    sub = eligible[np.ix_(rows, cols)]
    owner = np.repeat(np.arange(cols.size), slots[cols])  # one column per free place
    # A forbidden pair costs nothing, exactly like leaving both sides unassigned, so the
    # solver's "complete" assignment is as good as the best partial one; forbidden picks
    # are dropped below. The epsilon (< 1 in total) prefers more pairs among equal totals.
    epsilon = 1.0 / (2 * (min(rows.size, owner.size) + 1))
    gain = np.where(sub, scores[np.ix_(rows, cols)] + epsilon, 0.0)
    picked_rows, picked_slots = linear_sum_assignment(gain[:, owner], maximize=True)
    return {
        int(rows[r]): int(cols[owner[s]])
        for r, s in zip(picked_rows, picked_slots, strict=True)
        if sub[r, owner[s]]
    }


def _places(slots: int, taken: int) -> str:
    if slots == 0:
        return "у наставника нет свободных мест"
    if taken >= slots:
        return "все места наставника заняты в этом подборе"
    return f"у наставника есть свободные места: {slots - taken}"


def _why_unmatched(
    i: int,
    mentee: MenteeInput,
    mentors: Sequence[MentorInput],
    allowed: np.ndarray,
    scores: np.ndarray,
    eligible: np.ndarray,
    constraints: Constraints,
) -> str:
    if not mentee.has_consent:
        return NO_CONSENT
    if not mentors:
        return NO_MENTORS
    if not allowed[i].any():
        rules = Counter(admissible(mentee, mentor, constraints) for mentor in mentors)
        return f"нет допустимых наставников: {rules.most_common(1)[0][0]}"
    if not eligible[i].any():
        wanted = {t for t, w in mentee.topics.items() if w > 0}
        candidates = [mentors[j] for j in np.flatnonzero(allowed[i])]
        if wanted and not any(wanted & mentor.topics for mentor in candidates):
            return NO_COMMON_TOPICS
        return _below_threshold(int(scores[i][allowed[i]].max()))
    return NO_FREE_PLACES
