"""Hard rules: which mentor may be proposed to which mentee at all."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mentorship.matching.data import Constraints, MenteeInput, MentorInput

NO_MENTEE_CONSENT = "у наставляемого нет согласия на обработку персональных данных"
NO_MENTOR_CONSENT = "у наставника нет согласия на обработку данных или согласия на наставничество"
ONESELF = "наставник и наставляемый — один человек"
EXCLUDED = "куратор исключил эту пару"
ALREADY_PAIRED = "эта пара уже работает в этой форме в этом году"
MENTEE_AVOIDS = "наставляемый предпочёл бы не работать с этим наставником"
MENTOR_AVOIDS = "наставник предпочёл бы не работать с этим наставляемым"
NO_COMMON_FORM = "наставник не работает в подходящей форме наставничества"


def _forms_fit(mentee: MenteeInput, mentor: MentorInput) -> bool:
    return not mentee.form_ids or not mentor.form_ids or bool(mentee.form_ids & mentor.form_ids)


def admissible(mentee: MenteeInput, mentor: MentorInput, constraints: Constraints) -> str | None:
    """Return None if the pair passes every hard rule, else the first rule it breaks.

    Free capacity is not checked here: it belongs to the cohort, not to the pair.
    """
    if not mentee.has_consent:
        return NO_MENTEE_CONSENT
    if not mentor.has_consent:
        return NO_MENTOR_CONSENT
    persons = constraints.person_ids
    if persons is not None:
        person = persons.get(mentee.id)
        if person is not None and person == persons.get(mentor.id):
            return ONESELF
    pair = (mentee.id, mentor.id)
    if pair in constraints.excluded_pairs:
        return EXCLUDED
    if pair in constraints.already_paired:
        return ALREADY_PAIRED
    if mentor.id in mentee.avoid:
        return MENTEE_AVOIDS
    if mentee.id in mentor.avoid:
        return MENTOR_AVOIDS
    if not _forms_fit(mentee, mentor):
        return NO_COMMON_FORM
    return None


def admissible_matrix(
    mentees: Sequence[MenteeInput], mentors: Sequence[MentorInput], constraints: Constraints
) -> np.ndarray:
    """Return the boolean (mentees × mentors) mask of `admissible(...) is None`, vectorised."""
    allowed = np.outer(
        np.array([m.has_consent for m in mentees], dtype=bool),
        np.array([m.has_consent for m in mentors], dtype=bool),
    )
    if constraints.person_ids is not None:
        persons = constraints.person_ids
        # Distinct negative fillers so that unknown people never equal anyone.
        left = np.array([persons.get(m.id, -1 - i) for i, m in enumerate(mentees)], dtype=np.int64)
        right = np.array(
            [persons.get(m.id, -1 - len(mentees) - j) for j, m in enumerate(mentors)],
            dtype=np.int64,
        )
        allowed &= left[:, None] != right[None, :]

    row = {m.id: i for i, m in enumerate(mentees)}
    col = {m.id: j for j, m in enumerate(mentors)}
    forbidden = [*constraints.excluded_pairs, *constraints.already_paired]
    forbidden += [(m.id, other) for m in mentees for other in m.avoid]
    forbidden += [(other, m.id) for m in mentors for other in m.avoid]
    for mentee_id, mentor_id in forbidden:
        if mentee_id in row and mentor_id in col:
            allowed[row[mentee_id], col[mentor_id]] = False

    form_ids = sorted({f for m in [*mentees, *mentors] for f in m.form_ids})
    if form_ids:
        index = {f: k for k, f in enumerate(form_ids)}
        wanted = incidence([m.form_ids for m in mentees], index)
        offered = incidence([m.form_ids for m in mentors], index)
        fits = (wanted @ offered.T) > 0
        fits |= ~wanted.any(axis=1)[:, None]
        fits |= ~offered.any(axis=1)[None, :]
        allowed &= fits
    return allowed


def incidence(sets: Sequence[frozenset[int]], index: dict[int, int]) -> np.ndarray:
    matrix = np.zeros((len(sets), len(index)), dtype=np.int64)
    for i, items in enumerate(sets):
        for item in items:
            matrix[i, index[item]] = 1
    return matrix
