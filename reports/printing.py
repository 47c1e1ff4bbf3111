"""The printable shape of every document: plain data that both HTML and DOCX render.

A builder turns the domain into a ``PrintDocument``; approval freezes it as JSON
(``to_json``) and the DOCX of a signed document is made from that JSON
(``from_json``), never from the live domain.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: bool = True  # 1.25 cm first-line indent, justified
    align: str = "justify"  # justify | left | center | right
    bold: bool = False
    type: str = "paragraph"


@dataclass(frozen=True)
class Heading:
    text: str
    type: str = "heading"


@dataclass(frozen=True)
class Item:
    text: str
    subitems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Items:
    """Numbered items («1.», «2.»…), e.g. after «ПРИКАЗЫВАЮ:»."""

    items: tuple[Item, ...]
    start: int = 1
    type: str = "items"


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...] = ()  # relative widths, in per cent; a one-cell row is a section
    # Laid out by the widths alone, never by measuring every cell: for lists of hundreds of
    # rows whose columns are known to fit (the pairs annex), at a fraction of the time.
    fixed: bool = False
    type: str = "table"


@dataclass(frozen=True)
class Image:
    """A picture, e.g. a chart: SVG markup or a ``data:`` URI, with its caption.

    Never a link: anything that is not a data URI is taken for SVG markup and embedded, so
    printing fetches nothing and an ``<img>`` keeps the markup from running in the page.
    """

    src: str
    caption: str = ""
    width: int = 100  # per cent of the text width
    type: str = "image"

    @property
    def data_uri(self) -> str:
        if self.src.startswith("data:"):
            return self.src
        encoded = base64.b64encode(self.src.encode()).decode("ascii")
        return f"data:image/svg+xml;base64,{encoded}"


@dataclass(frozen=True)
class Signature:
    """«Директор ____ И. О. Фамилия», on one line."""

    position: str
    name: str
    type: str = "signature"


@dataclass(frozen=True)
class SignLines:
    """Blank lines to sign by hand: («подпись», «расшифровка», «дата»)."""

    labels: tuple[str, ...]
    type: str = "signlines"


@dataclass(frozen=True)
class Stamp:
    """An approval or acceptance stamp: УТВЕРЖДАЮ / УТВЕРЖДЕНО … / ПРИНЯТО …"""

    lines: tuple[str, ...]
    side: str = "right"  # right | left


@dataclass(frozen=True)
class Annex:
    number: int
    mark: tuple[str, ...]  # «Приложение 1», «к приказу от 25.11.2026 № 16/1-О»
    title: str
    blocks: tuple[Any, ...]
    stamps: tuple[Stamp, ...] = ()


@dataclass(frozen=True)
class PrintDocument:
    kind: str
    organisation: tuple[str, ...]  # founder (optional), full name
    doc_type: str  # ПРИКАЗ, ПРОТОКОЛ, ПОЛОЖЕНИЕ… or "" for forms without one
    title: str  # «О …»; for forms, the form's heading
    number: str = ""
    date: datetime.date | None = None
    place: str = ""
    stamps: tuple[Stamp, ...] = ()
    blocks: tuple[Any, ...] = ()
    annexes: tuple[Annex, ...] = ()
    draft: bool = False  # prints «ПРОЕКТ» and blanks for the number and date
    gost_edition: str = "2016"
    landscape: bool = False
    qr_text: str = ""  # ГОСТ Р 7.0.97-2025: the document's QR code, bottom right of sheet 1
    meta: dict[str, Any] = field(default_factory=dict)  # facts tests and pages read


BLOCK_TYPES = {
    cls.__dataclass_fields__["type"].default: cls
    for cls in (Paragraph, Heading, Items, Table, Image, Signature, SignLines)
}


def to_json(doc: PrintDocument) -> dict[str, Any]:
    """The document as JSON-ready data (dates as ISO strings)."""

    def convert(value: Any) -> Any:
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {key: convert(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [convert(item) for item in value]
        return value

    return convert(dataclasses.asdict(doc))


def _block(data: dict[str, Any]) -> Any:
    cls = BLOCK_TYPES[data["type"]]
    if cls is Items:
        items = tuple(Item(i["text"], tuple(i.get("subitems", ()))) for i in data["items"])
        return Items(items=items, start=data.get("start", 1))
    if cls is Table:
        return Table(
            columns=tuple(data["columns"]),
            rows=tuple(tuple(row) for row in data["rows"]),
            widths=tuple(data.get("widths", ())),
            fixed=data.get("fixed", False),
        )
    if cls is SignLines:
        return SignLines(labels=tuple(data["labels"]))
    return cls(**data)


def _stamps(items: list[dict[str, Any]]) -> tuple[Stamp, ...]:
    return tuple(Stamp(lines=tuple(s["lines"]), side=s.get("side", "right")) for s in items)


def from_json(data: dict[str, Any]) -> PrintDocument:
    """Rebuild a ``PrintDocument`` from ``to_json`` output."""
    annexes = tuple(
        Annex(
            number=a["number"],
            mark=tuple(a["mark"]),
            title=a["title"],
            blocks=tuple(_block(b) for b in a["blocks"]),
            stamps=_stamps(a.get("stamps", [])),
        )
        for a in data.get("annexes", [])
    )
    date = data.get("date")
    return PrintDocument(
        kind=data["kind"],
        organisation=tuple(data["organisation"]),
        doc_type=data["doc_type"],
        title=data["title"],
        number=data.get("number", ""),
        date=datetime.date.fromisoformat(date) if date else None,
        place=data.get("place", ""),
        stamps=_stamps(data.get("stamps", [])),
        blocks=tuple(_block(b) for b in data.get("blocks", [])),
        annexes=annexes,
        draft=data.get("draft", False),
        gost_edition=data.get("gost_edition", "2016"),
        landscape=data.get("landscape", False),
        qr_text=data.get("qr_text", ""),
        meta=data.get("meta", {}),
    )


def plain_text(doc: PrintDocument) -> str:
    """All the words of the document in reading order (for search and tests)."""
    parts: list[str] = [*doc.organisation, doc.doc_type, doc.title]
    for stamp in doc.stamps:
        parts.extend(stamp.lines)

    def blocks_text(blocks: tuple[Any, ...]) -> None:
        for block in blocks:
            if isinstance(block, Paragraph | Heading):
                parts.append(block.text)
            elif isinstance(block, Items):
                for item in block.items:
                    parts.append(item.text)
                    parts.extend(item.subitems)
            elif isinstance(block, Table):
                parts.extend(block.columns)
                for row in block.rows:
                    parts.extend(row)
            elif isinstance(block, Image):
                parts.append(block.caption)
            elif isinstance(block, Signature):
                parts.extend((block.position, block.name))

    blocks_text(doc.blocks)
    for annex in doc.annexes:
        parts.extend((*annex.mark, annex.title))
        blocks_text(annex.blocks)
    return "\n".join(part for part in parts if part)
