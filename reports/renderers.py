"""Turn a ``PrintDocument`` into bytes: the print HTML, its PDF (WeasyPrint) and a DOCX."""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from mentorship.text import transliterate
from reports.printing import PrintDocument

PRINT_ORIGIN = "http://print.invalid"
PDF_MIME = "application/pdf"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class StaticOnlyFetcher(URLFetcher):
    """Serve our own static files to WeasyPrint and refuse everything else (no network)."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("file", "data"))

    def fetch(self, url: str, headers: dict | None = None):
        parts = urlsplit(url)
        static = settings.STATIC_URL
        if parts.scheme == "http" and parts.netloc == "print.invalid":
            path = parts.path
            if not path.startswith(static):
                raise ValueError(f"Печать не загружает {url}")
            found = finders.find(path.removeprefix(static))
            if not found:
                raise ValueError(f"Нет статического файла {path}")
            return super().fetch(Path(found).as_uri(), headers)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme == "file" and _is_static_file(Path(unquote(parts.path))):
            # A stylesheet we served refers to its fonts relative to its own file.
            return super().fetch(url, headers)
        raise ValueError(f"Печать не загружает {url}")


def _is_static_file(path: Path) -> bool:
    roots = [Path(root) for root in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    resolved = path.resolve()
    return any(resolved.is_relative_to(root.resolve()) for root in roots)


def template_for(doc: PrintDocument) -> str:
    from reports.documents.base import FORM_KINDS, KINDS  # noqa: PLC0415

    kind = KINDS.get(doc.kind) or FORM_KINDS.get(doc.kind)
    return kind.template if kind else "print/document.html"


def render_html(doc: PrintDocument, *, preview: bool = False) -> str:
    """The print HTML; the browser preview shows exactly what the PDF is made of."""
    return render_to_string(template_for(doc), {"doc": doc, "preview": preview})


def render_pdf(doc: PrintDocument) -> bytes:
    html = render_html(doc)
    fonts = FontConfiguration()
    return HTML(
        string=html, base_url=f"{PRINT_ORIGIN}/", url_fetcher=StaticOnlyFetcher()
    ).write_pdf(font_config=fonts)


def render_docx(doc: PrintDocument) -> bytes:
    from reports.docx import build_docx  # noqa: PLC0415

    return build_docx(doc)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def filename_for(doc: PrintDocument, extension: str) -> str:
    """«prikaz-16-1-o-2026-11-25.pdf»: ASCII, so every browser and archive keeps it."""
    if doc.meta.get("person_name"):
        # A blank for one person: «consent-personal-data-ivanova-m-p.pdf».
        parts = [doc.kind.replace("_", "-"), doc.meta["person_name"]]
    else:
        dated = doc.date.isoformat() if doc.date else "proekt"
        parts = [doc.doc_type or doc.kind, doc.number, dated]
    stem = slugify(transliterate(" ".join(part for part in parts if part))) or "document"
    return f"{stem}.{extension}"
