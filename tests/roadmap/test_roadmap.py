import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from mentorship.exceptions import DomainError
from roadmap import selectors, services
from roadmap.models import Event, EventStatus, Roadmap, RoadmapTemplate
from tests.factories import (
    EventFactory,
    MenteeProfileFactory,
    PersonFactory,
    ProgrammeYearFactory,
    RoadmapFactory,
    StageFactory,
)

TODAY = datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture
def templates(db):
    call_command("load_standard_data", stdout=StringIO())
    return RoadmapTemplate.objects.all()


@pytest.fixture
def year(db):
    return ProgrammeYearFactory(title="2026/2027", is_current=True)


def test_standard_templates_cover_seven_stages(templates):
    for template in templates:
        assert list(template.stages.values_list("number", flat=True)) == list(range(1, 8))
        assert sum(stage.events.count() for stage in template.stages.all()) >= 15


def test_a_roadmap_from_a_template_moves_the_months_to_the_year(templates, year, curator):
    template = RoadmapTemplate.objects.get(code="teachers-2021")
    roadmap = services.roadmap_create_from_template(year=year, template=template, actor=curator)
    first = Event.objects.get(stage__roadmap=roadmap, stage__number=1, order=1)
    assert (first.start_date, first.end_date) == (
        datetime.date(2026, 9, 1),
        datetime.date(2026, 9, 30),
    )
    assert first.deadline_phrase == "Сентябрь 2026 г."
    assert first.document_kind == "order_implementation"
    spanning = Event.objects.filter(stage__roadmap=roadmap, end_date__year=2027).first()
    assert "2027" in spanning.deadline_phrase
    recurring = Event.objects.filter(stage__roadmap=roadmap).exclude(recurrence="").first()
    assert recurring.deadline_phrase.startswith(("Не реже", "Раз в", "Периодически"))
    with pytest.raises(DomainError, match="уже есть"):
        services.roadmap_create_from_template(year=year, template=template, actor=curator)


def test_next_year_template_dates_follow_that_year(templates, curator):
    later = ProgrammeYearFactory(title="2027/2028")
    template = RoadmapTemplate.objects.get(code="pupils-r145")
    roadmap = services.roadmap_create_from_template(year=later, template=template, actor=curator)
    assert roadmap.stages.count() == 7
    assert not Event.objects.filter(stage__roadmap=roadmap, start_date__year=2026).exists()


def test_status_changes_follow_the_rules_and_record_the_day(curator):
    event = EventFactory()
    event = services.event_status_set(event=event, status=EventStatus.DONE, actor=curator)
    assert event.done_on == datetime.date(2026, 11, 25)
    with pytest.raises(DomainError, match="Нельзя перевести"):
        services.event_status_set(event=event, status=EventStatus.CANCELLED, actor=curator)
    event = services.event_status_set(event=event, status=EventStatus.IN_PROGRESS, actor=curator)
    assert event.done_on is None


def test_a_changed_deadline_is_parsed_and_an_unknown_one_is_kept(curator):
    stage = StageFactory(roadmap=RoadmapFactory())
    event = services.event_save(
        stage=stage,
        actor=curator,
        data={"title": "Анкетирование", "deadline_phrase": "ноябрь – декабрь 2026 г."},
    )
    assert (event.start_date, event.end_date) == (
        datetime.date(2026, 11, 1),
        datetime.date(2026, 12, 31),
    )
    event = services.event_save(
        stage=stage,
        event=event,
        actor=curator,
        data={"deadline_phrase": "когда рак на горе свистнет"},
    )
    assert not event.deadline_recognised
    assert event.deadline_phrase == "когда рак на горе свистнет"
    assert event.end_date is None


def test_overdue_and_progress_per_stage(curator):
    roadmap = RoadmapFactory()
    stage = StageFactory(roadmap=roadmap, number=1)
    EventFactory(stage=stage, end_date=datetime.date(2026, 10, 31))  # overdue
    EventFactory(stage=stage, status=EventStatus.DONE)
    EventFactory(stage=stage, status=EventStatus.CANCELLED, end_date=datetime.date(2026, 9, 1))
    EventFactory(
        stage=stage, start_date=datetime.date(2026, 11, 1), end_date=datetime.date(2026, 12, 31)
    )
    view = selectors.roadmap_view(roadmap=roadmap, today=datetime.date(2026, 11, 25))
    stage_view = view.stages[0]
    assert (stage_view.done, stage_view.total, stage_view.overdue) == (1, 3, 1)
    assert stage_view.percent == 33
    this_month = selectors.roadmap_view(
        roadmap=roadmap, today=datetime.date(2026, 11, 25), this_month=True
    )
    assert len(this_month.stages[0].events) == 1


def test_roadmap_page_queries_do_not_grow_with_events(
    curator_client, school, django_assert_num_queries
):
    roadmap = RoadmapFactory()
    person = PersonFactory()

    def page_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert curator_client.get(roadmap.get_absolute_url()).status_code == 200
        return len(queries)

    for number in (1, 2):
        stage = StageFactory(roadmap=roadmap, number=number)
        EventFactory(stage=stage).responsible_people.add(person)
    page_queries()  # the first fills the cache (roles, permissions, the school's name)
    small = page_queries()
    for number in range(3, 8):
        stage = StageFactory(roadmap=roadmap, number=number)
        for _ in range(12):
            EventFactory(stage=stage).responsible_people.add(person)
    assert page_queries() == small


def test_curator_changes_a_status_with_htmx_and_gets_the_row(curator_client, school):
    event = EventFactory()
    response = curator_client.post(
        reverse("roadmap:event-status", args=[event.pk]),
        {"status": "done"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert f'id="event-{event.pk}"' in content and "выполнено 25.11.2026" in content
    event.refresh_from_db()
    assert event.status == EventStatus.DONE


def test_a_responsible_teacher_marks_his_own_event_only(client, teacher, school):
    own, other = EventFactory(), EventFactory()
    own.responsible_people.add(teacher.person)
    client.force_login(teacher)
    page = client.get(reverse("roadmap:my-events")).content.decode()
    assert own.title in page and other.title not in page
    client.post(reverse("roadmap:event-status", args=[own.pk]), {"status": "in_progress"})
    assert (
        client.post(
            reverse("roadmap:event-status", args=[other.pk]), {"status": "done"}
        ).status_code
        == 404
    )
    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.status, other.status) == (EventStatus.IN_PROGRESS, EventStatus.PLANNED)


def test_evidence_upload_is_checked_and_kept(curator_client, school):
    from django.core.files.uploadedfile import SimpleUploadedFile

    event = EventFactory()
    url = reverse("roadmap:event-evidence", args=[event.pk])
    bad = SimpleUploadedFile("x.pdf", b"not a pdf", "application/pdf")
    response = curator_client.post(url, {"file": bad})
    assert "не похож на PDF, JPEG или PNG" in response.content.decode()
    response = curator_client.post(url, {})
    assert "Приложите файл, ссылку" in response.content.decode()
    good = SimpleUploadedFile("p.pdf", b"%PDF-1.4 protocol", "application/pdf")
    curator_client.post(url, {"file": good, "note": "протокол № 1"})
    event.refresh_from_db()
    assert event.evidence_note == "протокол № 1" and event.evidence_file
    download = curator_client.get(reverse("roadmap:event-evidence-file", args=[event.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 protocol"


def test_stage_checklist_links_registers_and_shows_missing_documents(curator):
    roadmap = RoadmapFactory()
    stage = StageFactory(roadmap=roadmap, number=1)
    EventFactory(stage=stage, document_kind="order_implementation", status=EventStatus.DONE)
    MenteeProfileFactory()
    checklists = selectors.stage_checklists(roadmap=roadmap)
    stage1 = {item.label: item for item in checklists[1]}
    assert stage1["приказ о внедрении наставничества"].done
    assert not stage1["приказ о назначении куратора"].done
    stage2 = {item.label: item for item in checklists[2]}
    assert stage2["база наставляемых"].done and stage2["база наставляемых"].url


def test_curator_creates_the_roadmap_from_the_page(curator_client, templates, year, school):
    response = curator_client.get(reverse("roadmap:roadmap-home"))
    assert "Создать из шаблона" in response.content.decode()
    template = RoadmapTemplate.objects.get(code="teachers-2021")
    response = curator_client.post(
        reverse("roadmap:roadmap-create"), {"template": template.pk}, follow=True
    )
    roadmap = Roadmap.objects.get(year=year)
    assert response.redirect_chain[-1][0] == roadmap.get_absolute_url()
    page = response.content.decode()
    assert "Этап 1. Подготовка условий" in page
    timeline = curator_client.get(roadmap.get_absolute_url(), {"view": "timeline"})
    assert "<svg" in timeline.content.decode()


def test_print_data_carries_the_approval_block(templates, year, curator, school):
    template = RoadmapTemplate.objects.get(code="teachers-2021")
    roadmap = services.roadmap_create_from_template(year=year, template=template, actor=curator)
    roadmap.approval_reference = "приказ от 29.08.2026 № 45-О"
    roadmap.save()
    data = selectors.roadmap_print_data(roadmap=roadmap)
    assert data.director_name == school.director_name
    assert data.approval_reference == "приказ от 29.08.2026 № 45-О"
    assert len(data.stages) == 7 and data.stages[0].events[0].deadline == "Сентябрь 2026 г."


def test_home_pages_show_the_roadmap_block_in_constant_queries(client, curator, teacher, school):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    roadmap = RoadmapFactory(year=ProgrammeYearFactory(title="2026/2027", is_current=True))
    stage = StageFactory(roadmap=roadmap, number=1)
    late = EventFactory(stage=stage, title="Просроченное дело", end_date=datetime.date(2026, 10, 1))
    late.responsible_people.add(teacher.person)
    client.force_login(curator)

    def curator_home_queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("mentorship:curator-home")).content.decode()
        return len(queries), page

    curator_home_queries()  # the first fills the cache (roles, permissions, the school)
    small, page = curator_home_queries()
    assert "Просроченное дело" in page and "Выполнено 0 из 1" in page
    for _ in range(40):
        EventFactory(stage=stage)
    assert curator_home_queries()[0] == small
    client.force_login(teacher)
    page = client.get(reverse("mentorship:teacher-home")).content.decode()
    assert "Мои мероприятия дорожной карты" in page and "(просрочено)" in page


def test_evidence_opens_and_saves_inside_the_row_with_htmx(curator_client, school):
    event = EventFactory()
    url = reverse("roadmap:event-evidence", args=[event.pk])
    form = curator_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-encoding="multipart/form-data"' in form and "<html" not in form
    error = curator_client.post(url, {}, HTTP_HX_REQUEST="true")
    assert error["HX-Retarget"] == f"#event-{event.pk}-evidence"
    assert "Приложите файл, ссылку" in error.content.decode()
    row = curator_client.post(
        url, {"link": "https://school.example/nastavnichestvo"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert row.startswith(f'\n<tr id="event-{event.pk}"') or f'<tr id="event-{event.pk}"' in row
    assert "https://school.example/nastavnichestvo" in row
