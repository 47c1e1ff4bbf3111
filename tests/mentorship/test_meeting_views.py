"""Meeting pages: logging in three taps, the meeting page, the journal, regularity, exports."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from mentorship.models import (
    AuditEntry,
    Meeting,
    MeetingFormat,
    MeetingKind,
    MenteeProfile,
    MentorProfile,
    Mentorship,
    MentorshipMember,
    MentorshipStatus,
    Person,
)
from tests.factories import (
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorProfileFactory,
    MentorshipFactory,
    ProgrammeYearFactory,
)

MONDAY = datetime.date(2026, 3, 16)
NOW = datetime.datetime(2026, 3, 16, 9, 0, tzinfo=datetime.UTC)
START, END = datetime.date(2025, 10, 1), datetime.date(2026, 5, 31)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
        form=MentoringFormFactory(title="педагог – педагог"),
        mentor=MentorProfileFactory(person=mentor.person),
        members=[MenteeProfileFactory(person=teacher.person)],
        start_date=START,
        planned_end_date=END,
    )


@pytest.fixture
def other_pair(db, year, other_mentor):
    return MentorshipFactory(
        year=year,
        form=MentoringFormFactory(title="молодой специалист"),
        mentor=MentorProfileFactory(person=other_mentor.person),
        start_date=START,
        planned_end_date=END,
    )


def _client(client, user):
    client.force_login(user)
    return client


def _meeting(*pairs, held_on=MONDAY, kind=MeetingKind.REGULAR, **fields) -> Meeting:
    meeting = Meeting.objects.create(held_on=held_on, kind=kind, **fields)
    meeting.mentorships.set(pairs)
    return meeting


def _create_url(pair) -> str:
    return f"{reverse('mentorship:meeting-create')}?pair={pair.pk}"


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# Logging in three taps


def test_the_mentors_pair_card_leads_to_the_logging_form(client, mentor, pair, school) -> None:
    page = _client(client, mentor).get(reverse("mentorship:my-pairs")).content.decode()
    assert f'href="{_create_url(pair)}"'.replace("&", "&amp;") in page or _create_url(pair) in page
    assert "Записать встречу" in page


def test_a_mentee_gets_no_logging_button_on_his_pair_card(client, teacher, pair, school) -> None:
    page = _client(client, teacher).get(reverse("mentorship:my-pairs")).content.decode()
    assert "Записать встречу" not in page


def test_the_form_is_preselected_from_the_pairs_history(client, mentor, pair, school) -> None:
    _meeting(
        pair,
        held_on=MONDAY - datetime.timedelta(days=7),
        kind=MeetingKind.ACQUAINTANCE,
        format=MeetingFormat.REMOTE,
    )
    response = _client(client, mentor).get(_create_url(pair))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["kind"].value() == MeetingKind.PLANNING
    assert form["format"].value() == MeetingFormat.REMOTE
    assert form["held_on"].value() == MONDAY
    page = response.content.decode()
    assert 'value="planning" class="btn-check"' in page or "btn-check" in page
    assert "Подробнее" in page
    # A mentor does not gather all pairs: that is the curator's final meeting.
    assert "group_final" not in page


def test_a_mentor_logs_a_meeting_with_three_fields(client, mentor, pair, school) -> None:
    response = _client(client, mentor).post(
        _create_url(pair),
        {"kind": "regular", "format": "in_person", "held_on": MONDAY.isoformat()},
        follow=True,
    )
    meeting = Meeting.objects.get()
    assert response.redirect_chain[-1][0] == meeting.get_absolute_url()
    assert meeting.logged_by == mentor
    assert list(meeting.mentorships.all()) == [pair]
    assert any("Встреча записана" in m for m in _messages(response))


def test_the_details_are_saved_when_given(client, mentor, pair, school) -> None:
    _client(client, mentor).post(
        _create_url(pair),
        {
            "kind": "regular",
            "format": "remote",
            "held_on": MONDAY.isoformat(),
            "start_time": "15:30",
            "topic": "  Урок   по ФГОС ",
            "notes": "Разобрали технологическую карту",
            "next_steps": "Провести урок",
            "next_planned_on": "2026-03-30",
            "next_planned_time": "15:30",
        },
    )
    meeting = Meeting.objects.get()
    assert meeting.topic == "Урок по ФГОС"
    assert meeting.start_time == datetime.time(15, 30)
    assert meeting.next_planned_on == datetime.date(2026, 3, 30)


def test_a_future_date_is_refused_with_a_message_on_the_form(client, mentor, pair, school) -> None:
    response = _client(client, mentor).post(
        _create_url(pair),
        {"kind": "regular", "format": "in_person", "held_on": "2026-03-17"},
    )
    assert response.status_code == 200
    assert "ещё не прошла" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_mentor_can_neither_see_nor_log_for_another_mentors_pair(
    client, mentor, other_pair, school
) -> None:
    client = _client(client, mentor)
    assert client.get(_create_url(other_pair)).status_code == 404
    data = {"kind": "regular", "format": "in_person", "held_on": MONDAY.isoformat()}
    assert client.post(_create_url(other_pair), data).status_code == 404
    theirs = _meeting(other_pair)
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(reverse("mentorship:meeting-update", args=[theirs.pk])).status_code == 404
    url = f"{reverse('mentorship:my-meetings')}?pair={other_pair.pk}"
    assert client.get(url).status_code == 404
    assert not Meeting.objects.exclude(pk=theirs.pk).exists()


def test_without_a_pair_the_mentor_picks_one_of_his_open_pairs(
    client, mentor, pair, other_pair, year, school
) -> None:
    closed = MentorshipFactory(
        year=year,
        mentor=pair.mentor,
        start_date=START,
        planned_end_date=END,
        status=MentorshipStatus.FINISHED,
    )
    response = _client(client, mentor).get(reverse("mentorship:meeting-create"))
    assert [line.pair for line in response.context["pairs"]] == [pair]
    assert closed not in [line.pair for line in response.context["pairs"]]


def test_a_closed_pair_sends_the_mentor_back_to_it(client, mentor, pair, school) -> None:
    pair.status = MentorshipStatus.FINISHED
    pair.save(update_fields=["status"])
    response = _client(client, mentor).get(_create_url(pair))
    assert response["Location"] == pair.get_absolute_url()


def test_the_curator_logs_the_group_final_for_all_open_pairs(
    client, curator, pair, other_pair, school
) -> None:
    client = _client(client, curator)
    page = client.get(_create_url(pair)).content.decode()
    assert "group_final" in page
    assert "Все открытые пары и группы" in page
    response = client.post(
        _create_url(pair),
        {
            "kind": "group_final",
            "format": "in_person",
            "held_on": MONDAY.isoformat(),
            "all_pairs": "on",
        },
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert set(meeting.mentorships.all()) == {pair, other_pair}
    assert meeting.logged_by == curator


def test_the_curator_may_choose_some_pairs_and_they_count_only_for_the_group_final(
    client, curator, pair, other_pair, year, school
) -> None:
    third = MentorshipFactory(year=year, start_date=START, planned_end_date=END)
    client = _client(client, curator)
    base = {"format": "in_person", "held_on": MONDAY.isoformat(), "also_pairs": [third.pk]}
    client.post(_create_url(pair), {**base, "kind": "group_final"})
    gathered = Meeting.objects.get()
    assert set(gathered.mentorships.all()) == {pair, third}
    client.post(_create_url(pair), {**base, "kind": "regular"})
    regular = Meeting.objects.exclude(pk=gathered.pk).get()
    assert list(regular.mentorships.all()) == [pair]
    assert other_pair not in gathered.mentorships.all()


# The meeting page


def test_the_meeting_page_shows_the_pair_and_who_logged_it(client, mentor, pair, school) -> None:
    meeting = _meeting(pair, topic="Планирование уроков", logged_by=mentor)
    page = _client(client, mentor).get(meeting.get_absolute_url()).content.decode()
    assert "Планирование уроков" in page
    assert pair.mentor.person.full_name in page
    assert "Елена Романова" in page
    assert reverse("mentorship:meeting-update", args=[meeting.pk]) in page
    assert "Открыть правку" not in page
    assert reverse("mentorship:meeting-delete", args=[meeting.pk]) not in page


def test_a_mentee_reads_the_meeting_but_may_not_edit_it(client, teacher, pair, school) -> None:
    meeting = _meeting(pair, topic="Анализ урока")
    client = _client(client, teacher)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Анализ урока" in page
    assert reverse("mentorship:meeting-update", args=[meeting.pk]) not in page
    url = reverse("mentorship:meeting-update", args=[meeting.pk])
    assert client.get(url).status_code == 403
    data = {"kind": "regular", "format": "in_person", "held_on": MONDAY.isoformat()}
    assert client.post(url, {**data, "topic": "Чужая правка"}).status_code == 403
    meeting.refresh_from_db()
    assert meeting.topic == "Анализ урока"


def test_the_mentor_edits_his_meeting_within_the_week(client, mentor, pair, school) -> None:
    meeting = _meeting(pair, logged_by=mentor)
    url = reverse("mentorship:meeting-update", args=[meeting.pk])
    data = {"kind": "planning", "format": "remote", "held_on": MONDAY.isoformat(), "topic": "План"}
    response = _client(client, mentor).post(url, data)
    assert response["Location"] == meeting.get_absolute_url()
    meeting.refresh_from_db()
    assert (meeting.kind, meeting.format, meeting.topic) == ("planning", "remote", "План")


def test_after_seven_days_the_meeting_is_closed_until_the_curator_unlocks_it(
    client, mentor, curator, pair, school
) -> None:
    meeting = _meeting(pair, logged_by=mentor)
    url = reverse("mentorship:meeting-update", args=[meeting.pk])
    unlock = reverse("mentorship:meeting-unlock", args=[meeting.pk])
    with time_machine.travel(NOW + datetime.timedelta(days=8), tick=False):
        client.force_login(mentor)
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert "закрыта для правки" in page
        assert url not in page
        response = client.get(url, follow=True)
        assert any("закрыта для правки" in m for m in _messages(response))
        assert client.post(unlock).status_code == 403

        client.force_login(curator)
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert "Открыть правку на 7 дней" in page
        response = client.post(unlock, follow=True)
        assert any("Правка открыта до" in m for m in _messages(response))

        client.force_login(mentor)
        data = {"kind": "regular", "format": "in_person", "held_on": MONDAY.isoformat()}
        response = client.post(url, {**data, "topic": "Исправлено"})
        assert response["Location"] == meeting.get_absolute_url()
    meeting.refresh_from_db()
    assert meeting.topic == "Исправлено"


def test_the_curator_deletes_a_meeting_after_confirming(client, curator, pair, school) -> None:
    meeting = _meeting(pair)
    url = reverse("mentorship:meeting-delete", args=[meeting.pk])
    client = _client(client, curator)
    response = client.get(url)
    assert "Удалить встречу?" in response.content.decode()
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    response = client.post(url)
    assert response["Location"] == reverse("mentorship:meeting-journal")
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    assert AuditEntry.objects.filter(action="meeting.delete").exists()


def test_a_mentor_may_not_delete(client, mentor, pair, school) -> None:
    meeting = _meeting(pair, logged_by=mentor)
    url = reverse("mentorship:meeting-delete", args=[meeting.pk])
    assert _client(client, mentor).post(url).status_code == 403
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_a_closed_meeting_is_not_deleted_before_unlocking(client, curator, pair, school) -> None:
    meeting = _meeting(pair)
    with time_machine.travel(NOW + datetime.timedelta(days=8), tick=False):
        client = _client(client, curator)
        url = reverse("mentorship:meeting-delete", args=[meeting.pk])
        assert client.post(url)["Location"] == meeting.get_absolute_url()
    assert Meeting.objects.filter(pk=meeting.pk).exists()


# The pair page and «my meetings»


def test_the_pair_page_lists_its_recent_meetings_newest_first(client, mentor, pair, school) -> None:
    for days in range(7):
        _meeting(pair, held_on=MONDAY - datetime.timedelta(days=7 * days), topic=f"Тема {days}")
    response = _client(client, mentor).get(pair.get_absolute_url())
    meetings = response.context["meetings"]
    assert [m.topic for m in meetings] == [f"Тема {d}" for d in range(5)]
    page = response.content.decode()
    assert "Все встречи" in page
    assert "Записать встречу" in page


def test_my_meetings_lists_the_meetings_of_my_pairs(
    client, teacher, pair, other_pair, school
) -> None:
    mine = _meeting(pair, topic="Наша встреча")
    _meeting(other_pair, topic="Чужая встреча")
    response = _client(client, teacher).get(reverse("mentorship:my-meetings"))
    assert list(response.context["page"].object_list) == [mine]
    assert "Чужая встреча" not in response.content.decode()


# The journal


def test_the_menu_shows_meetings_to_the_curator_only(client, curator, mentor, school) -> None:
    journal = reverse("mentorship:meeting-journal")
    assert (
        journal in _client(client, curator).get(reverse("mentorship:curator-home")).content.decode()
    )
    client.force_login(mentor)
    assert journal not in client.get(reverse("mentorship:mentor-home")).content.decode()


def test_the_journal_filters_by_form_mentor_kind_and_period(
    client, director, pair, other_pair, school
) -> None:
    early = _meeting(pair, held_on=datetime.date(2026, 1, 12), kind=MeetingKind.PLANNING)
    late = _meeting(pair, held_on=datetime.date(2026, 3, 2))
    theirs = _meeting(other_pair, held_on=datetime.date(2026, 2, 2))
    client = _client(client, director)
    url = reverse("mentorship:meeting-journal")

    def listed(**query):
        return list(client.get(url, query).context["page"].object_list)

    assert listed() == [late, theirs, early]
    assert listed(form=pair.form_id) == [late, early]
    assert listed(mentor=other_pair.mentor_id) == [theirs]
    assert listed(kind="planning") == [early]
    assert listed(date_from="2026-02-01", date_to="2026-02-28") == [theirs]
    response = client.get(url, {"date_from": "2026-03-01", "date_to": "2026-02-01"})
    assert "Конец периода раньше его начала" in response.content.decode()


def test_the_journal_draws_each_meeting_once_for_every_screen(
    client, director, pair, school
) -> None:
    meeting = _meeting(pair, held_on=datetime.date(2026, 3, 2))
    page = _client(client, director).get(reverse("mentorship:meeting-journal")).content.decode()
    # One table that stacks into cards on a phone (.table-stack), not a second hidden list.
    assert page.count(f'href="{reverse("mentorship:meeting-detail", args=[meeting.pk])}"') == 1
    assert 'class="table table-sm table-hover align-middle table-stack"' in page
    assert 'data-label="Пара или группа"' in page


def test_the_journal_export_has_a_row_per_meeting_and_pair(
    client, curator, pair, other_pair, school
) -> None:
    _meeting(pair, other_pair, kind=MeetingKind.GROUP_FINAL, topic="Итоги")
    _meeting(pair, held_on=datetime.date(2026, 1, 12), topic="Январь")
    response = _client(client, curator).get(
        reverse("mentorship:meeting-journal-export"), {"format": "xlsx", "form": pair.form_id}
    )
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Дата", "Время", "Вид встречи")
    # Filtered by the pair's form: the group final gives one row, for this pair only.
    assert [(r[7], r[5]) for r in rows[1:]] == [
        ("Январь", pair.mentor.person.full_name),
        ("Итоги", pair.mentor.person.full_name),
    ]
    entry = AuditEntry.objects.get(action="meetings.export")
    assert entry.data["rows"] == 2
    assert entry.data["filters"] == {"form": str(pair.form_id)}


def test_a_bad_export_format_is_refused(client, curator, school) -> None:
    url = reverse("mentorship:meeting-journal-export")
    assert _client(client, curator).get(url, {"format": "pdf"}).status_code == 400


# Regularity


def test_the_regularity_page_marks_overdue_pairs(client, curator, pair, other_pair, school) -> None:
    _meeting(pair, held_on=MONDAY - datetime.timedelta(days=3))
    response = _client(client, curator).get(
        reverse("mentorship:meeting-regularity"), {"start": "2026-02-16", "end": "2026-03-16"}
    )
    data = response.context["data"]
    assert len(data.weeks) == 5
    overdue = {row.pair: row.overdue for row in data.rows}
    assert overdue == {pair: False, other_pair: True}
    page = response.content.decode()
    assert page.count("просрочено</span>") == 1
    assert "встреч не было" in page
    assert data.overdue_count == 1 and data.total == 2
    # The week of the meeting: a mark, its tooltip, and words for a screen reader.
    week = MONDAY - datetime.timedelta(days=7)
    met = (
        f'<td class="week" title="{week:%d.%m}–{week + datetime.timedelta(days=6):%d.%m}: '
        'встреч: 1"><span class="week-mark week-met">✓</span>'
        '<span class="visually-hidden">встреча</span></td>'
    )
    assert met in page
    assert '<span class="visually-hidden">нет встречи</span>' in page


def test_the_regularity_period_is_at_most_26_weeks(client, curator, school, year) -> None:
    response = _client(client, curator).get(
        reverse("mentorship:meeting-regularity"), {"start": "2025-09-01", "end": "2026-03-16"}
    )
    assert "не длиннее 26 недель" in response.content.decode()
    # The page still answers, for the programme year up to today.
    assert response.context["data"].start == datetime.date(2025, 9, 1)


def test_the_regularity_export_has_a_column_per_week(client, director, pair, school) -> None:
    _meeting(pair, held_on=datetime.date(2026, 3, 10))
    response = _client(client, director).get(
        reverse("mentorship:meeting-regularity-export"),
        {"format": "xlsx", "start": "2026-03-02", "end": "2026-03-16"},
    )
    assert response["Content-Type"] == XLSX
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][-3:] == ("02.03.2026", "09.03.2026", "16.03.2026")
    assert rows[1][1] == pair.mentor.person.full_name
    assert rows[1][-3:] == (0, 1, 0)
    assert AuditEntry.objects.filter(action="meetings.regularity_export").exists()


# Query budgets


def _bulk_pairs(year, size: int) -> list[Mentorship]:
    form = MentoringFormFactory()
    people = Person.objects.bulk_create(
        Person(surname=f"Участник{i}", name="Анна", patronymic="Сергеевна") for i in range(2 * size)
    )
    mentees = MenteeProfile.objects.bulk_create(MenteeProfile(person=p) for p in people[:size])
    mentors = MentorProfile.objects.bulk_create(MentorProfile(person=p) for p in people[size:])
    pairs = Mentorship.objects.bulk_create(
        Mentorship(
            year=year, form=form, mentor=m, start_date=START, planned_end_date=END, status="active"
        )
        for m in mentors
    )
    MentorshipMember.objects.bulk_create(
        MentorshipMember(mentorship=p, mentee=e, joined_on=START)
        for p, e in zip(pairs, mentees, strict=True)
    )
    for pair in pairs:
        _meeting(pair, held_on=MONDAY - datetime.timedelta(days=pair.pk % 20))
    return pairs


@pytest.mark.parametrize("size", [1, 30])
def test_the_journal_runs_the_same_queries_for_1_and_30_pairs(
    curator_client, school, year, size, django_assert_num_queries
) -> None:
    _bulk_pairs(year, size)
    # session, user, groups, perms (2), header school, count, the page of meetings (one query),
    # their pairs with form and mentor, the pairs' mentees, the filter's forms and mentors
    with django_assert_num_queries(12):
        response = curator_client.get(reverse("mentorship:meeting-journal"))
    assert len(response.context["page"].object_list) == size


def test_the_regularity_page_shows_fifty_pairs_a_page_and_counts_all(
    curator_client, school, year
) -> None:
    _bulk_pairs(year, 55)
    url = reverse("mentorship:meeting-regularity")

    first = curator_client.get(url)
    second = curator_client.get(url, {"page": 2})

    assert first.context["data"].total == 55  # «просрочено» counts every open pair
    # The rows (names, weeks) are built for the page's pairs only.
    assert len(first.context["data"].rows) == len(first.context["page"].object_list) == 50
    assert len(second.context["data"].rows) == len(second.context["page"].object_list) == 5
    first_ids = {row.pair.pk for row in first.context["data"].rows}
    assert first_ids.isdisjoint(row.pair.pk for row in second.context["data"].rows)
    assert "Показаны 1–50 из 55" in first.content.decode()


@pytest.mark.parametrize("size", [1, 30])
def test_the_regularity_view_runs_the_same_queries_for_1_and_30_pairs(
    curator_client, school, year, size, django_assert_num_queries
) -> None:
    _bulk_pairs(year, size)
    # session, user, groups, perms (2), header school, current year, the school's interval,
    # every open pair's last meeting (for «просрочено»), the page's pairs with their last
    # meeting, their mentees, the meetings of the period, the filter's forms
    with django_assert_num_queries(13):
        response = curator_client.get(reverse("mentorship:meeting-regularity"))
    assert len(response.context["data"].rows) == size


@pytest.mark.parametrize("size", [1, 30])
def test_the_journal_export_runs_the_same_queries_for_1_and_30_pairs(
    curator_client, school, year, size, django_assert_num_queries
) -> None:
    _bulk_pairs(year, size)
    # session, user, roles and permissions (3, kept afterwards), the meetings, their pairs,
    # the mentees, then the audit row (its content type is cached) inside a savepoint
    with django_assert_num_queries(11):
        response = curator_client.get(reverse("mentorship:meeting-journal-export"))
    assert response.status_code == 200


def test_the_meeting_page_runs_a_fixed_number_of_queries(
    client, mentor, pair, school, django_assert_num_queries
) -> None:
    meeting = _meeting(pair, logged_by=mentor)
    client = _client(client, mentor)
    # session, user, perms (2: may he see all meetings?), the meeting with who logged it, its
    # pairs with form and mentor, their mentees, header school, groups (menu); the feedback
    # status (4: the meeting's feedback campaigns, invitations, people, their answers)
    with django_assert_num_queries(13):
        assert client.get(meeting.get_absolute_url()).status_code == 200
