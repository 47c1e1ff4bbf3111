"""Feedback after every meeting: invitations about the meeting, letters, who answered."""

import datetime
import logging

import pytest
from django.urls import reverse

from mentorship.models import ConsentKind, Meeting, MeetingKind, MentorshipMember, PersonKind
from mentorship.selectors.feedback import feedback_for, feedback_rows
from mentorship.services.meetings import meeting_log
from surveys.answering import response_save
from surveys.meeting_feedback import (
    ANSWERED,
    MENTEE,
    MENTOR,
    NOT_INVITED,
    STANDING_NOTE,
    WAITING,
    feedback_status,
)
from surveys.models import Campaign, CampaignStatus, Invitation, InvitationSkip, Response
from surveys.widgets import meeting_feedback_totals
from tests.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    MentorshipFactory,
    PersonFactory,
    ProgrammeYearFactory,
    QuestionFactory,
    QuestionnaireFactory,
    UserFactory,
)

NOW = datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 25)
SITE = "https://nastavnik.school.ru"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now(time_machine, settings):
    time_machine.move_to(NOW, tick=False)
    settings.SITE_URL = SITE


@pytest.fixture
def year(db):
    return ProgrammeYearFactory(title="2026/2027", is_current=True)


@pytest.fixture
def forms(db):
    """The two standard feedback questionnaires, as load_standard_data makes them."""
    made = {}
    for role, audience in ((MENTOR, "mentors"), (MENTEE, "mentees")):
        questionnaire = QuestionnaireFactory(
            code=f"meeting-feedback-{role}",
            title=f"Обратная связь после встречи ({role})",
            purpose="meeting_feedback",
            audience=audience,
            is_standard=True,
        )
        QuestionFactory(questionnaire=questionnaire, kind="long_text", text="Что было полезно?")
        made[role] = questionnaire
    return made


def _consented(**kwargs):
    person = PersonFactory(**kwargs)
    ConsentFactory(person=person, kind=ConsentKind.PERSONAL_DATA)
    return person


def _pair(year, mentor, *mentees, **kwargs):
    return MentorshipFactory(
        year=year,
        mentor=MentorProfileFactory(person=mentor),
        members=[MenteeProfileFactory(person=person) for person in mentees],
        **kwargs,
    )


def _log(*pairs, kind=MeetingKind.REGULAR, actor=None, held_on=TODAY) -> Meeting:
    return meeting_log(
        mentorships=list(pairs), data={"held_on": held_on, "kind": kind}, actor=actor
    )


@pytest.fixture
def group(year):
    """A group: the mentor, two current mentees, one who has left."""
    mentor = _consented(surname="Романова", email="romanova@example.ru")
    first = _consented(surname="Ёлкина", email="elkina@example.ru")
    second = _consented(surname="Белов", email="")
    gone = _consented(surname="Ушедшая", email="gone@example.ru")
    pair = _pair(year, mentor, first, second, gone)
    MentorshipMember.objects.filter(mentorship=pair, mentee__person=gone).update(
        left_on=datetime.date(2026, 11, 1)
    )
    return {"pair": pair, "mentor": mentor, "first": first, "second": second, "gone": gone}


def test_a_logged_meeting_invites_the_mentor_and_each_current_mentee_about_it(forms, group, year):
    meeting = _log(group["pair"])

    invitations = Invitation.objects.select_related("campaign__questionnaire")
    assert {(i.person, i.campaign.questionnaire.code) for i in invitations} == {
        (group["mentor"], "meeting-feedback-mentor"),
        (group["first"], "meeting-feedback-mentee"),
        (group["second"], "meeting-feedback-mentee"),
    }
    assert all(invitation.about == meeting for invitation in invitations)
    campaigns = Campaign.objects.order_by("pk")
    assert [(c.year, c.status, c.starts_on, c.ends_on, c.audience_note) for c in campaigns] == [
        (year, CampaignStatus.OPEN, year.start_date, year.end_date, STANDING_NOTE)
    ] * 2


def test_later_meetings_reuse_the_years_standing_campaigns(forms, group):
    _log(group["pair"], held_on=datetime.date(2026, 11, 10))
    _log(group["pair"])

    assert Campaign.objects.count() == 2
    assert Invitation.objects.count() == 6


def test_a_curators_own_campaign_with_the_same_form_is_not_taken_over(forms, group, year):
    own = Campaign.objects.create(
        questionnaire=forms[MENTOR],
        year=year,
        title="Разовый опрос",
        starts_on=TODAY,
        ends_on=TODAY,
        status=CampaignStatus.OPEN,
    )
    _log(group["pair"])

    assert not own.invitations.exists()


def test_people_without_an_active_consent_are_skipped_and_the_reason_is_kept(forms, year):
    mentor = _consented()
    unconsented = PersonFactory(surname="Безсогласия")
    pupil = PersonFactory(
        surname="Школьник", kind=PersonKind.PUPIL, birth_date=datetime.date(2013, 3, 1)
    )
    pair = _pair(year, mentor, unconsented, pupil)

    _log(pair)

    assert list(Invitation.objects.values_list("person", flat=True)) == [mentor.pk]
    reasons = dict(InvitationSkip.objects.values_list("person", "reason"))
    assert "Нет действующего согласия" in reasons[unconsented.pk]
    assert "законного представителя" in reasons[pupil.pk]


def test_a_skipped_person_is_invited_once_consent_is_given(forms, year):
    mentee = PersonFactory()
    pair = _pair(year, _consented(), mentee)
    _log(pair, held_on=datetime.date(2026, 11, 10))
    ConsentFactory(person=mentee, kind=ConsentKind.PERSONAL_DATA)

    _log(pair)

    assert Invitation.objects.filter(person=mentee).count() == 1
    assert not InvitationSkip.objects.filter(person=mentee).exists()


def test_each_invited_person_with_an_address_gets_a_text_and_html_letter_on_commit(
    forms, group, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        meeting = _log(group["pair"], kind=MeetingKind.ACQUAINTANCE)
        assert mailoutbox == []  # nothing leaves before the meeting is saved
    assert len(callbacks) == 1

    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {"romanova@example.ru", "elkina@example.ru"}
    letter = by_address["elkina@example.ru"]
    invitation = Invitation.objects.get(person=group["first"])
    link = f"{SITE}/surveys/a/{invitation.token}/"
    assert letter.subject == "Как прошла встреча 25 ноября 2026 г.? Пара минут на обратную связь"
    assert link in letter.body
    assert "Вид встречи: знакомство." in letter.body
    assert "Романова" in letter.body  # the mentee is told with whom
    html, mimetype = letter.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert invitation.sent_at == NOW
    # The person without an address still has the link (a printed slip, the home page).
    assert Invitation.objects.get(person=group["second"]).sent_at is None
    assert meeting.pk == invitation.about_id


def test_without_the_standard_forms_the_meeting_is_logged_with_a_warning(group, caplog):
    with caplog.at_level(logging.WARNING, logger="surveys.meeting_feedback"):
        meeting = _log(group["pair"])

    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert not Campaign.objects.exists()
    assert "meeting-feedback-mentor" in caplog.text
    assert "load_standard_data" in caplog.text


def test_a_closed_standing_campaign_stops_the_invitations(forms, group):
    _log(group["pair"], held_on=datetime.date(2026, 11, 10))
    Campaign.objects.update(status=CampaignStatus.CLOSED)

    _log(group["pair"])

    assert Invitation.objects.count() == 3


def test_a_group_final_invites_the_sides_of_every_pair_once(forms, year):
    both = MenteeProfileFactory(person=_consented(surname="Вдвухгруппах"))
    first = MentorshipFactory(
        year=year, mentor=MentorProfileFactory(person=_consented()), members=[both]
    )
    second = MentorshipFactory(
        year=year,
        mentor=MentorProfileFactory(person=_consented()),
        members=[both, MenteeProfileFactory(person=_consented())],
    )

    _log(first, second, kind=MeetingKind.GROUP_FINAL)

    assert Invitation.objects.filter(person=both.person).count() == 1
    assert Invitation.objects.count() == 4  # two mentors, the shared mentee, one more


def _answer(invitation):
    question = invitation.campaign.questionnaire.questions.get()
    response_save(
        invitation=invitation, answers={question.pk: {"text": "Полезно"}}, submit=True, actor=None
    )


def test_the_status_says_who_was_asked_and_who_answered(forms, year):
    mentor = _consented(surname="Аверина")
    answered = _consented(surname="Борисов")
    refused = PersonFactory(surname="Васильев")  # no consent: not asked
    meeting = _log(_pair(year, mentor, answered, refused))
    _answer(Invitation.objects.get(person=answered))

    rows = feedback_status(meetings=[meeting])[meeting.pk]

    assert [(r.name.split()[0], r.role, r.state) for r in rows] == [
        ("Аверина", MENTOR, WAITING),
        ("Борисов", MENTEE, ANSWERED),
        ("Васильев", MENTEE, NOT_INVITED),
    ]
    assert rows[1].answered_at == NOW
    assert (rows[0].role_label, rows[0].state_label) == ("наставник", "ждём ответа")


def test_the_submitted_response_belongs_to_its_meeting(forms, group):
    meeting = _log(group["pair"])
    _answer(Invitation.objects.get(person=group["first"]))

    response = Response.objects.get()
    assert response.invitation.about == meeting
    assert response.submitted_at == NOW


def test_the_meeting_page_helper_reads_the_status_through_the_registry(forms, group):
    meeting = _log(group["pair"])

    assert feedback_for([meeting]) == feedback_status(meetings=[meeting])
    assert [row.person_id for row in feedback_rows(meeting)] == [
        group["mentor"].pk,
        group["second"].pk,  # Белов before Ёлкина
        group["first"].pk,
    ]


@pytest.mark.parametrize("count", [1, 6])
def test_the_status_costs_four_queries_for_any_number_of_meetings(
    forms, year, count, django_assert_num_queries
):
    meetings = []
    for _ in range(count):
        pair = _pair(year, _consented(), _consented(), _consented())
        meetings.append(_log(pair))
    # the meetings' pairs with their mentors, the current mentees, the invitations, the names
    with django_assert_num_queries(4):
        status = feedback_status(meetings=meetings)
    assert [len(rows) for rows in status.values()] == [3] * count


def test_the_rendered_block_for_the_meeting_page_shows_the_states(forms, group):
    from django.template.loader import render_to_string

    meeting = _log(group["pair"])
    _answer(Invitation.objects.get(person=group["first"]))

    html = render_to_string(
        "mentorship/meetings/_feedback.html",
        {"meeting": meeting, "feedback": feedback_rows(meeting)},
    )
    assert "Обратная связь после встречи" in html
    assert "ответ получен 25.11.2026" in html
    assert "ждём ответа" in html


# Where the respondent meets the form


def test_the_answer_page_says_which_meeting_the_form_is_about(client, forms, group):
    meeting = _log(group["pair"], kind=MeetingKind.ACQUAINTANCE)
    Meeting.objects.filter(pk=meeting.pk).update(topic="Знакомство и ожидания")
    invitation = Invitation.objects.get(person=group["first"])

    response = client.get(reverse("surveys:answer", args=[invitation.token]))

    assert "Анкета о встрече 25.11.2026 (знакомство): Знакомство и ожидания" in (
        response.content.decode()
    )


def test_the_home_block_lists_the_form_with_its_meeting(client, school, forms, year):
    user = UserFactory(username="mentee", roles=["teacher"])
    mentee = _consented(user=user)
    _log(_pair(year, _consented(), mentee), kind=MeetingKind.ACQUAINTANCE)
    client.force_login(user)

    page = client.get(reverse("mentorship:teacher-home")).content.decode()

    assert "Анкеты, которые ждут ответа" in page
    assert "О встрече 25 ноября 2026 г.: знакомство" in page
    assert Invitation.objects.get(person=mentee).get_absolute_url() in page


# Completion per pair and per person


@pytest.fixture
def two_pairs(forms, year):
    first_mentor, second_mentor = _consented(surname="Аверина"), _consented(surname="Гусева")
    keen, slow = _consented(surname="Борисов"), _consented(surname="Дмитриев")
    first, second = _pair(year, first_mentor, keen), _pair(year, second_mentor, slow)
    for held_on in (datetime.date(2026, 11, 10), TODAY):
        _log(first, held_on=held_on)
        _log(second, held_on=held_on)
    for invitation in Invitation.objects.filter(person__in=[keen, first_mentor]):
        _answer(invitation)
    _answer(Invitation.objects.filter(person=slow).order_by("pk").first())
    return first, second


def test_the_feedback_page_counts_forms_per_pair(curator_client, school, two_pairs):
    first, second = two_pairs

    response = curator_client.get(reverse("surveys:feedback-overview"))

    rows = {row.pair.pk: row for row in response.context["page"]}
    assert (rows[first.pk].meetings, rows[first.pk].invited, rows[first.pk].answered) == (2, 4, 4)
    assert (rows[second.pk].meetings, rows[second.pk].invited, rows[second.pk].answered) == (
        2,
        4,
        1,
    )
    assert (rows[first.pk].percent, rows[second.pk].percent) == (100, 25)
    assert [(u.name.split()[0], u.held_on) for u in rows[second.pk].unanswered] == [
        ("Гусева", TODAY),
        ("Дмитриев", TODAY),
        ("Гусева", datetime.date(2026, 11, 10)),
    ]
    assert response.context["totals"]["percent"] == 62


def test_the_feedback_page_counts_forms_per_person_and_filters_the_unanswered(
    director_client, school, two_pairs
):
    url = reverse("surveys:feedback-overview")

    response = director_client.get(url, {"view": "people", "unanswered": "on"})

    rows = [
        (row.name.split()[0], row.invited, row.answered, row.percent)
        for row in response.context["page"]
    ]
    assert rows == [("Гусева", 2, 0, 0), ("Дмитриев", 2, 1, 50)]
    assert response.context["page"][0].role_label == "наставник"


@pytest.mark.parametrize("size", [2, 8])
def test_the_feedback_page_runs_the_same_queries_for_2_and_8_pairs(
    curator_client, school, forms, year, size, django_assert_num_queries
):
    for _ in range(size):
        _log(_pair(year, _consented(), _consented()))
    # session, user, permissions (2), the current year, the pairs with their mentors, their
    # members, the meetings' links, the invitations, the header's school and role groups, the
    # filter's years and forms (a count and the options each)
    with django_assert_num_queries(15):
        response = curator_client.get(reverse("surveys:feedback-overview"))
    assert len(response.context["page"]) == size


def test_the_curators_home_block_shows_the_share_of_answered_forms(rf, curator, two_pairs):
    request = rf.get("/")
    request.user = curator

    html = meeting_feedback_totals(request)

    assert "Обратная связь после встреч" in html
    assert "Ответили 5 из 8, ждём 3" in html
    assert reverse("surveys:feedback-overview") in html


def test_the_feedback_block_is_not_shown_to_those_who_do_not_read_results(rf, mentor):
    request = rf.get("/")
    request.user = mentor

    assert meeting_feedback_totals(request) == ""
