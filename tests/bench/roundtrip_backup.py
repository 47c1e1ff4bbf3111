"""Round trip of `manage.py backup` / `restore` on a large school, across databases.

Not a test (pytest collects only test_*.py). Run from the repository root:

    .venv/bin/python tests/bench/roundtrip_backup.py [--dataset large|factory] [--scale 1]

1. A throwaway SQLite database gets the large demo school (`seed_demo --size large`; with
   `--dataset factory`, or if that command fails, the small demo plus a few thousand rows
   from the factories) and is backed up to archive A.
2. With PostgreSQL reachable at BENCH_POSTGRES_URL (by default the local `nastavnik` role),
   A is restored into a throwaway `bench_backup` database there and backed up again (B);
   without it this step is skipped.
3. The last archive is restored into a fresh SQLite database and backed up again (C).

Each step runs in its own process, since Django reads DATABASE_URL once; `restore` itself
checks the row counts and every signed PDF's SHA-256. The script then compares the archives
row by row (JSON Lines parsed, so jsonb's key order does not matter): every table must be
equal except the audit log, which gains one `backup.restore` row per restore. It prints the
counts, the checks and the timings, and exits non-zero on any difference.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://nastavnik@127.0.0.1:5432/nastavnik")
BENCH_DB = "bench_backup"
AUDIT = "mentorship.auditentry"


def _factory_school() -> None:
    """The small demo plus a few thousand rows with files: when the large seed is missing."""
    from django.core.files.base import ContentFile  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415

    from tests.factories import ConsentFactory, PersonFactory  # noqa: PLC0415

    call_command("seed_demo", "--seed", "7", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    people = PersonFactory.create_batch(2000)
    for number, person in enumerate(people[:600]):
        ConsentFactory(
            person=person,
            scan=ContentFile(b"%PDF-1.4\n" + os.urandom(2048), name=f"скан-{number}.pdf"),
        )


def _step(args: argparse.Namespace) -> dict:
    """In the child process: build or restore, then back up; report timings and counts."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")
    import django  # noqa: PLC0415 (DATABASE_URL must be set before Django starts)

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    from mentorship.backup import backup_create, backup_restore  # noqa: PLC0415

    report: dict = {"timings": {}}
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    if args.restore:
        result = backup_restore(path=Path(args.restore), replace=True)
        report["timings"]["restore"] = time.perf_counter() - started
        report["problems"] = result.problems
        report["documents_checked"] = result.documents_checked
    else:
        report["dataset"] = args.dataset
        if args.dataset == "large":
            try:
                call_command(
                    "seed_demo",
                    "--size",
                    "large",
                    "--scale",
                    str(args.scale),
                    verbosity=0,
                    stdout=open(os.devnull, "w"),  # noqa: SIM115
                )
            except Exception as exc:  # noqa: BLE001 (any failure: fall back and say so)
                report["dataset"] = f"factory (seed_demo --size large: {exc!r})"
                _factory_school()
        else:
            _factory_school()
        report["timings"]["seed"] = time.perf_counter() - started
    started = time.perf_counter()
    backup = backup_create(output=Path(args.output))
    report["timings"]["backup"] = time.perf_counter() - started
    report["size"] = backup.size
    report["rows"] = backup.manifest.rows
    report["media"] = len(backup.manifest.media)
    report["documents"] = len(backup.manifest.documents)
    report["warnings"] = backup.warnings
    return report


def _child(name: str, database_url: str, folder: Path, **options: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_ENV": "test",
        "DEBUG": "false",
        "VAR_DIR": str(folder),
        "MEDIA_ROOT": str(folder / "media"),
    }
    command = [sys.executable, __file__, "--child"]
    for key, value in options.items():
        command += [f"--{key}", value]
    # Our own script with our own arguments: nothing untrusted reaches the command line.
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(f"{name}: шаг не удался\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _archive_contents(path: Path) -> tuple[dict[str, list], dict[str, str], dict]:
    """Rows per table (parsed), SHA-256 per media file, and the manifest."""
    tables: dict[str, list] = {}
    media: dict[str, str] = {}
    with tarfile.open(path, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        files = {t["file"]: t["model"] for t in manifest["tables"]}
        for member in tar.getmembers():
            data = tar.extractfile(member).read()
            if member.name in files:
                rows = [json.loads(line) for line in data.decode().splitlines() if line]
                tables[files[member.name]] = rows
            elif member.name.startswith("media/"):
                media[member.name] = hashlib.sha256(data).hexdigest()
    return tables, media, manifest


def _compare(first: Path, second: Path, restores: int) -> list[str]:
    """What differs between two archives of the same school (but the restores' audit rows)."""
    a_tables, a_media, a_manifest = _archive_contents(first)
    b_tables, b_media, b_manifest = _archive_contents(second)
    problems = []
    for model in sorted(set(a_tables) | set(b_tables)):
        a_rows, b_rows = a_tables.get(model, []), b_tables.get(model, [])
        if model == AUDIT:
            added = [r for r in b_rows if r not in a_rows]
            if len(b_rows) != len(a_rows) + restores or any(
                r["fields"]["action"] != "backup.restore" for r in added
            ):
                problems.append(f"{model}: {len(a_rows)} → {len(b_rows)} строк")
        elif a_rows != b_rows:
            problems.append(f"{model}: строки различаются ({len(a_rows)} и {len(b_rows)})")
    if a_media != b_media:
        problems.append("загруженные файлы различаются")
    if a_manifest["documents"] != b_manifest["documents"]:
        problems.append("подписанные документы (SHA-256) различаются")
    return problems


def _postgres_url() -> tuple[str, object] | None:
    try:
        import psycopg  # noqa: PLC0415

        admin = psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=3)
    except Exception:  # noqa: BLE001 (any failure to connect means: skip)
        return None
    parts = urlsplit(POSTGRES_URL)
    return urlunsplit(parts._replace(path=f"/{BENCH_DB}")), admin


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=["large", "factory"], default="large")
    parser.add_argument("--scale", default="1")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--restore", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_step(args)))
        return 0

    steps: list[tuple[str, dict, Path]] = []
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as tmp:
        folder = Path(tmp)
        archive = folder / "a.tar.gz"
        report = _child(
            "SQLite",
            f"sqlite:///{folder}/a.sqlite3",
            folder / "a",
            dataset=args.dataset,
            scale=args.scale,
            output=str(archive),
        )
        steps.append(("SQLite: демо → архив A", report, archive))
        postgres = _postgres_url()
        if postgres is not None:
            url, admin = postgres
            with admin:
                admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
                admin.execute(f"CREATE DATABASE {BENCH_DB}")
                try:
                    previous, archive = archive, folder / "b.tar.gz"
                    report = _child(
                        "PostgreSQL", url, folder / "b", restore=str(previous), output=str(archive)
                    )
                    steps.append(("PostgreSQL: A → база → архив B", report, archive))
                finally:
                    admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        previous, archive = archive, folder / "c.tar.gz"
        label = "B" if postgres is not None else "A"
        report = _child(
            "SQLite",
            f"sqlite:///{folder}/c.sqlite3",
            folder / "c",
            restore=str(previous),
            output=str(archive),
        )
        steps.append((f"SQLite: {label} → база → архив C", report, archive))
        differences = _compare(steps[0][2], steps[-1][2], restores=len(steps) - 1)

    first = steps[0][1]
    print(f"Набор данных: {first['dataset']}")
    print(
        f"Записей: {first['rows']}, загруженных файлов: {first['media']}, "
        f"подписанных документов: {first['documents']}"
    )
    if postgres is None:
        print("PostgreSQL: пропущено (сервер BENCH_POSTGRES_URL недоступен)")
    print(f"{'шаг':<34} {'заполнение':>11} {'восстановл.':>12} {'копия':>7} {'архив, МБ':>10}")
    failed = bool(differences)
    for name, report, _path in steps:
        timings = report["timings"]
        seed = f"{timings['seed']:.1f}" if "seed" in timings else "—"
        restore = f"{timings['restore']:.1f}" if "restore" in timings else "—"
        print(
            f"{name:<34} {seed:>11} {restore:>12} {timings['backup']:>7.1f} "
            f"{report['size'] / 1_048_576:>10.1f}"
        )
        for problem in report.get("problems", []):
            failed = True
            print(f"    SHA-256 подписанного документа: {problem}")
        for warning in report["warnings"]:
            print(f"    предупреждение копии: {warning}")
    checked = [r["documents_checked"] for _n, r, _p in steps if "documents_checked" in r]
    print(f"SHA-256 подписанных PDF проверены при каждом восстановлении: {checked}")
    if differences:
        print("Архивы до и после круга различаются:")
        for difference in differences:
            print(f"    {difference}")
    else:
        print("Архивы до и после круга совпадают: все таблицы построчно, все файлы, все SHA-256.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
