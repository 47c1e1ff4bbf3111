"""Meetings: defaults, the edit window, visibility, the journal data and the regularity marks."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from mentorship import permissions_meetings as policy
from mentorship.models import (
    AuditEntry,
    Meeting,
    MeetingFormat,
    MeetingKind,
    MentorshipMember,
    MentorshipStatus,
)
from mentorship.models.pairs import DeliveryFormat
from mentorship.selectors import meetings as selectors
from mentorship.services import meetings as services
from tests.factories import (
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorProfileFactory,
    MentorshipFactory,
    PersonFactory,
    ProgrammeYearFactory,
)

MONDAY = datetime.date(2026, 3, 16)
NOW = datetime.datetime(2026, 3, 16, 9, 0, tzinfo=datetime.UTC)
START, END = datetime.date(2025, 10, 1), datetime.date(2026, 5, 31)


@pytest.fixture(autouse=True)
def _frozen_now(time_machine) -> None:
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def year(db):
    return ProgrammeYearFactory(title="2025/2026", is_current=True)


@pytest.fixture
def pair(db, year, mentor, teacher):
    return MentorshipFactory(
        year=year,
        mentor=MentorProfileFactory(person=mentor.person),
        members=[MenteeProfileFactory(person=teacher.person)],
        start_date=START,
        planned_end_date=END,
    )


@pytest.fixture
def other_pair(db, year, other_mentor):
    return MentorshipFactory(
        year=year,
        mentor=MentorProfileFactory(person=other_mentor.person),
        start_date=START,
        planned_end_date=END,
    )


def _meeting(*pairs, held_on=MONDAY, kind=MeetingKind.REGULAR, **fields) -> Meeting:
    meeting = Meeting.objects.create(held_on=held_on, kind=kind, **fields)
    meeting.mentorships.set(pairs)
    return meeting


def _log(pair, actor, **data) -> Meeting:
    return services.meeting_log(
        mentorships=[pair], data={"held_on": MONDAY, "kind": "regular", **data}, actor=actor
    )


# Defaults of the three-tap form


def test_a_new_pair_starts_with_the_acquaintance_in_its_own_format(pair) -> None:
    pair.delivery_format = DeliveryFormat.REMOTE
    defaults = services.meeting_defaults(pair, today=MONDAY)
    assert defaults == {
        "held_on": MONDAY,
        "kind": MeetingKind.ACQUAINTANCE,
        "format": MeetingFormat.REMOTE,
    }


def test_after_the_acquaintance_comes_planning_in_the_last_format(pair) -> None:
    _meeting(
        pair,
        held_on=MONDAY - datetime.timedelta(days=7),
        kind=MeetingKind.ACQUAINTANCE,
        format=MeetingFormat.REMOTE,
    )
    defaults = services.meeting_defaults(pair, today=MONDAY)
    assert defaults["kind"] == MeetingKind.PLANNING
    assert defaults["format"] == MeetingFormat.REMOTE


def test_later_meetings_are_regular_and_the_last_week_suggests_the_final(pair) -> None:
    _meeting(pair, held_on=MONDAY - datetime.timedelta(days=20), kind=MeetingKind.ACQUAINTANCE)
    _meeting(pair, held_on=MONDAY - datetime.timedelta(days=10), kind=MeetingKind.PLANNING)
    assert services.meeting_defaults(pair, today=MONDAY)["kind"] == MeetingKind.REGULAR
    near_end = END - datetime.timedelta(days=3)
    assert services.meeting_defaults(pair, today=near_end)["kind"] == MeetingKind.FINAL


# Logging, the edit window and unlocking


def test_logging_records_who_logged_and_writes_an_audit_row(pair, mentor) -> None:
    meeting = _log(pair, mentor, topic="План на четверть")
    assert meeting.logged_by == mentor
    assert list(meeting.mentorships.all()) == [pair]
    assert AuditEntry.objects.filter(action="meeting.log", object_id=str(meeting.pk)).exists()


def test_a_meeting_in_the_future_is_refused(pair, mentor) -> None:
    with pytest.raises(services.MeetingError, match="ещё не прошла"):
        _log(pair, mentor, held_on=MONDAY + datetime.timedelta(days=1))


def test_several_pairs_meet_together_only_at_the_group_final(pair, other_pair, curator) -> None:
    data = {"held_on": MONDAY, "kind": MeetingKind.REGULAR}
    with pytest.raises(services.MeetingError, match="итоговой встрече всех пар"):
        services.meeting_log(mentorships=[pair, other_pair], data=data, actor=curator)
    data["kind"] = MeetingKind.GROUP_FINAL
    meeting = services.meeting_log(mentorships=[pair, other_pair], data=data, actor=curator)
    assert set(meeting.mentorships.all()) == {pair, other_pair}


def test_a_meeting_is_editable_for_seven_days_then_closed(pair, mentor) -> None:
    meeting = _log(pair, mentor)
    with time_machine.travel(NOW + datetime.timedelta(days=6, hours=23), tick=False):
        assert meeting.is_editable
        services.meeting_update(
            meeting=meeting, data={"held_on": MONDAY, "topic": "Новая тема"}, actor=mentor
        )
    with time_machine.travel(NOW + datetime.timedelta(days=7, minutes=1), tick=False):
        meeting.refresh_from_db()
        assert not meeting.is_editable
        with pytest.raises(services.MeetingError, match="закрыта для правки"):
            services.meeting_update(meeting=meeting, data={"topic": "Поздно"}, actor=mentor)
    meeting.refresh_from_db()
    assert meeting.topic == "Новая тема"


def test_the_curator_reopens_a_closed_meeting_for_seven_more_days(pair, mentor, curator) -> None:
    meeting = _log(pair, mentor)
    later = NOW + datetime.timedelta(days=30)
    with time_machine.travel(later, tick=False):
        meeting = services.meeting_unlock(meeting=meeting, actor=curator)
        assert meeting.is_editable
        assert selectors.editable_until(meeting) == later + datetime.timedelta(days=7)
    with time_machine.travel(later + datetime.timedelta(days=8), tick=False):
        meeting.refresh_from_db()
        assert not meeting.is_editable
    assert AuditEntry.objects.filter(action="meeting.unlock").count() == 1


# Who sees and changes what


def test_each_persona_sees_only_the_meetings_he_may(
    pair, other_pair, curator, director, mentor, other_mentor, teacher, no_role_user
) -> None:
    mine, theirs = _meeting(pair), _meeting(other_pair)
    assert set(policy.meetings_visible_to(curator)) == {mine, theirs}
    assert set(policy.meetings_visible_to(director)) == {mine, theirs}
    assert list(policy.meetings_visible_to(mentor)) == [mine]
    assert list(policy.meetings_visible_to(other_mentor)) == [theirs]
    assert list(policy.meetings_visible_to(teacher)) == [mine]
    assert list(policy.meetings_visible_to(no_role_user)) == []


def test_a_mentee_who_left_the_pair_no_longer_sees_its_meetings(pair, teacher) -> None:
    _meeting(pair)
    MentorshipMember.objects.filter(mentorship=pair).update(left_on=MONDAY)
    assert list(policy.meetings_visible_to(teacher)) == []


def test_a_group_final_with_other_mentors_pairs_is_the_curators_to_change(
    pair, other_pair, mentor, curator
) -> None:
    own = _meeting(pair)
    gathered = _meeting(pair, other_pair, kind=MeetingKind.GROUP_FINAL)
    assert policy.can_change_meeting(mentor, own)
    assert not policy.can_change_meeting(mentor, gathered)
    assert policy.can_change_meeting(curator, gathered)


def test_only_the_curator_gathers_all_pairs(curator, mentor) -> None:
    assert MeetingKind.GROUP_FINAL in policy.meeting_kinds_for(curator)
    assert MeetingKind.GROUP_FINAL not in policy.meeting_kinds_for(mentor)
    assert MeetingKind.GROUP_FINAL in policy.meeting_kinds_for(mentor, current="group_final")


def test_a_closed_pair_gets_no_logging_button(pair, mentor, other_mentor) -> None:
    assert policy.can_log_for(mentor, pair)
    assert not policy.can_log_for(other_mentor, pair)
    pair.status = MentorshipStatus.FINISHED
    assert not policy.can_log_for(mentor, pair)


# The journal


def test_the_journal_filters_by_form_mentor_kind_and_period(pair, other_pair) -> None:
    early = _meeting(pair, held_on=datetime.date(2026, 1, 12), kind=MeetingKind.PLANNING)
    late = _meeting(pair, held_on=datetime.date(2026, 3, 2))
    theirs = _meeting(other_pair, held_on=datetime.date(2026, 2, 2))

    def found(**filters):
        return list(selectors.meeting_list(visible=Meeting.objects.all(), filters=filters))

    assert found() == [late, theirs, early]
    assert found(form=pair.form) == [late, early]
    assert found(mentor=other_pair.mentor) == [theirs]
    assert found(kind=MeetingKind.PLANNING) == [early]
    assert found(date_from=datetime.date(2026, 2, 1), date_to=datetime.date(2026, 2, 28)) == [
        theirs
    ]
    assert found(pair=pair.pk) == [late, early]


def test_the_journal_dataset_has_a_row_per_meeting_and_pair(pair, other_pair, curator) -> None:
    _meeting(
        pair,
        other_pair,
        kind=MeetingKind.GROUP_FINAL,
        topic="Итоги года",
        logged_by=curator,
        next_planned_on=datetime.date(2026, 4, 1),
    )
    dataset = selectors.journal_dataset(visible=Meeting.objects.all(), filters={})
    assert dataset.headers == selectors.JOURNAL_HEADERS
    assert len(dataset) == 2
    first = dict(zip(dataset.headers, dataset[0], strict=True))
    assert first["Дата"] == MONDAY
    assert first["Вид встречи"] == "итоговая встреча всех пар"
    assert first["Тема"] == "Итоги года"
    assert first["Следующая встреча"] == datetime.date(2026, 4, 1)
    assert first["Кто записал"] == "Татьяна Бондаренко"
    assert {row[5] for row in dataset} == {
        pair.mentor.person.full_name,
        other_pair.mentor.person.full_name,
    }
    only_theirs = selectors.journal_dataset(
        visible=Meeting.objects.all(), filters={"mentor": other_pair.mentor}
    )
    assert [row[5] for row in only_theirs] == [other_pair.mentor.person.full_name]


def test_the_journal_names_the_mentees_present_that_day(pair) -> None:
    newcomer = MenteeProfileFactory(person=PersonFactory(surname="Позднякова"))
    MentorshipMember.objects.create(mentorship=pair, mentee=newcomer, joined_on=MONDAY)
    before = _meeting(pair, held_on=MONDAY - datetime.timedelta(days=7))
    lines = selectors.pair_lines(
        selectors.meeting_detail_queryset(Meeting.objects).get(pk=before.pk)
    )
    assert not any("Позднякова" in name for name in lines[0].mentees)


# Regularity


def test_regularity_marks_weeks_with_and_without_meetings(pair, school) -> None:
    _meeting(pair, held_on=datetime.date(2026, 2, 24))  # the week of 23 February
    _meeting(pair, held_on=datetime.date(2026, 3, 3))  # the week of 2 March, twice
    _meeting(pair, held_on=datetime.date(2026, 3, 5))
    data = selectors.regularity(
        start=datetime.date(2026, 2, 18), end=MONDAY, today=MONDAY, interval_days=14
    )
    assert data.weeks == [
        datetime.date(2026, 2, 16),
        datetime.date(2026, 2, 23),
        datetime.date(2026, 3, 2),
        datetime.date(2026, 3, 9),
        datetime.date(2026, 3, 16),
    ]
    (row,) = data.rows
    assert [(c.state, c.count) for c in row.cells] == [
        ("missed", 0),
        ("met", 1),
        ("met", 2),
        ("missed", 0),
        ("missed", 0),
    ]
    assert row.last_meeting_on == datetime.date(2026, 3, 5)
    assert row.days_since == 11
    assert not row.overdue


def test_a_pair_is_overdue_after_the_schools_interval(pair, other_pair) -> None:
    _meeting(pair, held_on=MONDAY - datetime.timedelta(days=15))
    data = selectors.regularity(
        start=MONDAY - datetime.timedelta(weeks=4), end=MONDAY, today=MONDAY, interval_days=14
    )
    by_pair = {row.pair: row for row in data.rows}
    assert by_pair[pair].days_since == 15
    assert by_pair[pair].overdue
    # Without any meeting the days count from the pair's start.
    assert by_pair[other_pair].last_meeting_on is None
    assert by_pair[other_pair].days_since == (MONDAY - START).days
    assert by_pair[other_pair].overdue
    assert data.overdue_count == 2


def test_weeks_before_the_pair_started_are_marked_off(year) -> None:
    late_pair = MentorshipFactory(
        year=year, start_date=datetime.date(2026, 3, 4), planned_end_date=END
    )
    data = selectors.regularity(
        start=datetime.date(2026, 2, 23), end=MONDAY, today=MONDAY, interval_days=14
    )
    (row,) = [r for r in data.rows if r.pair == late_pair]
    assert [c.state for c in row.cells] == ["off", "missed", "missed", "missed"]
    assert row.days_since == 12
    assert not row.overdue


def test_closed_pairs_are_left_out_of_regularity(pair) -> None:
    pair.status = MentorshipStatus.FINISHED
    pair.save(update_fields=["status"])
    data = selectors.regularity(start=MONDAY, end=MONDAY, today=MONDAY, interval_days=14)
    assert data.rows == []


def test_the_default_period_is_the_programme_year_up_to_today(year) -> None:
    start, end = selectors.default_period(year=year, today=MONDAY)
    assert start == datetime.date(2025, 9, 1)  # a Monday
    assert end == MONDAY
    start, end = selectors.default_period(year=None, today=MONDAY)
    assert (end - start).days == 11 * 7


def test_the_regularity_dataset_has_a_column_per_week(pair) -> None:
    _meeting(pair, held_on=datetime.date(2026, 3, 10))
    data = selectors.regularity(
        start=datetime.date(2026, 3, 2), end=MONDAY, today=MONDAY, interval_days=14
    )
    dataset = selectors.regularity_dataset(data)
    assert dataset.headers[-3:] == ["02.03.2026", "09.03.2026", "16.03.2026"]
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    assert row["Наставник"] == pair.mentor.person.full_name
    assert row["Последняя встреча"] == datetime.date(2026, 3, 10)
    assert row["Дней без встречи"] == 6
    assert row["Просрочено"] == "нет"
    assert dataset[0][-3:] == (0, 1, 0)


def test_a_meetings_mentorship_form_is_named_in_the_dataset(year) -> None:
    form = MentoringFormFactory(title="педагог – педагог")
    pair = MentorshipFactory(year=year, form=form, start_date=START, planned_end_date=END)
    _meeting(pair)
    dataset = selectors.journal_dataset(visible=Meeting.objects.all(), filters={})
    assert dataset[0][4] == "педагог – педагог"
    assert timezone.localdate() == MONDAY
