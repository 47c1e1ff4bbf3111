"""The documents' workflow: draft → submitted → approved (numbered, frozen) or returned."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, connections

from mentorship.common import AuditEntry
from mentorship.models import Mentorship
from reports.models import Document, DocumentStatus, Register
from reports.renderers import sha256
from reports.services import (
    DocumentError,
    document_approve,
    document_cancel,
    document_create,
    document_return,
    document_submit,
    document_update,
    pairs_order_create,
)
from tests.factories import EventFactory, RoadmapFactory, StageFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 25)


def _curator_order(year, person, **extra):
    return document_create(
        kind="order_curator",
        year=year,
        actor=None,
        params={"curator": person.pk, "duties": "вести базы"},
        **extra,
    )


def _approved(document, on=DAY):
    document_submit(document=document, actor=None)
    return document_approve(document=document, on=on, actor=None)


def test_approval_numbers_from_the_register_pattern(school, year, curator_person):
    Register.objects.filter(code="orders").update(pattern="{n}/1-О")

    first = _approved(_curator_order(year, curator_person))
    second = _approved(_curator_order(year, curator_person))

    assert (first.number, second.number) == ("1/1-О", "2/1-О")
    assert first.approved_on == DAY and first.status == DocumentStatus.APPROVED
    assert [t.to_status for t in first.transitions.all()] == ["draft", "submitted", "approved"]


def test_numbering_starts_again_each_calendar_year(school, year, curator_person):
    _approved(_curator_order(year, curator_person), on=datetime.date(2026, 12, 30))
    january = _approved(_curator_order(year, curator_person), on=datetime.date(2027, 1, 10))

    assert january.number == "1-О"
    assert january.number_year == 2027


def test_documents_without_a_register_get_no_number(school, year, pairs):
    from mentorship.models import PersonalProgramme

    PersonalProgramme.objects.create(mentorship=pairs[0], title="Программа")
    programme = document_create(kind="programme", year=year, actor=None, mentorships=[pairs[0]])

    approved = _approved(programme)

    assert approved.number == "" and approved.sequence is None
    assert approved.sha256


def test_approved_pdf_is_frozen_with_its_sha256(school, year, curator_person):
    document = _approved(_curator_order(year, curator_person))

    with document.pdf.open("rb") as stored:
        data = stored.read()

    assert data.startswith(b"%PDF")
    assert sha256(data) == document.sha256
    assert document.data["number"] == "1-О"
    assert document.data["draft"] is False


def test_approved_pairs_order_survives_later_changes_of_its_pairs(school, year, pairs):
    document = pairs_order_create(year=year, actor=None)
    approved = _approved(document)
    frozen_sha, frozen_data = approved.sha256, approved.data

    pairs[0].mentor.person.surname = "Сидоров"
    pairs[0].mentor.person.save()
    Mentorship.objects.filter(pk=pairs[1].pk).update(planned_end_date=datetime.date(2027, 3, 1))

    approved.refresh_from_db()
    with approved.pdf.open("rb") as stored:
        assert sha256(stored.read()) == frozen_sha
    assert approved.data == frozen_data
    assert "Петров Иван Сергеевич, учитель математики" in str(approved.data)


def test_approved_pairs_order_approves_its_pairs(school, year, pairs):
    approved = _approved(pairs_order_create(year=year, actor=None))

    for pair in pairs:
        pair.refresh_from_db()
        assert pair.status == "approved"
        assert pair.order_reference == f"приказ от 25.11.2026 № {approved.number}"


def test_one_click_pairs_order_takes_draft_pairs_not_in_another_order(school, year, pairs):
    first = pairs_order_create(year=year, actor=None)

    assert set(first.mentorships.all()) == set(pairs)
    with pytest.raises(DocumentError, match="черновик"):
        pairs_order_create(year=year, actor=None)


def test_cancelling_an_approved_pairs_order_returns_its_pairs_to_draft(school, year, pairs):
    approved = _approved(pairs_order_create(year=year, actor=None))

    document_cancel(document=approved, reason="ошибка в составе пар", actor=None)

    approved.refresh_from_db()
    assert approved.status == "cancelled" and approved.number == "1-О"
    assert approved.sha256  # the signed file stays, marked cancelled in the register
    for pair in pairs:
        pair.refresh_from_db()
        assert (pair.status, pair.order_reference) == ("draft", "")


def test_approval_marks_the_roadmap_event_done_with_the_document(school, year, curator_person):
    roadmap = RoadmapFactory(year=year)
    event = EventFactory(stage=StageFactory(roadmap=roadmap), document_kind="order_curator")

    document = _curator_order(year, curator_person)
    assert document.event == event
    _approved(document)

    event.refresh_from_db()
    assert event.status == "done"
    assert event.evidence_object == document


def test_director_returns_a_document_with_a_comment(school, year, curator_person):
    document = _curator_order(year, curator_person)
    document_submit(document=document, actor=None)

    returned = document_return(document=document, comment="Уточните срок", actor=None)

    assert returned.status == "draft" and returned.return_comment == "Уточните срок"
    with pytest.raises(DocumentError, match="Напишите"):
        document_submit(document=returned, actor=None)
        document_return(document=returned, comment=" ", actor=None)


def test_only_drafts_can_be_edited(school, year, curator_person):
    document = _curator_order(year, curator_person)
    document_submit(document=document, actor=None)

    with pytest.raises(DocumentError, match="черновик"):
        document_update(document=document, actor=None, params={}, title="Другое")


def test_an_approved_document_cannot_be_approved_again(school, year, curator_person):
    document = _approved(_curator_order(year, curator_person))

    with pytest.raises(DocumentError, match="утверждён"):
        document_approve(document=document, on=DAY, actor=None)


def test_submit_refuses_a_document_missing_its_data(school, year):
    document = document_create(kind="order_curator", year=year, actor=None, params={})

    with pytest.raises(DocumentError, match="не хватает данных"):
        document_submit(document=document, actor=None)


def test_workflow_steps_are_audited(school, year, curator_person):
    _approved(_curator_order(year, curator_person))

    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"document.create", "document.submit", "document.approve"} <= actions


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_get_distinct_numbers(school, year, curator_person):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the row lock is tested on PostgreSQL")
    documents = [_curator_order(year, curator_person) for _ in range(6)]
    for document in documents:
        document_submit(document=document, actor=None)
    barrier = threading.Barrier(len(documents))
    errors: list[Exception] = []

    def approve(document: Document) -> None:
        try:
            barrier.wait()
            document_approve(document=document, on=DAY, actor=None)
        except Exception as exc:  # noqa: BLE001  (collected and asserted below)
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(d,)) for d in documents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(Document.objects.values_list("sequence", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]
