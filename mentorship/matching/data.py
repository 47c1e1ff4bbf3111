"""The plain data the matching engine takes and returns: no ORM, no Django."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class MenteeInput:
    id: int
    name: str
    topics: dict[int, int]  # topic id → weight 1–3 (3 = acute need)
    topic_titles: dict[int, str]
    department: str
    subjects: str
    experience_years: int | None
    form_ids: frozenset[int]  # acceptable forms of mentoring; empty = any
    has_consent: bool
    preferences: tuple[int, ...]  # mentor ids, most wanted first
    avoid: frozenset[int]  # mentor ids he would rather not work with


@dataclass(frozen=True)
class MentorInput:
    id: int
    name: str
    topics: frozenset[int]  # topics he offers help with
    topic_titles: dict[int, str]
    department: str
    subjects: str
    experience_years: int | None
    form_ids: frozenset[int]  # forms he works in; empty = any
    capacity: int  # free places now: the school's limit or his own, less his open pairs
    has_consent: bool  # personal data and the written agreement to mentor
    preferences: tuple[int, ...]  # mentee ids, most wanted first
    avoid: frozenset[int]  # mentee ids he would rather not work with


@dataclass(frozen=True)
class Weights:
    """Points of each criterion; the score is scaled so that a pair meeting all of them gets 100."""

    topics: int = 50
    """Shared topics, in proportion to the weight of the mentee's requests the mentor covers."""

    department: int = 10
    """Mentor and mentee belong to one department (методобъединение)."""

    subject: int = 10
    """Mentor and mentee teach at least one subject in common."""

    experience: int = 10
    """The mentor's extra years of experience, full points from a 10-year gap."""

    preference: int = 20
    """The mentee chose this mentor: 1st choice full points, 2nd two thirds, 3rd one third."""

    mutual_bonus: int = 10
    """The mentor chose this mentee too (full points); a choice by the mentor alone earns half."""

    min_score: int = 20
    """A pair scoring below this (out of 100) is never proposed: the mentee stays unmatched."""

    def __post_init__(self) -> None:
        for item in fields(self):
            if getattr(self, item.name) < 0:
                raise ValueError(f"Weight {item.name} must not be negative")
        if self.min_score > 100:
            raise ValueError("min_score is out of 100")

    @property
    def total(self) -> int:
        """The points of a pair meeting every criterion (the 100 of the scale)."""
        return (
            self.topics
            + self.department
            + self.subject
            + self.experience
            + self.preference
            + self.mutual_bonus
        )


@dataclass(frozen=True)
class Constraints:
    # (mentee id, mentor id) pairs the curator excluded
    excluded_pairs: frozenset[tuple[int, int]] = frozenset()
    # (mentee id, mentor id) pairs already formed in this form this year
    already_paired: frozenset[tuple[int, int]] = frozenset()
    # mentee/mentor id → person id, to forbid «oneself»; the ids of the two sides must not clash
    person_ids: dict[int, int] | None = None


@dataclass(frozen=True)
class Alternative:
    mentor_id: int
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Proposal:
    mentee_id: int
    mentor_id: int
    score: int
    reasons: tuple[str, ...]
    alternatives: tuple[Alternative, ...] = field(default=())


@dataclass(frozen=True)
class Unmatched:
    mentee_id: int
    reason: str  # in Russian, for the curator


@dataclass(frozen=True)
class MatchResult:
    proposals: tuple[Proposal, ...]
    unmatched: tuple[Unmatched, ...]
    total_score: int
