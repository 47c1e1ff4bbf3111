"""Personalised programmes: creation from a template, progress, who may read and edit."""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorship.common import AuditEntry
from mentorship.exceptions import DomainError
from mentorship.models import (
    ItemKind,
    MentoringForm,
    Mentorship,
    PersonalProgramme,
    ProgrammeItem,
    ProgrammeTemplate,
)
from mentorship.services import programmes as services
from mentorship.services.pairs import mentorship_create
from tests.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorProfileFactory,
    ProgrammeYearFactory,
)

START = datetime.date(2026, 9, 1)
END = datetime.date(2027, 5, 31)
TODAY = datetime.date(2026, 11, 16)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2026, 11, 16, 12, 0, tzinfo=datetime.UTC)):
        yield


@pytest.fixture
def teacher_form(db) -> MentoringForm:
    return MentoringFormFactory(code="teacher-teacher", title="«Учитель – учитель»")


@pytest.fixture
def pair(db, school, mentor, teacher, teacher_form) -> Mentorship:
    """The mentor persona leads the teacher persona, made through the pairs service."""
    for person in (mentor.person, teacher.person):
        ConsentFactory(person=person)
    ConsentFactory(person=mentor.person, kind="mentor_agreement")
    return mentorship_create(
        year=ProgrammeYearFactory(title="2026/2027"),
        form=teacher_form,
        mentor=MentorProfileFactory(person=mentor.person),
        mentees=[MenteeProfileFactory(person=teacher.person)],
        start_date=START,
        planned_end_date=END,
        actor=None,
    )


@pytest.fixture
def template(teacher_form) -> ProgrammeTemplate:
    return ProgrammeTemplate.objects.create(
        code="young",
        title="Молодой специалист",
        form=teacher_form,
        goals="Войти в профессию.",
        items=[
            {"kind": "goal", "title": "Уверенно вести уроки", "week": None},
            {"stage": "adaptation", "kind": "activity", "title": "Знакомство", "week": 0},
            {
                "stage": "adaptation",
                "kind": "activity",
                "title": "Диагностика затруднений",
                "week": 2,
                "expected_result": "Список затруднений",
            },
            {"stage": "main", "kind": "task", "title": "Отработать приёмы", "week": 5},
            {"stage": "main", "kind": "activity", "title": "Взаимопосещение", "week": 12},
            {"stage": "control", "kind": "activity", "title": "Итоговая встреча", "week": 60},
        ],
    )


@pytest.fixture
def programme(pair, template, curator) -> PersonalProgramme:
    return services.programme_create_from_template(
        mentorship=pair, template=template, actor=curator
    )


def _item(programme: PersonalProgramme, title: str) -> ProgrammeItem:
    return programme.items.get(title=title)


def _url(name: str, pair: Mentorship, item: ProgrammeItem | None = None) -> str:
    kwargs = {"pk": pair.pk} | ({"item_pk": item.pk} if item else {})
    return reverse(f"mentorship:{name}", kwargs=kwargs)


# Services ---------------------------------------------------------------------------------


def test_template_items_are_dated_from_the_start_and_clamped_to_the_planned_end(
    programme, pair
) -> None:
    dates = {item.title: item.due_date for item in programme.items.all()}
    assert dates == {
        "Уверенно вести уроки": None,
        "Знакомство": START,
        "Диагностика затруднений": START + datetime.timedelta(weeks=2),
        "Отработать приёмы": START + datetime.timedelta(weeks=5),
        "Взаимопосещение": START + datetime.timedelta(weeks=12),
        "Итоговая встреча": END,  # week 60 is after the planned end
    }
    assert list(programme.items.values_list("order", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert _item(programme, "Диагностика затруднений").expected_result == "Список затруднений"
    assert programme.goals == "Войти в профессию."
    assert programme.template_code == "young"


def test_the_title_names_the_mentor_and_the_mentees(programme) -> None:
    assert programme.title == (
        "Персонализированная программа наставничества: Романова Е. В. — Ёлкина П. В."
    )


def test_creation_is_audited(programme, curator) -> None:
    entry = AuditEntry.objects.get(action="programme.create")
    assert entry.actor == curator
    assert entry.data == {"mentorship": programme.mentorship_id, "template": "young", "items": 6}


def test_a_pair_gets_only_one_programme(programme, pair, template) -> None:
    with pytest.raises(DomainError):
        services.programme_create_from_template(mentorship=pair, template=template, actor=None)
    with pytest.raises(DomainError):
        services.programme_create_empty(mentorship=pair, actor=None)


def test_a_broken_template_is_refused_without_a_half_made_programme(pair) -> None:
    broken = ProgrammeTemplate.objects.create(
        code="broken", title="Сломанный", items=[{"kind": "lesson", "title": "?", "week": 1}]
    )
    with pytest.raises(DomainError, match="неизвестный вид"):
        services.programme_create_from_template(mentorship=pair, template=broken, actor=None)
    assert not PersonalProgramme.objects.exists()


def test_an_empty_programme_takes_the_goal_of_the_pair(pair) -> None:
    Mentorship.objects.filter(pk=pair.pk).update(goal="Снять затруднения с дисциплиной")
    pair.refresh_from_db()
    programme = services.programme_create_empty(mentorship=pair, actor=None)
    assert programme.goals == "Снять затруднения с дисциплиной"
    assert programme.items.count() == 0


def _items(*kinds_done: tuple[str, bool]) -> list[ProgrammeItem]:
    return [
        ProgrammeItem(kind=kind, title="x", done_on=TODAY if done else None)
        for kind, done in kinds_done
    ]


@pytest.mark.parametrize(
    ("items", "percent"),
    [
        ([], 0),
        (_items(("goal", True), ("task", False), ("activity", True)), 50),
        (_items(("goal", False), ("activity", True), ("activity", True)), 100),
        (_items(("goal", True), ("goal", False)), 50),  # only goals: they count
        (_items(("activity", True), ("activity", True), ("activity", False)), 66),  # floor
    ],
)
def test_progress_counts_tasks_and_activities_and_goals_only_when_alone(items, percent) -> None:
    assert services.progress_percent(items) == percent


def test_progress_by_mentorship_agrees_with_the_page(programme, pair) -> None:
    for title in ("Знакомство", "Диагностика затруднений", "Уверенно вести уроки"):
        services.item_mark_done(item=_item(programme, title), done_on=TODAY, actor=None)
    page = services.programme_page(mentorship=pair, today=TODAY)
    assert (page.done, page.total, page.percent) == (2, 5, 40)
    assert services.progress_by_mentorship([pair.pk]) == {pair.pk: 40}


def test_every_change_writes_an_audit_row(programme, mentor) -> None:
    services.programme_update(
        programme=programme, data={"development_plan": "Освоить ФОП"}, actor=mentor
    )
    item = services.item_add(
        programme=programme,
        data={"kind": ItemKind.ACTIVITY, "title": "Открытый урок", "due_date": TODAY},
        actor=mentor,
    )
    services.item_update(item=item, data={"expected_result": "Отзывы коллег"}, actor=mentor)
    services.item_mark_done(item=item, done_on=TODAY, actor=mentor)
    services.item_reopen(item=item, actor=mentor)
    services.item_delete(item=item, actor=mentor)
    actions = list(
        AuditEntry.objects.filter(actor=mentor).order_by("pk").values_list("action", flat=True)
    )
    assert actions == [
        "programme.update",
        "programme.item_add",
        "programme.item_update",
        "programme.item_done",
        "programme.item_reopen",
        "programme.item_delete",
    ]
    assert item.order == 7


def test_dates_outside_the_programme_or_done_in_the_future_are_refused(programme) -> None:
    with pytest.raises(DomainError, match="в пределах программы"):
        services.item_add(
            programme=programme,
            data={"title": "Поздно", "due_date": END + datetime.timedelta(days=1)},
            actor=None,
        )
    item = _item(programme, "Знакомство")
    with pytest.raises(DomainError, match="в будущем"):
        services.item_mark_done(item=item, done_on=TODAY + datetime.timedelta(days=1), actor=None)


def test_the_page_groups_items_by_the_stages_of_the_template(programme, pair) -> None:
    page = services.programme_page(mentorship=pair, today=TODAY)
    assert [item.title for item in page.goals] == ["Уверенно вести уроки"]
    assert {stage.code: [item.title for item in stage.items] for stage in page.stages} == {
        "adaptation": ["Знакомство", "Диагностика затруднений"],
        "main": ["Отработать приёмы", "Взаимопосещение"],
        "control": ["Итоговая встреча"],
    }
    # Due before 16.11 and not done: the first three dated items.
    assert page.overdue == 3


def test_without_a_template_the_stages_split_the_period_by_sixths(pair) -> None:
    programme = services.programme_create_empty(mentorship=pair, actor=None)
    for day in (START, datetime.date(2026, 12, 1), datetime.date(2027, 5, 1)):
        services.item_add(
            programme=programme, data={"title": str(day), "due_date": day}, actor=None
        )
    services.item_add(programme=programme, data={"title": "Когда-нибудь"}, actor=None)
    page = services.programme_page(mentorship=pair, today=TODAY)
    assert [len(stage.items) for stage in page.stages] == [1, 1, 1]
    assert [item.title for item in page.undated] == ["Когда-нибудь"]


# The standard templates --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_standard_templates_load_with_their_forms_and_ordered_stages() -> None:
    fixtures = settings.BASE_DIR / "fixtures"
    call_command("loaddata", fixtures / "mentoring_forms.json", verbosity=0)
    call_command("loaddata", fixtures / "programme_templates.json", verbosity=0)
    call_command("loaddata", fixtures / "programme_templates.json", verbosity=0)  # idempotent
    templates = {t.form.code: t for t in ProgrammeTemplate.objects.select_related("form")}
    with_templates = {
        "teacher-teacher",
        "traditional",
        "group",
        "reverse",
        "virtual",
        "short-term",
        "head-teacher",
        "pupil-pupil",
        "student-pupil",
        "employer-pupil",
    }
    assert set(templates) == with_templates
    assert ProgrammeTemplate.objects.count() == len(with_templates)
    order = {"adaptation": 0, "main": 1, "control": 2}
    for template in templates.values():
        dated = [item for item in template.items if item["kind"] != "goal"]
        assert all(item["stage"] in order and item["week"] >= 0 for item in dated)
        weeks_by_stage = sorted((order[i["stage"]], i["week"]) for i in dated)
        assert [w for _, w in weeks_by_stage] == sorted(w for _, w in weeks_by_stage), template
        assert max(i["week"] for i in dated) <= 52
    teacher = templates["teacher-teacher"]
    activities = [i for i in teacher.items if i["kind"] == "activity"]
    assert 10 <= len(activities) <= 15
    assert max(i["week"] for i in activities) == 30


def test_the_standard_fixture_is_listed_for_load_standard_data() -> None:
    from mentorship.standard_data import STANDARD_FIXTURE_NAMES

    names = STANDARD_FIXTURE_NAMES
    assert names.index("programme_templates.json") > names.index("mentoring_forms.json")
    raw = json.loads((settings.BASE_DIR / "fixtures" / "programme_templates.json").read_text())
    assert all("pk" not in row and isinstance(row["fields"]["form"], list) for row in raw)


# Views -------------------------------------------------------------------------------------


def test_the_start_page_offers_the_templates_of_the_pair_form_first(
    client, mentor, pair, template
) -> None:
    ProgrammeTemplate.objects.create(code="aaa", title="А-шаблон другой формы", items=[])
    client.force_login(mentor)
    response = client.get(_url("programme-detail", pair))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Молодой специалист") < html.index("А-шаблон другой формы")
    assert "Без шаблона" in html


def test_the_mentor_creates_the_programme_from_a_template(client, mentor, pair, template) -> None:
    client.force_login(mentor)
    response = client.post(_url("programme-create", pair), {"template": template.pk})
    assert response.status_code == 302
    assert PersonalProgramme.objects.get(mentorship=pair).items.count() == 6


def test_the_mentor_may_start_an_empty_programme(client, mentor, pair) -> None:
    client.force_login(mentor)
    client.post(_url("programme-create", pair), {"template": ""})
    assert PersonalProgramme.objects.get(mentorship=pair).items.count() == 0


def test_the_mentee_sees_that_there_is_no_programme_yet_and_may_not_create_it(
    client, teacher, pair, template
) -> None:
    client.force_login(teacher)
    response = client.get(_url("programme-detail", pair))
    assert "ещё не составлена" in response.content.decode()
    assert "Создать программу" not in response.content.decode()
    response = client.post(_url("programme-create", pair), {"template": template.pk})
    assert response.status_code == 403
    assert not PersonalProgramme.objects.exists()


def test_the_mentor_edits_his_own_programme(client, mentor, pair, programme) -> None:
    client.force_login(mentor)
    page = client.get(_url("programme-detail", pair)).content.decode()
    assert "Добавить пункт" in page
    response = client.post(
        _url("programme-update", pair),
        {"title": programme.title, "goals": "Новые цели", "development_plan": "1. Дисциплина"},
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.goals, programme.development_plan) == ("Новые цели", "1. Дисциплина")

    client.post(
        _url("programme-item-create", pair),
        {"kind": "activity", "title": "Открытый урок", "due_date": "2027-03-01"},
    )
    item = _item(programme, "Открытый урок")
    assert item.due_date == datetime.date(2027, 3, 1)
    client.post(
        _url("programme-item-update", pair, item),
        {"kind": "activity", "title": "Открытый урок по физике", "due_date": "2027-03-02"},
    )
    item.refresh_from_db()
    assert (item.title, item.due_date) == ("Открытый урок по физике", datetime.date(2027, 3, 2))
    assert "Удалить пункт" in client.get(_url("programme-item-delete", pair, item)).content.decode()
    client.post(_url("programme-item-delete", pair, item))
    assert not ProgrammeItem.objects.filter(pk=item.pk).exists()


def test_an_item_due_outside_the_programme_comes_back_with_the_error(
    client, mentor, pair, programme
) -> None:
    client.force_login(mentor)
    response = client.post(
        _url("programme-item-create", pair),
        {"kind": "task", "title": "Поздно", "due_date": "2030-01-01"},
    )
    assert response.status_code == 200
    assert "в пределах программы" in response.content.decode()


def test_another_mentor_does_not_learn_the_programme_exists(
    client, other_mentor, pair, programme
) -> None:
    client.force_login(other_mentor)
    item = _item(programme, "Знакомство")
    assert client.get(_url("programme-detail", pair)).status_code == 404
    assert client.get(_url("programme-update", pair)).status_code == 404
    assert client.post(_url("programme-item-done", pair, item)).status_code == 404
    item.refresh_from_db()
    assert item.done_on is None


def test_the_mentee_reads_but_may_not_change_or_mark_anything(
    client, teacher, pair, programme
) -> None:
    client.force_login(teacher)
    item = _item(programme, "Знакомство")
    page = client.get(_url("programme-detail", pair))
    assert page.status_code == 200
    assert "Знакомство" in page.content.decode()
    assert _url("programme-item-done", pair, item) not in page.content.decode()
    assert client.post(_url("programme-item-done", pair, item)).status_code == 403
    assert client.post(_url("programme-update", pair), {"title": "x"}).status_code == 403
    assert client.post(_url("programme-item-delete", pair, item)).status_code == 403
    item.refresh_from_db()
    assert item.done_on is None


def test_the_director_reads_every_programme_without_edit_controls(
    director_client, pair, programme
) -> None:
    page = director_client.get(_url("programme-detail", pair)).content.decode()
    assert "Знакомство" in page
    assert "Добавить пункт" not in page
    assert director_client.post(_url("programme-update", pair), {}).status_code == 403


def test_the_curator_edits_any_programme(curator_client, pair, programme) -> None:
    item = _item(programme, "Знакомство")
    response = curator_client.post(_url("programme-item-done", pair, item))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.done_on == TODAY


def test_the_htmx_toggle_returns_the_row_and_the_new_progress_bar(
    client, mentor, pair, programme
) -> None:
    client.force_login(mentor)
    item = _item(programme, "Знакомство")
    url = _url("programme-item-done", pair, item)

    response = client.post(url, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="item-{item.pk}"' in html
    assert "выполнено 16.11.2026" in html
    assert 'id="programme-progress"' in html and 'hx-swap-oob="true"' in html
    assert "Выполнено 1 из 5" in html and 'aria-valuenow="20"' in html
    assert "Вернуть в работу" in html

    html = client.post(url, HTTP_HX_REQUEST="true").content.decode()
    item.refresh_from_db()
    assert item.done_on is None
    assert "Выполнено 0 из 5" in html and "просрочено" in html


def _add_items(programme: PersonalProgramme, count: int) -> None:
    ProgrammeItem.objects.bulk_create(
        ProgrammeItem(
            programme=programme,
            order=100 + n,
            kind=ItemKind.ACTIVITY,
            title=f"Встреча {n}",
            due_date=START + datetime.timedelta(days=7 * n),
            done_on=TODAY if n % 2 else None,
        )
        for n in range(count)
    )


def test_the_programme_page_makes_the_same_queries_for_few_and_many_items(
    client, mentor, pair, programme, django_assert_num_queries
) -> None:
    client.force_login(mentor)
    url = _url("programme-detail", pair)
    _add_items(programme, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _add_items(programme, 30)
    # 10: session, user, his roles and permissions (3, kept in the cache afterwards); the
    # pair through the visibility policy with mentor and form joined; the programme, its
    # items, its template; the layout's school name (kept too). Nothing per item.
    assert len(few.captured_queries) == 10
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.content.decode().count('class="list-group-item') == 6 + 32
