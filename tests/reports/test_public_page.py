"""The public page «Наставничество»: nobody appears without a publication consent, each part
of a person only with its category, nothing after a withdrawal; signed PDFs exactly as stored;
the version for the visually impaired; a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorship.models import (
    Case,
    Consent,
    ConsentKind,
    Resource,
    ResourceKind,
    Reward,
    RewardKind,
    Signer,
)
from mentorship.services.consents import consent_withdraw
from reports.models import PUBLIC_DOCUMENT_KINDS, Document, DocumentStatus, PublicPage
from reports.renderers import sha256
from reports.selectors_public import NAMED_IN
from tests.factories import (
    ConsentFactory,
    EventFactory,
    MentoringFormFactory,
    PersonFactory,
    StageFactory,
)

pytestmark = pytest.mark.django_db

PAGE = "/nastavnichestvo/"
FROZEN_PDF = b"%PDF-1.7\n% the signed file, stored at approval\n1 0 obj <<>> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


@pytest.fixture
def page(db) -> PublicPage:
    return PublicPage.objects.create(pk=1, is_enabled=True, intro="Наставничество в нашей школе.")


@pytest.fixture
def visitor(client, school, year, page):
    """An anonymous visitor of an open page in a school with a current year."""
    return client


def _person(surname: str, *, publish: list[str] | None, photo: bool = False, **fields):
    """A staff member with a processing consent and, if given, a publication one."""
    person = PersonFactory(
        surname=surname,
        name="Ольга",
        patronymic="Ивановна",
        position=fields.pop("position", "учитель физики"),
        **fields,
    )
    ConsentFactory(person=person, kind=ConsentKind.PERSONAL_DATA)
    if publish is not None:
        ConsentFactory(person=person, kind=ConsentKind.PUBLICATION, data_categories=publish)
    if photo:
        person.photo.save("photo.png", ContentFile(PNG))
    return person


def _honour(person, year, kind=RewardKind.GRATITUDE, reference="приказ от 20.05.2027 № 41-О"):
    return Reward.objects.create(
        year=year, person=person, kind=kind, order_reference=reference, basis="за работу с ЮС"
    )


def _case(year, *authors, title="Первый год без выгорания") -> Case:
    case = Case.objects.create(
        year=year,
        title=title,
        form=MentoringFormFactory(title="«педагог – педагог»"),
        problem="Молодой учитель не справлялся с дисциплиной.",
        actions="Взаимопосещение уроков, разбор ситуаций.",
        result="Уроки без срывов с декабря.",
        is_published=True,
    )
    case.authors.set(authors)
    return case


def _document(year, *, kind="regulation", status=DocumentStatus.APPROVED, public=True, **params):
    document = Document.objects.create(
        kind=kind,
        year=year,
        title="Положение о наставничестве",
        status=status,
        approved_on=datetime.date(2026, 9, 5) if status != DocumentStatus.DRAFT else None,
        number="12-О",
        params=params,
        sha256=sha256(FROZEN_PDF) if status != DocumentStatus.DRAFT else "",
        is_public=public,
    )
    if status != DocumentStatus.DRAFT:
        document.pdf.save("polozhenie.pdf", ContentFile(FROZEN_PDF))
    return document


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _text(response) -> str:
    return response.content.decode()


# Access


def test_anonymous_visitor_opens_the_page_without_logging_in(visitor) -> None:
    response = visitor.get(PAGE)

    assert response.status_code == 200
    assert "Наставничество в нашей школе." in _text(response)
    assert "no-cache" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_the_url_name_is_public_page() -> None:
    assert reverse("public:page") == PAGE


def test_a_closed_page_is_404_for_visitors_and_a_preview_for_the_curator(
    client, school, year, curator
) -> None:
    PublicPage.objects.create(pk=1, is_enabled=False)

    assert client.get(PAGE).status_code == 404
    client.force_login(curator)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "ещё не открыта для посетителей" in _text(response)


def test_a_fresh_installation_has_no_page_yet(client, school) -> None:
    assert client.get(PAGE).status_code == 404
    assert not PublicPage.objects.exists()  # a GET writes nothing


# People and their consents


def test_it_shows_no_one_without_a_publication_consent(visitor, year, page) -> None:
    person = _person("Лебедева", publish=None, photo=True)
    _honour(person, year)
    _case(year, person)
    page.contact_person = person
    page.save()

    text = _text(visitor.get(PAGE))

    assert "Лебедева" not in text
    assert "учитель физики" not in text
    assert "Авторы — участники программы" in text
    assert "1 наставник отмечен поощрениями; их имена не публикуются" in text
    assert reverse("public:photo", args=[person.pk]) not in text


def test_a_publication_consent_alone_is_not_enough_without_consent_to_processing(
    visitor, year
) -> None:
    person = PersonFactory(surname="Лебедева")
    ConsentFactory(person=person, kind=ConsentKind.PUBLICATION, data_categories=["name", "work"])
    _honour(person, year)

    assert "Лебедева" not in _text(visitor.get(PAGE))


def test_it_shows_the_name_only_with_the_name_category(visitor, year) -> None:
    hidden = _person("Лебедева", publish=["work", "photo", "cases"], photo=True)
    named = _person("Соколова", publish=["name"], photo=True, position="учитель химии")
    _honour(hidden, year)
    _honour(named, year)

    text = _text(visitor.get(PAGE))

    assert "Лебедева" not in text
    assert "Соколова Ольга Ивановна" in text
    assert "учитель химии" not in text  # the position needs the «work» category
    assert reverse("public:photo", args=[named.pk]) not in text  # the photo needs «photo»
    assert "Ещё 1 наставник отмечен поощрениями" in text


def test_it_shows_the_position_with_the_work_category(visitor, year) -> None:
    _honour(_person("Соколова", publish=["name", "work"], position="учитель химии"), year)

    text = _text(visitor.get(PAGE))

    assert "Соколова Ольга Ивановна" in text
    assert "учитель химии" in text


def test_it_shows_the_photo_only_with_the_photo_category(visitor, year) -> None:
    with_photo = _person("Соколова", publish=["name", "photo"], photo=True)
    without = _person("Лебедева", publish=["name"], photo=True)
    _honour(with_photo, year)
    _honour(without, year)

    text = _text(visitor.get(PAGE))
    shown = visitor.get(reverse("public:photo", args=[with_photo.pk]))
    refused = visitor.get(reverse("public:photo", args=[without.pk]))

    assert f'src="{reverse("public:photo", args=[with_photo.pk])}"' in text
    assert 'alt="Фотография: Соколова Ольга Ивановна"' in text  # never an image alone
    assert reverse("public:photo", args=[without.pk]) not in text
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/png"
    assert _body(shown) == PNG
    assert refused.status_code == 404


def test_a_photo_of_someone_not_honoured_this_year_is_not_served(visitor, year) -> None:
    person = _person("Соколова", publish=["name", "photo"], photo=True)
    _honour(person, year, reference="")  # proposed, the order is not signed yet

    assert visitor.get(reverse("public:photo", args=[person.pk])).status_code == 404
    assert "Соколова" not in _text(visitor.get(PAGE))


def test_nothing_of_the_person_is_left_after_the_consent_is_withdrawn(visitor, year, page) -> None:
    person = _person("Соколова", publish=["name", "work", "photo"], photo=True)
    _honour(person, year)
    _case(year, person)
    page.contact_person = person
    page.save()
    photo = reverse("public:photo", args=[person.pk])
    assert "Соколова Ольга Ивановна" in _text(visitor.get(PAGE))
    before = visitor.get(photo)
    assert before.status_code == 200
    assert _body(before) == PNG

    consent = Consent.objects.get(person=person, kind=ConsentKind.PUBLICATION)
    consent_withdraw(consent=consent, note="заявление от 26.11.2026", actor=None)
    text = _text(visitor.get(PAGE))

    assert "Соколова" not in text
    assert "учитель физики" not in text
    assert photo not in text
    assert visitor.get(photo).status_code == 404
    assert "Авторы — участники программы" in text


def test_withdrawing_the_processing_consent_also_removes_the_person(visitor, year) -> None:
    person = _person("Соколова", publish=["name"])
    _honour(person, year)
    consent = Consent.objects.get(person=person, kind=ConsentKind.PERSONAL_DATA)

    consent_withdraw(consent=consent, actor=None)

    assert "Соколова" not in _text(visitor.get(PAGE))


def test_case_authors_are_named_only_with_consent(visitor, year) -> None:
    named = _person("Соколова", publish=["name"])
    hidden = _person("Лебедева", publish=None)
    _case(year, named, hidden, title="Наставник и новичок")
    _case(year, hidden, title="Тихая практика")

    text = _text(visitor.get(PAGE))

    assert "Авторы: Соколова Ольга Ивановна и другие участники программы" in text
    assert "Авторы — участники программы" in text
    assert "Лебедева" not in text
    assert "Молодой учитель не справлялся с дисциплиной." in text


def test_a_minor_needs_his_representatives_consent_to_be_shown(visitor, year) -> None:
    pupil = PersonFactory(surname="Ким", birth_date=datetime.date(2012, 3, 1), kind="pupil")
    ConsentFactory(person=pupil, kind=ConsentKind.PUBLICATION, data_categories=["name"])
    _case(year, pupil)
    assert "Ким" not in _text(visitor.get(PAGE))

    ConsentFactory(
        person=pupil,
        kind=ConsentKind.REPRESENTATIVE,
        signer=Signer.REPRESENTATIVE,
        representative_name="Ким Ирина Олеговна",
        representative_document="свидетельство о рождении",
    )
    assert "Ким Анна Сергеевна" in _text(visitor.get(PAGE))


def test_the_contact_shows_the_name_only_with_consent(visitor, page) -> None:
    page.contact_person = _person("Бондаренко", publish=["work"])
    page.contact_email = "nastavnik@school5.ru"
    page.save()

    text = _text(visitor.get(PAGE))

    assert "Бондаренко" not in text
    assert "nastavnik@school5.ru" in text


def test_the_roadmap_shows_progress_by_stage_but_no_responsible_people(visitor, year) -> None:
    from roadmap.models import Roadmap  # noqa: PLC0415

    roadmap = Roadmap.objects.create(year=year, title="Дорожная карта")
    stage = StageFactory(roadmap=roadmap, number=1, title="Подготовка условий")
    responsible = _person("Ответственная", publish=["name"])
    done = EventFactory(stage=stage, title="Издать приказ о внедрении", status="done")
    done.responsible_people.set([responsible])
    EventFactory(stage=stage, title="Разместить раздел на сайте", responsible_text="куратор")
    EventFactory(stage=stage, title="Отменённое", status="cancelled")

    text = _text(visitor.get(PAGE))

    assert "Подготовка условий" in text
    assert "<strong>1 из 2</strong> (50 %)" in text
    assert "Издать приказ о внедрении" in text
    assert "Ответственная" not in text
    assert "Отменённое" not in text


# Documents


def test_the_public_pdf_is_byte_identical_to_the_frozen_file(visitor, year) -> None:
    document = _document(year)

    text = _text(visitor.get(PAGE))
    response = visitor.get(reverse("public:document-pdf", args=[document.pk]))

    assert reverse("public:document-pdf", args=[document.pk]) in text
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["ETag"] == f'"{document.sha256}"'
    body = _body(response)
    with document.pdf.open("rb") as stored:
        assert body == stored.read()
    assert sha256(body) == document.sha256


def test_a_lost_file_is_404_not_an_error(visitor, year) -> None:
    document = _document(year)
    document.pdf.storage.delete(document.pdf.name)

    assert visitor.get(reverse("public:document-pdf", args=[document.pk])).status_code == 404


def test_a_repeated_download_with_the_etag_is_not_modified(visitor, year) -> None:
    document = _document(year)
    url = reverse("public:document-pdf", args=[document.pk])

    response = visitor.get(url, headers={"If-None-Match": f'"{document.sha256}"'})

    assert response.status_code == 304


@pytest.mark.parametrize(
    ("status", "public", "kind"),
    [
        (DocumentStatus.APPROVED, False, "regulation"),  # not marked public
        (DocumentStatus.DRAFT, True, "regulation"),
        (DocumentStatus.SUBMITTED, True, "regulation"),
        (DocumentStatus.CANCELLED, True, "regulation"),
        (DocumentStatus.APPROVED, True, "order_pairs"),  # lists pupils: never public
        (DocumentStatus.APPROVED, True, "programme"),
    ],
)
def test_a_document_that_is_not_public_is_404(visitor, year, status, public, kind) -> None:
    document = _document(year, status=status, public=public, kind=kind)

    response = visitor.get(reverse("public:document-pdf", args=[document.pk]))

    assert response.status_code == 404
    assert reverse("public:document-pdf", args=[document.pk]) not in _text(visitor.get(PAGE))


def test_a_document_naming_someone_without_consent_is_withheld(visitor, year) -> None:
    curator = _person("Бондаренко", publish=["name"])  # an order prints the position too
    document = _document(year, kind="order_curator", curator=curator.pk)
    url = reverse("public:document-pdf", args=[document.pk])
    assert visitor.get(url).status_code == 404

    Consent.objects.filter(person=curator, kind=ConsentKind.PUBLICATION).update(
        data_categories=["name", "work"]
    )
    response = visitor.get(url)
    assert response.status_code == 200
    assert _body(response) == FROZEN_PDF
    assert url in _text(visitor.get(PAGE))


def test_a_document_naming_a_deleted_person_is_withheld(visitor, year) -> None:
    document = _document(year, kind="protocol", chair=999999)

    assert visitor.get(reverse("public:document-pdf", args=[document.pk])).status_code == 404


def test_a_roadmap_document_is_withheld_while_a_responsible_person_has_no_consent(
    visitor, year
) -> None:
    from roadmap.models import Roadmap  # noqa: PLC0415

    stage = StageFactory(roadmap=Roadmap.objects.create(year=year, title="Карта"), number=1)
    event = EventFactory(stage=stage)
    event.responsible_people.set([_person("Лебедева", publish=None)])
    document = _document(year, kind="roadmap")

    assert visitor.get(reverse("public:document-pdf", args=[document.pk])).status_code == 404


def test_every_public_kind_says_whom_it_prints() -> None:
    assert set(NAMED_IN) == set(PUBLIC_DOCUMENT_KINDS)


# The version for the visually impaired


def test_the_accessible_version_renders_large_high_contrast_type(visitor) -> None:
    response = visitor.get(PAGE, {"vision": "on"})
    text = _text(response)

    assert '<html lang="ru" class="vision vision-white vision-size-150">' in text
    assert response.cookies["vision"].value == "white.150.on"
    assert "Обычная версия сайта" in text


def test_the_choice_is_remembered_in_a_cookie(visitor) -> None:
    visitor.get(PAGE, {"scheme": "black", "size": "200", "images": "off"})

    text = _text(visitor.get(PAGE))

    assert 'class="vision vision-black vision-size-200 vision-no-images"' in text


def test_a_link_changes_one_setting_and_keeps_the_others(visitor) -> None:
    visitor.get(PAGE, {"scheme": "black", "size": "200"})

    visitor.get(PAGE, {"scheme": "white"})
    text = _text(visitor.get(PAGE))

    assert 'class="vision vision-white vision-size-200"' in text


def test_the_normal_version_comes_back_and_forgets_the_cookie(visitor) -> None:
    visitor.get(PAGE, {"vision": "on"})

    response = visitor.get(PAGE, {"vision": "off"})

    assert '<html lang="ru">' in _text(response)
    assert response.cookies["vision"].value == ""
    assert '<html lang="ru">' in _text(visitor.get(PAGE))


def test_a_forged_cookie_is_ignored(visitor) -> None:
    visitor.cookies["vision"] = 'x" onload="alert(1)'

    text = _text(visitor.get(PAGE))

    assert '<html lang="ru">' in text
    assert "alert" not in text


def test_the_page_has_landmarks_and_headings_in_order(visitor, year) -> None:
    _document(year)
    text = _text(visitor.get(PAGE, {"vision": "on"}))

    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in text
    levels = [
        int(text[i + 2])
        for i in range(len(text))
        if text.startswith("<h", i) and text[i + 2].isdigit()
    ]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert "<script" not in text


# Query budget


def _fill(year, n: int, start: int = 0) -> None:
    """n of everything the page lists, each person named and photographed."""
    for i in range(start, start + n):
        person = _person(f"Наставница{i}", publish=["name", "work", "photo"], photo=True)
        _honour(person, year)
        _case(year, person, _person(f"Автор{i}", publish=None), title=f"Практика {i}")
        _document(year, kind="order_curator", curator=person.pk)
        Resource.objects.create(
            title=f"Памятка {i}",
            kind=ResourceKind.MEMO_MENTOR,
            url="https://example.ru",
            is_public=True,
        )


def _queries(client) -> int:
    client.get(PAGE)  # the school's name is kept in the cache after the first visit
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_for_1_and_20_items(visitor, year) -> None:
    from roadmap.models import Roadmap  # noqa: PLC0415

    stage = StageFactory(roadmap=Roadmap.objects.create(year=year, title="Карта"), number=1)
    EventFactory(stage=stage)
    _fill(year, 1)
    one = _queries(visitor)
    _fill(year, 19, start=1)
    twenty = _queries(visitor)

    assert "Наставница19" in _text(visitor.get(PAGE))
    assert one == twenty


def test_the_page_query_budget(visitor, year, django_assert_num_queries) -> None:
    from roadmap.models import Roadmap  # noqa: PLC0415

    stage = StageFactory(roadmap=Roadmap.objects.create(year=year, title="Карта"), number=1)
    EventFactory(stage=stage)
    _fill(year, 3)
    # Page settings 1, school 1, current year 1; roadmap, its stages, their events 3;
    # documents 1 and the people they name 1; cases 1 and their authors 1; rewards 1;
    # resources 1; consents: processing gates 1 and publication categories 1; the school's
    # name again for the header (the navigation context processor) 1.
    with django_assert_num_queries(15):
        visitor.get(PAGE)


# The curator's side


def test_the_curator_publishes_an_approved_document_from_its_page(curator_client, year) -> None:
    document = _document(year, public=False)

    response = curator_client.post(
        reverse("reports:document-public", args=[document.pk]), {"is_public": "1"}
    )

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.is_public
    detail = curator_client.get(document.get_absolute_url())
    assert "Снять с публикации" in detail.content.decode()


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (DocumentStatus.DRAFT, "regulation"),
        (DocumentStatus.CANCELLED, "regulation"),
        (DocumentStatus.APPROVED, "order_pairs"),
    ],
)
def test_only_an_approved_document_of_a_public_kind_may_be_published(
    curator_client, year, status, kind
) -> None:
    document = _document(year, status=status, kind=kind, public=False)

    response = curator_client.post(
        reverse("reports:document-public", args=[document.pk]), {"is_public": "1"}
    )

    document.refresh_from_db()
    assert not document.is_public
    assert "публикуются только утверждённые документы" in " ".join(
        str(m) for m in get_messages(response.wsgi_request)
    )


def test_a_mentor_may_not_publish_documents(persona_client, mentor, year) -> None:
    document = _document(year, public=False)

    response = persona_client("mentor").post(
        reverse("reports:document-public", args=[document.pk]), {"is_public": "1"}
    )

    assert response.status_code == 404
    document.refresh_from_db()
    assert not document.is_public


def test_the_settings_page_shows_what_consents_hide(curator_client, year, page) -> None:
    person = _person("Лебедева", publish=["name"], photo=True)
    _honour(person, year)
    _honour(_person("Соколова", publish=None), year, reference="")
    _document(year, kind="order_curator", curator=person.pk)

    text = curator_client.get(reverse("reports:public-settings")).content.decode()

    assert "Лебедева Ольга Ивановна" in text
    assert "показывается: ФИО" in text
    assert "Скрыто: должность, фотография — нет в согласии на публикацию" in text
    assert "Скрыто: ФИО, должность — нет согласия на публикацию ФИО" in text
    assert "нет приказа: не показывается" in text
    assert "в документе названы люди без согласия на публикацию" in text


def test_the_curator_edits_the_page(curator_client, school) -> None:
    contact = _person("Бондаренко", publish=["name"])

    response = curator_client.post(
        reverse("reports:public-settings"),
        {
            "is_enabled": "on",
            "intro": "  О нашей программе.  ",
            "contact_person": contact.pk,
            "contact_email": "nastavnik@school5.ru",
            "contact_phone": "+7  (8332) 12-34-56",
        },
    )

    assert response.status_code == 302
    page = PublicPage.objects.get()
    assert page.is_enabled
    assert page.intro == "О нашей программе."
    assert page.contact_phone == "+7 (8332) 12-34-56"
    assert page.contact_person == contact
