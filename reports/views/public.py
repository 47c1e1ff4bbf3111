"""The public page «Наставничество» (no log-in), its files, and the curator's page behind it.

Caching. The page and every file that carries a person (photos) are sent with
``Cache-Control: no-cache``: a browser or a proxy may keep a copy but must ask us again
before using it. A consent withdrawn (152-ФЗ ст. 10.1 ч. 12–14) must take the person off at
the next load, and a ``max-age`` would let shared caches go on showing him for that long.
The page costs a fixed handful of queries, so it needs no cache of its own. Signed PDFs
carry their SHA-256 as the ETag, so a repeated download is a cheap 304.
"""

from __future__ import annotations

import datetime
import mimetypes
from dataclasses import dataclass, replace
from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET, require_POST

from mentorship.decorators import role_required
from mentorship.exceptions import DomainError, error_text
from mentorship.services import get_school
from mentorship.throttling import throttle_wrong_links
from mentorship.validators import detect_scan_type
from reports import permissions, selectors_public, services_public
from reports.forms_public import DocumentPublicForm, PublicPageForm
from reports.renderers import PDF_MIME
from reports.views import get_document

# The page and its settings are the documents' keepers' business: the curator and director.
can_manage_public_page = permissions.can_change_documents

VISION_COOKIE = "vision"
VISION_MAX_AGE = int(datetime.timedelta(days=365).total_seconds())
SCHEMES = {
    "white": "Белый фон",
    "black": "Чёрный фон",
    "blue": "Голубой фон",
}
SIZES = {"150": "150 %", "200": "200 %"}
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}


@dataclass(frozen=True)
class Vision:
    """The version for the visually impaired (ГОСТ Р 52872-2019): colours, size, images."""

    scheme: str = "white"
    size: str = "150"
    images: bool = True

    @property
    def css_class(self) -> str:
        images = "" if self.images else " vision-no-images"
        return f"vision vision-{self.scheme} vision-size-{self.size}{images}"

    def to_cookie(self) -> str:
        return f"{self.scheme}.{self.size}.{'on' if self.images else 'off'}"

    @classmethod
    def from_cookie(cls, value: str | None) -> Vision | None:
        parts = (value or "").split(".")
        if len(parts) != 3:
            return None
        scheme, size, images = parts
        if scheme not in SCHEMES or size not in SIZES or images not in ("on", "off"):
            return None
        return cls(scheme, size, images == "on")

    def updated(self, query: dict[str, str]) -> Vision:
        """This version with the choices of a link (``?scheme=black`` …) applied."""
        vision = self
        if query.get("scheme") in SCHEMES:
            vision = replace(vision, scheme=query["scheme"])
        if query.get("size") in SIZES:
            vision = replace(vision, size=query["size"])
        if query.get("images") in ("on", "off"):
            vision = replace(vision, images=query["images"] == "on")
        return vision


VISION_KEYS = ("vision", "scheme", "size", "images")


def vision_choice(request: HttpRequest) -> tuple[Vision | None, bool]:
    """The version to show, and whether the link changed it (then the cookie remembers it).

    Plain links set it (``?vision=on``, ``?scheme=black``, ``?size=200``, ``?images=off``,
    ``?vision=off``): no JavaScript is needed to switch.
    """
    current = Vision.from_cookie(request.COOKIES.get(VISION_COOKIE))
    query = {key: request.GET[key] for key in VISION_KEYS if key in request.GET}
    if not query:
        return current, False
    if query.get("vision") == "off":
        return None, True
    return (current or Vision()).updated(query), True


@dataclass(frozen=True)
class VisionLink:
    label: str
    url: str
    is_current: bool
    code: str = ""


def vision_links(vision: Vision | None) -> dict[str, list[VisionLink]]:
    """The switches of the version for the visually impaired, as plain links.

    Each link carries the whole choice, so it works even where cookies are refused.
    """
    base = reverse("public:page")

    def link(label: str, choice: Vision, is_current: bool, code: str = "") -> VisionLink:
        images = "on" if choice.images else "off"
        query = f"?scheme={choice.scheme}&size={choice.size}&images={images}"
        return VisionLink(label, base + query, is_current, code)

    if vision is None:
        return {"on": [link("Версия для слабовидящих", Vision(), False)]}
    return {
        "schemes": [
            link(label, replace(vision, scheme=code), vision.scheme == code, code)
            for code, label in SCHEMES.items()
        ],
        "sizes": [
            link(label, replace(vision, size=code), vision.size == code)
            for code, label in SIZES.items()
        ],
        "images": [
            link("Показать", replace(vision, images=True), vision.images),
            link("Скрыть", replace(vision, images=False), not vision.images),
        ],
        "off": [VisionLink("Обычная версия сайта", f"{base}?vision=off", False)],
    }


def _remember(response: HttpResponse, vision: Vision | None) -> None:
    if vision is None:
        response.delete_cookie(VISION_COOKIE, samesite="Lax")
        return
    response.set_cookie(
        VISION_COOKIE,
        vision.to_cookie(),
        max_age=VISION_MAX_AGE,
        samesite="Lax",
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _fresh(response: HttpResponse) -> HttpResponse:
    """Never reused without asking us: see the module's docstring."""
    patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def _page_or_404(request: HttpRequest):
    """The page's settings, if the visitor may see it: open, or its keeper previewing it."""
    page = selectors_public.public_page_get()
    if not page.is_enabled and not can_manage_public_page(request.user):
        raise Http404("Страница «Наставничество» ещё не открыта")
    return page


@require_GET
def public_page(request: HttpRequest) -> HttpResponse:
    page = _page_or_404(request)
    vision, changed = vision_choice(request)
    data = selectors_public.public_page_data(page=page, school=get_school())
    response = render(
        request,
        "reports/public/page.html",
        {
            "data": data,
            "vision": vision,
            "vision_links": vision_links(vision),
            "is_preview": not page.is_enabled,
            "can_manage": can_manage_public_page(request.user),
            "canonical": request.build_absolute_uri(reverse("public:page")),
            "has_query": bool(request.GET),
        },
    )
    if changed:
        _remember(response, vision)
    return _fresh(response)


@require_GET
@throttle_wrong_links  # numbers are guessable: a run of 404s from one address ends in 429
def document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed PDF exactly as stored at approval, while the document is public."""
    _page_or_404(request)
    document = selectors_public.public_document(pk)
    if document is None:
        raise Http404("Документ не опубликован")
    etag = f'"{document.sha256}"'
    if etag in request.headers.get("If-None-Match", ""):
        return _fresh(HttpResponseNotModified(headers={"ETag": etag}))
    try:
        handle = document.pdf.open("rb")
    except OSError as exc:
        raise Http404("Файл документа не найден") from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=_pdf_name(document),
        content_type=PDF_MIME,
    )
    response["ETag"] = etag
    return _fresh(response)


def _pdf_name(document) -> str:
    number = f"-{document.number}" if document.number else ""
    day = f"-{document.approved_on:%Y-%m-%d}" if document.approved_on else ""
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in f"{document.kind}{number}")
    return f"{safe}{day}.pdf"


@require_GET
@throttle_wrong_links  # numbers are guessable: a run of 404s from one address ends in 429
def person_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """An honoured mentor's photo; the consent is checked again on every request."""
    _page_or_404(request)
    person = selectors_public.public_photo_person(pk)
    if person is None:
        raise Http404("Фотография не публикуется")
    return _image(person.photo)


@require_GET
def school_logo(request: HttpRequest) -> HttpResponse:
    _page_or_404(request)
    school = get_school()
    if not school.logo:
        raise Http404("Логотип не загружен")
    return _image(school.logo)


def _image(field_file) -> HttpResponse:
    """A JPEG or PNG by its content (never a PDF scan in an <img>), or 404."""
    try:
        handle = field_file.open("rb")
    except OSError as exc:
        raise Http404("Файл не найден") from exc
    kind = detect_scan_type(handle.read(16))
    handle.seek(0)
    if kind not in IMAGE_TYPES:
        handle.close()
        raise Http404("Это не изображение")
    return _fresh(FileResponse(handle, content_type=IMAGE_TYPES[kind]))


@require_GET
@throttle_wrong_links  # numbers are guessable: a run of 404s from one address ends in 429
def resource_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A file of the methodical library marked public."""
    _page_or_404(request)
    resource = selectors_public.public_resource(pk)
    if resource is None:
        raise Http404("Материал не опубликован")
    try:
        handle = resource.file.open("rb")
    except OSError as exc:
        raise Http404("Файл не найден") from exc
    name = PurePath(resource.file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return _fresh(
        FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    )


# ---------------------------------------------------------------------------------------
# The curator's side


@role_required(can_manage_public_page)
def public_settings(request: HttpRequest) -> HttpResponse:
    page = selectors_public.public_page_get()
    form = PublicPageForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        try:
            services_public.public_page_update(data=form.cleaned_data, actor=request.user)
        except (DomainError, ValidationError) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, "Настройки страницы «Наставничество» сохранены.")
            return redirect("reports:public-settings")
    return render(
        request,
        "reports/public_settings.html",
        {"form": form, "data": selectors_public.public_settings_data()},
    )


@require_POST
@login_required
def document_public(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document(request, pk)
    if not can_manage_public_page(request.user):
        raise PermissionDenied
    form = DocumentPublicForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Не понятно, опубликовать документ или снять с публикации.")
        return redirect(document)
    is_public = form.cleaned_data["is_public"]
    try:
        services_public.document_set_public(
            document=document, is_public=is_public, actor=request.user
        )
    except DomainError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            "Документ опубликован на странице «Наставничество»."
            if is_public
            else "Документ снят со страницы «Наставничество».",
        )
    return redirect(document)
