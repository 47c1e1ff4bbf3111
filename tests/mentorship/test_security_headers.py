"""Security headers on every page, the one frameable page, and no inline code anywhere.

The Content-Security-Policy forbids inline scripts, so no template may carry a ``<script>``
with code in it or an ``on…=`` handler: behaviour lives in ``static/js/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from reports.services import document_create
from tests.factories import PersonFactory, ProgrammeYearFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[a-zA-Z][^<>]*>")
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
DATA_TYPES = ("application/json", "application/ld+json")


def _csp(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _inline_code(html: str) -> list[str]:
    """Inline scripts with code and on…= handlers in a template or a page."""
    found = []
    for attributes, body in SCRIPT.findall(html):
        is_data = any(kind in attributes for kind in DATA_TYPES)
        if "src=" not in attributes and not is_data and body.strip():
            found.append(f"<script{attributes}>{body.strip()[:60]}…")
    found += [tag[:80] for tag in TAG.findall(html) if HANDLER.search(tag)]
    return found


def test_a_page_carries_the_security_headers(curator_client, school) -> None:
    response = curator_client.get(reverse("home"), follow=True)

    csp = _csp(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval'
    assert csp["style-src-elem"] == ["'self'"]
    assert csp["style-src-attr"] == ["'unsafe-inline'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_log_in_page_and_the_public_page_carry_them_too(client, school) -> None:
    for url in (reverse("login"), reverse("public:page")):
        response = client.get(url)
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"


def test_only_the_document_preview_may_be_framed_and_only_by_our_pages(
    curator_client, school
) -> None:
    year = ProgrammeYearFactory(is_current=True)
    person = PersonFactory(surname="Иванова", name="Мария", patronymic="Петровна")
    document = document_create(
        kind="order_curator",
        year=year,
        actor=None,
        params={"curator": person.pk, "duties": "вести базы"},
    )
    detail = curator_client.get(document.get_absolute_url()).content.decode()
    preview_url = reverse("reports:document-preview", args=[document.pk])
    assert f'<iframe class="document-preview" src="{preview_url}"' in detail

    preview = curator_client.get(preview_url)

    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert _csp(preview)["frame-ancestors"] == ["'self'"]
    assert _csp(preview)["script-src"] == ["'self'"]


def test_no_template_has_inline_code() -> None:
    offenders = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        if found := _inline_code(path.read_text(encoding="utf-8")):
            offenders[str(path.relative_to(TEMPLATES))] = found
    assert not offenders, offenders


@pytest.mark.parametrize("url_name", ["home", "mentorship:person-list", "mentorship:settings"])
def test_rendered_pages_have_no_inline_code_either(url_name, curator_client, school) -> None:
    # Templates of other packages (crispy forms, widgets) end up in the page too.
    response = curator_client.get(reverse(url_name), follow=True)
    assert response.status_code == 200
    assert _inline_code(response.content.decode()) == []


def test_htmx_is_told_not_to_inject_styles_or_evaluate_code(curator_client, school) -> None:
    page = curator_client.get(reverse("home"), follow=True).content.decode()
    assert '"includeIndicatorStyles": false' in page
    assert '"allowEval": false' in page


def test_the_detector_finds_what_it_looks_for() -> None:
    assert _inline_code("<script>alert(1)</script>")
    assert _inline_code('<button onclick="go()">')
    assert _inline_code("<img src=x onerror=alert(1)>")
    assert not _inline_code('<script src="/static/js/app.js" defer></script>')
    assert not _inline_code('<script id="d" type="application/json">{"a": 1}</script>')
    assert not _inline_code("<p>Someone wrote onclick=1 in text</p>")


def test_a_pdf_shown_in_the_browser_goes_without_the_policy_but_with_nosniff(
    curator_client, school
) -> None:
    # Chrome shows a PDF in a page of its own: object-src 'none' would leave it blank.
    from django.core.files.base import ContentFile  # noqa: PLC0415

    from tests.factories import ConsentFactory  # noqa: PLC0415

    consent = ConsentFactory(person=PersonFactory())
    consent.scan.save("scan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))

    response = curator_client.get(reverse("mentorship:consent-scan", args=[consent.pk]))
    b"".join(response.streaming_content)

    assert response["Content-Type"] == "application/pdf"
    assert "Content-Security-Policy" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
