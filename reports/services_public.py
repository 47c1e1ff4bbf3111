"""Changes of the public page «Наставничество»: its settings and which documents it shows."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from mentorship.common import audit
from mentorship.models import User
from reports.models import Document, PublicPage
from reports.services import DocumentError

PUBLIC_PAGE_FIELDS = ("is_enabled", "intro", "contact_person", "contact_email", "contact_phone")


@transaction.atomic
def public_page_update(*, data: dict[str, Any], actor: User | None) -> PublicPage:
    """Save the page's settings (the one row is created on the first save)."""
    page, _created = PublicPage.objects.select_for_update().get_or_create(pk=1)
    changed = [name for name in PUBLIC_PAGE_FIELDS if getattr(page, name) != data[name]]
    for name in PUBLIC_PAGE_FIELDS:
        setattr(page, name, data[name])
    page.full_clean()
    page.save()
    audit(actor=actor, action="public_page.update", obj=page, data={"fields": sorted(changed)})
    return page


@transaction.atomic
def document_set_public(*, document: Document, is_public: bool, actor: User | None) -> Document:
    """Show the signed PDF on the public page, or take it off.

    Only an approved document of a public kind goes on; taking off is always allowed, so a
    document cancelled later can still be cleaned up.
    """
    document = Document.objects.select_for_update().get(pk=document.pk)
    if is_public and not document.is_publishable:
        raise DocumentError(
            "На странице «Наставничество» публикуются только утверждённые документы "
            "нормативного пакета (положение, дорожная карта, приказы о внедрении, о назначении "
            "куратора, об итоговом мероприятии, протокол педсовета): в остальных документах — "
            "сведения об участниках."
        )
    if is_public and not (document.pdf and document.sha256):
        raise DocumentError("У документа нет подписанного PDF: публиковать нечего.")
    if document.is_public == is_public:
        return document
    document.is_public = is_public
    document.save(update_fields=["is_public", "updated_at"])
    audit(
        actor=actor,
        action="document.publish" if is_public else "document.unpublish",
        obj=document,
    )
    return document
