"""Benchmark: match a generated cohort of 1,500 mentees with 300 mentors.

Not a test (pytest collects only test_*.py) and needs no Django. Run from the repository root:

    .venv/bin/python tests/bench/bench_matching.py [--runs 3] [--mentees 1500] [--mentors 300]

The cohort is generated from a fixed seed: mentors with 1–3 free places, topics drawn with a
long-tailed popularity (a few needs are common, most are rare), departments with their
subjects, and ranked preferences stated by a third of each side. The table shows the median
time of `match()` against the 2-second target, its total score against an independent
optimum (`scipy.optimize.milp` over the same admissible pairs and scores) and a greedy
first-come baseline, the share of mentees with preferences who got one of their top three,
and the unmatched count. The exit status is 0 whatever the numbers.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import datasets  # noqa: E402 (the bench folder must be on the path first)

from mentorship.matching import (  # noqa: E402 (the repository root must be on the path first)
    Constraints,
    MenteeInput,
    MentorInput,
    Weights,
    admissible,
    admissible_matrix,
    match,
    score,
    score_matrix,
    slots_of,
)

TARGET_SECONDS = 2.0
SEED = 20250901
MENTOR_ID_BASE = 100_000

TOPICS = [
    "работа с родителями",
    "подготовка к ОГЭ",
    "подготовка к ЕГЭ",
    "дисциплина на уроке",
    "планирование урока",
    "оценивание",
    "электронный журнал",
    "дети с ОВЗ",
    "одарённые дети",
    "классное руководство",
    "проектная деятельность",
    "функциональная грамотность",
    "цифровые инструменты",
    "рабочая программа",
    "ФГОС",
    "внеурочная деятельность",
    "профилактика выгорания",
    "олимпиадная подготовка",
    "воспитательная работа",
    "адаптация в коллективе",
    "исследовательская работа",
    "инклюзия",
    "конфликты с учениками",
    "самообразование",
    "открытый урок",
    "аттестация",
    "портфолио",
    "смысловое чтение",
    "безопасность",
    "здоровьесбережение",
    "работа с документацией",
    "наставничество в классе",
    "дистанционное обучение",
    "лабораторные работы",
    "музейная педагогика",
    "театральная студия",
]
DEPARTMENTS = {
    "МО математики": ["математика", "информатика"],
    "МО русского языка и литературы": ["русский язык", "литература"],
    "МО естественных наук": ["физика", "химия", "биология", "география"],
    "МО иностранных языков": ["английский язык", "немецкий язык"],
    "МО истории и обществознания": ["история", "обществознание"],
    "МО начальных классов": ["начальные классы"],
    "МО физкультуры и ОБЗР": ["физическая культура", "ОБЗР"],
    "МО искусства и технологии": ["музыка", "ИЗО", "труд (технология)"],
}


def _pick(rng: random.Random, population: list[int], weights: list[float], k: int) -> list[int]:
    """k distinct items, the popular ones more often."""
    chosen: dict[int, None] = {}
    while len(chosen) < k:
        chosen[rng.choices(population, weights)[0]] = None
    return list(chosen)


def generate(
    n_mentees: int, n_mentors: int, seed: int = SEED
) -> tuple[list[MenteeInput], list[MentorInput], Constraints]:
    rng = random.Random(seed)
    topic_ids = list(range(1, len(TOPICS) + 1))
    popularity = [1 / (rank**0.9) for rank in topic_ids]  # long tail
    titles = dict(zip(topic_ids, TOPICS, strict=True))
    departments = list(DEPARTMENTS)

    def place() -> tuple[str, str]:
        department = rng.choice(departments)
        return department, ", ".join(rng.sample(DEPARTMENTS[department], 1))

    mentor_ids = [MENTOR_ID_BASE + j for j in range(1, n_mentors + 1)]
    mentee_ids = list(range(1, n_mentees + 1))
    mentors_places = {j: place() for j in mentor_ids}
    mentors_topics = {j: _pick(rng, topic_ids, popularity, rng.randint(4, 8)) for j in mentor_ids}

    mentees = []
    for i in mentee_ids:
        department, subjects = place()
        topics = {
            t: rng.choices([1, 2, 3], [4, 4, 2])[0]
            for t in _pick(rng, topic_ids, popularity, rng.randint(2, 5))
        }
        preferences: tuple[int, ...] = ()
        if rng.random() < 1 / 3:
            # After the group meeting people name those they talked to: often from their
            # own department or sharing their needs, sometimes anyone.
            liked = [
                j
                for j in mentor_ids
                if mentors_places[j][0] == department or set(topics) & set(mentors_topics[j])
            ]
            pool = liked if len(liked) >= 3 and rng.random() < 0.8 else mentor_ids
            preferences = tuple(rng.sample(pool, 3))
        mentees.append(
            MenteeInput(
                id=i,
                name=f"Наставляемый {i}",
                topics=topics,
                topic_titles={t: titles[t] for t in topics},
                department=department,
                subjects=subjects,
                experience_years=rng.choice([None, 0, 0, 1, 1, 2, 3, 4, 5, 7]),
                form_ids=frozenset(),
                has_consent=rng.random() < 0.97,
                preferences=preferences,
                avoid=frozenset(rng.sample(mentor_ids, 1)) if rng.random() < 0.03 else frozenset(),
            )
        )

    chosen_by: dict[int, list[int]] = {j: [] for j in mentor_ids}
    for mentee in mentees:
        for j in mentee.preferences:
            chosen_by[j].append(mentee.id)
    mentors = []
    for j in mentor_ids:
        department, subjects = mentors_places[j]
        preferences = ()
        if rng.random() < 1 / 3:
            # Mostly answering those who chose them, so that some choices are mutual.
            pool = chosen_by[j] if chosen_by[j] and rng.random() < 0.7 else mentee_ids
            preferences = tuple(rng.sample(pool, min(len(pool), rng.randint(1, 3))))
        mentors.append(
            MentorInput(
                id=j,
                name=f"Наставник {j}",
                topics=frozenset(mentors_topics[j]),
                topic_titles={t: titles[t] for t in mentors_topics[j]},
                department=department,
                subjects=subjects,
                experience_years=rng.randint(6, 38),
                form_ids=frozenset({1} if rng.random() < 0.8 else {1, 2}),
                capacity=rng.randint(1, 3),
                has_consent=rng.random() < 0.97,
                preferences=preferences,
                avoid=frozenset(rng.sample(mentee_ids, 1)) if rng.random() < 0.03 else frozenset(),
            )
        )
    pairs = [(rng.choice(mentee_ids), rng.choice(mentor_ids)) for _ in range(60)]
    constraints = Constraints(
        excluded_pairs=frozenset(pairs[:30]), already_paired=frozenset(pairs[30:])
    )
    return mentees, mentors, constraints


def eligible_scores(mentees, mentors, constraints, weights) -> tuple[np.ndarray, np.ndarray]:
    """The scores and the mask of the pairs that may be proposed, rows and columns by id."""
    mentees = sorted(mentees, key=lambda p: p.id)
    mentors = sorted(mentors, key=lambda p: p.id)
    scores = score_matrix(mentees, mentors, weights)
    allowed = admissible_matrix(mentees, mentors, constraints)
    # The vectorised matrices must agree with the pair-by-pair rules: check a sample.
    rng = random.Random(1)
    for _ in range(3000):
        i, j = rng.randrange(len(mentees)), rng.randrange(len(mentors))
        assert scores[i, j] == score(mentees[i], mentors[j], weights)[0]
        assert allowed[i, j] == (admissible(mentees[i], mentors[j], constraints) is None)
    return scores, allowed & (scores >= weights.min_score)


def milp_optimum(scores: np.ndarray, eligible: np.ndarray, capacities: np.ndarray) -> int:
    """The best total score as a 0/1 programme: each mentee once, each mentor within his places."""
    rows, cols = np.nonzero(eligible)
    k = rows.size
    n, m = eligible.shape
    a = coo_array(
        (np.ones(2 * k), (np.concatenate([rows, n + cols]), np.tile(np.arange(k), 2))),
        shape=(n + m, k),
    )
    upper = np.concatenate([np.ones(n), capacities])
    result = milp(
        c=-scores[rows, cols].astype(float),
        constraints=LinearConstraint(a.tocsr(), -np.inf, upper),
        integrality=np.ones(k),
        bounds=Bounds(0, 1),
        # HiGHS's presolve spends ~40 s on these 250k columns; without it the root LP,
        # integral here (a bipartite b-matching), is solved in a few seconds.
        options={"presolve": False},
    )
    if not result.success:
        raise RuntimeError(result.message)
    return round(-result.fun)


def greedy(scores: np.ndarray, eligible: np.ndarray, capacities: np.ndarray) -> dict[int, int]:
    """First come, first served: each mentee in turn takes his best mentor with a place left."""
    free = capacities.copy()
    taken: dict[int, int] = {}
    for i in range(scores.shape[0]):
        options = np.flatnonzero(eligible[i] & (free > 0))
        if options.size:
            j = int(options[np.argmax(scores[i, options])])
            taken[i] = j
            free[j] -= 1
    return taken


def top3_share(
    pairs: dict[int, int], mentees: list[MenteeInput], *, matched: bool = False
) -> float:
    """The share of mentees with preferences (only the matched ones) given a top-3 choice."""
    choosing = [m for m in mentees if m.preferences and (m.id in pairs or not matched)]
    hits = sum(pairs.get(m.id) in m.preferences[:3] for m in choosing)
    return hits / len(choosing) if choosing else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--mentees", type=int, default=1500)
    parser.add_argument("--mentors", type=int, default=300)
    args = parser.parse_args()

    weights = Weights()
    mentees, mentors, constraints = generate(args.mentees, args.mentors)
    mentees.sort(key=lambda p: p.id)
    mentors.sort(key=lambda p: p.id)
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        result = match(mentees, mentors, weights=weights, constraints=constraints)
        times.append(time.perf_counter() - started)
    elapsed = statistics.median(times)

    scores, eligible = eligible_scores(mentees, mentors, constraints, weights)
    capacities = np.array([min(slots_of(p, None), len(mentees)) for p in mentors])
    started = time.perf_counter()
    optimum = milp_optimum(scores, eligible, capacities)
    milp_seconds = time.perf_counter() - started
    first_come = greedy(scores, eligible, capacities)
    greedy_total = int(sum(scores[i, j] for i, j in first_come.items()))
    greedy_pairs = {mentees[i].id: mentors[j].id for i, j in first_come.items()}
    engine_pairs = {p.mentee_id: p.mentor_id for p in result.proposals}

    places = int(capacities.sum())
    print(
        f"Cohort: {len(mentees)} mentees × {len(mentors)} mentors, {places} free places, "
        f"{int(eligible.sum())} admissible pairs at or above {weights.min_score}, "
        f"{sum(bool(m.preferences) for m in mentees)} mentees with preferences"
    )
    print(f"Runs: {', '.join(f'{t:.3f}' for t in times)} s; milp took {milp_seconds:.1f} s\n")
    rows = [
        ("time, s (median)", f"{elapsed:.3f}", "—", f"≤ {TARGET_SECONDS:.0f}", elapsed <= TARGET_SECONDS),
        ("total score", str(result.total_score), str(greedy_total), f"= milp {optimum}", result.total_score == optimum),
        ("vs greedy", f"+{result.total_score - greedy_total}", "0", "≥ greedy", result.total_score >= greedy_total),
        ("pairs", str(len(result.proposals)), str(len(first_come)), "", None),
        ("unmatched", str(len(result.unmatched)), str(len(mentees) - len(first_come)), "", None),
        ("top-3 choice share", f"{top3_share(engine_pairs, mentees):.1%}", f"{top3_share(greedy_pairs, mentees):.1%}", "", None),
        ("top-3 share of matched", f"{top3_share(engine_pairs, mentees, matched=True):.1%}", f"{top3_share(greedy_pairs, mentees, matched=True):.1%}", "", None),
        ("mean score", f"{result.total_score / max(len(result.proposals), 1):.1f}", f"{greedy_total / max(len(first_come), 1):.1f}", "", None),
    ]  # fmt: skip
    header = ("measure", "engine", "greedy", "target", "met")
    widths = [max(len(str(r[k])) for r in [header, *rows]) for k in range(4)]
    print("  ".join(h.ljust(w) for h, w in zip(header, [*widths, 3], strict=True)))
    for row in rows:
        met = "" if row[4] is None else ("yes" if row[4] else "NO")
        print("  ".join(str(c).ljust(w) for c, w in zip(row[:4], widths, strict=True)) + "  " + met)
    reasons: dict[str, int] = {}
    for item in result.unmatched:
        key = item.reason.split(" (")[0]
        reasons[key] = reasons.get(key, 0) + 1
    print("\nUnmatched by reason:")
    for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1]):
        print(f"  {count:5d}  {reason}")
    path = datasets.write_results(
        "matching",
        {
            "mentees": len(mentees),
            "mentors": len(mentors),
            "runs_s": times,
            "median_s": elapsed,
            "target_s": TARGET_SECONDS,
            "rows": [dict(zip(header, row, strict=True)) for row in rows],
            "unmatched_by_reason": reasons,
        },
    )
    print(f"Results: {path.relative_to(datasets.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
