"""«Подходим ли мы друг другу?»: the question after the acquaintance meeting, the curator's
«не подходим» list, sending the pair back to matching or letting it go on."""

import datetime

import pytest
from django.urls import reverse

from mentorship.models import (
    ConsentKind,
    FitAnswer,
    Meeting,
    MeetingKind,
    MenteeStatus,
    MentorshipStatus,
    PairingFit,
)
from mentorship.views.concerns import FIT_REASON, curator_problems_widget, fit_question_widget
from tests.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    MentorshipFactory,
    PersonFactory,
    ProgrammeYearFactory,
)

NOW = datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def pair(mentor, teacher):
    """The mentor persona leads the teacher persona; the mentee counts as paired."""
    ConsentFactory(person=teacher.person, kind=ConsentKind.PERSONAL_DATA)
    return MentorshipFactory(
        year=ProgrammeYearFactory(title="2026/2027"),
        mentor=MentorProfileFactory(person=mentor.person),
        members=[MenteeProfileFactory(person=teacher.person, status=MenteeStatus.PAIRED)],
    )


def _met(pair, kind=MeetingKind.ACQUAINTANCE) -> Meeting:
    meeting = Meeting.objects.create(held_on=datetime.date(2026, 11, 20), kind=kind)
    meeting.mentorships.set([pair])
    return meeting


def _widget(rf, user) -> str:
    request = rf.get("/")
    request.user = user
    return fit_question_widget(request)


def _answer(client, pair, answer, comment=""):
    return client.post(
        reverse("mentorship:fit-answer", args=[pair.pk]), {"answer": answer, "comment": comment}
    )


# The question


def test_both_sides_are_asked_after_the_acquaintance_meeting(rf, pair, mentor, teacher):
    assert _widget(rf, mentor) == ""  # no meeting yet
    _met(pair, kind=MeetingKind.PLANNING)
    assert _widget(rf, mentor) == ""  # not an acquaintance
    _met(pair)

    for user in (mentor, teacher):
        html = _widget(rf, user)
        assert "Подходим ли мы друг другу?" in html
        assert reverse("mentorship:fit-answer", args=[pair.pk]) in html
        assert all(label in html for label in ("подходим", "пока не ясно", "не подходим"))


def test_the_question_is_not_asked_of_others_or_about_a_closed_pair(rf, pair, other_mentor, mentor):
    _met(pair)
    assert _widget(rf, other_mentor) == ""
    pair.status = MentorshipStatus.FINISHED
    pair.save(update_fields=["status"])
    assert _widget(rf, mentor) == ""


def test_an_answer_is_recorded_and_the_question_goes_away(client, rf, pair, mentor):
    _met(pair)
    client.force_login(mentor)

    response = _answer(client, pair, FitAnswer.FIT, "  Всё   отлично ")

    fit = PairingFit.objects.get()
    assert (fit.person, fit.answer, fit.comment) == (mentor.person, FitAnswer.FIT, "Всё отлично")
    assert response["Location"] == reverse("home")
    assert _widget(rf, mentor) == ""


def test_after_unsure_the_question_stays_and_may_be_answered_again(client, rf, pair, teacher):
    _met(pair)
    client.force_login(teacher)

    _answer(client, pair, FitAnswer.UNSURE, "Посмотрим")
    assert "Вы отвечали «пока не ясно»" in _widget(rf, teacher)
    _answer(client, pair, FitAnswer.FIT)

    assert PairingFit.objects.get().answer == FitAnswer.FIT
    assert _widget(rf, teacher) == ""


def test_a_stranger_cannot_answer_for_a_pair(client, pair, other_mentor):
    _met(pair)
    client.force_login(other_mentor)

    assert _answer(client, pair, FitAnswer.NO_FIT).status_code == 404
    assert not PairingFit.objects.exists()


def test_an_unknown_answer_is_refused(client, pair, mentor):
    _met(pair)
    client.force_login(mentor)

    response = _answer(client, pair, "maybe")

    assert response.status_code == 302
    assert not PairingFit.objects.exists()


# The curator's list


def test_a_no_fit_from_either_side_lists_the_pair_for_the_curator(
    persona_client, rf, curator, pair, mentor, teacher
):
    _met(pair)
    _answer(persona_client("teacher"), pair, FitAnswer.NO_FIT, "Разные взгляды на уроки")
    _answer(persona_client("mentor"), pair, FitAnswer.FIT, "Мне кажется, всё нормально")

    response = persona_client("curator").get(reverse("mentorship:fit-problems"))

    listed = list(response.context["pairs"])
    assert listed == [pair]
    answers = {(fit.person, fit.answer, fit.comment) for fit in listed[0].fit_rows}
    assert answers == {
        (teacher.person, FitAnswer.NO_FIT, "Разные взгляды на уроки"),
        (mentor.person, FitAnswer.FIT, "Мне кажется, всё нормально"),
    }
    page = response.content.decode()
    assert "Разные взгляды на уроки" in page
    assert reverse("mentorship:fit-rematch", args=[pair.pk]) in page
    request = rf.get("/")
    request.user = curator
    assert "ответили в 1 паре" in curator_problems_widget(request)


def test_pairs_where_everyone_fits_are_not_listed(curator_client, pair, mentor):
    PairingFit.objects.create(mentorship=pair, person=mentor.person, answer=FitAnswer.UNSURE)

    response = curator_client.get(reverse("mentorship:fit-problems"))

    assert list(response.context["pairs"]) == []


@pytest.mark.parametrize("size", [2, 12])
def test_the_list_runs_the_same_queries_for_2_and_12_pairs(
    curator_client, school, size, django_assert_num_queries
):
    for _ in range(size):
        problem = MentorshipFactory(members=[MenteeProfileFactory(), MenteeProfileFactory()])
        PairingFit.objects.create(
            mentorship=problem, person=PersonFactory(), answer=FitAnswer.NO_FIT
        )
    # session, user, permissions (2), the pairs with year, form and mentor, their current
    # members, their answers with people, the header's school and role groups
    with django_assert_num_queries(9):
        response = curator_client.get(reverse("mentorship:fit-problems"))
    assert len(response.context["pairs"]) == size


def test_sorting_out_takes_the_pair_off_the_list_and_keeps_the_answers(
    curator_client, pair, teacher
):
    PairingFit.objects.create(mentorship=pair, person=teacher.person, answer=FitAnswer.NO_FIT)

    response = curator_client.post(reverse("mentorship:fit-resolve", args=[pair.pk]))

    assert response["Location"] == reverse("mentorship:fit-problems")
    fit = PairingFit.objects.get()
    assert fit.answer == FitAnswer.NO_FIT
    assert fit.resolved_at == NOW
    assert list(curator_client.get(response["Location"]).context["pairs"]) == []
    pair.refresh_from_db()
    assert pair.is_open


def test_a_new_no_fit_after_sorting_out_lists_the_pair_again(persona_client, pair, teacher):
    _met(pair)
    PairingFit.objects.create(
        mentorship=pair, person=teacher.person, answer=FitAnswer.NO_FIT, resolved_at=NOW
    )

    _answer(persona_client("teacher"), pair, FitAnswer.NO_FIT, "Всё-таки нет")

    curator_client = persona_client("curator")
    assert list(curator_client.get(reverse("mentorship:fit-problems")).context["pairs"]) == [pair]


def test_rematch_asks_first_then_ends_the_pair_and_returns_the_mentees(
    curator_client, pair, teacher
):
    PairingFit.objects.create(mentorship=pair, person=teacher.person, answer=FitAnswer.NO_FIT)
    url = reverse("mentorship:fit-rematch", args=[pair.pk])

    confirm = curator_client.get(url)
    pair.refresh_from_db()
    assert confirm.status_code == 200
    assert FIT_REASON in confirm.content.decode()
    assert pair.is_open  # a GET changes nothing

    response = curator_client.post(url)

    assert response["Location"] == reverse("mentorship:matching")
    pair.refresh_from_db()
    assert pair.status == MentorshipStatus.ENDED_EARLY
    assert pair.end_reason == "Участники не подошли друг другу"
    assert pair.ended_on == NOW.date()
    profile = teacher.person.mentee_profile
    profile.refresh_from_db()
    assert profile.status == MenteeStatus.WAITING
    assert pair.members.get().left_on == NOW.date()
    assert list(curator_client.get(reverse("mentorship:fit-problems")).context["pairs"]) == []


def test_a_finished_pair_cannot_be_sent_back_to_matching(curator_client, pair):
    pair.status = MentorshipStatus.FINISHED
    pair.save(update_fields=["status"])

    response = curator_client.post(reverse("mentorship:fit-rematch", args=[pair.pk]))

    assert response["Location"] == reverse("mentorship:fit-problems")
    pair.refresh_from_db()
    assert pair.status == MentorshipStatus.FINISHED


def test_the_director_may_not_sort_out_pairs(director_client, pair):
    assert director_client.get(reverse("mentorship:fit-problems")).status_code == 403
    assert (
        director_client.post(reverse("mentorship:fit-rematch", args=[pair.pk])).status_code == 403
    )
    pair.refresh_from_db()
    assert pair.is_open
