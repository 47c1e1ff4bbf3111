"""Print one table of every benchmark target: the measured figure and whether it is met.

Not a benchmark itself (``make bench`` runs it after the ``bench_*.py`` scripts). Run from
the repository root:

    .venv/bin/python tests/bench/summary.py [--dir var/bench]

It reads the numbers the benchmarks wrote (import.json, matching.json, documents.json,
pages-<backend>.json, throughput.json, load.json) and judges them against the targets the
scripts declare. Each row says when its file was written, so a figure left over from an
earlier run stands out. A missing file or a skipped measurement reads «не измерено», with
the reason when one is known. The exit status is 0 whatever the numbers.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import bench_documents
import bench_import
import bench_load
import bench_matching
import bench_pages
import bench_throughput
import datasets

BACKENDS = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


@dataclass
class Row:
    what: str
    target: str
    measured: str | None = None  # None: not measured
    met: bool | None = None
    reason: str = ""  # why it was not measured
    counted: bool = True  # False for a figure shown for information, without a target
    written: str = "—"


def _number(value: float, digits: int = 0) -> str:
    """Russian notation: 5 000, 0,35."""
    return f"{value:,.{digits}f}".replace(",", " ").replace(".", ",")


def _plain(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _seconds(value: float) -> str:
    return f"{_number(value, 2 if value < 1 else 1)} с"


# --- one function per benchmark: its rows, with placeholders when ``data`` is empty ---------


def _import(data: dict) -> list[Row]:
    rows = data.get("rows")
    what = f"Импорт {_number(rows)} сотрудников" if rows else "Импорт сотрудников"
    target = bench_import.TARGET_SECONDS
    result = []
    for backend in ("SQLite", "PostgreSQL"):
        row = Row(f"{what}, {backend}", f"≤ {_plain(target)} с")
        measured = data.get(backend)
        if isinstance(measured, str):  # the benchmark skipped this backend and said why
            row.reason = measured.removeprefix("пропущено: ")
        elif measured is not None:
            row.measured = _seconds(measured["import_s"])
            row.met = measured["import_s"] <= target
        result.append(row)
    return result


def _matching(data: dict) -> list[Row]:
    cohort = ""
    if "mentees" in data:
        cohort = f" {_number(data['mentees'])} × {_number(data['mentors'])}"
    target = bench_matching.TARGET_SECONDS
    speed = Row(f"Подбор пар{cohort}: время", f"≤ {_plain(target)} с")
    optimum = Row(f"Подбор пар{cohort}: сумма баллов", "= оптимум milp")
    if "median_s" in data:
        speed.measured = _seconds(data["median_s"])
        speed.met = data["median_s"] <= target
    total = next((r for r in data.get("rows", []) if r["measure"] == "total score"), None)
    if total is not None:
        optimum.target = f"= оптимум milp ({_number(int(total['target'].split()[-1]))})"
        optimum.measured = _number(int(total["engine"]))
        optimum.met = bool(total["met"])
    elif data:
        return [speed]  # an older file without the comparison
    return [speed, optimum]


def _documents(data: dict) -> list[Row]:
    pairs = f", {_number(data['pairs'])} пар" if "pairs" in data else ""
    labels = {
        "one-page order": "PDF одностраничного приказа",
        "pairs order": f"PDF приказа о закреплении{pairs}",
    }
    result = []
    for key, what in labels.items():
        target = bench_documents.TARGETS[key]
        row = Row(what, f"≤ {_plain(target)} с")
        if measured := data.get(key):
            pages = measured["pages"]
            row.measured = f"{_seconds(measured['median_s'])} ({pages} стр.)"
            row.met = measured["median_s"] <= target
        result.append(row)
    return result


def _pages(data: dict, backend: str) -> list[Row]:
    target = bench_pages.TARGET_MS
    name = BACKENDS.get(backend, backend)
    slowest = Row(f"Страницы {name}: самая медленная на большой", f"≤ {_plain(target)} мс")
    # The same count on the small and the large school: no query grows with the data.
    queries = Row(f"Страницы {name}: одинаковое число запросов", "все страницы")
    pages = data.get("pages")
    if not pages:
        if "pages" in data:
            slowest.reason = queries.reason = "в файле нет страниц"
        return [slowest, queries]
    large = max(pages, key=lambda p: p["large"]["ms"])["large"]
    failed = [p for p in pages if p["small"]["status"] != 200 or p["large"]["status"] != 200]
    slowest.measured = f"{_number(large['ms'], 1)} мс ({large['label']})"
    slowest.met = large["ms"] <= target and not failed
    if failed:  # a page that answered an error was not really measured
        slowest.measured += f"; ответ не 200: {len(failed)} стр."
    same = sum(p["small"]["queries"] == p["large"]["queries"] for p in pages)
    queries.measured = f"{same} из {len(pages)} страниц"
    queries.met = same == len(pages)
    return [slowest, queries]


def _throughput(data: dict) -> list[Row]:
    target = bench_throughput.TARGET_RATIO
    row = Row("Запросов/с: мониторинг от голого Django", f"≥ {target:.0%}".replace("%", " %"))
    if "ratio" in data:
        bare, board = data["pages"]["голый Django"], data["pages"]["мониторинг"]
        row.measured = (
            f"{data['ratio']:.0%} ({_number(board['rps'], 1)} из {_number(bare['rps'], 1)} в с)"
        ).replace("%", " %")
        row.met = data["ratio"] >= target
        if errors := bare["errors"] + board["errors"]:
            row.measured += f"; ошибок: {errors}"
            row.met = False
    return [row]


def _load(data: dict) -> list[Row]:
    users = ""
    if "users" in data:
        users = f" {data['users']} польз. × {data['seconds']} с"
    target = bench_load.TARGET_RSS_MB
    errors = Row(f"Нагрузка{users}: ошибки", "0")
    p95 = Row(f"Нагрузка{users}: p95", "без цели", counted=False)
    memory = Row(f"Нагрузка{users}: память процесса после", f"≤ {_plain(target)} МБ")
    if "errors" in data:
        errors.measured = f"{data['errors']} из {_number(data['requests'])} запросов"
        errors.met = data["errors"] == 0
        p95.measured = f"{_number(data['p95_ms'])} мс"
        if after := data["rss_after_mb"]:
            memory.measured = ", ".join(_number(mb) for mb in after) + " МБ"
            memory.met = max(after) <= target
        else:
            memory.reason = "процессы gunicorn не найдены в /proc"
    return [errors, p95, memory]


# --- reading the files ---------------------------------------------------------------------


@functools.cache
def _postgres_down() -> str | None:
    return datasets.postgres_available()


def _why_skipped(name: str) -> str | None:
    """What stops the benchmark now (it writes no file when it skips): a likely reason."""
    if name == "throughput":
        return datasets.wrk_installed() or _postgres_down()
    if name in ("load", "pages-postgres"):
        return _postgres_down()
    return None


def _written(path: Path) -> str:
    moment = datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC)
    return moment.astimezone().strftime("%d.%m.%Y %H:%M")


def _section(folder: Path, name: str, rows_of: Callable[[dict], list[Row]]) -> list[Row]:
    path = folder / f"{name}.json"
    written, reason = "—", ""
    try:
        written = _written(path)
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        data, reason = {}, f"нет {path.name}"
        if why := _why_skipped(name):
            reason += f": {why}"
    except (OSError, ValueError) as exc:  # ValueError: a file cut short mid-write
        data, reason = {}, f"{path.name} не читается ({exc.__class__.__name__})"
    try:
        rows = rows_of(data)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        rows = rows_of({})
        reason = f"{path.name}: неожиданный формат ({exc.__class__.__name__}: {exc})"
    for row in rows:
        row.written = written
        if row.measured is None:
            row.reason = row.reason or reason
    return rows


def collect(folder: Path) -> list[Row]:
    rows = _section(folder, "import", _import)
    rows += _section(folder, "matching", _matching)
    rows += _section(folder, "documents", _documents)
    # The page benchmark writes one file per backend; without any, expect the one it would use.
    backends = [b for b in BACKENDS if (folder / f"pages-{b}.json").exists()]
    for backend in backends or ["postgres" if datasets.POSTGRES_URL else "sqlite"]:
        rows += _section(folder, f"pages-{backend}", functools.partial(_pages, backend=backend))
    rows += _section(folder, "throughput", _throughput)
    rows += _section(folder, "load", _load)
    return rows


def render(rows: list[Row]) -> str:
    cells = []
    for row in rows:
        if row.measured is None:
            measured = "не измерено" + (f" — {row.reason}" if row.reason else "")
            met = "—"
        else:
            measured, met = row.measured, ("да" if row.met else "НЕТ") if row.counted else "—"
        cells.append([row.what, row.target, measured, met, row.written])
    header = ["замер", "цель", "результат", "выполнена", "записано"]
    targets = [row for row in rows if row.counted]
    done = sum(row.met is True and row.measured is not None for row in targets)
    missing = sum(row.measured is None for row in targets)
    total = f"Целей выполнено: {done} из {len(targets)}"
    if missing:
        total += f" (не измерено: {missing})"
    return "\n".join(["Итог замеров", datasets.table(header, cells), total])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=datasets.RESULTS, help="где лежат *.json")
    args = parser.parse_args()
    print(render(collect(args.dir)))


if __name__ == "__main__":
    main()
