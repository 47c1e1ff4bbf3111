"""The monitoring indicators on small known data: each test writes out its arithmetic."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from mentorship.models import (
    Meeting,
    MenteeProfile,
    MentorProfile,
    MentorshipMember,
    PersonKind,
)
from reports import kpi
from reports.models import Document, DocumentStatus
from surveys.models import Answer, Purpose, Response
from tests.factories import (
    CampaignFactory,
    EventFactory,
    InvitationFactory,
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorProfileFactory,
    MentorshipFactory,
    PersonFactory,
    ProgrammeYearFactory,
    QuestionFactory,
    QuestionnaireFactory,
    RoadmapFactory,
    StageFactory,
)

TODAY = datetime.date(2026, 11, 27)


@pytest.fixture
def other_year(db):
    return ProgrammeYearFactory(title="2025/2026")


def _pupil(**kwargs):
    return PersonFactory(kind=PersonKind.PUPIL, teaching_experience_years=None, **kwargs)


def _mentee(person=None):
    """The person's profile in the mentee bank (one per person), made when missing."""
    if person is not None:
        profile = MenteeProfile.objects.filter(person=person).first()
        if profile is not None:
            return profile
    return MenteeProfileFactory(person=person or PersonFactory())


def _pair(year, *, status="active", mentor=None, mentees=None, form=None):
    """A pair (or a group) of the year with the given people; plain staff when not given."""
    kwargs = {"year": year, "status": status}
    if form is not None:
        kwargs["form"] = form
    if mentor is not None:
        profile = MentorProfile.objects.filter(person=mentor).first()
        kwargs["mentor"] = profile or MentorProfileFactory(person=mentor)
    if mentees is not None:
        kwargs["members"] = [_mentee(person) for person in mentees]
    return MentorshipFactory(**kwargs)


def _leave(pair, person, on: datetime.date) -> None:
    MentorshipMember.objects.filter(mentorship=pair, mentee__person=person).update(left_on=on)


def test_percent_is_rounded_to_a_tenth_and_zero_without_a_denominator() -> None:
    assert kpi.percent(1, 3) == Decimal("33.3")
    assert kpi.percent(2, 3) == Decimal("66.7")
    assert kpi.percent(7, 10) == Decimal("70.0")
    assert kpi.percent(0, 0) == 0


# Participants


def test_participants_are_counted_once_by_kind_in_approved_and_active_pairs(
    school, year, other_year
) -> None:
    staff_mentor = PersonFactory()
    external = PersonFactory(kind=PersonKind.EXTERNAL)
    p1, p2, p3, p4, p5 = (_pupil() for _ in range(5))
    _pair(year, mentor=staff_mentor, mentees=[p1])
    _pair(year, mentor=staff_mentor, mentees=[p2])  # the same mentor again
    _pair(year, status="approved", mentor=external, mentees=[p2, p3])  # p2 again
    left = _pair(year, mentees=[p5])  # a pupil who left is no longer in the pair …
    _leave(left, p5, TODAY - datetime.timedelta(days=10))
    _pair(year, status="draft", mentees=[p4])  # … a draft is not fixed yet …
    _pair(year, status="finished", mentees=[_pupil()])  # … a finished pair is over …
    _pair(other_year, mentees=[_pupil()])  # … and another year is not this one

    result = kpi.participants(year=year, today=TODAY)

    # pupils p1, p2, p3; staff: the shared mentor and the mentor of the pair p5 left;
    # external: one
    assert (result.pupils, result.staff, result.external) == (3, 2, 1)
    assert result.total == 6
    assert result.link.url_name == "mentorship:pair-list"
    assert dict(result.link.params) == {"year": str(year.pk), "status": "active"}


def test_a_mentee_who_leaves_later_still_takes_part_today(school, year) -> None:
    pupil = _pupil()
    pair = _pair(year, mentees=[pupil])
    _leave(pair, pupil, TODAY + datetime.timedelta(days=1))

    assert kpi.participants(year=year, today=TODAY).pupils == 1


# Pupils involved (the 70 % target)


def test_pupils_involved_are_counted_among_pupils_aged_ten_or_more(school, year) -> None:
    mentee_14 = _pupil(birth_date=datetime.date(2012, 3, 1))
    mentor_16 = _pupil(birth_date=datetime.date(2010, 5, 1))
    idle_15 = _pupil(birth_date=datetime.date(2011, 1, 1))
    finished_13 = _pupil(birth_date=datetime.date(2013, 1, 1))
    mentee_7 = _pupil(birth_date=datetime.date(2019, 9, 1))
    no_date = _pupil(birth_date=None)
    ten_today = _pupil(birth_date=datetime.date(2016, 11, 27))
    _pupil(birth_date=datetime.date(2016, 11, 28))  # ten tomorrow
    _pupil(birth_date=datetime.date(2012, 1, 1), anonymised_at=timezone.now())
    _pair(year, mentees=[mentee_14, mentee_7])
    _pair(year, status="draft", mentor=mentor_16)  # a pupil mentor; a draft is open
    _pair(year, status="finished", mentees=[finished_13])
    assert idle_15 and no_date and ten_today

    result = kpi.pupil_involvement(year=year, today=TODAY)

    # aged 10+: 14, 16, 15, 13, ten today = 5, plus 1 without a birth date = 6;
    # the 7-year-old and the one ten tomorrow are left out, the anonymised one too;
    # involved among the 6: the mentee of 14 and the mentor of 16 = 2 → 2 / 6 = 33.3 %
    assert (result.involved, result.total) == (2, 6)
    assert result.percent == Decimal("33.3")
    assert result.target == 70
    assert not result.meets_target
    assert (result.pupils, result.without_birth_date) == (8, 1)
    assert "от 10 лет" in result.basis and "1 без даты рождения" in result.basis
    assert result.link.url_name == "mentorship:person-list"
    assert dict(result.link.params) == {"kind": "pupil"}


def test_without_birth_dates_every_pupil_is_in_the_denominator(school, year) -> None:
    pupils = [_pupil(birth_date=None) for _ in range(10)]
    _pair(year, mentees=pupils[:7])

    result = kpi.pupil_involvement(year=year, today=TODAY)

    # 7 of 10 = 70.0 %: the target is met
    assert (result.involved, result.total, result.percent) == (7, 10, Decimal("70.0"))
    assert result.meets_target
    assert "все обучающиеся" in result.basis


def test_with_every_birth_date_the_basis_says_so(school, year) -> None:
    _pupil(birth_date=datetime.date(2012, 1, 1))

    result = kpi.pupil_involvement(year=year, today=TODAY)

    assert result.basis == "В расчёте обучающиеся от 10 лет (по дате рождения)."


def test_no_pupils_is_zero_per_cent_not_a_crash(school, year) -> None:
    _pair(year)  # staff only

    result = kpi.pupil_involvement(year=year, today=TODAY)

    assert (result.involved, result.total, result.percent) == (0, 0, 0)
    assert not result.meets_target
    assert "нет обучающихся" in result.basis


# Young specialists


def _young_school_people(year):
    """Four young specialists (of 35 / 3 years), two of them with a mentor, and four others."""
    y1 = PersonFactory(birth_date=datetime.date(1995, 1, 10), teaching_experience_years=2)
    y2 = PersonFactory(birth_date=datetime.date(1998, 6, 1), teaching_experience_years=None)
    y3 = PersonFactory(birth_date=datetime.date(1996, 2, 1), teaching_experience_years=1)
    y4 = PersonFactory(birth_date=datetime.date(1997, 3, 1), teaching_experience_years=3)
    PersonFactory(birth_date=datetime.date(1991, 11, 27), teaching_experience_years=1)  # 35 today
    PersonFactory(birth_date=datetime.date(1995, 1, 1), teaching_experience_years=4)
    PersonFactory(birth_date=None, teaching_experience_years=0)  # age unknown
    _pupil(birth_date=datetime.date(2010, 1, 1))
    _pair(year, mentees=[y1])
    _pair(year, status="draft", mentees=[y2])
    _pair(year, status="finished", mentees=[y3])
    return y1, y2, y3, y4


def test_young_specialists_with_a_mentor(school, year) -> None:
    _young_school_people(year)

    result = kpi.young_specialists(year=year, today=TODAY, school=school)

    # young: y1 (31, 2 years), y2 (28, experience unknown), y3 (30, 1), y4 (29, 3) = 4;
    # the mentors and default mentees of the factories are 41 with 12 years: not young;
    # with a mentor in an open pair: y1 (active) and y2 (draft) = 2 → 2 / 4 = 50 %
    assert (result.mentored, result.total, result.percent) == (2, 4, Decimal("50.0"))
    assert (result.max_age, result.max_experience) == (35, 3)
    assert dict(result.link.params) == {"kind": "staff", "young": "on"}


def test_young_specialists_follow_the_schools_limits(school, year) -> None:
    _young_school_people(year)
    school.young_specialist_max_age = 32
    school.young_specialist_max_experience = 1

    result = kpi.young_specialists(year=year, today=TODAY, school=school)

    # under 32 with at most 1 year: y2 (28, unknown) and y3 (30, 1); y1 has 2 years, y4 3;
    # with a mentor: y2 → 1 / 2 = 50 %
    assert (result.mentored, result.total) == (1, 2)


# Pairs and groups per form


def test_working_pairs_and_groups_per_form(school, year, other_year) -> None:
    first = MentoringFormFactory(title="«Учитель – учитель»", order=1)
    second = MentoringFormFactory(title="«Ученик – ученик»", order=2)
    approved_only = MentoringFormFactory(title="«Студент – ученик»", order=3)
    _pair(year, form=first)
    _pair(year, form=first)
    a, b, c = PersonFactory(), PersonFactory(), PersonFactory()
    group = _pair(year, form=first, mentees=[a, b, c])
    _leave(group, c, TODAY - datetime.timedelta(days=3))
    _pair(year, form=first, status="finished")
    _pair(year, form=first, status="draft")
    lone = PersonFactory()
    emptied = _pair(year, form=second, mentees=[lone])
    _leave(emptied, lone, TODAY - datetime.timedelta(days=1))
    _pair(year, form=approved_only, status="approved")
    _pair(other_year, form=second)

    result = kpi.pairs_by_form(year=year, today=TODAY)

    # first: two pairs and a group of 3 − 1 who left = 2 → pairs 2, groups 1, mentees 4;
    # second: one active pair whose mentee left → a pair with no mentees;
    # the approved form has no working pair yet, the other year does not count
    assert [(r.title, r.pairs, r.groups, r.mentees) for r in result.rows] == [
        ("«Учитель – учитель»", 2, 1, 4),
        ("«Ученик – ученик»", 1, 0, 0),
    ]
    assert (result.pairs, result.groups, result.total, result.mentees) == (3, 1, 4, 4)
    assert dict(result.rows[0].link.params) == {
        "year": str(year.pk),
        "form": str(first.pk),
        "status": "active",
    }


def test_no_working_pairs_gives_no_rows(school, year) -> None:
    _pair(year, status="draft")

    result = kpi.pairs_by_form(year=year, today=TODAY)

    assert result.rows == () and result.total == 0


# Meetings


def _meeting(on: datetime.date, *pairs) -> Meeting:
    meeting = Meeting.objects.create(held_on=on)
    meeting.mentorships.add(*pairs)
    return meeting


def test_meetings_within_the_interval_and_this_month(school, year, other_year) -> None:
    day = datetime.timedelta(days=1)
    p1, p2, p3, p4 = (_pair(year) for _ in range(4))
    finished = _pair(year, status="finished")
    _meeting(TODAY - 14 * day, p1)  # 13.11: exactly 14 days ago — in time
    _meeting(TODAY - 15 * day, p2)  # 12.11: one day too late
    _meeting(TODAY, p3)
    _meeting(datetime.date(2026, 10, 20), p3)
    _meeting(datetime.date(2026, 11, 20), finished)
    _meeting(datetime.date(2026, 11, 1), p1, p2)  # a group final: one meeting
    _meeting(TODAY + 3 * day, p4)  # planned ahead, not held yet
    _meeting(datetime.date(2026, 11, 10), _pair(other_year))

    result = kpi.meeting_regularity(year=year, today=TODAY, interval_days=14)

    # working pairs: p1..p4 = 4 (the finished one aside); met in 14 days: p1, p3 = 2 → 50 %
    assert (result.met, result.total, result.percent) == (2, 4, Decimal("50.0"))
    assert result.behind == 2
    # this month (1–27 November) of this year's pairs: 13.11, 12.11, 27.11, 20.11 and 1.11
    # = 5; October, the 30th and the other year's pair are not counted
    assert result.this_month == 5
    assert dict(result.month_link.params) == {"date_from": "2026-11-01", "date_to": "2026-11-27"}

    # with a weekly rule (since 20.11) only p3 is in time: 1 / 4
    assert kpi.meeting_regularity(year=year, today=TODAY, interval_days=7).met == 1


# Feedback after meetings


def test_feedback_completion_counts_the_years_meeting_invitations(school, year, other_year) -> None:
    meeting = _meeting(TODAY, _pair(year))
    about = {"about_type": ContentType.objects.get_for_model(Meeting), "about_id": meeting.pk}
    feedback = QuestionnaireFactory(purpose=Purpose.MEETING_FEEDBACK)
    campaign = CampaignFactory(year=year, questionnaire=feedback)
    now = timezone.now()
    for _ in range(3):
        InvitationFactory(campaign=campaign, answered_at=now, **about)
    for _ in range(2):
        InvitationFactory(campaign=campaign, **about)
    InvitationFactory(campaign=campaign, revoked_at=now, **about)
    InvitationFactory(campaign=campaign, answered_at=now, revoked_at=now, **about)
    InvitationFactory(campaign=campaign)  # not about a meeting
    InvitationFactory(campaign=CampaignFactory(year=other_year, questionnaire=feedback), **about)
    custom = CampaignFactory(year=year, questionnaire=QuestionnaireFactory())
    InvitationFactory(campaign=custom, answered_at=now, **about)

    result = kpi.feedback_completion(year=year)

    # invited: 3 answered + 2 waiting + 1 answered before it was revoked = 6
    # (the revoked unanswered one, the one about nothing, the other year's and the custom
    # questionnaire's are not); answered: 3 + 1 = 4 → 4 / 6 = 66.7 %
    assert (result.answered, result.invited, result.percent) == (4, 6, Decimal("66.7"))
    assert dict(result.link.params) == {"year": str(year.pk)}


def test_no_feedback_invitations_is_zero(school, year) -> None:
    result = kpi.feedback_completion(year=year)

    assert (result.answered, result.invited, result.percent) == (0, 0, 0)


# Satisfaction


def _respond(campaign, answers: dict, *, submitted: bool = True) -> Response:
    invitation = InvitationFactory(campaign=campaign)
    response = Response.objects.create(
        questionnaire=campaign.questionnaire,
        invitation=invitation,
        person=invitation.person,
        submitted_at=timezone.now() if submitted else None,
    )
    for question, value in answers.items():
        if question.kind == "scale":
            Answer.objects.create(response=response, question=question, number=value)
        else:
            Answer.objects.create(response=response, question=question, text=value)
    return response


def test_satisfaction_is_the_mean_on_a_ten_point_scale(school, year, other_year) -> None:
    mentors_form = QuestionnaireFactory(purpose=Purpose.MENTOR_SATISFACTION)
    ten = QuestionFactory(questionnaire=mentors_form, kind="scale", scale_min=1, scale_max=10)
    five = QuestionFactory(questionnaire=mentors_form, kind="scale", scale_min=1, scale_max=5)
    bare = QuestionFactory(questionnaire=mentors_form, kind="scale")  # the form offers 1–5
    text = QuestionFactory(questionnaire=mentors_form, kind="short_text")
    mentees_form = QuestionnaireFactory(purpose=Purpose.MENTEE_SATISFACTION)
    zero_four = QuestionFactory(questionnaire=mentees_form, kind="scale", scale_min=0, scale_max=4)
    older = CampaignFactory(year=year, questionnaire=mentors_form, starts_on=TODAY.replace(day=1))
    mentors = CampaignFactory(year=year, questionnaire=mentors_form, starts_on=TODAY)
    mentees = CampaignFactory(year=year, questionnaire=mentees_form)
    _respond(mentors, {ten: 8, five: 4, text: "всё хорошо"})
    _respond(older, {ten: 10, five: 5, bare: 3})
    _respond(mentors, {ten: 1}, submitted=False)  # a draft
    _respond(CampaignFactory(year=other_year, questionnaire=mentors_form), {ten: 1})
    for value in (0, 4, 2):
        _respond(mentees, {zero_four: value})

    result = kpi.satisfaction(year=year)

    # to 1–10: 8 of 1–10 → 8; 4 of 1–5 → 1 + 9·3/4 = 7.75; 10 → 10; 5 of 1–5 → 10;
    # 3 of the bare (1–5) scale → 1 + 9·2/4 = 5.5; mean 41.25 / 5 = 8.25 → 8.3
    assert result.mentors.mean == Decimal("8.3")
    assert (result.mentors.answers, result.mentors.respondents) == (5, 2)
    # 0, 4 and 2 of 0–4 → 1, 10, 5.5; mean 16.5 / 3 = 5.5
    assert result.mentees.mean == Decimal("5.5")
    assert (result.mentees.answers, result.mentees.respondents) == (3, 3)
    # the list behind: the newest campaign's analytics
    assert result.mentors.link == kpi.Link("surveys:campaign-analytics", (mentors.pk,))
    assert result.mentees.link == kpi.Link("surveys:campaign-analytics", (mentees.pk,))


def test_no_satisfaction_answers_is_no_mean(school, year) -> None:
    result = kpi.satisfaction(year=year)

    assert result.mentors.mean is None and result.mentees.mean is None
    assert (result.mentors.answers, result.mentors.respondents) == (0, 0)
    assert result.mentors.link == kpi.Link("surveys:campaign-list")


def test_to_ten_point_maps_the_ends_of_a_scale_onto_1_and_10() -> None:
    assert kpi.to_ten_point(Decimal(1), 1, 1, 5) == 1
    assert kpi.to_ten_point(Decimal(5), 1, 1, 5) == 10
    assert kpi.to_ten_point(Decimal(7), 1, 1, 10) == 7
    assert kpi.to_ten_point(Decimal(3), 1, 1, 5) == Decimal("5.5")


# Roadmap


def test_roadmap_progress_and_overdue_events(school, year, other_year) -> None:
    roadmap = RoadmapFactory(year=year)
    stage = StageFactory(roadmap=roadmap, number=1)
    StageFactory(roadmap=roadmap, number=2)  # a stage without events
    past, future = datetime.date(2026, 10, 31), datetime.date(2027, 3, 31)
    for _ in range(2):
        EventFactory(stage=stage, status="done", end_date=past)
    EventFactory(stage=stage, status="done", end_date=future)
    EventFactory(stage=stage, status="in_progress", end_date=past)
    EventFactory(stage=stage, status="planned", end_date=past)
    EventFactory(stage=stage, status="planned", end_date=future)
    EventFactory(stage=stage, status="planned", end_date=None, start_date=None)
    EventFactory(stage=stage, status="cancelled", end_date=past)
    EventFactory(stage=StageFactory(roadmap=RoadmapFactory(year=other_year)), end_date=past)

    result = kpi.roadmap_progress(year=year, today=TODAY)

    # counted: 3 done + in progress + 3 planned = 7 (the cancelled one aside);
    # done 3 / 7 = 42.9 %; overdue: the in-progress and the planned one past 31.10 = 2
    assert (result.done, result.total, result.overdue) == (3, 7, 2)
    assert result.percent == Decimal("42.9")
    assert result.link == kpi.Link("roadmap:roadmap-detail", (roadmap.pk,))
    assert result.overdue_link.params == (("overdue", "on"),)


def test_without_a_roadmap_the_link_leads_to_the_roadmaps_page(school, year) -> None:
    result = kpi.roadmap_progress(year=year, today=TODAY)

    assert not result.exists
    assert (result.done, result.total, result.overdue, result.percent) == (0, 0, 0, 0)
    assert result.link == kpi.Link("roadmap:roadmap-home")


# Documents


def test_documents_waiting_for_approval(school, year) -> None:
    for status in (DocumentStatus.SUBMITTED, DocumentStatus.SUBMITTED, DocumentStatus.DRAFT):
        Document.objects.create(kind="order_curator", year=year, title="Приказ", status=status)

    result = kpi.approvals()

    assert result.waiting == 2
    assert result.link == kpi.Link("reports:document-list", (), (("status", "submitted"),))


# All of them


def test_the_dashboard_of_an_empty_year_is_all_zeros(
    school, year, django_assert_num_queries
) -> None:
    # school, participants, pupils, young, forms, meetings 2, feedback, satisfaction 3,
    # roadmap, approvals
    with django_assert_num_queries(kpi.DASHBOARD_QUERIES):
        data = kpi.dashboard(year, TODAY)

    assert data.participants.total == 0
    assert data.pupils.percent == 0 and data.young.percent == 0
    assert data.forms.rows == ()
    assert (data.meetings.total, data.meetings.this_month) == (0, 0)
    assert data.feedback.invited == 0
    assert data.satisfaction.mentors.mean is None
    assert not data.roadmap.exists
    assert data.approvals.waiting == 0


def test_the_dashboard_uses_the_schools_meeting_interval(school, year) -> None:
    school.meeting_interval_days = 7
    school.save()
    _meeting(TODAY - datetime.timedelta(days=10), _pair(year))

    data = kpi.dashboard(year, TODAY)

    assert data.meetings.interval_days == 7
    assert (data.meetings.met, data.meetings.total) == (0, 1)
