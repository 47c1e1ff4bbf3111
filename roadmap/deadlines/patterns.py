"""The regular expressions that find the parts of a normalised deadline phrase."""

from __future__ import annotations

import re

from roadmap.deadlines.vocabulary import (
    ANCHOR_IMPLEMENTATION_ORDER,
    ANCHOR_PAIRS_FORMED,
    ANCHOR_PROGRAMME_END,
    ANCHOR_YEAR_START,
    MONTH_BY_FORM,
    NUMBERS,
)

_MONTH = "|".join(sorted(MONTH_BY_FORM, key=len, reverse=True))
_NUM = r"\d{1,3}|" + "|".join(sorted(NUMBERS, key=len, reverse=True))
_ORD = (
    r"\d{1,2}\s*-?\s*(?:ый|ой|ий|го|й|я)"
    r"|(?:перв|втор|трет|четверт|пят|шест|седьм|восьм|девят|десят)"
    r"(?:ьего|ьей|ьем|ьих|ого|его|ый|ий|ой|ое|ом|ем|ая|ья|ую|ью|ые|ьи|ых|ей|ье)"
)
_UNIT = r"дн(?:я|ей)|день|недел[а-я]*|месяц[а-я]*|год[а-я]*|лет"
_PAIRS = r"(?:пар(?:ы|ам|ами|ах)?|групп(?:а|ы|ам|ами|ах)?)(?![а-я])"

HTML_TAG = re.compile(r"<[^>]*>")
DASHES = re.compile(r"[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]")
YEAR_SUFFIX = re.compile(r"(?<!\d)(\d{4})\s*(?:гг|г|годов|года|году|год)(?![а-я])\.*")
YEAR_PAIR = re.compile(r"(?<!\d)(\d{4})\s*[-/]\s*(\d{4})(?!\d)")

MONTH_TOKEN = re.compile(
    rf"(?<![а-я])(?P<month>{_MONTH})(?![а-я])\.?(?:\s*(?P<year>\d{{4}})(?!\s*[-/]\s*\d{{4}}))?"
)
NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?(?![\d])")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
WORD_DATE = re.compile(
    rf"(?<![\d.])(\d{{1,2}})\s*(?P<month>{_MONTH})(?![а-я])\.?(?:\s*(?P<year>\d{{4}}))?"
)
DAY_RANGE = re.compile(
    rf"(?<![\d.])(\d{{1,2}})\s*(?:-|по|до)\s*(\d{{1,2}})\s*(?P<month>{_MONTH})(?![а-я])\.?"
    r"(?:\s*(?P<year>\d{4}))?"
)
DEADLINE_PREFIX = re.compile(r"(?<![а-я])(?:до|не позднее|не позже|к|по|срок)\s*$")
UNTIL_MONTH_END = re.compile(
    rf"(?<![а-я])до\s+конца\s+(?P<month>{_MONTH})(?![а-я])\.?(?:\s*(?P<year>\d{{4}}))?"
)
UNTIL_SCHOOL_YEAR = re.compile(
    r"(?<![а-я])до\s+(?P<edge>начала|конца|окончания)\s+(?:(?P<school>учебного)\s+)?года"
)
UNTIL_YEAR_END = re.compile(r"(?<![а-я])до\s+конца\s+(?P<year>\d{4})")

SCHOOL_PART = re.compile(
    rf"(?<!\w)(?P<ord>iv|iii|ii|i|[1-4]|{_ORD})\s*(?:-?\s*(?:й|я|е|ое|го|ом))?\s*"
    r"(?P<part>полугоди|четверт|триместр|квартал)[а-я]*"
    r"(?:\s*(?P<year>\d{4})(?!\s*[-/]\s*\d{4}))?"
)
SCHOOL_YEAR_EDGE = re.compile(
    r"(?P<edge>начал[а-я]*|конец|конц[а-я]*|окончани[а-я]*|завершени[а-я]*)\s+учебного\s+года"
)
SUMMER = re.compile(r"(?<![а-я])(?:лето|летом|летн[а-я]*)(?![а-я])")

RECUR_WORD = re.compile(
    r"(?<![а-я])(?P<word>ежегодн|ежемесячн|еженедельн|ежеквартальн|регулярн|систематическ"
    r"|периодическ)"
)
RECUR_EVERY = re.compile(
    rf"(?:(?P<times>{_NUM})\s+)?(?<![а-я])раза?\s+в\s+(?:(?P<n>{_NUM})\s+)?"
    r"(?:учебн[а-я]*\s+)?(?P<unit>недел[а-я]*|месяц[а-я]*|год[а-я]*|лет|полгода"
    r"|полугоди[а-я]*|квартал[а-я]*|четверт[а-я]*)"
)
RECUR_EACH = re.compile(
    rf"(?<![а-я])кажд[а-я]*\s+(?:(?P<n>{_NUM})\s+)?(?:учебн[а-я]*\s+)?"
    r"(?P<unit>недел[а-я]*|месяц[а-я]*|год[а-я]*|полугоди[а-я]*|квартал[а-я]*|четверт[а-я]*)"
)

ORDINAL_SPAN = re.compile(
    rf"(?<!\w)(?P<o1>{_ORD})(?:\s*(?:-|или|и)\s*(?P<o2>{_ORD}))?\s+(?:(?P<n>{_NUM})\s+)?"
    rf"(?:учебн[а-я]*\s+)?(?P<unit>{_UNIT})(?![а-я])"
)
DURATION_AFTER = re.compile(
    rf"(?:(?<!\w)(?P<n>{_NUM})\s+)?(?:(?P<working>рабоч[а-я]*)\s+)?(?P<unit>{_UNIT})\s+"
    r"(?:после|с момента|со дня|с даты|от даты|по окончании|по завершении|с начала)(?![а-я])"
)
AFTER = re.compile(r"(?<![а-я])(?:после|по окончании|по завершении|с момента)(?![а-я])")

ANCHOR_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (ANCHOR_PAIRS_FORMED, re.compile(
        rf"(?:формировани|закреплени|создани|утверждени|подбор)[а-я]*\s+(?:[а-я]+\s+){{0,2}}"
        rf"{_PAIRS}|{_PAIRS}\s+сформирован"
    )),
    (ANCHOR_IMPLEMENTATION_ORDER, re.compile(r"приказ")),
    (ANCHOR_PROGRAMME_END, re.compile(
        r"(?:окончани|завершени)[а-я]*\s+(?:[а-я]+\s+){0,2}"
        r"(?:программ|наставничеств|проект|реализаци|цмн)"
    )),
    (ANCHOR_YEAR_START, re.compile(r"начала\s+(?:учебного\s+)?года")),
)  # fmt: skip

WHOLE_YEAR = re.compile(
    r"в течение\s+(?:всего\s+)?(?:учебного\s+|календарного\s+)?года(?![а-я])"
    r"|в течение\s+(?:всего|периода|срока|реализации|программы)"
    r"|на протяжении|(?<![а-я])весь\s+(?:учебный\s+)?(?:год|период)(?![а-я])"
    r"|постоянно|круглогодично"
)
CALENDAR_YEAR = re.compile(r"^(?:в течение\s+|в\s+|на\s+|за\s+)?(?P<year>\d{4})$")
AS_NEEDED = re.compile(
    r"по мере|необходимост|в зависимости от|по потребност|по запрос|по требовани"
    r"|по согласовани|по готовности|периодическ"
)
