"""Benchmark: render documents to PDF with the shipped font (WeasyPrint).

Not a test (pytest collects only test_*.py). Run from the repository root:

    .venv/bin/python tests/bench/bench_documents.py [--runs 5] [--pairs 300]

A throwaway SQLite database gets a school, a curator and N generated pairs. The table
shows the median time of building the data and rendering the PDF of a one-page order
(the curator's appointment; target 0.5 s) and of a pairs order whose annex lists every
pair (target 5 s), the page count and the size, and whether each target is met. It also
checks that the PDF embeds the project's Tinos font. The exit status is 0 whatever the
numbers.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import datasets  # noqa: E402 (the bench folder must be on the path first)

TARGETS = {"one-page order": 0.5, "pairs order": 5.0}
SURNAMES = ["Иванов", "Петров", "Сидоров", "Алиев", "Ким", "Шевчук", "Кузнецов", "Магомедов"]
FEMALE = ["Иванова", "Петрова", "Сидорова", "Алиева", "Ким", "Шевчук", "Кузнецова", "Юсупова"]
NAMES = [("Иван", "Сергеевич"), ("Рустам", "Ильхамович"), ("Артём", "Олегович")]
FEMALE_NAMES = [("Мария", "Петровна"), ("Патимат", "Гасановна"), ("Ольга", "Николаевна")]


def _setup(pairs: int):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")
    import django  # noqa: PLC0415 (DATABASE_URL must be set before Django starts)

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    from mentorship.models import (  # noqa: PLC0415
        MenteeProfile,
        MentoringForm,
        MentorProfile,
        Mentorship,
        MentorshipMember,
        Person,
        ProgrammeYear,
    )
    from mentorship.services import get_school  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    school = get_school()
    school.full_name = "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 5»"
    school.short_name = "МБОУ «СШ № 5»"
    school.director_name = "Соколова Ирина Владимировна"
    school.locality = "г. Киров"
    school.save()
    year = ProgrammeYear.objects.create(
        title="2026/2027",
        start_date=datetime.date(2026, 9, 1),
        end_date=datetime.date(2027, 8, 31),
        is_current=True,
    )
    form = MentoringForm.objects.create(code="tt", title="«педагог – педагог»")

    def person(index: int, position: str) -> Person:
        female = index % 2 == 0
        surnames, names = (FEMALE, FEMALE_NAMES) if female else (SURNAMES, NAMES)
        name, patronymic = names[index % 3]
        return Person.objects.create(
            surname=f"{surnames[index % 8]}", name=name, patronymic=patronymic, position=position
        )

    curator = person(0, "заместитель директора по учебно-воспитательной работе")
    mentorships = []
    for index in range(pairs):
        mentor = MentorProfile.objects.create(person=person(index * 2 + 1, "учитель математики"))
        mentee = MenteeProfile.objects.create(person=person(index * 2 + 2, "учитель физики"))
        mentorship = Mentorship.objects.create(
            year=year,
            form=form,
            mentor=mentor,
            start_date=datetime.date(2026, 10, 1),
            planned_end_date=datetime.date(2027, 5, 31),
            status="draft",
        )
        MentorshipMember.objects.create(
            mentorship=mentorship, mentee=mentee, joined_on=mentorship.start_date
        )
        mentorships.append(mentorship)
    return year, curator, mentorships


def _pdf_facts(data: bytes) -> tuple[int, bool]:
    info = subprocess.run(  # noqa: S603 (fixed arguments, our own bytes)
        ["/usr/bin/pdfinfo", "-"], input=data, capture_output=True, check=False
    ).stdout.decode()
    pages = next(
        (int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages")), 0
    )
    fonts = subprocess.run(  # noqa: S603
        ["/usr/bin/pdffonts", "-"], input=data, capture_output=True, check=False
    ).stdout.decode()
    return pages, "Tinos" in fonts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pairs", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("DJANGO_ENV", "test")
        year, curator, mentorships = _setup(args.pairs)
        from reports.documents import get_kind  # noqa: PLC0415
        from reports.renderers import render_pdf  # noqa: PLC0415
        from reports.services import document_create  # noqa: PLC0415

        cases = {
            "one-page order": document_create(
                kind="order_curator",
                year=year,
                actor=None,
                params={"curator": curator.pk, "start_date": "2026-09-01", "duties": "вести базы"},
            ),
            "pairs order": document_create(
                kind="order_pairs",
                year=year,
                actor=None,
                params={"programmes_due": "2026-10-15", "curator": curator.pk},
                mentorships=mentorships,
            ),
        }
        print(f"Documents to PDF, {args.runs} runs, {args.pairs} pairs in the annex, Tinos shipped")
        header = f"{'document':<16} {'median s':>9} {'min s':>7} {'pages':>6} {'KB':>6}"
        print(f"{header} {'font':>6} {'target s':>9}  met")
        saved: dict[str, object] = {"runs": args.runs, "pairs": args.pairs}
        for label, document in cases.items():
            kind = get_kind(document.kind)
            timings, data = [], b""
            for _ in range(args.runs):
                started = time.perf_counter()
                data = render_pdf(kind.build(document))
                timings.append(time.perf_counter() - started)
            pages, embedded = _pdf_facts(data)
            median, target = statistics.median(timings), TARGETS[label]
            print(
                f"{label:<16} {median:>9.2f} {min(timings):>7.2f} {pages:>6} "
                f"{len(data) // 1024:>6} {'Tinos' if embedded else 'НЕТ':>6} {target:>9.1f}  "
                f"{'да' if median <= target else 'НЕТ'}"
            )
            saved[label] = {
                "median_s": median,
                "min_s": min(timings),
                "pages": pages,
                "kb": len(data) // 1024,
                "font_embedded": embedded,
                "target_s": target,
                "met": median <= target,
            }
        path = datasets.write_results("documents", saved)
        print(f"Результаты: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
