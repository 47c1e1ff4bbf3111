"""The documents pages: each kind through its form, the workflow, downloads and who sees what."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from mentorship.models import Mentorship, PersonalProgramme
from reports.models import Document, DocumentStatus, Register
from reports.services import document_approve, document_create, document_submit
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 25)


@pytest.fixture
def curator_web(persona_client, curator):
    return persona_client("curator")


@pytest.fixture
def director_web(persona_client, director):
    return persona_client("director")


def _curator_order(year, person, **params) -> Document:
    return document_create(
        kind="order_curator",
        year=year,
        actor=None,
        params={"curator": person.pk, "duties": "вести базы", **params},
    )


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _pdf_body(response) -> bytes:
    # Reading to the end closes the file: the test client wraps the stream for that. Calling
    # response.close() here would fire request_finished and close the database connection.
    return b"".join(response.streaming_content) if response.streaming else response.content


# Creating each kind through its form


def _kind_posts(year, curator_person, pairs) -> dict[str, dict]:
    """A filled form for every kind: the document's fields plus the kind's own («p-…»)."""
    programme_pair = pairs[0]
    PersonalProgramme.objects.create(mentorship=programme_pair, title="Программа Петрова")
    person = str(curator_person.pk)
    return {
        "order_curator": {
            "p-curator": person,
            "p-start_date": "2026-09-01",
            "p-duties": "вести базы\nготовить приказы",
        },
        "order_implementation": {
            "p-model": "both",
            "p-curator": person,
            "p-stage1_date": "2027-01-31",
            "p-stage2_date": "2027-05-31",
            "p-results": "все молодые специалисты закреплены за наставниками",
        },
        "order_pairs": {
            "p-mentorships": [str(pair.pk) for pair in pairs],
            "p-curator": person,
            "p-programmes_due": "2026-10-15",
        },
        "order_rewards": {
            "p-mentors": [str(pairs[0].mentor.person.pk)],
            "p-reward": "gratitude",
            "p-basis": "за высокие результаты работы в программе наставничества",
        },
        "order_final_event": {
            "p-format": "round_table",
            "p-event_date": "2027-05-20",
            "p-place": "актовый зал",
            "p-responsible": person,
            "p-participants": "наставники и наставляемые",
        },
        "protocol": {
            "p-meeting_date": "2026-08-29",
            "p-present": "32",
            "p-absent": "2",
            "p-chair": person,
            "p-secretary": str(pairs[1].mentor.person.pk),
            "agenda-TOTAL_FORMS": "1",
            "agenda-INITIAL_FORMS": "0",
            "agenda-MIN_NUM_FORMS": "1",
            "agenda-MAX_NUM_FORMS": "1000",
            "agenda-0-question": "О внедрении системы наставничества",
            "agenda-0-heard": "Иванову М. П. — о целевой модели наставничества",
            "agenda-0-decided": "Внедрить систему наставничества",
            "agenda-0-votes_for": "32",
        },
        "roadmap": {},
        "programme": {"p-mentorship": str(programme_pair.pk)},
        "agreement": {
            "p-mentorship": str(pairs[1].pk),
            "p-contract_number": "17",
            "p-contract_date": "2019-08-26",
            "p-consent_date": "2026-09-01",
            "p-payment": "доплата в размере 3 000 рублей в месяц",
        },
    }


KIND_CODES = [
    "order_curator",
    "order_implementation",
    "order_pairs",
    "order_rewards",
    "order_final_event",
    "protocol",
    "roadmap",
    "programme",
    "agreement",
]


@pytest.mark.parametrize("kind", KIND_CODES)
def test_the_curator_creates_each_kind_through_its_form(
    curator_web, school, year, curator_person, pairs, kind
):
    url = reverse("reports:document-create-kind", args=[kind])
    assert curator_web.get(url).status_code == 200
    post = {
        "title": "Заголовок документа",
        "event": "",
        **_kind_posts(year, curator_person, pairs)[kind],
    }

    response = curator_web.post(url, post)

    document = Document.objects.get(kind=kind)
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    assert document.status == DocumentStatus.DRAFT and document.year == year
    assert document.title == "Заголовок документа"
    assert "mentorships" not in document.params and "mentorship" not in document.params
    preview = curator_web.get(reverse("reports:document-preview", args=[document.pk]))
    assert preview.status_code == 200 and "ПРОЕКТ" in preview.content.decode()


def test_the_pairs_and_the_programme_go_to_the_documents_pairs_not_its_params(
    curator_web, school, year, curator_person, pairs
):
    posts = _kind_posts(year, curator_person, pairs)
    for kind in ("order_pairs", "programme"):
        url = reverse("reports:document-create-kind", args=[kind])
        curator_web.post(url, {"title": kind, **posts[kind]})

    order = Document.objects.get(kind="order_pairs")
    programme = Document.objects.get(kind="programme")
    assert set(order.mentorships.all()) == set(pairs)
    assert order.params["programmes_due"] == "2026-10-15"
    assert list(programme.mentorships.all()) == [pairs[0]]


def test_the_protocol_keeps_its_agenda_and_can_ask_for_one_more_question(
    curator_web, school, year, curator_person, pairs
):
    url = reverse("reports:document-create-kind", args=["protocol"])
    post = {
        "title": "заседания педагогического совета",
        **_kind_posts(year, curator_person, pairs)["protocol"],
    }

    more = curator_web.post(url, {**post, "add_question": "1"})

    assert more.status_code == 200 and not Document.objects.exists()
    assert 'name="agenda-1-question"' in more.content.decode()
    curator_web.post(url, post)
    agenda = Document.objects.get(kind="protocol").params["agenda"]
    assert [item["question"] for item in agenda] == ["О внедрении системы наставничества"]
    assert agenda[0]["votes_for"] == 32 and "DELETE" not in agenda[0]


def test_an_unknown_kind_is_not_found(curator_web, school, year):
    url = reverse("reports:document-create-kind", args=["order_unknown"])
    assert curator_web.get(url).status_code == 404


def test_without_a_current_year_the_curator_is_sent_to_choose_one(curator_web, school):
    response = curator_web.get(reverse("reports:document-create-kind", args=["order_curator"]))

    assert response.status_code == 302
    assert "учебный год" in _messages(response)[0]


def test_the_kind_page_lists_every_kind_with_its_help(curator_web, school, year):
    page = curator_web.get(reverse("reports:document-create")).content.decode()

    assert "Приказ о назначении куратора" in page
    assert "Дополнительное соглашение к трудовому договору" in page


# Editing, submitting, returning


def test_the_curator_edits_a_draft(curator_web, school, year, curator_person):
    document = _curator_order(year, curator_person, start_date="2026-09-01")
    url = reverse("reports:document-update", args=[document.pk])
    form = curator_web.get(url)
    assert form.status_code == 200 and 'value="2026-09-01"' in form.content.decode()

    curator_web.post(
        url,
        {
            "title": "О назначении куратора",
            "preamble": "В целях организации наставничества",
            "extra_items": "Разместить приказ на сайте",
            "p-curator": str(curator_person.pk),
            "p-start_date": "2026-09-02",
            "p-duties": "вести базы",
        },
    )

    document.refresh_from_db()
    assert document.title == "О назначении куратора"
    assert document.params["start_date"] == "2026-09-02"
    assert document.extra_items == "Разместить приказ на сайте"


def test_a_submitted_document_cannot_be_edited(curator_web, school, year, curator_person):
    document = _curator_order(year, curator_person)
    document_submit(document=document, actor=None)

    response = curator_web.get(reverse("reports:document-update", args=[document.pk]))

    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    assert "только черновик" in _messages(response)[0]


def test_submit_then_the_director_returns_it_with_a_comment(
    curator_web, director_web, school, year, curator_person
):
    document = _curator_order(year, curator_person)

    curator_web.post(reverse("reports:document-submit", args=[document.pk]))
    document.refresh_from_db()
    assert document.status == DocumentStatus.SUBMITTED
    url = reverse("reports:document-return", args=[document.pk])
    assert director_web.post(url, {"comment": "  "}).status_code == 200  # the remark is required
    director_web.post(url, {"comment": "Укажите дату, с которой куратор приступает."})

    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFT
    page = curator_web.get(document.get_absolute_url()).content.decode()
    assert "Директор вернул документ на доработку" in page
    assert "Укажите дату, с которой куратор приступает." in page
    home = curator_web.get(reverse("mentorship:curator-home")).content.decode()
    assert "Возвращены директором на доработку" in home


def test_an_incomplete_draft_is_not_submitted_and_says_why(curator_web, school, year):
    document = document_create(kind="order_curator", year=year, actor=None, params={})

    response = curator_web.post(reverse("reports:document-submit", args=[document.pk]))

    assert response.status_code == 302
    assert "не хватает данных" in _messages(response)[0]
    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFT


# Approval: the number and the frozen PDF


def test_the_director_approves_and_the_stored_pdf_is_served_byte_for_byte(
    director_web, school, year, curator_person
):
    document = _curator_order(year, curator_person)
    document_submit(document=document, actor=None)
    url = reverse("reports:document-approve", args=[document.pk])

    page = director_web.get(url).content.decode()
    assert "№ 1-О" in page
    response = director_web.post(url, {"on": DAY.isoformat()})

    document.refresh_from_db()
    assert response["Location"] == document.get_absolute_url()
    assert document.status == DocumentStatus.APPROVED and document.number == "1-О"
    assert document.approved_on == DAY
    detail = director_web.get(document.get_absolute_url()).content.decode()
    assert "1-О" in detail and document.sha256 in detail
    pdf = director_web.get(reverse("reports:document-pdf", args=[document.pk]))
    body = _pdf_body(pdf)
    assert pdf["Content-Type"] == "application/pdf"
    assert hashlib.sha256(body).hexdigest() == document.sha256
    with document.pdf.open("rb") as stored:
        assert body == stored.read()


def test_an_approved_document_previews_from_its_frozen_data(
    director_web, school, year, curator_person
):
    document = _curator_order(year, curator_person)
    document_submit(document=document, actor=None)
    document_approve(document=document, on=DAY, actor=None)
    curator_person.surname = "Петренко"
    curator_person.save()

    preview = director_web.get(reverse("reports:document-preview", args=[document.pk]))
    docx = director_web.get(reverse("reports:document-docx", args=[document.pk]))

    html = preview.content.decode()
    assert "Иванову" in html and "Петренко" not in html and "ПРОЕКТ" not in html
    assert docx.content.startswith(b"PK") and ".docx" in docx["Content-Disposition"]


def test_a_draft_pdf_is_rendered_on_the_fly_as_a_project(curator_web, school, year, curator_person):
    document = _curator_order(year, curator_person)

    response = curator_web.get(reverse("reports:document-pdf", args=[document.pk]))

    assert response.content.startswith(b"%PDF")
    assert "proekt" in response["Content-Disposition"]
    assert not Document.objects.get(pk=document.pk).pdf


def test_the_approve_page_shows_the_registers_own_pattern(
    director_web, school, year, curator_person
):
    Register.objects.filter(code="orders").update(pattern="{n}/1-од")
    first = _curator_order(year, curator_person)
    document_submit(document=first, actor=None)
    document_approve(document=first, on=DAY, actor=None)
    second = _curator_order(year, curator_person)
    document_submit(document=second, actor=None)

    page = director_web.get(reverse("reports:document-approve", args=[second.pk]))

    assert "№ 2/1-од" in page.content.decode()


def test_only_the_director_approves(
    persona_client, curator, mentor, school, year, curator_person, pairs
):
    document = _curator_order(year, curator_person)
    document_submit(document=document, actor=None)
    url = reverse("reports:document-approve", args=[document.pk])

    assert persona_client("curator").post(url, {"on": DAY.isoformat()}).status_code == 403
    # A mentor does not even learn that a submitted order exists...
    assert persona_client("mentor").post(url, {"on": DAY.isoformat()}).status_code == 404
    # ...and may not approve the programme of his own pair that he can open.
    programme = _approved_programme_of(pairs[0], mentor)
    mentor_url = reverse("reports:document-approve", args=[programme.pk])
    assert persona_client("mentor").get(mentor_url).status_code == 403
    document.refresh_from_db()
    assert document.status == DocumentStatus.SUBMITTED


def test_approving_twice_is_a_message_not_an_error(director_web, school, year, curator_person):
    document = _curator_order(year, curator_person)
    document_submit(document=document, actor=None)
    document_approve(document=document, on=DAY, actor=None)

    response = director_web.post(
        reverse("reports:document-approve", args=[document.pk]), {"on": DAY.isoformat()}
    )

    assert response.status_code == 302
    assert "решение уже принято" in _messages(response)[0]


# Cancelling


def test_the_curator_cancels_a_draft_but_only_the_director_a_signed_one(
    curator_web, director_web, school, year, curator_person
):
    draft = _curator_order(year, curator_person)
    signed = _curator_order(year, curator_person)
    document_submit(document=signed, actor=None)
    document_approve(document=signed, on=DAY, actor=None)

    assert curator_web.get(reverse("reports:document-cancel", args=[draft.pk])).status_code == 200
    assert (
        curator_web.post(
            reverse("reports:document-cancel", args=[draft.pk]), {"reason": ""}
        ).status_code
        == 200
    )
    curator_web.post(reverse("reports:document-cancel", args=[draft.pk]), {"reason": "Дубль"})
    signed_url = reverse("reports:document-cancel", args=[signed.pk])
    assert curator_web.get(signed_url).status_code == 403
    director_web.post(signed_url, {"reason": "Издан новый приказ"})

    draft.refresh_from_db()
    signed.refresh_from_db()
    assert draft.status == signed.status == DocumentStatus.CANCELLED
    assert draft.cancel_reason == "Дубль"
    assert signed.number == "1-О" and signed.pdf  # the signed one keeps its number and file
    page = director_web.get(signed.get_absolute_url()).content.decode()
    assert "Документ отменён" in page and "Издан новый приказ" in page


# One-click drafts from the pairs and programme pages


def test_the_pairs_order_is_made_in_one_click(curator_web, school, year, pairs):
    assert (
        "Сформировать приказ о закреплении"
        in curator_web.get(reverse("mentorship:pair-list")).content.decode()
    )
    url = reverse("reports:pairs-order-create")

    response = curator_web.post(url)

    document = Document.objects.get(kind="order_pairs")
    assert response["Location"] == document.get_absolute_url()
    assert set(document.mentorships.all()) == set(pairs)
    again = curator_web.post(url)
    assert again["Location"] == reverse("mentorship:pair-list")
    assert "Нет пар" in _messages(again)[-1]
    assert Document.objects.filter(kind="order_pairs").count() == 1


def test_the_programme_page_makes_its_document_once(curator_web, school, year, pairs):
    pair = pairs[0]
    PersonalProgramme.objects.create(mentorship=pair, title="Программа")
    page = curator_web.get(reverse("mentorship:programme-detail", args=[pair.pk]))
    assert "Документ программы для утверждения" in page.content.decode()
    url = reverse("reports:programme-document-create", args=[pair.pk])

    first = curator_web.post(url)
    second = curator_web.post(url)

    document = Document.objects.get(kind="programme")
    assert first["Location"] == second["Location"] == document.get_absolute_url()
    assert list(document.mentorships.all()) == [pair]


def test_a_pair_without_a_programme_gets_no_document(curator_web, school, year, pairs):
    response = curator_web.post(reverse("reports:programme-document-create", args=[pairs[1].pk]))

    assert response["Location"] == reverse("mentorship:programme-detail", args=[pairs[1].pk])
    assert not Document.objects.exists()


# Who sees what


def _approved_programme_of(pair: Mentorship, mentor_user) -> Document:
    if mentor_user is not None:
        pair.mentor.person = mentor_user.person
        pair.mentor.save()
    PersonalProgramme.objects.get_or_create(mentorship=pair, defaults={"title": "Программа"})
    document = document_create(kind="programme", year=pair.year, actor=None, mentorships=[pair])
    document_submit(document=document, actor=None)
    return document_approve(document=document, on=DAY, actor=None)


def test_a_teacher_reads_no_drafts_and_no_register(
    persona_client, teacher, school, year, curator_person
):
    document = _curator_order(year, curator_person)
    client = persona_client("teacher")

    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:document-pdf", args=[document.pk])).status_code == 404
    assert client.get(reverse("reports:document-list")).status_code == 403


def test_a_mentor_opens_his_pairs_approved_programme_and_not_another_pairs(
    persona_client, mentor, other_mentor, school, year, pairs
):
    own = _approved_programme_of(pairs[0], mentor)
    other = _approved_programme_of(pairs[1], other_mentor)
    client = persona_client("mentor")

    page = client.get(own.get_absolute_url())
    pdf = client.get(reverse("reports:document-pdf", args=[own.pk]))

    assert page.status_code == 200
    assert "Скачать PDF" in page.content.decode() and "Изменить" not in page.content.decode()
    assert hashlib.sha256(_pdf_body(pdf)).hexdigest() == own.sha256
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:document-pdf", args=[other.pk])).status_code == 404
    assert client.get(reverse("reports:document-docx", args=[own.pk])).status_code == 403


def test_the_mentee_of_the_pair_opens_the_programme_too(
    persona_client, teacher, school, year, pairs
):
    pair = pairs[0]
    mentee = pair.members.get().mentee
    mentee.person = teacher.person
    mentee.save()
    document = _approved_programme_of(pair, None)

    assert persona_client("teacher").get(document.get_absolute_url()).status_code == 200


# Lists and their query budgets


def _documents(year, person, count: int) -> None:
    creator = PersonFactory().user
    for number in range(count):
        document = _curator_order(year, person)
        Document.objects.filter(pk=document.pk).update(title=f"Приказ {number}", created_by=creator)


@pytest.mark.parametrize("count", [1, 20])
def test_the_register_runs_the_same_queries_for_1_and_20_documents(
    curator_web, school, year, curator_person, count, django_assert_num_queries
):
    _documents(year, curator_person, count)
    # session, user, groups (roles), 2 × permissions (user + group, cached after), header
    # school, page: years for the filter, count, rows (with year, author, approver, register),
    # kinds' counts for the tabs
    with django_assert_num_queries(10):
        response = curator_web.get(reverse("reports:document-list"))
    assert response.status_code == 200
    assert response.content.decode().count("Приказ ") >= count


def test_the_register_filters_by_kind_status_year_and_text(
    curator_web, school, year, curator_person
):
    _curator_order(year, curator_person)
    document_create(kind="roadmap", year=year, actor=None, title="Дорожная карта внедрения")
    url = reverse("reports:document-list")

    by_kind = curator_web.get(url, {"kind": "roadmap"}).content.decode()
    by_text = curator_web.get(url, {"q": "куратора"}).content.decode()
    nothing = curator_web.get(url, {"status": "approved"}).content.decode()

    assert "Дорожная карта внедрения" in by_kind and "О назначении куратора" not in by_kind
    assert "О назначении куратора" in by_text and "Дорожная карта внедрения" not in by_text
    assert "документов не нашлось" in nothing


@pytest.mark.parametrize("count", [1, 8])
def test_the_approvals_page_runs_a_fixed_number_of_queries(
    director_web, school, year, curator_person, count, django_assert_num_queries
):
    for _ in range(count):
        document_submit(document=_curator_order(year, curator_person), actor=None)
    # session, user, groups (roles), 2 × permissions, header school, the submitted documents
    with django_assert_num_queries(7):
        response = director_web.get(reverse("reports:approvals"))
    assert response.content.decode().count("Утвердить") >= count


def test_the_directors_home_shows_what_waits_for_approval(
    director_web, school, year, curator_person
):
    document = _curator_order(year, curator_person)
    document_submit(document=document, actor=None)

    home = director_web.get(reverse("mentorship:director-home")).content.decode()

    assert "На утверждение" in home and document.get_absolute_url() in home


# Registers and blanks


def test_the_director_changes_a_registers_pattern(
    persona_client, curator, director, school, year, curator_person
):
    register = Register.objects.get(code="orders")
    url = reverse("reports:register-update", args=[register.pk])

    assert persona_client("curator").get(url).status_code == 403
    refused = persona_client("director").post(url, {"title": register.title, "pattern": "О-1"})
    persona_client("director").post(url, {"title": register.title, "pattern": "{n}/од"})

    assert refused.status_code == 200 and "{n}" in refused.content.decode()
    document = _curator_order(year, curator_person)
    document_submit(document=document, actor=None)
    assert document_approve(document=document, on=DAY, actor=None).number == "1/од"


def test_the_person_card_offers_blanks_to_sign(curator_web, school, curator_person):
    card = curator_web.get(curator_person.get_absolute_url()).content.decode()
    url = reverse("reports:person-form", args=[curator_person.pk, "consent_personal_data", "pdf"])

    assert "Бланки для подписи" in card and url in card
    assert "consent_representative" not in card  # an adult signs for himself
    response = curator_web.get(url)
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment;")
    docx = reverse("reports:person-form", args=[curator_person.pk, "mentor_agreement", "docx"])
    assert curator_web.get(docx).content.startswith(b"PK")
    missing = reverse("reports:person-form", args=[curator_person.pk, "no_such_blank", "pdf"])
    assert curator_web.get(missing).status_code == 404


@pytest.mark.parametrize("name", ["document-approve", "document-return", "document-cancel"])
def test_the_confirmation_pages_carry_the_csrf_token(
    director_web, school, year, curator_person, name
):
    document = _curator_order(year, curator_person)
    document_submit(document=document, actor=None)

    page = director_web.get(reverse(f"reports:{name}", args=[document.pk])).content.decode()

    assert 'name="csrfmiddlewaretoken"' in page
