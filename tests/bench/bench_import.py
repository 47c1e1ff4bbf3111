"""Benchmark: import 5,000 members of staff from XLSX on SQLite and on PostgreSQL.

Not a test (pytest collects only test_*.py). Run from the repository root:

    .venv/bin/python tests/bench/bench_import.py [--runs 3] [--rows 5000]

Each backend gets a throwaway database (a temporary SQLite file; a ``bench_import``
database created and dropped on the PostgreSQL server of BENCH_POSTGRES_URL) and runs in
its own process, since Django reads DATABASE_URL once. Every run starts from an empty
people table and times the preview (the dry run) and the import itself; the table shows
the medians and whether the import meets the 15-second target.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import datasets  # noqa: E402 (the bench folder must be on the path first)

TARGET_SECONDS = 15.0
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://nastavnik@127.0.0.1:5432/nastavnik")
BENCH_DB = "bench_import"


def _measure(runs: int, rows: int) -> dict[str, list[float]]:
    """In the child process: migrate the throwaway database and time the runs."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")
    import django  # noqa: PLC0415 (DATABASE_URL must be set before Django starts)

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    from mentorship.importing import RowStatus  # noqa: PLC0415
    from mentorship.models import Person  # noqa: PLC0415
    from mentorship.services.transfer import people_import  # noqa: PLC0415
    from tests.mentorship.spreadsheets import staff_rows, xlsx_bytes  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    data = xlsx_bytes(staff_rows(rows))
    timings: dict[str, list[float]] = {"preview": [], "import": []}
    for _ in range(runs):
        Person.history.all().delete()
        Person.objects.all().delete()
        for step, dry_run in (("preview", True), ("import", False)):
            started = time.perf_counter()
            preview = people_import(
                data=data, filename="staff.xlsx", kind="staff", actor=None, dry_run=dry_run
            )
            timings[step].append(time.perf_counter() - started)
            assert preview.counts[RowStatus.NEW] == rows, preview.summary()
        assert Person.objects.count() == rows
    return timings


def _child(backend: str, database_url: str, runs: int, rows: int) -> dict[str, list[float]]:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_ENV": "test", "DEBUG": "false"}
    command = [sys.executable, __file__, "--child", "--runs", str(runs), "--rows", str(rows)]
    # Our own script with our own arguments: nothing untrusted reaches the command line.
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(f"{backend}: the benchmark failed\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _postgres_admin(url: str):
    import psycopg  # noqa: PLC0415

    return psycopg.connect(url, autocommit=True, connect_timeout=3)


def _bench_postgres(runs: int, rows: int) -> dict[str, list[float]] | str:
    try:
        admin = _postgres_admin(POSTGRES_URL)
    except Exception as exc:  # noqa: BLE001 (any failure to connect means: skip)
        return f"пропущено: сервер недоступен ({exc.__class__.__name__})"
    parts = urlsplit(POSTGRES_URL)
    bench_url = urlunsplit(parts._replace(path=f"/{BENCH_DB}"))
    with admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        admin.execute(f"CREATE DATABASE {BENCH_DB}")
        try:
            return _child("postgresql", bench_url, runs, rows)
        finally:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def _bench_sqlite(runs: int, rows: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        return _child("sqlite", f"sqlite:///{folder}/bench.sqlite3", runs, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_measure(args.runs, args.rows)))
        return

    results = {
        "SQLite": _bench_sqlite(args.runs, args.rows),
        "PostgreSQL": _bench_postgres(args.runs, args.rows),
    }
    print(f"Импорт {args.rows} сотрудников из XLSX, медиана {args.runs} прогонов, секунды")
    print(f"{'база':<12} {'проверка':>9} {'импорт':>9}  цель ≤ {TARGET_SECONDS:g} с")
    saved: dict[str, object] = {"rows": args.rows, "runs": args.runs, "target_s": TARGET_SECONDS}
    for backend, timings in results.items():
        if isinstance(timings, str):
            print(f"{backend:<12} {timings}")
            saved[backend] = timings
            continue
        preview = statistics.median(timings["preview"])
        imported = statistics.median(timings["import"])
        verdict = "да" if imported <= TARGET_SECONDS else "НЕТ"
        print(f"{backend:<12} {preview:>9.2f} {imported:>9.2f}  {verdict}")
        saved[backend] = {"preview_s": preview, "import_s": imported, "met": verdict == "да"}
    path = datasets.write_results("import", saved)
    print(f"Результаты: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
