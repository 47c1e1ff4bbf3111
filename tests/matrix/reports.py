"""Documents: the curator and the director keep the register; the director alone approves,
returns and changes registers; a pair's mentor (and the teacher persona, his mentee) open
only the approved programme of their pair, the PDF included, never a draft."""

import datetime

from django.core.files.base import ContentFile

from mentorship.models import Mentorship, MentorshipMember
from reports.models import Document, DocumentStatus, Register
from reports.printing import Paragraph, PrintDocument, to_json
from reports.renderers import sha256
from reports.services import document_create, document_submit
from tests.factories import (
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorProfileFactory,
    ProgrammeYearFactory,
)
from tests.matrix import DENY, HIDDEN, LOGIN, OK, Row, everyone, only

MANAGERS = ("curator", "director")
FAKE_PDF = b"%PDF-1.7\n% the file stored at approval\n%%EOF\n"


def _year():
    return ProgrammeYearFactory(title="2026/2027")


def _draft_document(ctx) -> Document:
    return document_create(
        kind="order_curator",
        year=_year(),
        actor=None,
        params={"curator": ctx.person("curator").pk, "duties": "вести базы"},
    )


def _draft(ctx) -> dict:
    return {"pk": _draft_document(ctx).pk}


def _submitted(ctx) -> dict:
    document = _draft_document(ctx)
    document_submit(document=document, actor=None)
    return {"pk": document.pk}


def _pair(ctx) -> Mentorship:
    """The mentor persona leads the teacher persona."""
    year = _year()
    pair = Mentorship.objects.create(
        year=year,
        form=MentoringFormFactory(),
        mentor=MentorProfileFactory(person=ctx.person("mentor")),
        start_date=year.start_date,
        planned_end_date=year.start_date + datetime.timedelta(days=180),
    )
    MentorshipMember.objects.create(
        mentorship=pair,
        mentee=MenteeProfileFactory(person=ctx.person("teacher")),
        joined_on=year.start_date,
    )
    return pair


def _approved_programme(ctx) -> dict:
    """An approved programme of that pair, frozen as approval leaves it (data, PDF, hash)."""
    day = datetime.date(2026, 10, 1)
    printed = PrintDocument(
        kind="programme",
        organisation=("МБОУ «СШ № 5»",),
        doc_type="",
        title="Персонализированная программа наставничества",
        date=day,
        blocks=(Paragraph("Цель: адаптация молодого специалиста."),),
    )
    document = Document.objects.create(
        kind="programme",
        year=_year(),
        title=printed.title,
        status=DocumentStatus.APPROVED,
        approved_on=day,
        data=to_json(printed),
        sha256=sha256(FAKE_PDF),
    )
    document.pdf.save("programma-2026-10-01.pdf", ContentFile(FAKE_PDF))
    document.mentorships.set([_pair(ctx)])
    return {"pk": document.pk}


def _kind(ctx) -> dict:
    ProgrammeYearFactory(title="2026/2027", is_current=True)
    return {"kind": "order_curator"}


def _mentorship(ctx) -> dict:
    return {"pk": _pair(ctx).pk}


def _blank(ctx) -> dict:
    return {"pk": ctx.person("teacher").pk, "kind": "consent_personal_data", "fmt": "pdf"}


def _register(ctx) -> dict:
    return {"pk": Register.objects.get(code="orders").pk}


# Hidden from everyone but the curator and the director.
STAFF = only(*MANAGERS, others=HIDDEN)
# The approved programme: the pair's mentor and mentee read it, nobody else learns of it.
SHARED = {
    "anonymous": LOGIN,
    "curator": OK,
    "director": OK,
    "mentor": OK,
    "teacher": OK,
    "other_mentor": HIDDEN,
    "no_role": HIDDEN,
}
# Working copies of that programme (preview, DOCX): the mentor and mentee may not.
WORKING_COPY = SHARED | {"mentor": DENY, "teacher": DENY}
# The director's decision on a submitted document.
DECIDE = STAFF | {"curator": DENY}

ROWS: dict[str, Row] = {
    "reports:document-list": (None, only(*MANAGERS)),
    "reports:document-create": (None, only(*MANAGERS)),
    "reports:document-create-kind": (_kind, only(*MANAGERS)),
    "reports:document-detail": (_approved_programme, SHARED),
    "reports:document-pdf": (_approved_programme, SHARED),
    "reports:document-preview": (_approved_programme, WORKING_COPY),
    "reports:document-docx": (_draft, STAFF),
    "reports:document-update": (_draft, STAFF),
    "reports:document-submit": (_draft, everyone(405)),
    "reports:document-approve": (_submitted, DECIDE),
    "reports:document-return": (_submitted, DECIDE),
    "reports:document-cancel": (_draft, STAFF),
    "reports:approvals": (None, only("director")),
    "reports:pairs-order-create": (None, everyone(405)),
    "reports:programme-document-create": (_mentorship, everyone(405)),
    "reports:person-form": (_blank, only(*MANAGERS)),
    "reports:register-list": (None, only(*MANAGERS)),
    "reports:register-update": (_register, only("director")),
}

# The monitoring dashboard: those who run the programme.
ROWS["reports:dashboard"] = (None, only(*MANAGERS))

# Closing the year: the curator alone. Later steps send back (302) until earlier ones are done.


def _current_year(ctx) -> dict:
    ProgrammeYearFactory(title="2026/2027", is_current=True)
    return {}


CLOSING = only("curator")
CLOSING_LATER_STEP = CLOSING | {"curator": 302}
ROWS["reports:year-close"] = (_current_year, CLOSING)
ROWS["reports:year-close-graduates"] = (_current_year, CLOSING_LATER_STEP)
ROWS["reports:year-close-next"] = (_current_year, CLOSING_LATER_STEP)
ROWS["reports:year-close-preview"] = (_current_year, CLOSING_LATER_STEP)


# Monitoring reports: pages and files for those who run the programme (mentors, teachers 403).
def _report_year(ctx) -> dict:
    ProgrammeYearFactory(title="2026/2027", is_current=True)
    return {}


def _report_notes(ctx) -> dict:
    return _report_year(ctx) | {"code": "annual"}


REPORTS = only(*MANAGERS)
ROWS["reports:report-list"] = (None, REPORTS)
ROWS["reports:report-stage1"] = (_report_year, REPORTS)
ROWS["reports:report-stage1-pdf"] = (_report_year, REPORTS)
ROWS["reports:report-stage1-docx"] = (_report_year, REPORTS)
ROWS["reports:report-stage1-xlsx"] = (_report_year, REPORTS)
ROWS["reports:report-stage2"] = (_report_year, REPORTS)
ROWS["reports:report-stage2-pdf"] = (_report_year, REPORTS)
ROWS["reports:report-stage2-docx"] = (_report_year, REPORTS)
ROWS["reports:report-stage2-xlsx"] = (_report_year, REPORTS)
ROWS["reports:report-satisfaction"] = (_report_year, REPORTS)
ROWS["reports:report-satisfaction-pdf"] = (_report_year, REPORTS)
ROWS["reports:report-satisfaction-docx"] = (_report_year, REPORTS)
ROWS["reports:report-satisfaction-xlsx"] = (_report_year, REPORTS)
ROWS["reports:report-annual"] = (_report_year, REPORTS)
ROWS["reports:report-annual-pdf"] = (_report_year, REPORTS)
ROWS["reports:report-annual-docx"] = (_report_year, REPORTS)
ROWS["reports:report-annual-xlsx"] = (_report_year, REPORTS)
ROWS["reports:report-notes"] = (_report_notes, REPORTS)
ROWS["reports:report-municipal"] = (_report_year, REPORTS)
ROWS["reports:report-municipal-columns"] = (_report_year, REPORTS)
ROWS["reports:report-municipal-xlsx"] = (_report_year, REPORTS)
ROWS["reports:report-municipal-csv"] = (_report_year, REPORTS)
