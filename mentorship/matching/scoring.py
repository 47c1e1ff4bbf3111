"""The soft score of a pair (0–100) and its reasons in Russian."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from mentorship.matching.data import MenteeInput, MentorInput, Weights
from mentorship.matching.rules import incidence

MAX_RANK = 3  # a questionnaire asks for three choices; later ranks earn nothing
EXPERIENCE_FULL_GAP = 10  # years of extra experience that earn the full experience points
ACUTE = 3  # the weight of an acute need

_SUBJECT_SEPARATORS = re.compile(r"[,;/\n]+")


def _subjects(text: str) -> dict[str, str]:
    """Map the normalised subjects of a «математика, физика» field to their spelling."""
    found: dict[str, str] = {}
    for part in _SUBJECT_SEPARATORS.split(text):
        title = " ".join(part.split())
        if len(title) > 1 and title[1].islower():  # «Математика» → «математика», «ОБЖ» stays
            title = title[0].lower() + title[1:]
        if title:
            found.setdefault(title.lower().replace("ё", "е"), title)
    return found


def _department(text: str) -> str:
    return " ".join(text.split()).lower().replace("ё", "е")


def _rank_factor(preferences: tuple[int, ...], other_id: int) -> float:
    """1 for the 1st choice, 2/3 for the 2nd, 1/3 for the 3rd, 0 otherwise."""
    try:
        rank = preferences.index(other_id) + 1
    except ValueError:
        return 0.0
    return (MAX_RANK + 1 - rank) / MAX_RANK if rank <= MAX_RANK else 0.0


def score_matrix(
    mentees: Sequence[MenteeInput], mentors: Sequence[MentorInput], weights: Weights
) -> np.ndarray:
    """Return the (mentees × mentors) integer scores 0–100, computed for all pairs at once."""
    n, m = len(mentees), len(mentors)
    if weights.total == 0 or n == 0 or m == 0:
        return np.zeros((n, m), dtype=np.int64)

    topic_ids = sorted({t for mentee in mentees for t, w in mentee.topics.items() if w > 0})
    topic_index = {t: k for k, t in enumerate(topic_ids)}
    requested = np.zeros((n, len(topic_ids)), dtype=np.int64)
    for i, mentee in enumerate(mentees):
        for topic, weight in mentee.topics.items():
            if weight > 0:
                requested[i, topic_index[topic]] = weight
    offered = incidence(
        [frozenset(t for t in mentor.topics if t in topic_index) for mentor in mentors],
        topic_index,
    )
    covered = requested @ offered.T  # integer sums: exact
    asked = requested.sum(axis=1)[:, None]
    share = np.divide(covered, asked, out=np.zeros((n, m)), where=asked > 0)
    raw = weights.topics * share

    departments = {
        d: k
        for k, d in enumerate(sorted({_department(p.department) for p in [*mentees, *mentors]}))
    }
    left = np.array([departments[_department(p.department)] for p in mentees])
    right = np.array([departments[_department(p.department)] for p in mentors])
    same = (left[:, None] == right[None, :]) & (left != departments.get("", -1))[:, None]
    raw = raw + weights.department * same

    subject_sets = [frozenset(_subjects(p.subjects)) for p in [*mentees, *mentors]]
    subject_index = {s: k for k, s in enumerate(sorted(frozenset().union(*subject_sets)))}
    teaches = incidence(subject_sets, subject_index)
    common = (teaches[:n] @ teaches[n:].T) > 0
    raw = raw + weights.subject * common

    def years(people: Sequence[MenteeInput | MentorInput]) -> tuple[np.ndarray, np.ndarray]:
        known = np.array([p.experience_years is not None for p in people], dtype=bool)
        values = np.array([p.experience_years or 0 for p in people], dtype=np.int64)
        return values, known

    mentee_years, mentee_known = years(mentees)
    mentor_years, mentor_known = years(mentors)
    gap = np.clip(mentor_years[None, :] - mentee_years[:, None], 0, EXPERIENCE_FULL_GAP)
    gap = np.where(mentee_known[:, None] & mentor_known[None, :], gap, 0)
    raw = raw + weights.experience * (gap / EXPERIENCE_FULL_GAP)

    chosen = np.zeros((n, m))
    chosen_back = np.zeros((n, m), dtype=bool)
    row = {p.id: i for i, p in enumerate(mentees)}
    col = {p.id: j for j, p in enumerate(mentors)}
    for i, mentee in enumerate(mentees):
        for mentor_id in dict.fromkeys(mentee.preferences[:MAX_RANK]):
            if mentor_id in col:
                chosen[i, col[mentor_id]] = _rank_factor(mentee.preferences, mentor_id)
    for j, mentor in enumerate(mentors):
        for mentee_id in mentor.preferences[:MAX_RANK]:
            if mentee_id in row:
                chosen_back[row[mentee_id], j] = True
    raw = raw + weights.preference * chosen
    mutual = np.where(chosen_back, np.where(chosen > 0, 1.0, 0.5), 0.0)
    raw = raw + weights.mutual_bonus * mutual

    scaled = np.floor(raw * 100 / weights.total + 0.5)
    return np.clip(scaled, 0, 100).astype(np.int64)


def _plural(number: int, one: str, few: str, many: str) -> str:
    if number % 10 == 1 and number % 100 != 11:
        return one
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return few
    return many


def reasons(mentee: MenteeInput, mentor: MentorInput, weights: Weights) -> tuple[str, ...]:
    """Say in Russian what earned the pair its points."""
    said: list[str] = []
    if weights.topics:
        wanted = [t for t, w in mentee.topics.items() if w > 0]
        shared = sorted(
            (t for t in wanted if t in mentor.topics),
            key=lambda t: (-mentee.topics[t], _title(t, mentee, mentor), t),
        )
        if shared:
            titles = [
                _title(t, mentee, mentor)
                + (" (острая потребность)" if mentee.topics[t] >= ACUTE else "")
                for t in shared
            ]
            label = "общая тема" if len(titles) == 1 else "общие темы"
            said.append(f"{label}: {', '.join(titles)}")
        elif wanted:
            said.append("общих тем с запросом нет")
    rank = (
        mentee.preferences[:MAX_RANK].index(mentor.id) + 1
        if mentor.id in mentee.preferences[:MAX_RANK]
        else 0
    )
    chosen_back = mentee.id in mentor.preferences[:MAX_RANK]
    if weights.preference and rank:
        said.append(f"наставник выбран {rank}-м")
    if weights.mutual_bonus and chosen_back:
        said.append("выбор взаимный" if rank else "наставник сам выбрал этого наставляемого")
    if weights.subject:
        mine, theirs = _subjects(mentee.subjects), _subjects(mentor.subjects)
        common = [title for key, title in mine.items() if key in theirs]
        if common:
            label = "один предмет" if len(common) == 1 else "общие предметы"
            said.append(f"{label}: {', '.join(common)}")
    department = _department(mentee.department)
    if weights.department and department and department == _department(mentor.department):
        said.append("одно методобъединение")
    if (
        weights.experience
        and mentee.experience_years is not None
        and mentor.experience_years is not None
    ):
        gap = mentor.experience_years - mentee.experience_years
        if gap > 0:
            said.append(f"у наставника на {gap} {_plural(gap, 'год', 'года', 'лет')} больше стажа")
    return tuple(said)


def _title(topic: int, mentee: MenteeInput, mentor: MentorInput) -> str:
    return mentee.topic_titles.get(topic) or mentor.topic_titles.get(topic) or f"тема № {topic}"


def score(
    mentee: MenteeInput, mentor: MentorInput, weights: Weights
) -> tuple[int, tuple[str, ...]]:
    """Return the soft score of one pair (0–100) and its reasons; hard rules are not checked."""
    return int(score_matrix([mentee], [mentor], weights)[0, 0]), reasons(mentee, mentor, weights)
