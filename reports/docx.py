"""The same ``PrintDocument`` as a Word file (python-docx), for schools that edit in Word."""

from __future__ import annotations

import io
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from mentorship.dates import date_short
from reports.printing import (
    Heading,
    Image,
    Items,
    Paragraph,
    PrintDocument,
    Signature,
    SignLines,
    Stamp,
    Table,
)

FONT = "Times New Roman"
ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
BLANK_DATE = "«___» ____________ 20___ г."


def build_docx(doc: PrintDocument) -> bytes:
    word = new_docx()
    _page_setup(word, landscape=doc.landscape)
    if doc.qr_text:
        _qr_code(word, doc.qr_text)
    _base_style(word)
    _header(word, doc)
    _blocks(word, doc.blocks)
    for annex in doc.annexes:
        word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for line in annex.mark:
            para = word.add_paragraph(line)
            para.paragraph_format.left_indent = Cm(9.5)
        _stamps(word, annex.stamps)
        _para(word, annex.title, align="center", bold=True, space_before=6)
        _blocks(word, annex.blocks)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _page_setup(word: Any, *, landscape: bool) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(20), Mm(10)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.header_distance = Mm(10)
    # Page numbers from page 2, centred in the top margin (ГОСТ Р 7.0.97).
    section.different_first_page_header_footer = True
    para = section.header.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(para.add_run())


def _qr_code(word: Any, text: str) -> None:
    """ГОСТ Р 7.0.97-2025: the document's QR code at the bottom right of the first sheet."""
    import segno  # noqa: PLC0415

    image = io.BytesIO()
    segno.make(text, error="m").save(image, kind="png", scale=4, border=0)
    image.seek(0)
    para = word.sections[0].first_page_footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    para.add_run().add_picture(image, width=Mm(18))


def _page_field(run: Any) -> None:
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _base_style(word: Any) -> None:
    style = word.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    fonts = style.element.rPr.rFonts
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0


def _para(
    word: Any,
    text: str,
    *,
    align: str = "left",
    bold: bool = False,
    indent: bool = False,
    space_before: int = 0,
    size: int | None = None,
) -> Any:
    para = word.add_paragraph()
    para.alignment = ALIGN[align]
    if indent:
        para.paragraph_format.first_line_indent = Cm(1.25)
    if space_before:
        para.paragraph_format.space_before = Pt(space_before)
    lines = text.split("\n")
    for number, line in enumerate(lines):
        run = para.add_run(line)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if number < len(lines) - 1:
            run.add_break()
    return para


def _borderless(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _header(word: Any, doc: PrintDocument) -> None:
    for number, line in enumerate(doc.organisation):
        last = number == len(doc.organisation) - 1
        _para(word, line, align="center", bold=last, size=None if last else 12)
    if doc.draft:
        _para(word, "ПРОЕКТ", align="right", size=11)
    _stamps(word, doc.stamps)
    if doc.doc_type:
        _para(word, doc.doc_type, align="center", bold=True, space_before=12)
    if doc.doc_type in ("ПРИКАЗ", "ПРОТОКОЛ") or doc.meta.get("dated"):
        table = word.add_table(rows=1, cols=2)
        _borderless(table)
        left, right = table.rows[0].cells
        left.text = date_short(doc.date) if doc.date else BLANK_DATE
        right.text = f"№ {doc.number or '______'}"
        right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if doc.place:
            _para(word, doc.place, align="center")
        _para(word, doc.title, bold=True, space_before=12)
    else:
        _para(word, doc.title, align="center", bold=True, space_before=6)
    word.add_paragraph()


def _stamps(word: Any, stamps: tuple[Stamp, ...]) -> None:
    if not stamps:
        return
    table = word.add_table(rows=1, cols=2)
    _borderless(table)
    left, right = table.rows[0].cells
    for stamp in stamps:
        cell = left if stamp.side == "left" else right
        cell.text = "\n".join(stamp.lines)
    word.add_paragraph()


def _blocks(word: Any, blocks: tuple[Any, ...]) -> None:
    for block in blocks:
        if isinstance(block, Paragraph):
            _para(word, block.text, align=block.align, bold=block.bold, indent=block.indent)
        elif isinstance(block, Heading):
            _para(word, block.text, align="center", bold=True, space_before=6)
        elif isinstance(block, Items):
            for number, item in enumerate(block.items, start=block.start):
                _para(word, f"{number}. {item.text}", align="justify", indent=True)
                for sub in item.subitems:
                    _para(word, f"– {sub}", align="justify", indent=True)
        elif isinstance(block, Table):
            _table(word, block)
        elif isinstance(block, Image):
            # Word gets no SVG from python-docx: the caption says where the chart is.
            caption = " ".join(part for part in (block.caption, "(диаграмма — см. PDF)") if part)
            _para(word, caption, align="center", size=12)
        elif isinstance(block, Signature):
            _signature(word, block)
        elif isinstance(block, SignLines):
            table = word.add_table(rows=2, cols=len(block.labels))
            _borderless(table)
            for cell in table.rows[0].cells:
                cell.text = "____________________"
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            for cell, label in zip(table.rows[1].cells, block.labels, strict=True):
                cell.text = f"({label})"
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                cell.paragraphs[0].runs[0].font.size = Pt(10)


def _table(word: Any, block: Table) -> None:
    table = word.add_table(rows=1, cols=len(block.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0]
    # Repeat the header row on every page.
    row_pr = head._tr.get_or_add_trPr()
    header_flag = OxmlElement("w:tblHeader")
    header_flag.set(qn("w:val"), "true")
    row_pr.append(header_flag)
    for cell, title in zip(head.cells, block.columns, strict=True):
        cell.text = title
        run = cell.paragraphs[0].runs[0]
        run.bold = True
        run.font.size = Pt(12)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in block.rows:
        cells = table.add_row().cells
        if len(row) == 1:
            merged = cells[0].merge(cells[-1])
            merged.text = row[0]
            merged.paragraphs[0].runs[0].bold = True
            merged.paragraphs[0].runs[0].font.size = Pt(12)
            continue
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(12)
    if block.widths:
        total = 180 if len(block.widths) else 0
        for row in table.rows:
            for cell, width in zip(row.cells, block.widths, strict=False):
                cell.width = Mm(total * width / 100)


def _signature(word: Any, block: Signature) -> None:
    word.add_paragraph()
    table = word.add_table(rows=1, cols=3)
    _borderless(table)
    position, sign, name = table.rows[0].cells
    position.text = block.position
    sign.text = "______________"
    sign.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    name.text = block.name
    name.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
