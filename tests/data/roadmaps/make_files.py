"""Turn the five seed roadmaps (plain text copies in this folder) into XLSX, DOCX and CSV.

Run from the repository root after changing a seed or this script, and commit the result:

    .venv/bin/python tests/data/roadmaps/make_files.py

Each seed has its own text layout (tabs, HTML remnants, a PDF's wrapped lines), so each has
its own small reader here; the writers then lay the same table out the way a school's own
file would be: the heading and the approval block above the table, section rows merged
across the table and bold, cells with several paragraphs. The CSV files keep the seed's
text as it is (HTML remnants included) and differ in delimiter and encoding.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
SEEDS = {
    "000": "000_f90720269e05c3b4.txt",
    "001": "001_1c6819adc6d14504.txt",
    "002": "002_484ae9866d97a718.txt",
    "003": "003_f9f98f2df779653d.txt",
    "004": "004_f6f013090ff16a95.txt",
}
# (delimiter, encoding) of each seed's CSV: what Excel and school systems write.
CSV_DIALECTS = {
    "000": (";", "cp1251"),
    "001": (",", "utf-8"),
    "002": ("\t", "utf-8"),
    "003": (";", "utf-8-sig"),
    "004": ("\t", "cp1251"),
}
BOLD_TAG = re.compile(r"^\s*<b>(.*)</b>\s*$", re.S)


@dataclass
class Cell:
    text: str
    bold: bool = False
    span: int = 1  # grid columns this cell covers, to the right
    down: int = 1  # rows this cell covers, downwards (a vertical merge)


@dataclass
class Layout:
    preamble: list[tuple[str, bool]]  # paragraphs above the table: (text, bold)
    header: list[str]
    rows: list[list[Cell | None]]  # None: a grid position covered by a merged cell
    trailer: list[str] = field(default_factory=list)  # paragraphs after the table (DOCX)
    html_in_docx: bool = False  # render <p>/<ul>/<ol> of cells as Word paragraphs


def _blocks(lines: list[str]) -> list[tuple[str, bool]]:
    """Paragraphs separated by blank lines; «**…**» marks bold."""
    blocks, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            text = "\n".join(current)
            bold = text.startswith("**")
            blocks.append((text.replace("**", "").replace("\\_", "_"), bold))
            current = []
    return blocks


def _plain(text: str) -> tuple[str, bool]:
    """Strip a whole-cell <b>…</b>; report whether it was there."""
    if match := BOLD_TAG.match(text):
        return match.group(1), True
    return text, False


def _tab_rows(lines: list[str], width: int) -> list[list[str]]:
    rows = []
    for line in lines:
        if not line.strip():
            continue
        cells = line.split("\t")
        rows.append((cells + [""] * width)[:width])
    return rows


def _header_index(lines: list[str], start: str) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(start))


# --- the seeds ---------------------------------------------------------------------------


def seed_000(text: str) -> Layout:
    lines = text.splitlines()
    at = _header_index(lines, "№\t")
    header = lines[at].split("\t")
    rows = [[Cell(cell) for cell in row] for row in _tab_rows(lines[at + 1 :], len(header))]
    return Layout(_blocks(lines[:at]), header, rows, html_in_docx=True)


def seed_001(text: str) -> Layout:
    lines = text.splitlines()
    at = _header_index(lines, "Мероприятие, которое")
    header = lines[at].split("\t")
    rows: list[list[Cell | None]] = []
    for cells in _tab_rows(lines[at + 1 :], len(header)):
        first, rest = cells[0].strip(), cells[1:]
        if first.startswith(("Этап", "Задач")) and not any(rest):
            # Stage and task rows span the whole table; stage rows are bold.
            rows.append([Cell(first, bold=first.startswith("Этап"), span=len(header))])
            rows[-1] += [None] * (len(header) - 1)
        else:
            rows.append([Cell(cell) for cell in cells])
    return Layout(_blocks(lines[:at]), header, rows)


def seed_002(text: str, *, merge_down: bool) -> Layout:
    lines = text.replace("  \n", "\n").splitlines()
    at = _header_index(lines, "№ п/п")
    header = lines[at].split("\t")
    rows: list[list[Cell | None]] = []
    for cells in _tab_rows(lines[at + 1 :], len(header)):
        number, number_bold = _plain(cells[0])
        title, title_bold = _plain(cells[1])
        if re.fullmatch(r"\d+\.?", number.strip()) and not any(cells[2:]):
            # A section: its number, then its title across the rest of the row, bold.
            span = len(header) - 1
            rows.append([Cell(number, bold=True), Cell(title, bold=True, span=span)])
            rows[-1] += [None] * (span - 1)
        else:
            row = [Cell(number), Cell(title, bold=title_bold)]
            row += [Cell(_plain(cell)[0], bold=_plain(cell)[1]) for cell in cells[2:]]
            rows.append(row)
    if merge_down:
        _merge_002_bank_rows(rows)
    return Layout(_blocks(lines[:at]), header, rows)


def _merge_002_bank_rows(rows: list[list[Cell | None]]) -> None:
    """In the school's Word file 4.5–4.9 share one deadline, responsible and result cell.

    The seed (text taken across a page break) shows them as separate rows, the result cut
    in two; the Word and Excel copies merge them back vertically.
    """
    first = next(i for i, row in enumerate(rows) if row[0] and row[0].text == "4.5")
    last = next(i for i, row in enumerate(rows) if row[0] and row[0].text == "4.9")
    top = rows[first]
    second_part = rows[first + 1][4].text
    top[4] = Cell(f"{top[4].text} {second_part}", down=last - first + 1)
    top[2] = Cell(top[2].text, down=last - first + 1)
    top[3] = Cell(top[3].text, down=last - first + 1)
    for row in rows[first + 1 : last + 1]:
        row[2] = row[3] = row[4] = None


def seed_003(text: str) -> Layout:
    head, _sep, table = text.partition("\n\t")
    table = "\t" + table
    rows_text = [chunk for chunk in re.split(r"\n[ ]*\n", table) if chunk.strip()]
    rows = []
    for chunk in rows_text:
        cells = [cell.rstrip() for cell in chunk.strip("\n").split("\n\t")]
        cells[0] = cells[0].lstrip("\t")
        rows.append(cells)
    header, data = rows[0], rows[1:]
    width = len(header)
    layout_rows: list[list[Cell | None]] = []
    for cells in data:
        if len(cells) == 2:  # a section: number and title
            layout_rows.append([Cell(cells[0]), Cell(cells[1], span=width - 1)])
            layout_rows[-1] += [None] * (width - 2)
        else:
            layout_rows.append([Cell(cell) for cell in (cells + [""] * width)[:width]])
    preamble = [(line.strip(), True) for line in head.splitlines() if line.strip()]
    return Layout(preamble, header, layout_rows)


_STAGE_004 = re.compile(r"^(\d)\. (.*)$")
_ITEM_004 = re.compile(r"(?:^|\s+)(?=(?:•|\d[.)])\s)")


def seed_004(text: str) -> Layout:
    """A PDF's text: the stage's name wraps over several lines, then a blank line, then
    its content; «4. Отбор и обучение 1. Анализ…» has both on one line."""
    lines = text.splitlines()
    at = _header_index(lines, "№ Наименование")
    preamble = [("\n".join(line.strip() for line in lines[:at] if line.strip()), True)]
    body = lines[at + 4 :]  # after «№ Наименование / этапа / (blank) / Содержание деятельности»
    stamp_at = next(i for i, line in enumerate(body) if "2022-11-08" in line)
    trailer = [line.strip() for line in body[stamp_at:] if line.strip()]
    stages: list[dict] = []
    for line in body[:stamp_at]:
        match = _STAGE_004.match(line)
        if match and int(match.group(1)) == len(stages) + 1:
            title, sep, content = match.group(2).partition(" 1. ")
            stages.append(
                {
                    "name": [f"{match.group(1)}. {title}"],
                    "content": [f"1. {content}"] if sep else [],
                    "in_name": not sep,
                }
            )
        elif not stages:
            continue
        elif stages[-1]["in_name"]:
            if line.strip():
                stages[-1]["name"].append(line)
            else:
                stages[-1]["in_name"] = False
        else:
            stages[-1]["content"].append(line)
    rows: list[list[Cell | None]] = []
    for stage in stages:
        name = " ".join(line.strip() for line in stage["name"])
        flowing = " ".join(line.strip() for line in stage["content"] if line.strip())
        items = [item.strip() for item in _ITEM_004.split(flowing) if item.strip()]
        rows.append([Cell(name), Cell("\n".join(items))])
    return Layout(preamble, ["№ Наименование этапа", "Содержание деятельности"], rows, trailer)


def layout(code: str, *, merged: bool) -> Layout:
    text = (HERE / SEEDS[code]).read_text(encoding="utf-8")
    if code == "002":
        return seed_002(text, merge_down=merged)
    return {"000": seed_000, "001": seed_001, "003": seed_003, "004": seed_004}[code](text)


# --- writers -----------------------------------------------------------------------------


def write_csv(doc: Layout, path: Path, *, delimiter: str, encoding: str) -> None:
    width = len(doc.header)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for text, _bold in doc.preamble:
        writer.writerow([text.replace("\n", " ")] + [""] * (width - 1))
    writer.writerow(doc.header)
    for row in doc.rows:
        writer.writerow([cell.text if cell else "" for cell in row])
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_xlsx(doc: Layout, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Дорожная карта"
    width = len(doc.header)
    wrap = Alignment(wrap_text=True, vertical="top")
    number = 1
    for text, bold in doc.preamble:
        cell = sheet.cell(number, 1, text)
        cell.font, cell.alignment = Font(bold=bold), wrap
        sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=width)
        number += 1
    number += 1  # a blank row before the table
    for column, text in enumerate(doc.header, 1):
        cell = sheet.cell(number, column, text)
        cell.font, cell.alignment = Font(bold=True), wrap
    for row in doc.rows:
        number += 1
        for column, item in enumerate(row, 1):
            if item is None:
                continue
            cell = sheet.cell(number, column, item.text)  # numbers stay text: «1.10»
            cell.font, cell.alignment = Font(bold=item.bold), wrap
            if item.span > 1 or item.down > 1:
                sheet.merge_cells(
                    start_row=number,
                    start_column=column,
                    end_row=number + item.down - 1,
                    end_column=column + item.span - 1,
                )
    for column in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 40 if column > 1 else 8
    book.save(path)


_HTML_BLOCK = re.compile(r"<(p|ul|ol)\b[^>]*>(.*?)(?:</\1>|(?=<(?:p|ul|ol)\b)|$)", re.S)
_OL_ITEM = re.compile(r"\s*\d+\)\s+")
_UL_ITEM = re.compile(r"(?:^|(?<=[.;]))\s*[–-]\s+")


def _html_paragraphs(text: str) -> list[tuple[str, str | None]]:
    """(text, list style) per paragraph of a cell with <p>, <ul> and <ol> remnants."""
    if "<" not in text:
        return [(text.strip(), None)]
    paragraphs: list[tuple[str, str | None]] = []
    for tag, inner in _HTML_BLOCK.findall(text):
        inner = re.sub(r"<[^>]+>", " ", inner)
        if tag == "p":
            paragraphs.append((" ".join(inner.split()), None))
            continue
        pattern = _OL_ITEM if tag == "ol" else _UL_ITEM
        for item in pattern.split(inner):
            if item.strip():
                # Word numbers «List Number» paragraphs itself; dashes of a «none» list are text.
                style = "List Number" if tag == "ol" else None
                prefix = "" if tag == "ol" else "– "
                paragraphs.append((prefix + " ".join(item.split()), style))
    return paragraphs


def _fill(cell, text: str, *, bold: bool, html: bool) -> None:
    paragraphs = (
        _html_paragraphs(text)
        if html
        else [(line.strip(), None) for line in text.split("\n") if line.strip()] or [("", None)]
    )
    first = cell.paragraphs[0]
    for index, (line, style) in enumerate(paragraphs):
        paragraph = first if index == 0 else cell.add_paragraph()
        if style:
            paragraph.style = style
        paragraph.add_run(line).bold = bold


def write_docx(doc: Layout, path: Path) -> None:
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    for text, bold in doc.preamble:
        paragraph = document.add_paragraph()
        for index, line in enumerate(text.split("\n")):
            run = paragraph.add_run(line)
            run.bold = bold
            if index < text.count("\n"):
                run.add_break()
    width = len(doc.header)
    table = document.add_table(rows=1 + len(doc.rows), cols=width)
    table.style = "Table Grid"
    for column, text in enumerate(doc.header):
        _fill(table.cell(0, column), text.strip(), bold=True, html=False)
    for index, row in enumerate(doc.rows, 1):
        for column, item in enumerate(row):
            if item is None:
                continue
            cell = table.cell(index, column)
            if item.span > 1 or item.down > 1:
                cell = cell.merge(table.cell(index + item.down - 1, column + item.span - 1))
            _fill(cell, item.text, bold=item.bold, html=doc.html_in_docx)
    for text in doc.trailer:
        document.add_paragraph(text)
    document.core_properties.author = "make_files.py"
    document.save(path)


def main() -> None:
    for code in SEEDS:
        delimiter, encoding = CSV_DIALECTS[code]
        write_csv(
            layout(code, merged=False), HERE / f"{code}.csv", delimiter=delimiter, encoding=encoding
        )
        write_xlsx(layout(code, merged=True), HERE / f"{code}.xlsx")
        write_docx(layout(code, merged=True), HERE / f"{code}.docx")
        print(f"{code}: csv, xlsx, docx")


if __name__ == "__main__":
    main()
