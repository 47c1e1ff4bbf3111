"""«Положение о наставничестве»: its text with the school's limits, forms and legal bases.

The words live in ``templates/print/texts/regulation.txt``; the school's settings fill it
in and ``parse_text`` turns its lines into printing blocks (see the markup at the top of
that file). The implementation order prints the same blocks as its first annex.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string

from mentorship.dates import date_short
from mentorship.models import Audience, LegalBasis, MentoringForm
from mentorship.text import plural_form
from reports.documents.base import DocumentKind, register
from reports.documents.common import organisation_lines, school
from reports.documents.others import approval_stamps
from reports.printing import Heading, Paragraph, PrintDocument, Stamp

if TYPE_CHECKING:
    from mentorship.models import School
    from reports.models import Document

TEXT_TEMPLATE = "print/texts/regulation.txt"

SUBJECT_TEACHERS = "о системе наставничества педагогических работников"
SUBJECT_PUPILS = "о целевой модели наставничества обучающихся"
SUBJECT_BOTH = (
    "о системе наставничества педагогических работников и целевой модели наставничества обучающихся"
)

# «№» and its blank stay on one line (a no-break space), as the stamp is narrow.
BLANK_PROTOCOL = "протокол от «___» ______ 20__ г. №\u00a0___"


def active_forms() -> list[MentoringForm]:
    return list(MentoringForm.objects.filter(is_active=True))


def audiences(forms: list[MentoringForm]) -> tuple[bool, bool]:
    """Whether the school mentors teachers, pupils (both when no form says)."""
    teachers = any(form.audience in (Audience.TEACHERS, Audience.ALL) for form in forms)
    pupils = any(form.audience in (Audience.PUPILS, Audience.ALL) for form in forms)
    if not (teachers or pupils):
        return True, True
    return teachers, pupils


def regulation_subject(forms: list[MentoringForm] | None = None) -> str:
    """«о системе наставничества педагогических работников и целевой модели …»."""
    teachers, pupils = audiences(active_forms() if forms is None else forms)
    if teachers and pupils:
        return SUBJECT_BOTH
    return SUBJECT_TEACHERS if teachers else SUBJECT_PUPILS


def regulation_title(sch: School, forms: list[MentoringForm] | None = None) -> str:
    return f"{regulation_subject(forms)} в {sch.short_name}"


def form_line(form: MentoringForm) -> str:
    """«Наставничество в группе — один наставник работает …» (no final stop)."""
    title = lower_first(form.title.strip())
    description = lower_first(form.description.strip().rstrip(".").strip())
    return f"{title} — {description}" if description else title


def lower_first(text: str) -> str:
    """«Наставничество в группе» → «наставничество в группе»; «ИКТ-…» and «…» stay."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def months_range(sch: School) -> str:
    """«от 3 до 12 месяцев», or «6 месяцев» when both limits are the same."""
    low, high = sch.programme_min_months, sch.programme_max_months
    if low == high:
        return f"{high} {plural_form(high, ['месяц', 'месяца', 'месяцев'])}"
    return f"от {low} до {high} {plural_form(high, ['месяца', 'месяцев', 'месяцев'])}"


def meetings_phrase(sch: School) -> str:
    """«не реже одного раза в 14 дней»; «ежедневно» for one day."""
    days = sch.meeting_interval_days
    if days == 1:
        return "ежедневно"
    return f"не реже одного раза в {days} {plural_form(days, ['день', 'дня', 'дней'])}"


def regulation_context(sch: School) -> dict[str, Any]:
    forms = active_forms()
    teachers, pupils = audiences(forms)
    return {
        "school": sch,
        "subject": regulation_subject(forms),
        "teachers": teachers,
        "pupils": pupils,
        "bases": [basis.title for basis in LegalBasis.objects.filter(is_active=True)],
        "forms": [form_line(form) for form in forms],
        "months_range": months_range(sch),
        "meetings": meetings_phrase(sch),
    }


def parse_text(text: str) -> tuple[Any, ...]:
    """Lines to blocks: «# » headings and «+ » points are numbered, «- » are list items."""
    blocks: list[Any] = []
    section = point = 0
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if line.startswith("# "):
            section += 1
            point = 0
            blocks.append(Heading(f"{section}. {line[2:].strip()}"))
        elif line.startswith("+ "):
            point += 1
            number = f"{section}.{point}." if section else f"{point}."
            blocks.append(Paragraph(f"{number} {line[2:].strip()}"))
        elif line.startswith("- "):
            blocks.append(Paragraph(f"– {line[2:].strip()}"))
        else:
            blocks.append(Paragraph(line))
    return tuple(blocks)


def regulation_blocks(sch: School) -> tuple[Any, ...]:
    """The body of the Положение as printing blocks, from the school's current settings."""
    return parse_text(render_to_string(TEXT_TEMPLATE, regulation_context(sch)))


def accepted_stamp(document: Document) -> Stamp:
    """ПРИНЯТО на заседании педагогического совета, with the year's signed protocol."""
    from reports.models import Document as DocumentModel  # noqa: PLC0415

    protocols = DocumentModel.objects.filter(year=document.year, kind="protocol", status="approved")
    if document.approved_on:
        protocols = protocols.filter(approved_on__lte=document.approved_on)
    protocol = protocols.order_by("-approved_on", "-pk").first()
    if protocol is not None:
        reference = f"протокол от {date_short(protocol.approved_on)} № {protocol.number}"
    else:
        reference = BLANK_PROTOCOL
    return Stamp(("ПРИНЯТО", "на заседании педагогического совета", reference), side="left")


@register
class RegulationKind(DocumentKind):
    code = "regulation"
    title = "положение о наставничестве"
    default_title = "о наставничестве"
    # form.html clears the two floated stamps (ПРИНЯТО / УТВЕРЖДЕНО) before the heading.
    template = "print/form.html"
    register_code = None
    roadmap_kind = "regulation"
    has_preamble = False
    has_extra_items = False
    help_text = (
        "Текст собирается из профиля школы: лимиты наставляемых, сроки программ, "
        "периодичность встреч, формы наставничества и правовые основания."
    )

    def build(self, document: Document) -> PrintDocument:
        sch = school()
        forms = active_forms()
        title = document.title.strip()
        if not title or title == self.default_title:
            title = regulation_title(sch, forms)
        return PrintDocument(
            kind=self.code,
            organisation=organisation_lines(sch),
            doc_type="ПОЛОЖЕНИЕ",
            title=title,
            date=document.approved_on,
            stamps=(accepted_stamp(document), *approval_stamps(document, sch, word="УТВЕРЖДЕНО")),
            blocks=regulation_blocks(sch),
            draft=document.status != "approved",
            gost_edition=sch.gost_edition,
            meta={
                "forms": [form.pk for form in forms],
                "max_mentees": sch.max_mentees_per_mentor,
                "months": [sch.programme_min_months, sch.programme_max_months],
                "meeting_interval_days": sch.meeting_interval_days,
            },
        )
