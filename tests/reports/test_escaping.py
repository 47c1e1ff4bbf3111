"""User text is always escaped: a name with markup shows as text on the person card, on the
public page and in a document's preview (the HTML the PDF is made of). No page renders rich
text, so nothing is sanitised: everything is escaped by the templates."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentorship.models import ConsentKind, Reward, RewardKind
from reports.models import PublicPage
from reports.services import document_create
from tests.factories import ConsentFactory, PersonFactory

pytestmark = pytest.mark.django_db

MARKUP = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


@pytest.fixture
def person(db):
    person = PersonFactory(
        surname=MARKUP, name="Ольга", patronymic="Ивановна", position='<img src=x onerror="1">'
    )
    ConsentFactory(person=person, kind=ConsentKind.PERSONAL_DATA)
    ConsentFactory(person=person, kind=ConsentKind.PUBLICATION, data_categories=["name", "work"])
    return person


def _assert_escaped(html: str) -> None:
    assert MARKUP not in html
    assert ESCAPED in html
    assert '<img src=x onerror="1">' not in html


def test_the_person_card_escapes_the_name(curator_client, school, person) -> None:
    _assert_escaped(curator_client.get(person.get_absolute_url()).content.decode())


def test_the_public_page_escapes_the_name(client, school, year, person) -> None:
    PublicPage.objects.create(pk=1, is_enabled=True)
    Reward.objects.create(
        year=year, person=person, kind=RewardKind.GRATITUDE, order_reference="приказ № 41-О"
    )
    html = client.get(reverse("public:page")).content.decode()
    assert "Ольга" in html
    _assert_escaped(html)


def test_the_document_preview_escapes_the_name(curator_client, school, year, person) -> None:
    document = document_create(
        kind="order_curator",
        year=year,
        actor=None,
        params={"curator": person.pk, "duties": "<b>вести</b> базы"},
    )
    html = curator_client.get(reverse("reports:document-preview", args=[document.pk]))
    text = html.content.decode()
    assert "&lt;script&gt;" in text
    assert "<script>" not in text and "<b>вести</b>" not in text
