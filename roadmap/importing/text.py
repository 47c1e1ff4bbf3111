"""The text of the cells: how the lines of a cut text join, a list of activities in one cell
split into items, and the kind of document an event's result names."""

from __future__ import annotations

import itertools
import re

from roadmap.models import DocumentKind

# A list marker at the start of a line: a bullet, a dash, «1.» or «1)».
LIST_MARKER = re.compile(r"^\s*(?:[•·●▪◦*\-–—]|\d{1,2}[.)])\s")
_TERMINAL = ".;:!?"


def join_text(first: str, second: str) -> str:
    """Glue the next line of a text: a new line after a full stop or before a list item."""
    if not first:
        return second
    if not second:
        return first
    if first[-1] in _TERMINAL and (second[0].isupper() or LIST_MARKER.match(second)):
        return f"{first}\n{second}"
    if LIST_MARKER.match(second):
        return f"{first}\n{second}"
    return f"{first} {second}"


def flat(text: str) -> str:
    """The lines of a cell as one text, list items and full sentences kept on their lines."""
    result = ""
    for line in text.split("\n"):
        result = join_text(result, line)
    return result


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- lists of activities in one cell ----------------------------------------------------

# A marker inside a line: a bullet after a space; a dash after the end of a sentence;
# «2)» after a space; «2.» after the end of a sentence. Mid-line numbers are checked in
# split_items().
_INLINE_MARK = re.compile(
    r"(?:(?<=\s)|^)(?P<bullet>[•·●▪◦])\s"
    r"|(?:(?<=[.;:!?)»])\s+|^)(?P<dash>[-–—])\s"
    r"|(?:(?<=\s)|^)(?P<paren>\d{1,2})\)\s"
    r"|(?:(?<=[.;:!?])\s+|^)(?P<dot>\d{1,2})\.\s(?=\D)"
)


def split_items(text: str) -> list[str]:
    """Split a cell listing several activities: «1) …», «– …», «• …», <li>, one per line.

    Text before the first marker («Подготовка и принятие актов:») is an activity too; text
    without a marker after an item goes on with that item.
    """
    items: list[str] = []
    expected = 1
    for line in text.split("\n"):
        starts = []
        for match in _INLINE_MARK.finditer(line):
            number = match.group("paren") or match.group("dot")
            if number is not None:
                before = line[: match.start()].rstrip()
                # Mid-line, «3)» starts an item in turn or after a finished sentence («…; 3)»,
                # the list numbered by Word above it), never inside parentheses.
                if before and int(number) != expected and before[-1] not in ".;:":
                    continue
                if match.group("paren") and before.count("(") > before.count(")"):
                    continue  # «(Приложение 1)»: a closing parenthesis, not a list
                expected = int(number) + 1
            starts.append(match.start())
        head = line[: starts[0]] if starts else line
        if head.strip():
            if items:
                items[-1] = f"{items[-1]} {head.strip()}"
            else:
                items.append(head.strip())
        for start, end in itertools.pairwise([*starts, len(line)]):
            items.append(LIST_MARKER.sub("", line[start:end], count=1).strip())
    titles = (_item_title(item) for item in items)
    return [title for title in titles if title]


def _item_title(item: str) -> str:
    item = item.strip().rstrip(";:,").strip()
    return item[:1].upper() + item[1:]


# --- the kind of document an event leaves ------------------------------------------------

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (DocumentKind.ORDER_PAIRS, r"^приказ\w*\b.*(?:закреплен|наставническ\w* пар|пар/)"),
        (DocumentKind.ORDER_CURATOR, r"^приказ\w*\b.*куратор"),
        (DocumentKind.ORDER_REWARDS, r"^приказ\w*\b.*поощрен"),
        (DocumentKind.ORDER_FINAL_EVENT, r"^приказ\w*\b.*итогов\w* мероприяти"),
        (DocumentKind.ORDER_IMPLEMENTATION, r"^приказ\w*\b.*внедрени"),
        (DocumentKind.PROTOCOL, r"^протокол"),
        (DocumentKind.REGULATION, r"^положени\w* о (?:системе )?наставничеств"),
        (DocumentKind.ROADMAP, r"^(?:\w+ )?дорожн\w* карт|^план мероприятий \(дорожная карта\)"),
        (DocumentKind.MENTOR_BANK, r"^(?:база|базы|банк)\w* (?:данных )?наставников"),
        (DocumentKind.MENTEE_BANK, r"^(?:база|базы|банк)\w* (?:данных )?наставляемых"),
        (DocumentKind.CONSENTS, r"^(?:сбор )?согласи\w* на (?:сбор|обработку)"),
        (DocumentKind.QUESTIONNAIRES, r"^анкет"),
        (DocumentKind.WEBSITE, r"^раздел наставничество на сайте"),
        (DocumentKind.TRAINING, r"^обучение наставников"),
        (DocumentKind.ANALYTIC_REPORT, r"^аналитическ\w+ (?:справк|доклад|материал)"),
        (DocumentKind.MONITORING_REPORT, r"^отч[её]т\w* .*мониторинг"),
        (DocumentKind.CASES, r"^(?:база|банк)\w* .*(?:кейс|практик)"),
        (DocumentKind.PROGRAMMES, r"^персонализированн\w+ программ"),
    )
)


def guess_document_kind(text: str) -> str:
    """The document an event leaves, when its result says so plainly at the start of a
    sentence: «Приказ о закреплении …» → order_pairs, «Протокол …» → protocol."""
    for raw in re.split(r"[.;\n]", text.lower().replace("ё", "е")):
        clause = " ".join(re.sub(r"[«»\"]", "", LIST_MARKER.sub("", raw)).split())
        for kind, pattern in _KINDS:
            if pattern.search(clause):
                return kind
    return ""
