"""Writes of the monitoring reports: the curator's texts and the municipal export's columns."""

from __future__ import annotations

from django.db import transaction

from mentorship.common import audit
from mentorship.exceptions import DomainError
from mentorship.models import ProgrammeYear, User
from reports.models import ExportTemplate, ReportNote
from reports.monitoring.common import MUNICIPAL, NOTE_SECTIONS

MAX_NOTE_LENGTH = 20_000


class ReportError(DomainError):
    """A report's text or export settings cannot be saved as asked."""


@transaction.atomic
def report_notes_save(
    *, year: ProgrammeYear, report_code: str, texts: dict[str, str], actor: User | None
) -> list[ReportNote]:
    """Save the curator's texts of a report, one per section; an empty text is kept empty."""
    sections = {section for section, _heading, _help in NOTE_SECTIONS.get(report_code, ())}
    unknown = set(texts) - sections
    if not sections or unknown:
        raise ReportError("В этом отчёте нет таких разделов для текста куратора.")
    saved, changed = [], []
    existing = {
        note.section: note
        for note in ReportNote.objects.select_for_update().filter(
            year=year, report_code=report_code, section__in=texts
        )
    }
    for section, raw in texts.items():
        text = raw.strip().replace("\r\n", "\n")
        if len(text) > MAX_NOTE_LENGTH:
            raise ReportError(f"Текст длиннее {MAX_NOTE_LENGTH} знаков: сократите его.")
        note = existing.get(section) or ReportNote(
            year=year, report_code=report_code, section=section
        )
        if note.pk and note.text == text:
            saved.append(note)
            continue
        note.text = text
        note.updated_by = actor if getattr(actor, "is_authenticated", False) else None
        note.full_clean()
        note.save()
        saved.append(note)
        changed.append(section)
    if changed:
        audit(
            actor=actor,
            action="report_note.save",
            obj=year,
            data={"report": report_code, "sections": changed},
        )
    return saved


@transaction.atomic
def export_template_save(
    *, title: str, columns: list[str], available: set[str], actor: User | None
) -> ExportTemplate:
    """Save which indicators the municipal export shows, and in what order."""
    if not columns:
        raise ReportError("Выберите хотя бы один показатель.")
    unknown = [code for code in columns if code not in available]
    if unknown:
        raise ReportError("Среди выбранных есть показатели, которых больше нет.")
    if len(set(columns)) != len(columns):
        raise ReportError("Каждый показатель можно выбрать только один раз.")
    template = ExportTemplate.objects.select_for_update().filter(code=MUNICIPAL).first()
    template = template or ExportTemplate(code=MUNICIPAL)
    template.title = title.strip()
    template.columns = list(columns)
    template.full_clean()
    template.save()
    audit(
        actor=actor,
        action="export_template.save",
        obj=template,
        data={"columns": template.columns},
    )
    return template


@transaction.atomic
def report_export_audit(
    *, report_code: str, fmt: str, year: ProgrammeYear, actor: User, title: str = ""
) -> None:
    """Note a downloaded report: stage 2 names participants and their scores (152-ФЗ)."""
    audit(
        actor=actor,
        action="report.export",
        obj=year,
        data={"report": report_code, "title": title, "format": fmt},
    )
