"""Closing the year (stage 7): facts per pair, the preview, the closing, results in the banks."""

from __future__ import annotations

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from mentorship.common import AuditEntry
from mentorship.exceptions import DomainError
from mentorship.models import (
    ConsentKind,
    Meeting,
    MenteeProfile,
    MenteeStatus,
    MentorProfile,
    Mentorship,
    MentorshipMember,
    MentorshipStatus,
    MentorStatus,
    PersonalProgramme,
    ProgrammeItem,
    ProgrammeYear,
    ResultOutcome,
    YearResult,
)
from reports import closing
from reports.closing import Choice, ClosingPlan, YearCloseError
from reports.models import Document
from roadmap.models import Event, Roadmap, RoadmapTemplate, TemplateEvent, TemplateStage
from surveys.models import Answer, Campaign, Invitation, Question, Questionnaire, Response
from tests.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorProfileFactory,
    MentorshipFactory,
    PersonFactory,
    RoadmapFactory,
)

TODAY = datetime.date(2027, 6, 25)


@pytest.fixture(autouse=True)
def _june(time_machine) -> None:
    time_machine.move_to(datetime.datetime(2027, 6, 25, 12, tzinfo=datetime.UTC), tick=False)


def _person(surname: str, *, mentor: bool = False):
    person = PersonFactory(surname=surname)
    ConsentFactory(person=person, kind=ConsentKind.PERSONAL_DATA)
    if mentor:
        ConsentFactory(person=person, kind=ConsentKind.MENTOR_AGREEMENT)
    return person


def _mentor(surname: str) -> MentorProfile:
    return MentorProfileFactory(person=_person(surname, mentor=True), status=MentorStatus.ACTIVE)


def _mentee(surname: str) -> MenteeProfile:
    return MenteeProfileFactory(person=_person(surname), status=MenteeStatus.PAIRED)


def _meeting(pair: Mentorship, day: datetime.date) -> Meeting:
    meeting = Meeting.objects.create(held_on=day)
    meeting.mentorships.add(pair)
    return meeting


def _programme(pair: Mentorship, items: list[tuple[datetime.date, datetime.date | None]]) -> None:
    programme = PersonalProgramme.objects.create(mentorship=pair, title="Программа")
    for order, (due, done) in enumerate(items):
        ProgrammeItem.objects.create(
            programme=programme, order=order, title=f"Пункт {order}", due_date=due, done_on=done
        )


class Surveys:
    """The year's feedback and satisfaction questionnaires, and a way to answer them."""

    def __init__(self, year: ProgrammeYear) -> None:
        self.year = year
        self.campaigns = {}
        self.questions = {}
        for purpose in ("meeting_feedback", "mentor_satisfaction", "mentee_satisfaction"):
            questionnaire = Questionnaire.objects.create(title=purpose, purpose=purpose)
            self.questions[purpose] = Question.objects.create(
                questionnaire=questionnaire, kind="scale", text="Оценка", scale_min=1, scale_max=5
            )
            self.campaigns[purpose] = Campaign.objects.create(
                questionnaire=questionnaire,
                year=year,
                title=purpose,
                starts_on=year.start_date,
                ends_on=year.end_date,
                status="open",
            )

    def feedback(self, person, meeting: Meeting, *, answered: bool) -> None:
        Invitation.objects.create(
            campaign=self.campaigns["meeting_feedback"],
            person=person,
            about_type=ContentType.objects.get_for_model(Meeting),
            about_id=meeting.pk,
            answered_at=timezone.now() if answered else None,
        )

    def satisfaction(self, person, purpose: str, value: int) -> None:
        campaign = self.campaigns[purpose]
        invitation = Invitation.objects.create(
            campaign=campaign, person=person, answered_at=timezone.now()
        )
        response = Response.objects.create(
            questionnaire=campaign.questionnaire,
            invitation=invitation,
            person=person,
            submitted_at=timezone.now(),
        )
        Answer.objects.create(response=response, question=self.questions[purpose], number=value)


@pytest.fixture
def template(db) -> RoadmapTemplate:
    template = RoadmapTemplate.objects.create(code="t", title="Стандартная", audience="teachers")
    stage = TemplateStage.objects.create(template=template, number=1, title="Подготовка")
    TemplateEvent.objects.create(stage=stage, order=1, title="Приказ", start_month=0, end_month=1)
    TemplateEvent.objects.create(
        stage=stage, order=2, title="Положение", start_month=1, end_month=2
    )
    return template


@pytest.fixture
def scene(school, year):
    """The 2026/2027 year in June: a group to finish, a pair to carry, one to end, one done."""
    form = MentoringFormFactory(code="group", title="«педагог – педагог»", is_group=True)
    surveys = Surveys(year)
    # A group whose programme ended in May: one item late, so only satisfaction can qualify.
    petrov = _mentor("Петров")
    alieva, boyko, titov = _mentee("Алиева"), _mentee("Бойко"), _mentee("Титов")
    MentorProfileFactory(person=boyko.person)  # already a mentor too
    group = MentorshipFactory(
        year=year,
        form=form,
        mentor=petrov,
        members=[alieva, boyko, titov],
        start_date=datetime.date(2026, 10, 1),
        planned_end_date=datetime.date(2027, 5, 31),
    )
    held = [
        _meeting(group, datetime.date(2026, 10, 5)),
        _meeting(group, datetime.date(2026, 12, 1)),
        _meeting(group, datetime.date(2027, 3, 1)),
    ]
    _meeting(group, datetime.date(2027, 7, 1))  # after today: not held yet
    for index, meeting in enumerate(held):
        surveys.feedback(petrov.person, meeting, answered=True)
        surveys.feedback(alieva.person, meeting, answered=index < 2)
    surveys.feedback(titov.person, held[0], answered=False)
    surveys.satisfaction(petrov.person, "mentor_satisfaction", 4)
    surveys.satisfaction(alieva.person, "mentee_satisfaction", 5)
    surveys.satisfaction(boyko.person, "mentee_satisfaction", 5)
    surveys.satisfaction(titov.person, "mentee_satisfaction", 2)
    _programme(
        group,
        [
            (datetime.date(2026, 12, 31), datetime.date(2026, 12, 20)),
            (datetime.date(2027, 3, 31), datetime.date(2027, 4, 10)),
        ],
    )
    # A pair planned into the next year: carried over with its unfinished item.
    shevchuk, kim = _mentor("Шевчук"), _mentee("Ким")
    carried = MentorshipFactory(
        year=year,
        form=form,
        mentor=shevchuk,
        members=[kim],
        start_date=datetime.date(2027, 2, 1),
        planned_end_date=datetime.date(2027, 12, 20),
    )
    _meeting(carried, datetime.date(2027, 3, 15))
    _programme(
        carried,
        [
            (datetime.date(2027, 4, 1), datetime.date(2027, 3, 30)),
            (datetime.date(2027, 10, 1), None),
        ],
    )
    # A pair the curator ends early.
    romanov, lebedev = _mentor("Романов"), _mentee("Лебедев")
    ending = MentorshipFactory(
        year=year,
        form=form,
        mentor=romanov,
        members=[lebedev],
        start_date=datetime.date(2026, 10, 1),
        planned_end_date=datetime.date(2027, 5, 31),
    )
    # A pair finished in March: its results are written at closing too.
    orlova, zueva = _mentor("Орлова"), _mentee("Зуева")
    done = MentorshipFactory(
        year=year,
        form=form,
        mentor=orlova,
        members=[zueva],
        status=MentorshipStatus.FINISHED,
        start_date=datetime.date(2026, 10, 1),
        planned_end_date=datetime.date(2027, 3, 1),
    )
    _programme(done, [(datetime.date(2027, 2, 1), datetime.date(2027, 1, 20))])
    RoadmapFactory(year=year)
    Document.objects.create(kind="order_curator", year=year, title="Приказ о назначении куратора")
    return {
        "year": year,
        "group": group,
        "carried": carried,
        "ending": ending,
        "done": done,
        "people": {
            "petrov": petrov.person,
            "alieva": alieva.person,
            "boyko": boyko.person,
            "titov": titov.person,
            "kim": kim.person,
            "lebedev": lebedev.person,
            "zueva": zueva.person,
            "orlova": orlova.person,
        },
    }


def _plan(scene, template=None, **overrides) -> ClosingPlan:
    values = {
        "year_id": scene["year"].pk,
        "choices": {
            scene["group"].pk: Choice.FINISH,
            scene["carried"].pk: Choice.CARRY,
            scene["ending"].pk: Choice.END_EARLY,
        },
        "reasons": {scene["ending"].pk: "наставник уволился"},
        "graduates": (scene["people"]["alieva"].pk, scene["people"]["zueva"].pk),
        "next_title": "2027/2028",
        "next_start": datetime.date(2027, 9, 1),
        "next_end": datetime.date(2028, 8, 31),
        "template_id": template.pk if template else None,
    }
    return ClosingPlan(**(values | overrides))


COUNTED = (
    ProgrammeYear,
    Mentorship,
    MentorshipMember,
    Meeting,
    PersonalProgramme,
    ProgrammeItem,
    MentorProfile,
    MenteeProfile,
    YearResult,
    Roadmap,
    Event,
    Document,
    AuditEntry,
)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def _state() -> dict:
    return {
        "statuses": dict(Mentorship.objects.values_list("pk", "status")),
        "mentees": dict(MenteeProfile.objects.values_list("pk", "status")),
        "current": ProgrammeYear.objects.get(is_current=True).title,
    }


# --- facts ---------------------------------------------------------------------------------


def test_facts_count_meetings_feedback_satisfaction_and_programme(scene, django_assert_num_queries):
    with django_assert_num_queries(closing.FACTS_QUERIES):
        facts = closing.year_facts(year=scene["year"], today=TODAY)
    by_pk = {pair.pk: pair for pair in facts.open}
    group = by_pk[scene["group"].pk]
    assert group.meetings == 3  # the July meeting has not happened yet
    assert (group.feedback_answered, group.feedback_invited) == (5, 7)
    assert (group.items_on_time, group.items_late, group.items_not_done) == (1, 1, 0)
    assert group.programme_on_time is False
    people = {p.name.split()[0]: p for p in group.people}
    assert people["Петров"].satisfaction == Decimal("7.8")  # 4 of 1–5 is 7.75 of 1–10
    assert people["Алиева"].satisfaction == Decimal("10.0")
    assert people["Титов"].satisfaction == Decimal("3.3")
    assert people["Алиева"].feedback_share == Decimal("66.7")
    assert people["Бойко"].feedback_share is None  # never asked
    assert people["Титов"].feedback_share == Decimal("0.0")
    assert [pair.pk for pair in facts.closed] == [scene["done"].pk]


def test_facts_take_the_same_queries_for_more_pairs(scene, django_assert_num_queries):
    form = MentoringFormFactory()
    for _ in range(5):
        pair = MentorshipFactory(year=scene["year"], form=form)
        _meeting(pair, datetime.date(2027, 1, 10))
    with django_assert_num_queries(closing.FACTS_QUERIES):
        closing.year_facts(year=scene["year"], today=TODAY)


def test_defaults_finish_what_ends_within_the_year_and_carry_the_rest(scene):
    facts = closing.year_facts(year=scene["year"], today=TODAY)
    defaults = {pair.pk: pair.default_choice for pair in facts.open}
    assert defaults[scene["group"].pk] == Choice.FINISH
    assert defaults[scene["carried"].pk] == Choice.CARRY
    draft = MentorshipFactory(
        year=scene["year"], status=MentorshipStatus.DRAFT, planned_end_date=TODAY
    )
    facts = closing.year_facts(year=scene["year"], today=TODAY)
    not_started = next(pair for pair in facts.open if pair.pk == draft.pk)
    assert not_started.default_choice == Choice.CARRY and not not_started.can_finish


# --- preview and closing -------------------------------------------------------------------


def test_the_preview_shows_what_will_happen_and_writes_nothing(scene, template, curator):
    before, state = _counts(), _state()
    report = closing.year_close(plan=_plan(scene, template), actor=curator, dry_run=True)
    assert _counts() == before and _state() == state
    assert report.dry_run
    assert len(report.finished) == 1 and len(report.carried) == 1
    assert report.ended_early[0][1] == "наставник уволился"
    assert report.next_year == "2027/2028" and not report.next_year_existed
    assert report.roadmap_events == 2
    assert len(report.results) == 4 + 2 + 2 + 2  # group of 3 + mentor, three pairs of two
    assert sorted(report.mentors_added) == sorted(
        [scene["people"]["alieva"].full_name, scene["people"]["zueva"].full_name]
    )


def test_closing_finishes_carries_and_ends_pairs_as_chosen(scene, template, curator):
    closing.year_close(plan=_plan(scene, template), actor=curator)
    for key in ("group", "carried", "ending"):
        scene[key].refresh_from_db()
    assert scene["group"].status == MentorshipStatus.FINISHED
    assert scene["ending"].status == MentorshipStatus.ENDED_EARLY
    assert scene["ending"].end_reason == "наставник уволился"
    assert scene["carried"].status == MentorshipStatus.FINISHED
    assert scene["carried"].year == scene["year"]  # the old pair stays in its year
    following = Mentorship.objects.get(continues=scene["carried"])
    assert following.year.title == "2027/2028"
    assert following.status == MentorshipStatus.ACTIVE
    assert following.start_date == datetime.date(2027, 9, 1)
    assert following.planned_end_date == datetime.date(2027, 12, 20)
    assert list(following.mentees.values_list("person", flat=True)) == [scene["people"]["kim"].pk]
    assert list(following.programme.items.values_list("title", flat=True)) == ["Пункт 1"]
    kim = MenteeProfile.objects.get(person=scene["people"]["kim"])
    assert kim.status == MenteeStatus.PAIRED
    alieva = MenteeProfile.objects.get(person=scene["people"]["alieva"])
    assert alieva.status == MenteeStatus.FINISHED
    lebedev = MenteeProfile.objects.get(person=scene["people"]["lebedev"])
    assert lebedev.status == MenteeStatus.WAITING
    assert AuditEntry.objects.filter(action="year.close").count() == 1


def test_results_are_written_into_both_banks_with_the_year_numbers(scene, curator):
    closing.year_close(plan=_plan(scene), actor=curator)
    results = {
        (r.person.surname, r.role): r
        for r in YearResult.objects.filter(year=scene["year"]).select_related("person")
    }
    assert len(results) == 10
    petrov = results["Петров", "mentor"]
    assert (petrov.outcome, petrov.meetings, petrov.feedback_share) == (
        ResultOutcome.FINISHED,
        3,
        Decimal("100.0"),
    )
    assert petrov.satisfaction == Decimal("7.8") and petrov.programme_on_time is False
    alieva = results["Алиева", "mentee"]
    assert (alieva.meetings, alieva.feedback_share, alieva.satisfaction) == (
        3,
        Decimal("66.7"),
        Decimal("10.0"),
    )
    assert results["Бойко", "mentee"].feedback_share is None
    kim = results["Ким", "mentee"]
    assert kim.outcome == ResultOutcome.CARRIED_OVER and kim.meetings == 1
    assert kim.programme_on_time is False and "2027/2028" in kim.note
    lebedev = results["Лебедев", "mentee"]
    assert lebedev.outcome == ResultOutcome.ENDED_EARLY and lebedev.note == "наставник уволился"
    zueva = results["Зуева", "mentee"]  # closed in March, written now
    assert zueva.outcome == ResultOutcome.FINISHED and zueva.programme_on_time is True


def test_good_graduates_become_mentor_candidates_and_mentors_are_skipped(scene, curator):
    facts = closing.year_facts(year=scene["year"], today=TODAY)
    choices = {pair.pk: pair.default_choice for pair in facts.open}
    rows = {row.name.split()[0]: row for row in closing.graduates(facts, choices)}
    assert set(rows) == {"Алиева", "Бойко", "Зуева"}  # Титов rated it low
    assert rows["Бойко"].blocker == "уже в базе наставников"
    assert rows["Зуева"].reasons == ["программа выполнена в срок"]
    closing.year_close(plan=_plan(scene), actor=curator)
    alieva = MentorProfile.objects.get(person=scene["people"]["alieva"])
    assert alieva.status == MentorStatus.CANDIDATE
    assert alieva.notes == "Из выпускников программы 2026/2027"
    assert MentorProfile.objects.filter(person=scene["people"]["zueva"]).exists()
    assert not MentorProfile.objects.filter(person=scene["people"]["lebedev"]).exists()
    assert not MentorProfile.objects.filter(person=scene["people"]["titov"]).exists()


def test_graduates_not_proposed_are_refused(scene, curator):
    plan = _plan(scene, graduates=(scene["people"]["titov"].pk,))
    with pytest.raises(YearCloseError, match="не выпускники"):
        closing.year_close(plan=plan, actor=curator)


def test_the_new_year_is_current_and_the_old_one_stays_readable(
    scene, template, curator, curator_client
):
    old = scene["year"]
    closing.year_close(plan=_plan(scene, template), actor=curator)
    old.refresh_from_db()
    new = ProgrammeYear.objects.get(title="2027/2028")
    assert new.is_current and not old.is_current
    assert Roadmap.objects.get(year=new).stages.get().events.count() == 2
    assert Roadmap.objects.filter(year=old).exists()
    pairs = curator_client.get(reverse("mentorship:pair-list"), {"year": old.pk})
    assert len(pairs.context["page"]) == 4
    documents = curator_client.get(reverse("reports:document-list"), {"year": old.pk})
    assert "Приказ о назначении куратора" in documents.content.decode()
    roadmap = curator_client.get(reverse("roadmap:roadmap-home"), {"year": old.pk})
    assert roadmap.url == Roadmap.objects.get(year=old).get_absolute_url()
    page = curator_client.get(roadmap.url).content.decode()
    assert "Другие годы" in page and "2027/2028" in page


def test_an_already_planned_next_year_is_used_as_it_is(scene, curator):
    planned = ProgrammeYear.objects.create(
        title="2027/2028",
        start_date=datetime.date(2027, 8, 30),
        end_date=datetime.date(2028, 6, 30),
    )
    report = closing.year_close(plan=_plan(scene), actor=curator)
    assert report.next_year_existed
    planned.refresh_from_db()
    assert planned.is_current and planned.start_date == datetime.date(2027, 8, 30)


def test_closing_deletes_nothing(scene, template, curator):
    before = _counts()
    closing.year_close(plan=_plan(scene, template), actor=curator)
    after = _counts()
    assert all(after[name] >= count for name, count in before.items())


def test_an_error_midway_rolls_everything_back(scene, template, curator):
    before, state = _counts(), _state()
    with (
        mock.patch.object(
            closing, "year_results_record", side_effect=DomainError("диск переполнен")
        ),
        pytest.raises(YearCloseError, match="Итоги года в базах.*диск переполнен"),
    ):
        closing.year_close(plan=_plan(scene, template), actor=curator)
    assert _counts() == before and _state() == state


def test_a_pair_added_after_step_one_stops_the_closing(scene, curator):
    MentorshipFactory(year=scene["year"])
    with pytest.raises(YearCloseError, match="вернитесь к шагу 1"):
        closing.year_close(plan=_plan(scene), actor=curator)


def test_a_carried_pair_needs_its_consents(scene, curator):
    kim = scene["people"]["kim"]
    kim.consents.update(withdrawn_on=datetime.date(2027, 6, 1))
    with pytest.raises(YearCloseError, match="Ким"):
        closing.year_close(plan=_plan(scene), actor=curator)


# --- pages ---------------------------------------------------------------------------------


def test_the_curator_walks_through_the_wizard_and_closes_the_year(scene, template, curator_client):
    group, carried, ending = scene["group"], scene["carried"], scene["ending"]
    page = curator_client.get(reverse("reports:year-close"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Петров" in html and "5 из 7 (71,4%)" in html and "10,0" not in html
    response = curator_client.post(
        reverse("reports:year-close"),
        {
            f"choice_{group.pk}": "finish",
            f"choice_{carried.pk}": "carry",
            f"choice_{ending.pk}": "end_early",
            f"reason_{ending.pk}": "наставник уволился",
        },
    )
    assert response.url == reverse("reports:year-close-graduates")
    page = curator_client.get(response.url).content.decode()
    assert "удовлетворённость 10,0 из 10" in page and "уже в базе наставников" in page
    assert 'value="{}"'.format(scene["people"]["titov"].pk) not in page  # rated it low
    response = curator_client.post(
        reverse("reports:year-close-graduates"), {"people": [scene["people"]["alieva"].pk]}
    )
    assert response.url == reverse("reports:year-close-next")
    page = curator_client.get(response.url).content.decode()
    assert 'value="2027/2028"' in page and 'value="2027-09-01"' in page
    response = curator_client.post(
        reverse("reports:year-close-next"),
        {
            "title": "2027/2028",
            "start_date": "2027-09-01",
            "end_date": "2028-08-31",
            "template": template.pk,
            "banks_confirmed": "on",
        },
    )
    assert response.url == reverse("reports:year-close-preview")
    before = _counts()
    preview = curator_client.get(response.url)
    assert _counts() == before
    html = preview.content.decode()
    assert "Продлеваются в 2027/2028" in html and "наставник уволился" in html
    assert "Закрыть год 2026/2027" in html
    response = curator_client.post(reverse("reports:year-close-preview"))
    assert response.status_code == 302
    assert response.url == f"{reverse('mentorship:pair-list')}?year={scene['year'].pk}"
    assert ProgrammeYear.objects.get(is_current=True).title == "2027/2028"
    assert MentorProfile.objects.filter(person=scene["people"]["alieva"]).exists()
    assert not MentorProfile.objects.filter(person=scene["people"]["zueva"]).exists()  # unticked
    assert "year_close" not in curator_client.session


def test_ending_early_needs_a_reason(scene, curator_client):
    ending = scene["ending"]
    response = curator_client.post(
        reverse("reports:year-close"), {f"choice_{ending.pk}": "end_early"}
    )
    assert response.status_code == 200
    assert "Укажите причину досрочного закрытия." in response.content.decode()


def test_later_steps_send_back_to_the_first(scene, curator_client):
    for name in ("reports:year-close-graduates", "reports:year-close-next"):
        response = curator_client.get(reverse(name))
        assert response.status_code == 302
    response = curator_client.get(reverse("reports:year-close-preview"))
    assert response.url == reverse("reports:year-close")


def test_a_failed_closing_says_what_failed_and_changes_nothing(scene, template, curator_client):
    session = curator_client.session
    session["year_close"] = _plan(scene, template).to_dict()
    session.save()
    before = _counts()
    with mock.patch.object(
        closing, "roadmap_create_from_template", side_effect=DomainError("шаблон испорчен")
    ):
        response = curator_client.post(reverse("reports:year-close-preview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Год не закрыт: ничего не изменено." in html
    assert "Дорожная карта нового года: шаблон испорчен" in html
    assert _counts() == before


@pytest.mark.parametrize(
    "name",
    [
        "reports:year-close",
        "reports:year-close-graduates",
        "reports:year-close-next",
        "reports:year-close-preview",
    ],
)
def test_only_the_curator_may_close_the_year(scene, director_client, name):
    assert director_client.get(reverse(name)).status_code == 403
    assert director_client.post(reverse(name)).status_code == 403
    assert ProgrammeYear.objects.get(is_current=True) == scene["year"]


def test_bank_cards_show_the_results_of_past_years(scene, curator, curator_client):
    closing.year_close(plan=_plan(scene), actor=curator)
    profile = MenteeProfile.objects.get(person=scene["people"]["alieva"])
    page = curator_client.get(reverse("mentorship:mentee-update", args=[profile.pk]))
    html = page.content.decode()
    assert "Итоги прошлых лет" in html
    assert "2026/2027" in html and "завершил программу" in html and "66,7%" in html
    mentor = MentorProfile.objects.get(person=scene["people"]["petrov"])
    html = curator_client.get(reverse("mentorship:mentor-update", args=[mentor.pk])).content
    assert "Итоги прошлых лет" in html.decode()


def test_other_choices_in_step_one_ask_for_the_graduates_again(scene, curator_client):
    group, carried, ending = scene["group"], scene["carried"], scene["ending"]
    choices = {
        f"choice_{group.pk}": "finish",
        f"choice_{carried.pk}": "carry",
        f"choice_{ending.pk}": "finish",
    }
    curator_client.post(reverse("reports:year-close"), choices)
    curator_client.post(reverse("reports:year-close-graduates"), {"people": []})
    assert curator_client.get(reverse("reports:year-close-next")).status_code == 200
    curator_client.post(reverse("reports:year-close"), choices | {f"choice_{group.pk}": "carry"})
    response = curator_client.get(reverse("reports:year-close-next"))
    assert response.url == reverse("reports:year-close-graduates")


def test_the_pairs_step_runs_the_same_queries_for_more_pairs(scene, curator_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def page_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert curator_client.get(reverse("reports:year-close")).status_code == 200
        return len(queries)

    page_queries()  # warm the session and the content types
    few = page_queries()
    form = MentoringFormFactory()
    for _ in range(5):
        _meeting(MentorshipFactory(year=scene["year"], form=form), datetime.date(2027, 1, 10))
    assert page_queries() == few
