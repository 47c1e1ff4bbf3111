import datetime

import pytest
from django.urls import reverse

from mentorship.exceptions import CapacityError, PairingError
from mentorship.models import (
    AuditEntry,
    ConsentKind,
    MatchProposal,
    MatchRun,
    MenteeProfile,
    MenteeRequest,
    MenteeStatus,
    MentorProfile,
    Mentorship,
    MentorshipMember,
    MentorshipStatus,
    MentorStatus,
    PersonalProgramme,
    ProposalStatus,
)
from mentorship.services import pairs as services
from mentorship.services.matching import matching_settings
from tests.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorProfileFactory,
    PersonFactory,
    ProgrammeYearFactory,
    TopicFactory,
)

TODAY = datetime.date(2025, 10, 1)
START, END = datetime.date(2025, 10, 1), datetime.date(2026, 5, 31)


@pytest.fixture(autouse=True)
def _frozen_today(time_machine) -> None:
    time_machine.move_to(datetime.datetime(2025, 10, 1, 10, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def year(db):
    return ProgrammeYearFactory(title="2025/2026", is_current=True)


@pytest.fixture
def pair_form(db):
    return MentoringFormFactory(title="педагог – педагог")


@pytest.fixture
def group_form(db):
    return MentoringFormFactory(title="групповое наставничество", is_group=True)


def _mentee(*topics, person=None, consent=True, **person_fields) -> MenteeProfile:
    person = person or PersonFactory(**person_fields)
    if consent:
        ConsentFactory(person=person)
    mentee = MenteeProfileFactory(person=person)
    for topic in topics:
        MenteeRequest.objects.create(profile=mentee, topic=topic, weight=2)
    return mentee


def _mentor(*topics, person=None, capacity=None, **person_fields) -> MentorProfile:
    person = person or PersonFactory(**person_fields)
    ConsentFactory(person=person)
    ConsentFactory(person=person, kind=ConsentKind.MENTOR_AGREEMENT)
    mentor = MentorProfileFactory(person=person, status=MentorStatus.ACTIVE, capacity=capacity)
    mentor.topics.add(*topics)
    return mentor


def _pair(year, form, mentor, *mentees, actor=None, **kwargs) -> Mentorship:
    return services.mentorship_create(
        year=year,
        form=form,
        mentor=mentor,
        mentees=mentees,
        start_date=kwargs.pop("start_date", START),
        planned_end_date=kwargs.pop("planned_end_date", END),
        actor=actor,
        **kwargs,
    )


# Services


def test_capacity_is_enforced_and_an_override_is_recorded(school, year, pair_form, curator):
    mentor = _mentor(capacity=1)
    _pair(year, pair_form, mentor, _mentee())
    second = _mentee()
    with pytest.raises(CapacityError, match="свободно мест: 0 из 1"):
        _pair(year, pair_form, mentor, second)
    assert not second.memberships.exists()

    pair = _pair(year, pair_form, mentor, second, override_reason="  Молодой специалист  ")
    assert pair.capacity_override_reason == "Молодой специалист"
    entry = AuditEntry.objects.filter(action="mentorship.create").order_by("pk").last()
    assert entry.data["override"] == "Молодой специалист"


def test_within_capacity_no_override_is_recorded(school, year, pair_form):
    pair = _pair(year, pair_form, _mentor(capacity=2), _mentee(), override_reason="на всякий")
    assert pair.capacity_override_reason == ""


def test_ending_early_returns_mentees_to_waiting_and_keeps_history(
    school, year, pair_form, curator
):
    mentee = _mentee()
    pair = _pair(year, pair_form, _mentor(), mentee, actor=curator)
    mentee.refresh_from_db()
    assert mentee.status == MenteeStatus.PAIRED

    services.mentorship_end_early(
        mentorship=pair, reason="Наставник уволился", on=TODAY, actor=curator
    )

    pair.refresh_from_db()
    assert (pair.status, pair.ended_on, pair.end_reason) == (
        MentorshipStatus.ENDED_EARLY,
        TODAY,
        "Наставник уволился",
    )
    member = MentorshipMember.objects.get(mentorship=pair)
    assert (member.left_on, member.left_reason) == (TODAY, "Наставник уволился")
    mentee.refresh_from_db()
    assert mentee.status == MenteeStatus.WAITING
    assert [(c.from_status, c.to_status) for c in mentee.status_changes.order_by("pk")] == [
        ("waiting", "paired"),
        ("paired", "waiting"),
    ]
    assert [c.to_status for c in pair.status_changes.order_by("pk")] == ["draft", "ended_early"]
    with pytest.raises(PairingError, match="уже завершена"):
        services.mentorship_end_early(mentorship=pair, reason="ещё раз", on=TODAY, actor=curator)


def test_ending_early_needs_a_reason(school, year, pair_form):
    pair = _pair(year, pair_form, _mentor(), _mentee())
    with pytest.raises(PairingError, match="причину"):
        services.mentorship_end_early(mentorship=pair, reason="  ", on=TODAY, actor=None)


def test_statuses_move_only_along_allowed_transitions(school, year, pair_form, curator):
    mentee = _mentee()
    pair = _pair(year, pair_form, _mentor(), mentee)
    pair = services.mentorship_status_set(
        mentorship=pair, status=MentorshipStatus.ACTIVE, actor=curator
    )
    assert pair.status == MentorshipStatus.ACTIVE
    with pytest.raises(PairingError, match="Нельзя перевести"):
        services.mentorship_status_set(
            mentorship=pair, status=MentorshipStatus.DRAFT, actor=curator
        )
    with pytest.raises(PairingError, match="отдельное действие"):
        services.mentorship_status_set(
            mentorship=pair, status=MentorshipStatus.ENDED_EARLY, actor=curator
        )
    pair = services.mentorship_status_set(
        mentorship=pair, status=MentorshipStatus.FINISHED, actor=curator
    )
    mentee.refresh_from_db()
    assert (pair.status, mentee.status) == (MentorshipStatus.FINISHED, MenteeStatus.FINISHED)
    with pytest.raises(PairingError):
        services.mentorship_status_set(
            mentorship=pair, status=MentorshipStatus.ACTIVE, actor=curator
        )


def test_nobody_mentors_himself(school, year, pair_form):
    person = PersonFactory()
    mentor = _mentor(person=person)
    mentee = MenteeProfileFactory(person=person)
    with pytest.raises(PairingError, match="самому себе"):
        _pair(year, pair_form, mentor, mentee)


def test_the_same_form_twice_in_a_year_is_refused(school, year, pair_form):
    mentee = _mentee(surname="Ёлкина")
    _pair(year, pair_form, _mentor(), mentee)
    with pytest.raises(PairingError, match="Уже в паре или группе этой формы"):
        _pair(year, pair_form, _mentor(), mentee)
    # Another form the same year is allowed.
    assert _pair(year, MentoringFormFactory(), _mentor(), mentee).pk


def test_a_pair_form_takes_one_mentee_and_a_group_adds_more(
    school, year, pair_form, group_form, curator
):
    mentor = _mentor(capacity=5)
    with pytest.raises(PairingError, match="не групповая"):
        _pair(year, pair_form, mentor, _mentee(), _mentee())
    group = _pair(year, group_form, mentor, _mentee(), _mentee())
    third = _mentee()
    services.mentorship_add_mentee(mentorship=group, mentee=third, actor=curator)
    assert group.members.count() == 3
    third.refresh_from_db()
    assert third.status == MenteeStatus.PAIRED

    pair = _pair(year, pair_form, mentor, _mentee())
    with pytest.raises(PairingError, match="второго наставляемого"):
        services.mentorship_add_mentee(mentorship=pair, mentee=_mentee(), actor=curator)


def test_the_length_stays_within_the_schools_limits(school, year, pair_form):
    mentor = _mentor(capacity=5)
    with pytest.raises(PairingError, match="от 3 до 12 мес"):
        _pair(year, pair_form, mentor, _mentee(), planned_end_date=START.replace(month=11))
    with pytest.raises(PairingError, match="от 3 до 12 мес"):
        _pair(year, pair_form, mentor, _mentee(), planned_end_date=datetime.date(2027, 1, 31))
    assert services.default_period(year, TODAY) == (TODAY, year.end_date)


# Matching pages


def _run(year, form, *rows) -> MatchRun:
    """A run with the given (mentee, mentor, score, alternatives) proposals."""
    run = MatchRun.objects.create(year=year, form=form, weights={"min_score": 20})
    for mentee, mentor, score, alternatives in rows:
        MatchProposal.objects.create(
            run=run,
            mentee=mentee,
            mentor=mentor,
            score=score,
            reasons=["общая тема: Родители"],
            alternatives=[
                {"mentor_id": alt.pk, "score": alt_score, "reasons": ["другой вариант"]}
                for alt, alt_score in alternatives
            ],
        )
    return run


def test_a_run_proposes_and_accepting_creates_a_draft_pair(curator_client, school, year, pair_form):
    parents = TopicFactory(title="Работа с родителями")
    mentee = _mentee(parents, surname="Ёлкина")
    mentor = _mentor(parents, surname="Романова")

    response = curator_client.post(reverse("mentorship:matching"), {"form": pair_form.pk})
    run = MatchRun.objects.get()
    assert response.url == reverse("mentorship:matching-run", args=[run.pk])
    page = curator_client.get(response.url).content.decode()
    assert "Ёлкина" in page and "Романова" in page and "Работа с родителями" in page

    proposal = run.proposals.get()
    row = curator_client.post(
        reverse("mentorship:proposal-accept", args=[proposal.pk]), HTTP_HX_REQUEST="true"
    )
    assert row.content.decode().startswith(f'<tr id="proposal-{proposal.pk}"')
    assert "принята" in row.content.decode()
    pair = Mentorship.objects.get()
    assert (pair.status, pair.mentor, pair.year, pair.form) == (
        MentorshipStatus.DRAFT,
        mentor,
        year,
        pair_form,
    )
    assert list(pair.mentees.all()) == [mentee]
    proposal.refresh_from_db()
    assert (proposal.status, proposal.mentorship) == (ProposalStatus.ACCEPTED, pair)


def test_a_group_form_asks_for_the_group_size(curator_client, school, year, group_form):
    response = curator_client.post(reverse("mentorship:matching"), {"form": group_form.pk})
    assert "укажите размер группы" in response.content.decode()
    assert not MatchRun.objects.exists()


def test_accept_all_above_a_score(curator_client, school, year, pair_form):
    strong, weak = _mentee(surname="Сильная"), _mentee(surname="Слабая")
    run = _run(year, pair_form, (strong, _mentor(), 80, []), (weak, _mentor(), 40, []))
    response = curator_client.post(
        reverse("mentorship:proposals-accept-above", args=[run.pk]), {"min_score": 60}, follow=True
    )
    assert "Принято предложений: 1" in response.content.decode()
    statuses = dict(run.proposals.values_list("mentee__person__surname", "status"))
    assert statuses == {"Сильная": ProposalStatus.ACCEPTED, "Слабая": ProposalStatus.PROPOSED}
    assert list(Mentorship.objects.values_list("members__mentee", flat=True)) == [strong.pk]


def test_swap_puts_the_alternative_in_and_accepts(curator_client, school, year, pair_form):
    mentee, first, second = _mentee(), _mentor(surname="Первая"), _mentor(surname="Вторая")
    run = _run(year, pair_form, (mentee, first, 70, [(second, 65)]))
    proposal = run.proposals.get()
    assert (
        "Вторая"
        in curator_client.get(reverse("mentorship:matching-run", args=[run.pk])).content.decode()
    )

    curator_client.post(
        reverse("mentorship:proposal-swap", args=[proposal.pk]), {"mentor": second.pk}
    )

    proposal.refresh_from_db()
    assert (proposal.mentor, proposal.score, proposal.status) == (
        second,
        65,
        ProposalStatus.ACCEPTED,
    )
    assert proposal.alternatives[0]["mentor_id"] == first.pk
    assert Mentorship.objects.get().mentor == second


def test_swap_refuses_a_mentor_who_is_not_an_alternative(curator_client, school, year, pair_form):
    run = _run(year, pair_form, (_mentee(), _mentor(), 70, []))
    proposal = run.proposals.get()
    response = curator_client.post(
        reverse("mentorship:proposal-swap", args=[proposal.pk]),
        {"mentor": _mentor().pk},
        HTTP_HX_REQUEST="true",
    )
    assert "нет среди альтернатив" in response.content.decode()
    assert not Mentorship.objects.exists()


def test_reject_leaves_the_mentee_waiting(curator_client, school, year, pair_form):
    mentee = _mentee()
    proposal = _run(year, pair_form, (mentee, _mentor(), 70, [])).proposals.get()
    curator_client.post(reverse("mentorship:proposal-reject", args=[proposal.pk]))
    proposal.refresh_from_db()
    mentee.refresh_from_db()
    assert (proposal.status, mentee.status) == (ProposalStatus.REJECTED, MenteeStatus.WAITING)
    assert not Mentorship.objects.exists()


def test_accepting_over_capacity_asks_for_a_reason(curator_client, school, year, pair_form):
    mentor = _mentor(capacity=1)
    _pair(year, pair_form, mentor, _mentee())
    proposal = _run(year, pair_form, (_mentee(), mentor, 70, [])).proposals.get()
    url = reverse("mentorship:proposal-accept", args=[proposal.pk])
    row = curator_client.post(url, HTTP_HX_REQUEST="true").content.decode()
    assert "свободно мест: 0 из 1" in row and 'name="override_reason"' in row

    curator_client.post(url, {"override_reason": "Просьба директора"}, HTTP_HX_REQUEST="true")
    proposal.refresh_from_db()
    assert proposal.mentorship.capacity_override_reason == "Просьба директора"


def test_compare_marks_the_common_topics(curator_client, school, year, pair_form):
    common, other = TopicFactory(title="Дисциплина"), TopicFactory(title="ИКТ")
    proposal = _run(
        year, pair_form, (_mentee(common), _mentor(common, other), 70, [])
    ).proposals.get()
    page = curator_client.get(reverse("mentorship:proposal-compare", args=[proposal.pk]))
    html = page.content.decode()
    assert page.context["data"].common_count == 1
    assert [(t.title, t.common) for t in page.context["data"].mentor_topics] == [
        ("Дисциплина", True),
        ("ИКТ", False),
    ]
    assert "общая тема:" in html
    stranger = _mentor()
    url = reverse("mentorship:proposal-compare", args=[proposal.pk])
    assert curator_client.get(f"{url}?mentor={stranger.pk}").status_code == 404


def test_matching_settings_are_saved(curator_client, school):
    data = {
        "topics": 60,
        "department": 5,
        "subject": 5,
        "experience": 10,
        "preference": 20,
        "mutual_bonus": 0,
        "min_score": 30,
    }
    curator_client.post(reverse("mentorship:matching-settings"), data)
    assert (matching_settings().topics, matching_settings().min_score) == (60, 30)


# Unmatched


def test_unmatched_page_says_why_each_mentee_waits(curator_client, school, year, pair_form):
    parents, exams = TopicFactory(title="Родители"), TopicFactory(title="ЕГЭ")
    _mentee(exams, surname="Безтемова")
    full = _mentor(parents, capacity=1)
    _pair(year, pair_form, full, _mentee(parents))
    _mentee(parents, surname="Безместова")
    _mentee(parents, surname="Безсогласова", consent=False)
    from_run = _mentee(parents, surname="Изподбора")
    MatchRun.objects.create(
        year=year,
        form=pair_form,
        unmatched=[{"mentee_id": from_run.pk, "reason": "нет пары с баллом от 20"}],
    )

    rows = {
        row.mentee.person.surname: row.reason
        for row in curator_client.get(reverse("mentorship:unmatched")).context["rows"]
    }

    assert rows["Безтемова"] == "нет наставника с темами запроса (ЕГЭ)"
    assert rows["Безместова"] == "у всех наставников с общими темами (1) нет свободных мест"
    assert rows["Безсогласова"] == "Нет действующего согласия на обработку персональных данных."
    assert rows["Изподбора"] == "нет пары с баллом от 20"


def test_a_mentee_can_be_supported_without_a_pair(curator_client, school, year):
    mentee = _mentee()
    curator_client.post(
        reverse("mentorship:unmatched"), {"mentee": mentee.pk, "note": "Консультации по запросу"}
    )
    mentee.refresh_from_db()
    assert mentee.status == MenteeStatus.SUPPORTED
    assert mentee.status_changes.get().note == "Консультации по запросу"


def test_the_director_reads_the_unmatched_but_cannot_change_them(director_client, school, year):
    mentee = _mentee()
    page = director_client.get(reverse("mentorship:unmatched")).content.decode()
    assert mentee.person.full_name in page and "Сопровождается без пары" not in page
    response = director_client.post(reverse("mentorship:unmatched"), {"mentee": mentee.pk})
    assert response.status_code == 403


# Manual pairing


def test_manual_pairing_lists_free_mentors_by_score_and_needs_an_override_when_full(
    curator_client, school, year, pair_form
):
    topic = TopicFactory(title="Проектная деятельность")
    mentee = _mentee(topic)
    good, plain = _mentor(topic, surname="Лучшая"), _mentor(surname="Обычная")
    full = _mentor(topic, surname="Занятая", capacity=1)
    _pair(year, pair_form, full, _mentee())
    url = reverse("mentorship:pair-create") + f"?mentee={mentee.pk}&form={pair_form.pk}"

    candidates = curator_client.get(url).context["candidates"]
    assert [c.mentor for c in candidates] == [good, plain]
    assert candidates[0].score > candidates[1].score
    with_full = curator_client.get(url + "&full=on").context["candidates"]
    assert full in [c.mentor for c in with_full]

    data = {
        "mentee": mentee.pk,
        "form": pair_form.pk,
        "mentor": full.pk,
        "start_date": "2025-10-01",
        "planned_end_date": "2026-05-31",
        "delivery_format": "in_person",
        "goal": "Адаптация",
    }
    refused = curator_client.post(url, data)
    assert "свободно мест: 0 из 1" in refused.content.decode()
    assert 'name="override_reason"' in refused.content.decode()
    created = curator_client.post(url, data | {"override_reason": "Одна кафедра"})
    pair = Mentorship.objects.get(mentor=full, members__mentee=mentee)
    assert created.url == pair.get_absolute_url()
    assert pair.capacity_override_reason == "Одна кафедра"


# Pair pages


def test_pair_page_moves_statuses_and_ends_early(curator_client, school, year, pair_form):
    mentee = _mentee()
    pair = _pair(year, pair_form, _mentor(), mentee)
    page = curator_client.get(pair.get_absolute_url()).content.decode()
    assert "Начать работу" in page and "Завершить досрочно" in page
    curator_client.post(reverse("mentorship:pair-status", args=[pair.pk]), {"status": "active"})
    pair.refresh_from_db()
    assert pair.status == MentorshipStatus.ACTIVE

    end_url = reverse("mentorship:pair-end", args=[pair.pk])
    assert "вернутся в базу" in curator_client.get(end_url).content.decode()
    curator_client.post(end_url, {"reason": "Переезд", "on": "2025-10-01"})
    pair.refresh_from_db()
    mentee.refresh_from_db()
    assert (pair.status, mentee.status) == (MentorshipStatus.ENDED_EARLY, MenteeStatus.WAITING)


def test_a_group_takes_a_mentee_from_its_page(curator_client, school, year, group_form):
    group = _pair(year, group_form, _mentor(capacity=5), _mentee())
    newcomer = _mentee()
    assert "Добавить в группу" in curator_client.get(group.get_absolute_url()).content.decode()
    curator_client.post(
        reverse("mentorship:pair-add-mentee", args=[group.pk]), {"mentee": newcomer.pk}
    )
    assert group.members.filter(mentee=newcomer).exists()


def test_a_mentor_sees_his_pair_and_not_anothers(
    client, mentor, other_mentor, school, year, pair_form
):
    own = _pair(year, pair_form, _mentor(person=mentor.person), _mentee())
    foreign = _pair(year, pair_form, _mentor(person=other_mentor.person), _mentee())
    client.force_login(mentor)
    page = client.get(own.get_absolute_url())
    assert page.status_code == 200
    assert "Завершить досрочно" not in page.content.decode()
    assert client.get(foreign.get_absolute_url()).status_code == 404


def test_the_teacher_sees_his_own_pair_in_my_pairs(client, teacher, school, year, pair_form):
    own = _pair(year, pair_form, _mentor(surname="Романова"), _mentee(person=teacher.person))
    _pair(year, pair_form, _mentor(surname="Чужаков"), _mentee())
    client.force_login(teacher)
    response = client.get(reverse("mentorship:my-pairs"))
    html = response.content.decode()
    assert list(response.context["pairs"]) == [own]
    assert "Романова" in html and "Чужаков" not in html and "Вы — наставляемый" in html
    assert client.get(own.get_absolute_url()).status_code == 200


def test_the_menu_shows_pairs_to_managers_and_my_pairs_to_others(persona_client, school):
    pairs_link = f'href="{reverse("mentorship:pair-list")}"'
    mine_link = f'href="{reverse("mentorship:my-pairs")}"'
    page = persona_client("curator").get(reverse("mentorship:person-list")).content.decode()
    assert pairs_link in page and mine_link not in page
    page = persona_client("teacher").get(reverse("mentorship:my-pairs")).content.decode()
    assert mine_link in page and pairs_link not in page


# Query budgets


def _bulk_pairs(year, form, size: int) -> list[tuple[MenteeProfile, MentorProfile]]:
    people = PersonFactory.create_batch(size * 2)
    mentees = MenteeProfile.objects.bulk_create(
        MenteeProfile(person=p, category="young_specialist") for p in people[:size]
    )
    mentors = MentorProfile.objects.bulk_create(MentorProfile(person=p) for p in people[size:])
    return list(zip(mentees, mentors, strict=True))


@pytest.mark.parametrize("size", [10, 300])
def test_pair_list_runs_the_same_queries_for_10_and_300(
    curator_client, school, year, pair_form, size, django_assert_num_queries
):
    rows = _bulk_pairs(year, pair_form, size)
    pairs = Mentorship.objects.bulk_create(
        Mentorship(year=year, form=pair_form, mentor=mentor, start_date=START, planned_end_date=END)
        for _, mentor in rows
    )
    MentorshipMember.objects.bulk_create(
        MentorshipMember(mentorship=pair, mentee=mentee, joined_on=START)
        for pair, (mentee, _) in zip(pairs, rows, strict=True)
    )
    # session, user, groups, perms (2), header school, current year, count, rows (with year,
    # form, mentor, member count and programme flag), members with mentees, the filter's
    # years and forms (count + rows each)
    with django_assert_num_queries(14):
        response = curator_client.get(reverse("mentorship:pair-list"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [10, 300])
def test_a_runs_proposals_page_runs_the_same_queries_for_10_and_300(
    curator_client, school, year, pair_form, size, django_assert_num_queries
):
    rows = _bulk_pairs(year, pair_form, size)
    alternatives = [mentor for _, mentor in rows[:2]]
    run = MatchRun.objects.create(
        year=year, form=pair_form, unmatched=[{"mentee_id": rows[0][0].pk, "reason": "нет мест"}]
    )
    MatchProposal.objects.bulk_create(
        MatchProposal(
            run=run,
            mentee=mentee,
            mentor=mentor,
            score=50,
            alternatives=[{"mentor_id": a.pk, "score": 40, "reasons": []} for a in alternatives],
        )
        for mentee, mentor in rows
    )
    # session, user, groups, perms (2), header school, the run, proposals with mentee and
    # mentor, the alternatives' mentors, the unmatched mentees
    with django_assert_num_queries(10):
        response = curator_client.get(reverse("mentorship:matching-run", args=[run.pk]))
    assert response.status_code == 200


def test_the_programme_link_shows_only_when_the_pair_has_one(
    curator_client, school, year, pair_form
):
    with_programme = _pair(year, pair_form, _mentor(), _mentee())
    without = _pair(year, pair_form, _mentor(), _mentee())
    PersonalProgramme.objects.create(mentorship=with_programme, title="Адаптация")
    link = reverse("mentorship:programme-detail", args=[with_programme.pk])
    assert link in curator_client.get(reverse("mentorship:pair-list")).content.decode()
    assert link in curator_client.get(with_programme.get_absolute_url()).content.decode()
    page = curator_client.get(without.get_absolute_url()).content.decode()
    assert reverse("mentorship:programme-detail", args=[without.pk]) not in page
