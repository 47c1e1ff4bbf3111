"""The monitoring dashboard page: who opens it, what it links to, and its fixed query count."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorship.models import Meeting, PersonKind
from reports import kpi
from reports.models import Document, DocumentStatus
from reports.views.dashboard import href
from roadmap.models import Roadmap
from surveys.models import Answer, Purpose, Response
from tests.factories import (
    CampaignFactory,
    EventFactory,
    InvitationFactory,
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorshipFactory,
    PersonFactory,
    ProgrammeYearFactory,
    QuestionFactory,
    QuestionnaireFactory,
    RoadmapFactory,
    StageFactory,
)

NOW = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.UTC)
URL = "reports:dashboard"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(NOW, tick=False):
        yield


def _get(client, **params):
    return client.get(reverse(URL), params)


# Who opens it


@pytest.mark.parametrize("persona", ["curator", "director"])
def test_the_curator_and_the_director_open_the_dashboard(
    persona_client, persona, school, year
) -> None:
    response = _get(persona_client(persona))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Мониторинг программы" in page and "2026/2027 учебный год" in page


@pytest.mark.parametrize("persona", ["mentor", "teacher", "no_role"])
def test_others_are_refused(persona_client, persona, school, year) -> None:
    assert _get(persona_client(persona)).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client, school, year) -> None:
    response = _get(client)

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_menu_and_the_directors_home_lead_to_it(persona_client, school, year) -> None:
    url = reverse(URL)

    assert url in persona_client("curator").get(reverse("mentorship:curator-home")).content.decode()
    director_home = persona_client("director").get(reverse("mentorship:director-home"))
    assert 'id="dashboard-widget-title"' in director_home.content.decode()
    assert (
        url not in persona_client("mentor").get(reverse("mentorship:mentor-home")).content.decode()
    )


# What it shows and links to


def _pupils_and_pairs(year) -> None:
    """Ten pupils aged 10+, four of them in pairs; a staff mentor in each pair."""
    form = MentoringFormFactory(title="«Ученик – ученик»")
    pupils = [
        PersonFactory(kind=PersonKind.PUPIL, birth_date=datetime.date(2012, 1, 1))
        for _ in range(10)
    ]
    for pupil in pupils[:4]:
        MentorshipFactory(year=year, form=form, members=[MenteeProfileFactory(person=pupil)])


def test_the_page_shows_the_numbers_and_links_to_the_lists(curator_client, school, year) -> None:
    _pupils_and_pairs(year)

    page = _get(curator_client).content.decode()

    # 4 of 10 pupils = 40 %; the list behind is the people list filtered to pupils
    assert "40,0&nbsp;%" in page and "4 из 10 обучающихся" in page
    assert f"{reverse('mentorship:person-list')}?kind=pupil" in page
    assert f"{reverse('mentorship:person-list')}?kind=staff&amp;young=on" in page
    assert f"{reverse('mentorship:pair-list')}?year={year.pk}&amp;status=active" in page
    # the curator does not approve: the submitted documents in the register
    assert f"{reverse('reports:document-list')}?status=submitted" in page
    assert reverse("roadmap:roadmap-home") in page  # no roadmap yet
    # two charts drawn on the server: participants by kind and pairs per form
    assert page.count("<svg") == 2
    assert "Участники работающих пар и групп по категориям" in page


def test_the_director_is_sent_to_his_approvals_queue(director_client, school, year) -> None:
    Document.objects.create(
        kind="order_curator", year=year, title="Приказ", status=DocumentStatus.SUBMITTED
    )

    page = _get(director_client).content.decode()

    assert reverse("reports:approvals") in page


def test_satisfaction_gets_its_chart_once_anyone_answered(curator_client, school, year) -> None:
    questionnaire = QuestionnaireFactory(purpose=Purpose.MENTOR_SATISFACTION)
    question = QuestionFactory(questionnaire=questionnaire, kind="scale", scale_min=1, scale_max=10)
    campaign = CampaignFactory(year=year, questionnaire=questionnaire)
    invitation = InvitationFactory(campaign=campaign)
    response = Response.objects.create(
        questionnaire=questionnaire, invitation=invitation, submitted_at=timezone.now()
    )
    Answer.objects.create(response=response, question=question, number=9)

    page = _get(curator_client).content.decode()

    assert "Средняя удовлетворённость по шкале 1–10" in page and "9,0 из 10" in page
    assert reverse("surveys:campaign-analytics", args=[campaign.pk]) in page


def test_another_year_can_be_chosen(curator_client, school, year) -> None:
    older = ProgrammeYearFactory(title="2025/2026")
    _pupils_and_pairs(older)

    page = _get(curator_client, year=older.pk).content.decode()

    assert "2025/2026 учебный год" in page
    assert f"?year={older.pk}&amp;status=active" in page


def test_without_any_year_the_page_says_how_to_start(curator_client, school) -> None:
    page = _get(curator_client).content.decode()

    assert "ни одного года ещё нет" in page
    assert reverse("mentorship:year-create") in page


def test_a_link_to_a_page_not_built_yet_is_hidden() -> None:
    assert href(kpi.Link("mentorship:no-such-page")) == ""
    assert href(kpi.Link("reports:document-list", (), (("status", "submitted"),))) == (
        f"{reverse('reports:document-list')}?status=submitted"
    )


# A fixed number of queries


def _school_data(year, size: int) -> None:
    """``size`` of everything the indicators count: pupils, pairs, meetings, answers…"""
    forms = [MentoringFormFactory(title=f"Форма {n}") for n in range(size)]
    meeting_type = ContentType.objects.get_for_model(Meeting)
    feedback = CampaignFactory(
        year=year, questionnaire=QuestionnaireFactory(purpose=Purpose.MEETING_FEEDBACK)
    )
    satisfied = QuestionnaireFactory(purpose=Purpose.MENTEE_SATISFACTION)
    scale = QuestionFactory(questionnaire=satisfied, kind="scale", scale_min=1, scale_max=5)
    survey = CampaignFactory(year=year, questionnaire=satisfied)
    roadmap = Roadmap.objects.filter(year=year).first() or RoadmapFactory(year=year)
    stage = roadmap.stages.first() or StageFactory(roadmap=roadmap, number=1)
    for n in range(size):
        pupil = PersonFactory(kind=PersonKind.PUPIL, birth_date=datetime.date(2012, 1, 1))
        young = PersonFactory(birth_date=datetime.date(1998, 1, 1), teaching_experience_years=1)
        pair = MentorshipFactory(
            year=year,
            form=forms[n],
            members=[MenteeProfileFactory(person=pupil), MenteeProfileFactory(person=young)],
        )
        meeting = Meeting.objects.create(held_on=datetime.date(2026, 11, 20))
        meeting.mentorships.add(pair)
        InvitationFactory(
            campaign=feedback,
            person=pupil,
            about_type=meeting_type,
            about_id=meeting.pk,
            answered_at=timezone.now() if n % 2 else None,
        )
        response = Response.objects.create(
            questionnaire=satisfied,
            invitation=InvitationFactory(campaign=survey, person=young),
            submitted_at=timezone.now(),
        )
        Answer.objects.create(response=response, question=scale, number=n % 5 + 1)
        EventFactory(stage=stage, status="done" if n % 2 else "planned")
        Document.objects.create(
            kind="order_curator", year=year, title="Приказ", status=DocumentStatus.SUBMITTED
        )


def _queries(client) -> int:
    """The queries of a page opened again: roles, permissions and the school are kept."""
    _get(client)
    with CaptureQueriesContext(connection) as captured:
        assert _get(client).status_code == 200
    return len(captured.captured_queries)


def test_the_page_runs_the_same_queries_for_ten_times_the_data(
    director_client, school, year
) -> None:
    _school_data(year, 2)
    small = _queries(director_client)
    _school_data(year, 18)  # 2 + 18 = ten times the small school
    large = _queries(director_client)

    # session, user (roles, permissions and the school in the header are kept in the
    # cache); the years of the selector; the indicators (kpi.DASHBOARD_QUERIES)
    assert small == large == 3 + kpi.DASHBOARD_QUERIES


def test_the_indicators_are_kept_for_a_minute_when_caching_is_on(
    director_client, school, year, settings
) -> None:
    from django.core.cache import cache

    settings.DASHBOARD_CACHE_SECONDS = 60
    cache.clear()
    _school_data(year, 2)
    first = _get(director_client)
    assert "обновляются раз в минуту" in first.content.decode()
    _school_data(year, 1)
    # The page's own queries only: the indicators and charts are kept (kpi.DASHBOARD_QUERIES).
    assert _queries(director_client) == 3
    assert _get(director_client).context["data"] == first.context["data"]
    cache.clear()
