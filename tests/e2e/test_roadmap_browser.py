import datetime

import pytest

from roadmap.models import EventStatus
from tests.factories import EventFactory, RoadmapFactory, StageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_curator_marks_an_event_done_without_reloading(page, live_server, school, curator):
    roadmap = RoadmapFactory()
    stage = StageFactory(roadmap=roadmap, number=1, title="Подготовка условий")
    event = EventFactory(
        stage=stage, title="Назначить куратора", end_date=datetime.date(2026, 9, 30)
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill("curator")
    page.get_by_label("Пароль").fill("secret-pass-1")
    page.get_by_role("button", name="Войти").click()
    page.goto(f"{live_server.url}{roadmap.get_absolute_url()}")
    row = page.locator(f"#event-{event.pk}")
    assert "просрочено" in row.inner_text()
    page.evaluate("window.__marker = 'same page'")
    row.get_by_label("Статус мероприятия").select_option("done")
    page.wait_for_selector(f"#event-{event.pk}.table-success")
    assert page.evaluate("window.__marker") == "same page"  # swapped by htmx, no reload
    assert "выполнено" in page.locator(f"#event-{event.pk}").inner_text()
    event.refresh_from_db()
    assert event.status == EventStatus.DONE
