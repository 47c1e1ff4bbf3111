"""The public page «Наставничество»: everyone, signed in or not, opens the page and the files
it links to (while the page is open and each item is public); its settings are the curator's
and the director's."""

import datetime

from django.core.files.base import ContentFile

from mentorship.models import ConsentKind, ProgrammeYear, Resource, ResourceKind, Reward, School
from reports.models import Document, DocumentStatus, PublicPage
from reports.renderers import sha256
from tests.factories import ConsentFactory, PersonFactory, ProgrammeYearFactory
from tests.matrix import OK, Row, everyone, only

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.7\n% a signed regulation\n%%EOF\n"


def _open_page() -> ProgrammeYear:
    PublicPage.objects.update_or_create(pk=1, defaults={"is_enabled": True})
    return ProgrammeYearFactory(title="2026/2027", is_current=True)


def _page(ctx) -> dict:
    _open_page()
    return {}


def _document(ctx) -> dict:
    document = Document.objects.create(
        kind="regulation",
        year=_open_page(),
        title="Положение о наставничестве",
        status=DocumentStatus.APPROVED,
        approved_on=datetime.date(2026, 9, 5),
        sha256=sha256(PDF),
        is_public=True,
    )
    document.pdf.save("polozhenie.pdf", ContentFile(PDF))
    return {"pk": document.pk}


def _photo(ctx) -> dict:
    """An honoured mentor who agreed to publish his name and photo."""
    person = PersonFactory()
    ConsentFactory(person=person, kind=ConsentKind.PERSONAL_DATA)
    ConsentFactory(person=person, kind=ConsentKind.PUBLICATION, data_categories=["name", "photo"])
    person.photo.save("photo.png", ContentFile(PNG))
    Reward.objects.create(
        year=_open_page(), person=person, kind="gratitude", order_reference="приказ № 41-О"
    )
    return {"pk": person.pk}


def _resource(ctx) -> dict:
    _open_page()
    resource = Resource.objects.create(
        title="Памятка наставнику", kind=ResourceKind.MEMO_MENTOR, is_public=True
    )
    resource.file.save("pamyatka.pdf", ContentFile(PDF))
    return {"pk": resource.pk}


def _logo(ctx) -> dict:
    _open_page()
    School.objects.get(pk=1).logo.save("logo.png", ContentFile(PNG))
    return {}


ROWS: dict[str, Row] = {
    "public:page": (_page, everyone(OK)),
    "public:document-pdf": (_document, everyone(OK)),
    "public:photo": (_photo, everyone(OK)),
    "public:resource-file": (_resource, everyone(OK)),
    "public:logo": (_logo, everyone(OK)),
    "reports:public-settings": (None, only("curator", "director")),
    "reports:document-public": (_document, everyone(405)),
}
