"""Daily reminders: who is due, once a day per reminder, text and HTML letters, dry run, task."""

from __future__ import annotations

import datetime
import io
import zoneinfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from mentorship.models import Meeting, ReminderKind, ReminderLog
from mentorship.reminders import collect_reminders, send_reminders
from mentorship.tasks import send_reminders_task
from tests.factories import (
    CampaignFactory,
    EventFactory,
    InvitationFactory,
    MentorProfileFactory,
    MentorshipFactory,
    PersonFactory,
    QuestionnaireFactory,
    UserFactory,
)

MSK = zoneinfo.ZoneInfo("Europe/Moscow")
SITE = "https://nastavnik.school.example"


@pytest.fixture(autouse=True)
def _site(settings, school):
    settings.SITE_URL = SITE


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=MSK)


@pytest.fixture
def run(mailoutbox, django_capture_on_commit_callbacks):
    """``send_reminders`` as the command runs it: letters leave when the transaction commits."""

    def go(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return send_reminders(**kwargs)

    return go


@pytest.fixture
def pair(mentor):
    # Started on 1 October 2026; the school's interval is 14 days.
    return MentorshipFactory(mentor=MentorProfileFactory(person=mentor.person))


def meeting(pair, held_on: datetime.date, **fields) -> Meeting:
    item = Meeting.objects.create(held_on=held_on, **fields)
    item.mentorships.add(pair)
    return item


def overdue_keys(day: datetime.date) -> list[str]:
    return [r.key for r in collect_reminders(today=day) if r.kind == ReminderKind.OVERDUE_MEETING]


# Who is due


def test_a_pair_that_never_met_is_overdue_the_day_after_the_interval_from_its_start(
    pair, time_machine
) -> None:
    time_machine.move_to(at(datetime.date(2026, 10, 15)), tick=False)
    assert overdue_keys(datetime.date(2026, 10, 15)) == []  # 14 days: still in time
    time_machine.move_to(at(datetime.date(2026, 10, 16)), tick=False)
    assert overdue_keys(datetime.date(2026, 10, 16)) == [f"pair:{pair.pk}"]


def test_the_last_meeting_counts_not_the_start(pair, time_machine) -> None:
    meeting(pair, datetime.date(2026, 10, 10))
    meeting(pair, datetime.date(2026, 10, 3))
    time_machine.move_to(at(datetime.date(2026, 10, 24)), tick=False)
    assert overdue_keys(datetime.date(2026, 10, 24)) == []
    time_machine.move_to(at(datetime.date(2026, 10, 25)), tick=False)
    assert overdue_keys(datetime.date(2026, 10, 25)) == [f"pair:{pair.pk}"]


def test_draft_and_finished_pairs_are_never_overdue(mentor, time_machine) -> None:
    profile = MentorProfileFactory(person=mentor.person)
    MentorshipFactory(mentor=profile, status="draft")
    MentorshipFactory(mentor=profile, status="finished")
    approved = MentorshipFactory(mentor=profile, status="approved")
    time_machine.move_to(at(datetime.date(2026, 11, 20)), tick=False)
    assert overdue_keys(datetime.date(2026, 11, 20)) == [f"pair:{approved.pk}"]


def test_the_overdue_reminder_goes_to_the_pairs_mentor(pair, mentor, run, mailoutbox) -> None:
    run(today=datetime.date(2026, 10, 20))
    assert [m.to for m in mailoutbox] == [[mentor.email]]
    letter = mailoutbox[0]
    assert "19 дней без встречи" in letter.subject
    assert "ещё не записано ни одной встречи" in letter.body
    assert f"{SITE}/meetings/new/?pair={pair.pk}" in letter.body


# Once a day


def test_two_runs_the_same_day_send_one_letter_and_the_next_day_another(
    pair, mentor, mailoutbox, django_capture_on_commit_callbacks, time_machine
) -> None:
    out = io.StringIO()
    time_machine.move_to(at(datetime.date(2026, 11, 2)), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=out)
    time_machine.move_to(at(datetime.date(2026, 11, 2), 18), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=out)
    assert len(mailoutbox) == 1
    assert "Давно не было встречи: отправлено 0, уже напоминали сегодня 1" in out.getvalue()
    time_machine.move_to(at(datetime.date(2026, 11, 3)), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=out)
    assert len(mailoutbox) == 2
    assert ReminderLog.objects.filter(person=mentor.person, key=f"pair:{pair.pk}").count() == 2


def test_a_row_logged_by_a_parallel_run_stops_the_letter(pair, mentor, run, mailoutbox) -> None:
    day = datetime.date(2026, 11, 2)
    ReminderLog.objects.create(
        person=mentor.person, kind=ReminderKind.OVERDUE_MEETING, key=f"pair:{pair.pk}", sent_on=day
    )
    result = run(today=day)
    assert mailoutbox == []
    assert result.tallies[ReminderKind.OVERDUE_MEETING].already == 1


def test_the_letter_has_text_and_html_parts_with_links_to_the_site(pair, run, mailoutbox) -> None:
    meeting(pair, datetime.date(2026, 10, 12))
    run(today=datetime.date(2026, 11, 2))
    letter = mailoutbox[0]
    html, mimetype = letter.alternatives[0]
    assert mimetype == "text/html"
    assert "Здравствуйте, Елена Васильевна!" in letter.body
    assert "последняя встреча была 12 октября 2026 г. — 21 день назад" in letter.body
    assert f'href="{SITE}/pairs/{pair.pk}/"' in html
    assert "<strong>21 день назад</strong>" in html


def test_a_person_without_an_address_is_logged_and_skipped(run, mailoutbox) -> None:
    person = PersonFactory(email="", user=UserFactory(email=""))
    MentorshipFactory(mentor=MentorProfileFactory(person=person))
    result = run(today=datetime.date(2026, 11, 2))
    assert mailoutbox == []
    assert result.tallies[ReminderKind.OVERDUE_MEETING].no_email == 1
    assert ReminderLog.objects.get(person=person).email == ""


def test_the_persons_own_address_goes_before_his_log_ins(run, mailoutbox) -> None:
    person = PersonFactory(email="own@school.example", user=UserFactory(email="login@x.example"))
    MentorshipFactory(mentor=MentorProfileFactory(person=person))
    run(today=datetime.date(2026, 11, 2))
    assert [m.to for m in mailoutbox] == [["own@school.example"]]
    assert ReminderLog.objects.get(person=person).email == "own@school.example"


def test_a_letter_that_fails_to_leave_is_tried_again_by_the_next_run(
    pair, run, mailoutbox, monkeypatch
) -> None:
    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("mentorship.reminders.send_templated", broken)
    result = run(today=datetime.date(2026, 11, 2))
    assert result.tallies[ReminderKind.OVERDUE_MEETING].failed == 1
    assert not ReminderLog.objects.exists()
    monkeypatch.undo()
    run(today=datetime.date(2026, 11, 2))
    assert len(mailoutbox) == 1


def test_the_dry_run_lists_and_neither_sends_nor_logs(
    pair, mentor, mailoutbox, django_capture_on_commit_callbacks, time_machine
) -> None:
    time_machine.move_to(at(datetime.date(2026, 11, 2)), tick=False)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--dry-run", stdout=out)
    assert mailoutbox == []
    assert not ReminderLog.objects.exists()
    text = out.getvalue()
    assert f"Романова Елена Васильевна <{mentor.email}>: давно не было встречи" in text
    assert "Давно не было встречи: к отправке 1" in text
    assert "Пробный запуск: ничего не отправлено." in text


def test_the_task_sends_the_days_reminders(
    pair, mailoutbox, django_capture_on_commit_callbacks, time_machine
) -> None:
    time_machine.move_to(at(datetime.date(2026, 11, 2)), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        result = send_reminders_task.enqueue()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == {ReminderKind.OVERDUE_MEETING: 1}
    assert len(mailoutbox) == 1


def test_nothing_to_remind_says_so(time_machine) -> None:
    time_machine.move_to(at(datetime.date(2026, 11, 2)), tick=False)
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert "Напоминать сегодня не о чем." in out.getvalue()


# The surveys' sources


def _feedback_invitation(person, created: datetime.datetime, time_machine, **fields):
    time_machine.move_to(created, tick=False)
    held = MentorshipFactory()
    item = meeting(held, created.date(), topic="План на четверть")
    campaign = CampaignFactory(
        questionnaire=QuestionnaireFactory(
            purpose="meeting_feedback", title="Обратная связь после встречи"
        ),
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2027, 5, 31),
    )
    return InvitationFactory(
        campaign=campaign,
        person=person,
        about_type=ContentType.objects.get_for_model(Meeting),
        about_id=item.pk,
        **fields,
    )


def test_feedback_about_a_meeting_is_reminded_two_days_after_it_was_asked_for(
    teacher, run, mailoutbox, time_machine
) -> None:
    invitation = _feedback_invitation(
        teacher.person, at(datetime.date(2026, 11, 2), 17), time_machine
    )
    time_machine.move_to(at(datetime.date(2026, 11, 3)), tick=False)
    run(today=datetime.date(2026, 11, 3))
    assert mailoutbox == []
    time_machine.move_to(at(datetime.date(2026, 11, 4)), tick=False)
    run(today=datetime.date(2026, 11, 4))
    assert [m.to for m in mailoutbox] == [[teacher.email]]
    letter = mailoutbox[0]
    assert letter.subject == "Напоминание: обратная связь о встрече 02.11.2026"
    assert "о встрече 2 ноября 2026 г. (рабочая встреча: План на четверть)" in letter.body
    assert f"{SITE}/surveys/a/{invitation.token}/" in letter.body
    log = ReminderLog.objects.get(kind=ReminderKind.FEEDBACK)
    assert log.key == f"invitation:{invitation.pk}"


def test_answered_or_revoked_feedback_is_not_reminded(teacher, time_machine) -> None:
    start = at(datetime.date(2026, 11, 2))
    _feedback_invitation(teacher.person, start, time_machine, answered_at=start)
    _feedback_invitation(teacher.person, start, time_machine, revoked_at=start)
    assert collect_reminders(today=datetime.date(2026, 11, 10)) == []


def test_a_sent_questionnaire_is_reminded_from_the_next_day_while_its_campaign_runs(
    teacher, run, mailoutbox, time_machine
) -> None:
    time_machine.move_to(at(datetime.date(2026, 11, 2)), tick=False)
    invitation = InvitationFactory(
        person=teacher.person,
        campaign__questionnaire__title="Удовлетворённость программой",
        sent_at=at(datetime.date(2026, 11, 2)),
    )
    InvitationFactory(person=PersonFactory(email="not-sent@school.example"))  # never sent
    run(today=datetime.date(2026, 11, 2))
    assert mailoutbox == []
    run(today=datetime.date(2026, 11, 3))
    assert [m.to for m in mailoutbox] == [[teacher.email]]
    assert mailoutbox[0].subject == "Напоминание: анкета «Удовлетворённость программой» ждёт ответа"
    assert f"{SITE}/surveys/a/{invitation.token}/" in mailoutbox[0].body
    assert collect_reminders(today=datetime.date(2027, 1, 1)) == []  # the campaign has ended


# The roadmap's source


def test_a_deadline_is_reminded_once_within_the_week_before_to_the_responsible_with_a_log_in(
    teacher, run, mailoutbox
) -> None:
    event = EventFactory(end_date=datetime.date(2026, 11, 9), title="Открытый урок наставника")
    event.responsible_people.add(teacher.person, PersonFactory(email="no-login@school.example"))
    run(today=datetime.date(2026, 11, 1))
    assert mailoutbox == []  # eight days ahead
    run(today=datetime.date(2026, 11, 2))
    assert [m.to for m in mailoutbox] == [[teacher.email]]
    assert "через 7 дней" in mailoutbox[0].subject
    assert f"{SITE}/roadmap/mine/" in mailoutbox[0].body
    run(today=datetime.date(2026, 11, 3))
    run(today=datetime.date(2026, 11, 8))
    assert len(mailoutbox) == 1


def test_a_missed_day_does_not_lose_the_deadline_reminder(teacher, run, mailoutbox) -> None:
    event = EventFactory(end_date=datetime.date(2026, 11, 9))
    event.responsible_people.add(teacher.person)
    run(today=datetime.date(2026, 11, 5))
    assert "через 4 дня" in mailoutbox[0].subject


def test_a_deadline_moved_later_is_reminded_again_before_its_new_date(
    teacher, run, mailoutbox
) -> None:
    event = EventFactory(end_date=datetime.date(2026, 11, 9))
    event.responsible_people.add(teacher.person)
    run(today=datetime.date(2026, 11, 2))
    event.end_date = datetime.date(2026, 11, 30)
    event.save(update_fields=["end_date"])
    run(today=datetime.date(2026, 11, 20))
    assert run(today=datetime.date(2026, 11, 23)).sent == 1
    assert len(mailoutbox) == 2


def test_done_events_are_not_reminded(teacher) -> None:
    event = EventFactory(end_date=datetime.date(2026, 11, 9), status="done")
    event.responsible_people.add(teacher.person)
    assert collect_reminders(today=datetime.date(2026, 11, 5)) == []
