"""Benchmark: every main page, for the role that uses it, on the small and the large demo school.

Not a test (pytest collects only test_*.py). Run from the repository root:

    .venv/bin/python tests/bench/bench_pages.py [--runs 20] [--backend sqlite|postgres]

Each size gets a throwaway copy of its demo school (tests/bench/datasets.py: SQLite by
default, PostgreSQL when BENCH_POSTGRES_URL is set or --backend postgres) and its own
process with production settings. Each page is requested through Django's test client
as the role's demo log-in, at the demo's base date, the dashboard's indicators computed
each time (DASHBOARD_CACHE_SECONDS=0): two warm-up requests, one that counts the queries,
then --runs timed ones. The table shows the median server time (target ≤ 100 ms on the
large school) and the query count (target: the same on both sizes, i.e. no query grows
with the data); var/bench/pages-<backend>.json keeps the numbers. The exit status is 0
whatever the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import datasets  # noqa: E402 (the bench folder must be on the path first)

TARGET_MS = 100.0
WARM_UP = 2


def _measure(runs: int) -> dict:
    """In the child: each page's median time, query count, status and size."""
    sys.path.insert(0, str(datasets.ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")
    import django  # noqa: PLC0415 (DATABASE_URL must be set before Django starts)

    django.setup()
    import datetime  # noqa: PLC0415

    import time_machine  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from mentorship.demo_large import LARGE_DEMO_DATE  # noqa: PLC0415
    from mentorship.models import User  # noqa: PLC0415

    moment = timezone.make_aware(datetime.datetime.combine(LARGE_DEMO_DATE, datetime.time(10)))
    results = {}
    with time_machine.travel(moment, tick=True):
        for page in datasets.resolve_pages():
            client = Client()
            if page["role"] in datasets.USERNAMES:
                client.force_login(User.objects.get(username=datasets.USERNAMES[page["role"]]))
            for _ in range(WARM_UP):
                client.get(page["path"])
            with CaptureQueriesContext(connection) as queries:
                response = client.get(page["path"])
            # Counted now: the next request's start clears the connection's query log.
            count = len(queries)
            timings = []
            for _ in range(runs):
                started = time.perf_counter()
                client.get(page["path"])
                timings.append((time.perf_counter() - started) * 1000)
            results[page["name"]] = {
                **page,
                "status": response.status_code,
                "queries": count,
                "kb": len(response.content) // 1024,
                "ms": statistics.median(timings),
                "ms_max": max(timings),
            }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--backend",
        choices=["sqlite", "postgres"],
        default="postgres" if datasets.POSTGRES_URL else "sqlite",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_measure(args.runs)))
        return

    if args.backend == "postgres" and (reason := datasets.postgres_available()):
        print(f"Страницы: пропущено — {reason}")
        return
    sizes = {}
    for size in datasets.SIZES:
        with datasets.dataset(size, args.backend) as (url, media):
            # The dashboard's indicators are measured as computed, not as kept for a minute.
            env = datasets.django_env(url, media, DASHBOARD_CACHE_SECONDS="0")
            datasets.collectstatic(env)
            output = datasets.run_child(Path(__file__), ["--child", "--runs", str(args.runs)], env)
            sizes[size] = json.loads(output.strip().splitlines()[-1])

    rows, pages = [], []
    for name, small in sizes["small"].items():
        large = sizes["large"][name]
        fast = large["ms"] <= TARGET_MS
        same = small["queries"] == large["queries"]
        ok = small["status"] == large["status"] == 200
        rows.append(
            [
                small["label"],
                small["role"],
                f"{small['ms']:.1f}",
                f"{large['ms']:.1f}",
                str(small["queries"]),
                str(large["queries"]),
                str(large["kb"]),
                "да" if fast else "НЕТ",
                "да" if same else "НЕТ",
                "" if ok else f"HTTP {small['status']}/{large['status']}",
            ]
        )
        pages.append({"small": small, "large": large, "time_met": fast, "queries_met": same})
    print(
        f"Страницы по ролям: медиана {args.runs} запросов через тестовый клиент, "
        f"база {args.backend}, цель ≤ {TARGET_MS:g} мс на большой школе и одинаковое "
        "число запросов к базе"
    )
    header = ["страница", "роль", "мал., мс", "бол., мс", "мал. SQL", "бол. SQL", "КБ"]
    print(datasets.table([*header, "≤ 100 мс", "SQL равны", ""], rows))
    met_time = sum(p["time_met"] for p in pages)
    met_queries = sum(p["queries_met"] for p in pages)
    print(
        f"Цель по времени выполнена: {met_time} из {len(pages)}; "
        f"по числу запросов: {met_queries} из {len(pages)}."
    )
    path = datasets.write_results(
        f"pages-{args.backend}",
        {"backend": args.backend, "runs": args.runs, "target_ms": TARGET_MS, "pages": pages},
    )
    print(f"Результаты: {path.relative_to(datasets.ROOT)}")


if __name__ == "__main__":
    main()
