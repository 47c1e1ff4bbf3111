"""«Журнал выгрузок персональных данных»: every export writes a row, the log shows and filters
them, pages through them, and only the curator and the director read it."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse

from mentorship.common import AuditEntry, audit
from mentorship.selectors.export_log import EXPORT_ACTIONS
from tests.matrix import MatrixContext
from tests.test_permissions_matrix import EXPECTED

pytestmark = pytest.mark.django_db

LOG = reverse("mentorship:export-log")
ROOT = Path(__file__).resolve().parents[2]
APPS = ("mentorship", "roadmap", "surveys", "reports")

# Every download of personal data, with the persona allowed to make it.
EXPORTS = [
    ("mentorship:people-export", "curator"),
    ("mentorship:mentees-export", "curator"),
    ("mentorship:mentors-export", "curator"),
    ("mentorship:meeting-journal-export", "director"),
    ("mentorship:meeting-regularity-export", "curator"),
    ("surveys:campaign-export", "curator"),
    ("reports:report-stage1-xlsx", "director"),
    ("reports:report-stage2-xlsx", "curator"),
    ("reports:report-stage2-pdf", "curator"),
    ("reports:report-satisfaction-xlsx", "curator"),
    ("reports:report-annual-docx", "curator"),
    ("reports:report-municipal-csv", "director"),
    ("reports:person-form", "curator"),
]


@pytest.mark.parametrize(("url_name", "persona"), EXPORTS)
def test_every_export_of_personal_data_writes_a_row_of_the_log(
    url_name, persona, persona_client, school, request
) -> None:
    kwargs_maker, _statuses = EXPECTED[url_name]
    kwargs = kwargs_maker(MatrixContext(request.getfixturevalue)) if kwargs_maker else None
    client = persona_client(persona)

    response = client.get(reverse(url_name, kwargs=kwargs))
    # Read a download to its end (that closes its file); closing it by hand would fire
    # request_finished and close the PostgreSQL connection under the test.
    if response.streaming:
        b"".join(response.streaming_content)

    assert response.status_code == 200
    entry = AuditEntry.objects.filter(action__in=list(EXPORT_ACTIONS)).get()
    assert entry.actor.username == persona
    assert entry.data["format"]


def test_every_export_action_in_the_code_is_listed_in_the_log() -> None:
    """A new ``*.export`` audit action must be added to EXPORT_ACTIONS (or it is invisible)."""
    found = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            for action in re.findall(r'action="([a-z_.]+)"', path.read_text(encoding="utf-8")):
                if action.rsplit(".", 1)[-1].endswith("export"):
                    found.add(action)
    assert found, "the scan found no export actions at all"
    assert found <= EXPORT_ACTIONS.keys(), sorted(found - EXPORT_ACTIONS.keys())


def test_the_log_shows_who_exported_what_when_and_with_which_filters(
    curator_client, curator, school
) -> None:
    with time_machine.travel(datetime.datetime(2026, 10, 5, 9, 30, tzinfo=datetime.UTC)):
        audit(
            actor=curator,
            action="people.export",
            data={"format": "xlsx", "rows": 12, "filters": {"department": "5А", "young": True}},
        )
    audit(actor=curator, action="person.update")  # not an export: not in the log

    page = curator_client.get(LOG).content.decode()

    assert "Журнал выгрузок персональных данных" in page
    assert "05.10.2026 12:30" in page  # Moscow time
    assert "Татьяна Бондаренко" in page
    assert "Список участников" in page
    assert "формат: XLSX" in page and "строк: 12" in page
    assert "МО или класс: 5А" in page and "молодые специалисты: да" in page
    assert "Выгрузок не нашлось" not in page


def test_the_log_filters_by_the_person_and_the_period(
    curator_client, curator, director, school
) -> None:
    for day, actor, action in (
        (datetime.date(2026, 9, 10), curator, "mentees.export"),
        (datetime.date(2026, 10, 10), director, "meetings.export"),
        (datetime.date(2026, 11, 10), curator, "responses.export"),
    ):
        moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
        with time_machine.travel(moment):
            audit(actor=actor, action=action, data={"format": "xlsx"})

    def shown(query: dict) -> list[str]:
        return [row.what for row in curator_client.get(LOG, query).context["rows"]]

    assert shown({"actor": director.pk}) == ["Журнал встреч"]
    assert shown({"date_from": "2026-10-01", "date_to": "2026-11-30"}) == [
        "Ответы на анкеты",
        "Журнал встреч",
    ]
    assert shown({"actor": curator.pk, "date_from": "2026-10-01"}) == ["Ответы на анкеты"]
    assert shown({"action": "mentees.export"}) == ["База наставляемых"]


def test_a_reversed_period_is_explained(curator_client, school) -> None:
    response = curator_client.get(LOG, {"date_from": "2026-10-01", "date_to": "2026-09-01"})
    assert "Конец периода раньше его начала." in response.content.decode()


def test_the_log_pages_by_fifty(curator_client, curator, school) -> None:
    AuditEntry.objects.bulk_create(
        AuditEntry(actor=curator, action="people.export", data={"format": "csv"}) for _ in range(51)
    )
    first = curator_client.get(LOG)
    second = curator_client.get(LOG, {"page": 2})

    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 1
    assert "Показаны 51–51 из 51" in second.content.decode()


def test_the_log_costs_a_fixed_number_of_queries(
    curator_client, curator, director, school, django_assert_num_queries
) -> None:
    for actor in (curator, director) * 10:
        audit(actor=actor, action="people.export", data={"format": "xlsx"})
    # session, user, roles, school (header), menu permissions (2), the filter's actors, count,
    # one page of entries with their actors
    with django_assert_num_queries(9):
        assert curator_client.get(LOG).status_code == 200


def test_the_director_reads_the_log_and_a_mentor_is_refused(
    director_client, persona_client, school
) -> None:
    assert director_client.get(LOG).status_code == 200
    assert persona_client("mentor").get(LOG).status_code == 403


def test_the_settings_page_links_to_the_log(curator_client, school) -> None:
    assert LOG in curator_client.get(reverse("mentorship:settings")).content.decode()
