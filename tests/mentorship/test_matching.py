"""The matching engine: reasons, thresholds, hard rules, and optimality on random cohorts."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorship.matching import (
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

TITLES = {1: "работа с родителями", 2: "подготовка к ОГЭ", 3: "дисциплина на уроке"}


def mentee(id: int, **changes) -> MenteeInput:
    data = {
        "id": id,
        "name": f"Наставляемый {id}",
        "topics": {1: 2},
        "topic_titles": TITLES,
        "department": "",
        "subjects": "",
        "experience_years": None,
        "form_ids": frozenset(),
        "has_consent": True,
        "preferences": (),
        "avoid": frozenset(),
    }
    return MenteeInput(**(data | changes))


def mentor(id: int, **changes) -> MentorInput:
    data = {
        "id": id,
        "name": f"Наставник {id}",
        "topics": frozenset({1}),
        "topic_titles": TITLES,
        "department": "",
        "subjects": "",
        "experience_years": None,
        "form_ids": frozenset(),
        "capacity": 1,
        "has_consent": True,
        "preferences": (),
        "avoid": frozenset(),
    }
    return MentorInput(**(data | changes))


# Only shared topics count: the score is the share of the request the mentor covers.
TOPICS_ONLY = Weights(
    topics=100, department=0, subject=0, experience=0, preference=0, mutual_bonus=0, min_score=10
)


def covering(id: int, percent: int, **changes) -> MentorInput:
    """A mentor offering `percent`/10 of the ten topics 1–10 every `asking` mentee requests."""
    return mentor(id, **({"topics": frozenset(range(1, percent // 10 + 1))} | changes))


def asking(id: int, **changes) -> MenteeInput:
    return mentee(id, **({"topics": dict.fromkeys(range(1, 11), 1)} | changes))


# --- the score and its reasons ---------------------------------------------------------------


def test_it_explains_the_score_in_russian():
    pair_score, reasons = score(
        mentee(
            1,
            topics={1: 3, 2: 1, 3: 2},
            department="МО математики",
            subjects="Математика",
            experience_years=1,
            preferences=(10,),
        ),
        mentor(
            10,
            topics=frozenset({1, 2}),
            department="мо  математики",
            subjects="математика, физика",
            experience_years=16,
            preferences=(1,),
        ),
        Weights(),
    )

    # (50 · 4/6 + 10 + 10 + 10 + 20 + 10) / 110 · 100 = 84.8
    assert pair_score == 85
    assert reasons == (
        "общие темы: работа с родителями (острая потребность), подготовка к ОГЭ",
        "наставник выбран 1-м",
        "выбор взаимный",
        "один предмет: математика",
        "одно методобъединение",
        "у наставника на 15 лет больше стажа",
    )


def test_a_pair_meeting_every_criterion_scores_100_and_one_with_nothing_in_common_0():
    perfect = score(
        mentee(1, department="МО", subjects="химия", experience_years=0, preferences=(10,)),
        mentor(10, department="МО", subjects="химия", experience_years=12, preferences=(1,)),
        Weights(),
    )
    nothing = score(mentee(1, topics={2: 1}), mentor(10), Weights())

    assert perfect[0] == 100
    assert nothing == (0, ("общих тем с запросом нет",))


@pytest.mark.parametrize(
    ("gap", "text"),
    [(1, "на 1 год"), (3, "на 3 года"), (5, "на 5 лет"), (12, "на 12 лет"), (21, "на 21 год")],
)
def test_it_declines_years_of_experience(gap, text):
    _, reasons = score(
        mentee(1, experience_years=2), mentor(10, experience_years=2 + gap), Weights()
    )

    assert f"у наставника {text} больше стажа" in reasons


def test_a_mentor_with_less_experience_earns_no_experience_points():
    junior = score(mentee(1, experience_years=10), mentor(10, experience_years=4), Weights())
    unknown = score(mentee(1, experience_years=None), mentor(10, experience_years=4), Weights())

    assert junior == unknown
    assert not any("стажа" in reason for reason in junior[1])


def test_earlier_choices_score_more_and_a_mutual_choice_more_still():
    mentors = [mentor(10), mentor(11), mentor(12), mentor(13)]
    chooser = mentee(1, preferences=(10, 11, 12, 13))
    first, second, third, fourth = (score(chooser, m, Weights()) for m in mentors)
    mutual = score(chooser, mentor(10, preferences=(1,)), Weights())
    chosen_by_mentor_only = score(mentee(1), mentor(10, preferences=(1,)), Weights())

    assert mutual[0] > first[0] > second[0] > third[0] > fourth[0]
    assert score(mentee(1), mentor(10), Weights())[0] < chosen_by_mentor_only[0] < first[0]
    assert second[1][-1] == "наставник выбран 2-м"
    assert mutual[1][-2:] == ("наставник выбран 1-м", "выбор взаимный")
    assert chosen_by_mentor_only[1][-1] == "наставник сам выбрал этого наставляемого"
    assert not any("выбран" in reason for reason in fourth[1])


def test_a_criterion_weighted_zero_neither_scores_nor_shows():
    weights = dataclasses.replace(Weights(), department=0)

    _, reasons = score(mentee(1, department="МО"), mentor(10, department="МО"), weights)

    assert "одно методобъединение" not in reasons


def test_weights_must_not_be_negative_and_the_threshold_is_out_of_100():
    with pytest.raises(ValueError, match="topics"):
        Weights(topics=-1)
    with pytest.raises(ValueError, match="min_score"):
        Weights(min_score=101)


# --- hard rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("the_mentee", "the_mentor", "constraints", "reason"),
    [
        (mentee(1, has_consent=False), mentor(10), Constraints(), "у наставляемого нет согласия"),
        (mentee(1), mentor(10, has_consent=False), Constraints(), "у наставника нет согласия"),
        (mentee(1), mentor(10), Constraints(person_ids={1: 7, 10: 7}), "один человек"),
        (mentee(1), mentor(10), Constraints(excluded_pairs=frozenset({(1, 10)})), "куратор"),
        (mentee(1), mentor(10), Constraints(already_paired=frozenset({(1, 10)})), "уже работает"),
        (mentee(1, avoid=frozenset({10})), mentor(10), Constraints(), "наставляемый предпочёл"),
        (mentee(1), mentor(10, avoid=frozenset({1})), Constraints(), "наставник предпочёл"),
        (
            mentee(1, form_ids=frozenset({1})),
            mentor(10, form_ids=frozenset({2})),
            Constraints(),
            "форме наставничества",
        ),
    ],
)
def test_each_hard_rule_forbids_the_pair(the_mentee, the_mentor, constraints, reason):
    result = match([the_mentee], [the_mentor], constraints=constraints)

    assert reason in admissible(the_mentee, the_mentor, constraints)
    assert not admissible_matrix([the_mentee], [the_mentor], constraints).any()
    assert result.proposals == ()


@pytest.mark.parametrize(
    ("wanted", "offered"), [(set(), {2}), ({1}, set()), ({1, 2}, {2, 3}), (set(), set())]
)
def test_an_empty_list_of_forms_fits_any_form(wanted, offered):
    the_mentee = mentee(1, form_ids=frozenset(wanted))
    the_mentor = mentor(10, form_ids=frozenset(offered))

    assert admissible(the_mentee, the_mentor, Constraints()) is None


def test_different_people_are_not_oneself():
    constraints = Constraints(person_ids={1: 7, 10: 8})

    assert admissible(mentee(1), mentor(10), constraints) is None


# --- the cohort ------------------------------------------------------------------------------


def test_it_finds_the_best_total_where_first_come_first_served_would_not():
    # First come, mentee 1 would take mentor 10 (90) and leave mentee 2, who avoids mentor 11,
    # with nobody: 90 in all instead of 80 + 90.
    mentees = [asking(1), asking(2, avoid=frozenset({11}))]
    mentors = [covering(10, 90), covering(11, 80)]

    result = match(mentees, mentors, weights=TOPICS_ONLY)

    pairs = {(p.mentee_id, p.mentor_id): p.score for p in result.proposals}
    assert pairs == {(1, 11): 80, (2, 10): 90}
    assert result.total_score == 170


def test_among_equal_totals_it_matches_more_mentees():
    # Mentee 1 with mentor 10 alone scores 60; mentee 1 with 11 and mentee 2 with 10 do too.
    mentees = [asking(1), asking(2, topics=dict.fromkeys([1, 2, 3, *range(11, 18)], 1))]
    mentors = [covering(10, 60), covering(11, 30, avoid=frozenset({2}))]

    result = match(mentees, mentors, weights=TOPICS_ONLY)

    assert {(p.mentee_id, p.mentor_id) for p in result.proposals} == {(1, 11), (2, 10)}
    assert result.total_score == 60


def test_a_mentee_whose_best_pair_is_below_the_threshold_stays_unmatched():
    weights = dataclasses.replace(TOPICS_ONLY, min_score=30)

    result = match(
        [asking(1), asking(2)], [covering(10, 20, capacity=2), covering(11, 30)], weights=weights
    )

    assert [(p.mentee_id, p.mentor_id, p.score) for p in result.proposals] == [(1, 11, 30)]
    assert [(u.mentee_id, u.reason) for u in result.unmatched] == [
        (2, "у подходящих наставников нет свободных мест")
    ]
    alone = match([asking(2)], [covering(10, 20)], weights=weights)
    assert alone.unmatched[0].reason == "лучшее совпадение ниже порога (20 из 100)"


@pytest.mark.parametrize(
    ("the_mentee", "mentors", "reason"),
    [
        (
            mentee(1, has_consent=False),
            [mentor(10)],
            "нет согласия на обработку персональных данных",
        ),
        (
            mentee(1, topics={3: 2}),
            [mentor(10), mentor(11)],
            "ни у одного наставника нет общих тем с запросом",
        ),
        (mentee(1), [mentor(10, capacity=0)], "у подходящих наставников нет свободных мест"),
        (mentee(1), [], "в банке нет ни одного наставника"),
        (
            mentee(1, avoid=frozenset({10, 11})),
            [mentor(10), mentor(11)],
            "нет допустимых наставников: наставляемый предпочёл бы не работать с этим наставником",
        ),
    ],
)
def test_it_says_why_a_mentee_stays_unmatched(the_mentee, mentors, reason):
    result = match([the_mentee], mentors)

    assert result.proposals == ()
    assert [(u.mentee_id, u.reason) for u in result.unmatched] == [(1, reason)]


def test_each_proposal_carries_the_two_next_best_mentors_and_their_places():
    mentees = [asking(1), asking(2)]
    mentors = [
        covering(10, 90),
        covering(11, 70, capacity=0),
        covering(12, 70),
        covering(13, 50, capacity=3),
        covering(14, 40, capacity=3),
    ]

    result = match(mentees, mentors, weights=TOPICS_ONLY)

    first, second = result.proposals
    assert (first.mentor_id, second.mentor_id) == (10, 12)
    # Mentor 11 is as good as 12 but has no place left; on a tie the lower id comes first.
    assert [(a.mentor_id, a.score) for a in first.alternatives] == [(11, 70), (12, 70)]
    assert first.alternatives[0].reasons[-1] == "у наставника нет свободных мест"
    assert first.alternatives[1].reasons[-1] == "все места наставника заняты в этом подборе"
    assert [(a.mentor_id, a.score) for a in second.alternatives] == [(10, 90), (11, 70)]
    lone = match([asking(1)], mentors, weights=TOPICS_ONLY).proposals[0]
    assert lone.alternatives[1].reasons[-1] == "у наставника есть свободные места: 1"


def test_alternatives_below_the_threshold_are_not_offered():
    weights = dataclasses.replace(TOPICS_ONLY, min_score=50)

    result = match([asking(1)], [covering(10, 90), covering(11, 40)], weights=weights)

    assert result.proposals[0].alternatives == ()


def test_in_group_mode_a_mentor_leads_one_group_of_up_to_the_group_size():
    mentees = [asking(i) for i in range(1, 6)]
    mentors = [
        covering(10, 90, capacity=1),
        covering(11, 50, capacity=1),
        covering(12, 90, capacity=0),
    ]

    result = match(mentees, mentors, weights=TOPICS_ONLY, group_size=3)

    assert Counter(p.mentor_id for p in result.proposals) == {10: 3, 11: 2}
    assert result.total_score == 3 * 90 + 2 * 50
    with pytest.raises(ValueError, match="group_size"):
        match(mentees, mentors, group_size=0)


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="mentor"):
        match([mentee(1)], [mentor(10), mentor(10)])


def test_an_empty_cohort_gives_an_empty_result():
    result = match([], [mentor(10)])

    assert (result.proposals, result.unmatched, result.total_score) == ((), (), 0)


# --- properties on random cohorts ------------------------------------------------------------

MENTEE_IDS = range(1, 7)
MENTOR_IDS = range(101, 105)


@st.composite
def cohorts(draw):
    """Random small cohorts with every hard rule and criterion in play."""
    n = draw(st.integers(1, 6))  # empty cohorts have their own example test
    m = draw(st.integers(1, 4))
    mentee_ids, mentor_ids = list(MENTEE_IDS[:n]), list(MENTOR_IDS[:m])
    forms = st.frozensets(st.integers(1, 3), max_size=2)
    department = st.sampled_from(["", "МО математики", "МО филологии"])
    subjects = st.sampled_from(["", "математика", "русский язык, литература", "Математика; физика"])
    years = st.none() | st.integers(0, 30)
    consent = st.sampled_from([True] * 5 + [False])

    def ranked(ids):
        return st.lists(st.sampled_from(ids), max_size=4).map(tuple)

    def some(ids):
        # Mostly nobody, so that the hard rules leave something to choose from.
        return st.sampled_from([frozenset()] * 2 * len(ids) + [frozenset({x}) for x in ids])

    mentees = [
        MenteeInput(
            id=i,
            name=f"Наставляемый {i}",
            topics=draw(
                st.dictionaries(st.integers(1, 4), st.integers(1, 3), min_size=1, max_size=2)
            ),
            topic_titles={1: "работа с родителями"},
            department=draw(department),
            subjects=draw(subjects),
            experience_years=draw(years),
            form_ids=draw(forms),
            has_consent=draw(consent),
            preferences=draw(ranked(mentor_ids)),
            avoid=draw(some(mentor_ids)),
        )
        for i in mentee_ids
    ]
    mentors = [
        MentorInput(
            id=j,
            name=f"Наставник {j}",
            topics=draw(st.frozensets(st.integers(1, 4), min_size=1, max_size=3)),
            topic_titles={},
            department=draw(department),
            subjects=draw(subjects),
            experience_years=draw(years),
            form_ids=draw(forms),
            capacity=draw(st.sampled_from([1, 2, 0])),
            has_consent=draw(consent),
            preferences=draw(ranked(mentee_ids)),
            avoid=draw(some(mentee_ids)),
        )
        for j in mentor_ids
    ]
    pairs = [(i, j) for i in mentee_ids for j in mentor_ids]
    pair_sets = st.frozensets(st.sampled_from(pairs), max_size=1)
    people = st.dictionaries(st.sampled_from([*mentee_ids, *mentor_ids]), st.integers(1, 6))
    constraints = Constraints(
        excluded_pairs=draw(pair_sets),
        already_paired=draw(pair_sets),
        person_ids=draw(st.none() | people),
    )
    criteria = ["topics", "department", "subject", "experience", "preference", "mutual_bonus"]
    weights = draw(
        st.just(Weights())
        | st.builds(
            Weights,
            **dict.fromkeys(criteria, st.integers(0, 60)),
            min_score=st.integers(0, 30),
        )
    )
    group_size = draw(st.none() | st.integers(1, 3))
    return mentees, mentors, constraints, weights, group_size


def _run(cohort):
    mentees, mentors, constraints, weights, group_size = cohort
    return match(mentees, mentors, weights=weights, constraints=constraints, group_size=group_size)


def _brute_force_total(mentees, mentors, constraints, weights, group_size) -> int:
    """The best total over every admissible assignment, tried one by one."""
    options = [
        [
            (k, pair_score)
            for k, other in enumerate(mentors)
            if admissible(one, other, constraints) is None
            and (pair_score := score(one, other, weights)[0]) >= weights.min_score
        ]
        for one in mentees
    ]
    free = [slots_of(other, group_size) for other in mentors]

    def best(i: int) -> int:
        if i == len(mentees):
            return 0
        found = best(i + 1)  # this mentee stays unmatched
        for k, pair_score in options[i]:
            if free[k]:
                free[k] -= 1
                found = max(found, pair_score + best(i + 1))
                free[k] += 1
        return found

    return best(0)


FAST = settings(max_examples=100, deadline=None)


@FAST
@given(cohorts())
def test_no_mentor_gets_more_mentees_than_his_free_places(cohort):
    mentees, mentors, _constraints, _weights, group_size = cohort

    result = _run(cohort)

    load = Counter(p.mentor_id for p in result.proposals)
    for other in mentors:
        assert load[other.id] <= slots_of(other, group_size)
    proposed = [p.mentee_id for p in result.proposals]
    assert len(proposed) == len(set(proposed))
    assert sorted(proposed + [u.mentee_id for u in result.unmatched]) == [m.id for m in mentees]


@FAST
@given(cohorts())
def test_every_proposal_keeps_the_hard_rules_and_the_threshold(cohort):
    mentees, mentors, constraints, weights, _group_size = cohort
    by_id = {m.id: m for m in mentees} | {m.id: m for m in mentors}

    result = _run(cohort)

    for proposal in result.proposals:
        the_mentee, the_mentor = by_id[proposal.mentee_id], by_id[proposal.mentor_id]
        assert admissible(the_mentee, the_mentor, constraints) is None
        assert (proposal.score, proposal.reasons) == score(the_mentee, the_mentor, weights)
        assert proposal.score >= weights.min_score
        assert len(proposal.alternatives) <= 2
        scores = [a.score for a in proposal.alternatives]
        assert scores == sorted(scores, reverse=True)
        for alternative in proposal.alternatives:
            other = by_id[alternative.mentor_id]
            assert alternative.mentor_id != proposal.mentor_id
            assert admissible(the_mentee, other, constraints) is None
            assert alternative.score == score(the_mentee, other, weights)[0] >= weights.min_score
    assert result.total_score == sum(p.score for p in result.proposals)


@FAST
@given(cohorts(), st.randoms(use_true_random=False))
def test_the_same_input_gives_the_same_output_in_any_order(cohort, rng: random.Random):
    mentees, mentors, constraints, weights, group_size = cohort
    shuffled_mentees, shuffled_mentors = list(mentees), list(mentors)
    rng.shuffle(shuffled_mentees)
    rng.shuffle(shuffled_mentors)

    first, second = _run(cohort), _run(cohort)
    shuffled = match(
        shuffled_mentees,
        shuffled_mentors,
        weights=weights,
        constraints=constraints,
        group_size=group_size,
    )

    assert first == second == shuffled


@FAST
@given(cohorts())
def test_the_total_equals_the_brute_force_optimum(cohort):
    assert _run(cohort).total_score == _brute_force_total(*cohort)


@FAST
@given(cohorts())
def test_the_matrices_agree_with_the_pair_by_pair_functions(cohort):
    mentees, mentors, constraints, weights, _group_size = cohort

    scores = score_matrix(mentees, mentors, weights)
    allowed = admissible_matrix(mentees, mentors, constraints)

    for i, one in enumerate(mentees):
        for j, other in enumerate(mentors):
            assert scores[i, j] == score(one, other, weights)[0]
            assert 0 <= scores[i, j] <= 100
            assert allowed[i, j] == (admissible(one, other, constraints) is None)
