"""Pieces every document shares: the organisation header, numbers, stamps, signatures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorship.dates import date_ru, date_short
from mentorship.declension import Gender, decline_person
from mentorship.models import LegalBasis, Person, School
from mentorship.positions import decline_head, decline_position
from mentorship.services import get_school
from reports.printing import Item, Signature, Stamp

if TYPE_CHECKING:
    from reports.models import Document

BLANK_DATE = "«___» ____________ 20___ г."
BLANK_NUMBER = "______"


def organisation_lines(school: School) -> tuple[str, ...]:
    return tuple(line for line in (school.founder, school.full_name) if line)


def initials_surname(full: str) -> str:
    """«Соколова Ирина Владимировна» → «И. В. Соколова» (ГОСТ signature decoding)."""
    parts = full.split()
    if len(parts) < 2:
        return full
    surname, *rest = parts
    return " ".join([*(f"{part[0]}." for part in rest), surname])


def person_initials(person: Person) -> str:
    return initials_surname(person.full_name)


def gendered(gender: Gender | None, male: str, female: str, either: str) -> str:
    """Pick the word for a man, a woman, or both when the gender is unknown."""
    if gender == Gender.MALE:
        return male
    if gender == Gender.FEMALE:
        return female
    return either


def in_case(person: Person, case: str) -> str:
    """The person's full name in a grammatical case, honouring the manual override."""
    return decline_person(person, case)


def with_position(person: Person, case: str) -> str:
    """«учителя математики Петрова Ивана Сергеевича»: the title declines with the name."""
    name = in_case(person, case)
    return f"{decline_position(person.position, case)} {name}" if person.position else name


def sentence(text: str) -> str:
    """End the text with one full stop («… 2026 г.» keeps its own)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", ":", ";")) else f"{text}."


def director_signature(school: School) -> Signature:
    return Signature(school.director_position or "Директор", initials_surname(school.director_name))


def legal_bases_text(case: str = "instrumental") -> str:
    """The active legal bases, each title declined: «с Федеральным законом …, распоряжением …»."""
    bases = LegalBasis.objects.filter(is_active=True)
    return ", ".join(decline_head(basis.title, case) for basis in bases)


def default_order_preamble(purpose: str) -> str:
    """«В соответствии с …, в целях …» from the school's active legal bases."""
    bases = legal_bases_text()
    opening = f"В соответствии с {bases}" if bases else ""
    text = ", ".join(part for part in (opening, purpose) if part)
    return f"{text[:1].upper()}{text[1:]}," if text else ""


def number_and_date(document: Document) -> tuple[str, object, bool]:
    """The number, the date and whether it is still a draft (blanks in print)."""
    draft = document.status != "approved"
    return document.number, document.approved_on, draft


def order_reference(document: Document, *, kind_word: str = "приказу") -> str:
    """«к приказу от 25.11.2026 № 16/1-О», or blanks for a draft."""
    if document.status == "approved" and document.number:
        return f"к {kind_word} от {date_short(document.approved_on)} № {document.number}"
    return f"к {kind_word} от ____________ № {BLANK_NUMBER}"


def annex_mark(number: int, document: Document, *, kind_word: str = "приказу") -> tuple[str, ...]:
    return (f"Приложение {number}", order_reference(document, kind_word=kind_word))


def approved_by_director_stamp(school: School, on=None) -> Stamp:
    """УТВЕРЖДАЮ / Директор … / ____ И. О. Фамилия / «date»."""
    return Stamp(
        (
            "УТВЕРЖДАЮ",
            school.director_position or "Директор",
            school.short_name,
            f"__________ {initials_surname(school.director_name)}",
            date_ru(on) if on else BLANK_DATE,
        )
    )


def approved_by_order_stamp(word: str, school: School, order: Document) -> Stamp:
    """УТВЕРЖДЕНО / приказом МБОУ … / от 25.11.2026 № 16/1-О."""
    return Stamp(
        (
            word,
            f"приказом {school.short_name}",
            f"от {date_short(order.approved_on)} № {order.number}",
        )
    )


def control_item(params: dict, people: dict[int, Person]) -> Item:
    person = people.get(params.get("control_person") or 0)
    if person is None:
        return Item("Контроль за исполнением настоящего приказа оставляю за собой.")
    return Item(
        f"Контроль за исполнением настоящего приказа возложить на {with_position(person, 'accusative')}."
    )


def extra_items(document: Document) -> list[Item]:
    return [Item(line.strip()) for line in document.extra_items.splitlines() if line.strip()]


def school() -> School:
    return get_school()
