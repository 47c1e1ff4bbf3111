"""Declension of Russian full names («Фамилия Имя Отчество») for orders and other documents.

The forms come from pytrovich (the petrovich rules), which gets right men's and women's
surnames, indeclinable ones (Черных, Бондаренко, Дюма, a woman's Шевчук), double surnames,
fleeting vowels (Льва, Павла, Любови) and Ильич-type patronymics. Two things are added here:
Turkic patronymics with «оглы»/«кызы» stay as they are, and a word written in capitals stays
in capitals. Whatever the rules still get wrong is typed into the person's card by hand.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _
from pytrovich.detector import PetrovichGenderDetector
from pytrovich.enums import Case as LibraryCase
from pytrovich.enums import Gender as LibraryGender
from pytrovich.enums import NamePart
from pytrovich.maker import PetrovichDeclinationMaker

from mentorship.text import full_name, short_name

if TYPE_CHECKING:
    from mentorship.models import Person


class Case(models.TextChoices):
    """Grammatical case of a name in a document."""

    NOMINATIVE = "nominative", _("именительный (кто?)")
    GENITIVE = "genitive", _("родительный (кого?)")
    DATIVE = "dative", _("дательный (кому?)")
    ACCUSATIVE = "accusative", _("винительный (кого?)")
    INSTRUMENTAL = "instrumental", _("творительный (кем?)")
    PREPOSITIONAL = "prepositional", _("предложный (о ком?)")


class Gender(models.TextChoices):
    """Grammatical gender of a person's name."""

    MALE = "male", _("мужской")
    FEMALE = "female", _("женский")


# The Person fields that override the automatic form of each case, when filled in.
OVERRIDE_FIELDS: dict[str, str] = {
    Case.GENITIVE: "name_genitive",
    Case.DATIVE: "name_dative",
    Case.ACCUSATIVE: "name_accusative",
    Case.INSTRUMENTAL: "name_instrumental",
}

# Azerbaijani, Turkish, Kazakh, Kyrgyz and Uzbek patronymics: «Гасан оглы», «Рамиз-кызы».
# In Russian documents the father's name and the word after it stay unchanged in every case.
_TURKIC_TAILS: dict[str, Gender] = {
    **dict.fromkeys(("оглы", "оглу", "улы", "уулу", "угли", "углы"), Gender.MALE),
    **dict.fromkeys(("кызы", "кизи", "гызы", "кзы", "гизи"), Gender.FEMALE),
}

_LIBRARY_CASES: dict[str, LibraryCase] = {
    Case.GENITIVE: LibraryCase.GENITIVE,
    Case.DATIVE: LibraryCase.DATIVE,
    Case.ACCUSATIVE: LibraryCase.ACCUSATIVE,
    Case.INSTRUMENTAL: LibraryCase.INSTRUMENTAL,
    Case.PREPOSITIONAL: LibraryCase.PREPOSITIONAL,
}
_LIBRARY_GENDERS: dict[LibraryGender, Gender] = {
    LibraryGender.MALE: Gender.MALE,
    LibraryGender.FEMALE: Gender.FEMALE,
}


@functools.cache
def _maker() -> PetrovichDeclinationMaker:
    """The library's decliner, built on first use."""
    return PetrovichDeclinationMaker()


@functools.cache
def _detector() -> PetrovichGenderDetector:
    """The library's gender detector, built on first use."""
    return PetrovichGenderDetector()


def _clean(value: str) -> str:
    """The value with single spaces and no spaces around it."""
    return " ".join((value or "").split())


def _turkic_tail(patronymic: str) -> str | None:
    """«оглы», «кызы»… when the patronymic ends with one of them, else None."""
    words = patronymic.lower().replace("-", " ").split()
    return words[-1] if words and words[-1] in _TURKIC_TAILS else None


def detect_gender(surname: str, name: str, patronymic: str = "") -> Gender | None:
    """Gender by the patronymic, then the surname, then the name; None when none tells."""
    surname, name, patronymic = _clean(surname), _clean(name), _clean(patronymic)
    tail = _turkic_tail(patronymic)
    if tail is not None:
        return _TURKIC_TAILS[tail]
    detector = _detector()
    # One part at a time: the library's joint call gives up on a conflict such as
    # «Омарова Хадижат», where the surname is sure and the unfamiliar name only guesses.
    for part, value in (("middlename", patronymic), ("lastname", surname), ("firstname", name)):
        if value:
            gender = _LIBRARY_GENDERS.get(detector.detect(**{part: value}))
            if gender is not None:
                return gender
    return None


def _decline_word(part: NamePart, value: str, case: LibraryCase, gender: Gender | None) -> str:
    """One part of the name (possibly hyphenated) in the given case."""
    if not value:
        return value
    if value.isupper() and len(value) > 1:
        # The rules add lower-case endings: «ИВАНОВ» would become «ИВАНОВа».
        return _decline_word(part, value.capitalize(), case, gender).upper()
    if gender is None:
        return _maker().make(part, LibraryGender.ANDROGYNOUS, case, value, known_gender=False)
    library_gender = LibraryGender.FEMALE if gender == Gender.FEMALE else LibraryGender.MALE
    return _maker().make(part, library_gender, case, value)


def _decline_patronymic(patronymic: str, case: LibraryCase, gender: Gender | None) -> str:
    """The patronymic in the given case; «Гасан оглы» stays as it is."""
    if _turkic_tail(patronymic) is not None:
        return patronymic
    return _decline_word(NamePart.MIDDLENAME, patronymic, case, gender)


def _resolve(
    surname: str, name: str, patronymic: str, gender: str | None
) -> tuple[str, str, str, Gender | None]:
    """Cleaned parts and the gender: the given one, else the detected one."""
    surname, name, patronymic = _clean(surname), _clean(name), _clean(patronymic)
    if gender is not None:
        return surname, name, patronymic, Gender(gender)
    return surname, name, patronymic, detect_gender(surname, name, patronymic)


def decline_parts(
    surname: str, name: str, patronymic: str, case: str, *, gender: str | None = None
) -> tuple[str, str, str]:
    """Surname, name and patronymic, each in the given case."""
    surname, name, patronymic, resolved = _resolve(surname, name, patronymic, gender)
    if Case(case) == Case.NOMINATIVE:
        return surname, name, patronymic
    target = _LIBRARY_CASES[Case(case)]
    return (
        _decline_word(NamePart.LASTNAME, surname, target, resolved),
        _decline_word(NamePart.FIRSTNAME, name, target, resolved),
        _decline_patronymic(patronymic, target, resolved),
    )


def decline_full_name(
    surname: str, name: str, patronymic: str, case: str, *, gender: str | None = None
) -> str:
    """«Фамилия Имя Отчество» in the given case, e.g. «Ивановой Марии Петровне»."""
    return full_name(*decline_parts(surname, name, patronymic, case, gender=gender))


def short_name_in_case(
    surname: str,
    name: str,
    patronymic: str,
    case: str,
    *,
    gender: str | None = None,
    initials_first: bool = False,
) -> str:
    """«Ивановой М. П.», or «М. П. Ивановой» with initials_first."""
    declined = decline_parts(surname, name, patronymic, case, gender=gender)[0]
    return _short(declined, _clean(name), _clean(patronymic), initials_first=initials_first)


def _short(surname: str, name: str, patronymic: str, *, initials_first: bool) -> str:
    """The surname with the initials after it, or before it."""
    if not initials_first:
        return short_name(surname, name, patronymic)
    initials = short_name("", name, patronymic)
    return f"{initials} {surname}".strip()


def _override(person: Person, case: str) -> str:
    """The hand-typed form of the person's name in that case, or an empty string."""
    field = OVERRIDE_FIELDS.get(Case(case))
    return _clean(getattr(person, field, "")) if field else ""


def decline_person(person: Person, case: str) -> str:
    """The person's full name in the given case: the card's own form first, else the rules."""
    return _override(person, case) or decline_full_name(
        person.surname, person.name, person.patronymic, case
    )


def short_person_in_case(person: Person, case: str, *, initials_first: bool = False) -> str:
    """«Ивановой М. П.» for a person; a hand-typed form of the case gives the surname."""
    override = _override(person, case)
    if not override:
        return short_name_in_case(
            person.surname, person.name, person.patronymic, case, initials_first=initials_first
        )
    # The surname keeps its number of words in every case: take as many from the override.
    words = len(_clean(person.surname).split()) or 1
    surname = " ".join(override.split()[:words])
    return _short(
        surname, _clean(person.name), _clean(person.patronymic), initials_first=initials_first
    )
