"""Decline a job title or an act's title for a document: «учитель математики» → «учителя математики».

Only the head of the title changes (the first noun and the adjectives before it); the
rest is already in the genitive or is an abbreviation: «заместитель директора по УВР»
→ «заместителю директора по УВР». Words come from pymorphy3's dictionary, not from
hand-written endings.
"""

from __future__ import annotations

import re
from functools import cache

CASE_TAGS = {
    "nominative": "nomn",
    "genitive": "gent",
    "dative": "datv",
    "accusative": "accs",
    "instrumental": "ablt",
    "prepositional": "loct",
}
_WORD = re.compile(r"[А-Яа-яЁё]+")


@cache
def _analyzer():
    import pymorphy3  # noqa: PLC0415  (loads its dictionary once, on first use)

    return pymorphy3.MorphAnalyzer()


def _nominative_parse(word: str):
    for parse in _analyzer().parse(word):
        tag = parse.tag
        if "nomn" in tag and tag.POS in ("NOUN", "ADJF", "PRTF") and "Abbr" not in tag:
            return parse
    return None


def _inflect_word(word: str, case_tag: str, parse) -> str:
    number = "plur" if "plur" in parse.tag else "sing"
    grammemes = {case_tag, number}
    if parse.tag.POS in ("ADJF", "PRTF") and number == "sing":
        grammemes.add(parse.tag.gender or "masc")
    inflected = parse.inflect(grammemes)
    if inflected is None:
        return word
    result = inflected.word.replace("ё", "е") if "ё" not in word else inflected.word
    if word[:1].isupper():
        result = result[:1].upper() + result[1:]
    return result


def _decline_token(token: str, case_tag: str) -> tuple[str, bool]:
    """Return the declined token and whether it was the head noun (stop after it)."""
    parts = token.split("-")
    parses = [_nominative_parse(part) if _WORD.fullmatch(part) else None for part in parts]
    if not parses or any(parse is None for parse in parses):
        return token, True
    declined = "-".join(
        _inflect_word(part, case_tag, parse) for part, parse in zip(parts, parses, strict=True)
    )
    is_noun = parses[-1].tag.POS == "NOUN"
    return declined, is_noun


@cache
def decline_head(phrase: str, case: str) -> str:
    """The phrase with its head (first noun and its adjectives) in a case; unknown words stay."""
    case_tag = CASE_TAGS[case]
    if case_tag == "nomn" or not phrase.strip():
        return phrase
    tokens = phrase.split(" ")
    result: list[str] = []
    for index, token in enumerate(tokens):
        if not token:
            result.append(token)
            continue
        declined, stop = _decline_token(token, case_tag)
        result.append(declined)
        if stop:
            result.extend(tokens[index + 1 :])
            break
    return " ".join(result)


def decline_position(position: str, case: str) -> str:
    """«учитель математики» → «учителя математики» (genitive)."""
    return decline_head(position, case)
