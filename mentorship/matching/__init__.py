"""The matching engine: a pure function over plain data (no ORM, no Django).

`match()` proposes mentors for a whole cohort so that the total score is the highest
possible under the hard rules (`admissible()`) and the mentors' free places; `score()`
rates one pair from 0 to 100 and says why in Russian.
"""

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
from mentorship.matching.engine import match, slots_of
from mentorship.matching.rules import admissible, admissible_matrix
from mentorship.matching.scoring import reasons, score, score_matrix

__all__ = [
    "Alternative",
    "Constraints",
    "MatchResult",
    "MenteeInput",
    "MentorInput",
    "Proposal",
    "Unmatched",
    "Weights",
    "admissible",
    "admissible_matrix",
    "match",
    "reasons",
    "score",
    "score_matrix",
    "slots_of",
]
