"""Tags other apps' templates use to link to documents (their Python code may not import us)."""

from __future__ import annotations

from django import template

register = template.Library()

# Only a pupil or a minor needs his legal representative's consent.
REPRESENTATIVE_ONLY = {"consent_representative"}


@register.inclusion_tag("reports/includes/_person_forms.html")
def person_forms_menu(person) -> dict:
    """«Бланки для подписи»: each registered blank for this person, as PDF and DOCX."""
    from reports.documents.base import FORM_KINDS  # noqa: PLC0415

    represented = person.kind == "pupil" or person.is_minor
    blanks = [
        {"code": code, "title": str(kind.title)}
        for code, kind in FORM_KINDS.items()
        if represented or code not in REPRESENTATIVE_ONLY
    ]
    return {"person": person, "blanks": blanks}


@register.filter
def qr_data_uri(text: str) -> str:
    """A QR code of the text as an SVG data URI (segno), for the print layout."""
    import segno  # noqa: PLC0415

    return segno.make(text, error="m").svg_data_uri(scale=3, border=0) if text else ""
