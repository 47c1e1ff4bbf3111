"""Benchmark: 50 simulated users for a minute over the main pages of every role, under gunicorn.

Not a test (pytest collects only test_*.py). Run from the repository root:

    .venv/bin/python tests/bench/bench_load.py [--users 50] [--seconds 60]

The large demo school on PostgreSQL (a throwaway copy, tests/bench/datasets.py) is served by
gunicorn with 2 workers and production settings on loopback. Each simulated user thinks
1–3 s, then opens one of the main pages of some role (logged in as that role's demo
account; the public page without one) the way a browser behind the README's reverse proxy
reaches gunicorn: a connection with the whole request at once. (wrk would hold its
connections open while its users think, and a sync worker without the proxy waits on them.)
Every response must be 200: errors count other statuses, failed connections and timeouts.
The table shows the requests, errors (target 0), the latency percentiles, the slowest pages
and each worker's resident memory before and after the load, read from /proc (target
≤ 250 MB; steady growth would be a leak); var/bench/load.json keeps the numbers. The exit
status is 0 whatever the numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import datasets  # noqa: E402 (the bench folder must be on the path first)

TARGET_RSS_MB = 250.0
THINK_SECONDS = (1.0, 3.0)
TIMEOUT = 30.0
SEED = 50


def _request(host: str, path: str, cookie: str | None) -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Connection: close", "User-Agent: bench"]
    if cookie:
        lines.append(f"Cookie: sessionid={cookie}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def _get(host: str, port: int, payload: bytes) -> int:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(payload)
        await writer.drain()
        status = int((await reader.readline()).split()[1])
        await reader.read()  # the body, up to the server closing the connection
        return status
    finally:
        writer.close()


async def _user(number: int, base: str, pages: list[dict], cookies: dict, until: float, log):
    rng = random.Random(SEED * 1000 + number)  # noqa: S311 (which page to open next)
    parts = urlsplit(base)
    loop = asyncio.get_running_loop()
    await asyncio.sleep(rng.uniform(0, THINK_SECONDS[1]))  # users do not all start at once
    while loop.time() < until:
        page = rng.choice(pages)
        payload = _request(parts.netloc, page["path"], cookies.get(page["role"]))
        started = time.perf_counter()
        try:
            status = await asyncio.wait_for(_get(parts.hostname, parts.port, payload), TIMEOUT)
        except (OSError, ValueError, IndexError, TimeoutError) as exc:
            status = exc.__class__.__name__
        log.append((page["label"], status, (time.perf_counter() - started) * 1000))
        await asyncio.sleep(rng.uniform(*THINK_SECONDS))


async def _load(base: str, pages: list[dict], cookies: dict, users: int, seconds: int) -> list:
    log: list[tuple[str, object, float]] = []
    until = asyncio.get_running_loop().time() + seconds
    await asyncio.gather(*(_user(n, base, pages, cookies, until, log) for n in range(users)))
    return log


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    if reason := datasets.postgres_available():
        print(f"Нагрузка: пропущено — {reason}")
        return

    with datasets.dataset("large", "postgres") as (url, media):
        env = datasets.django_env(url, media)
        datasets.collectstatic(env)
        cookies, pages = datasets.sessions_and_pages(env)
        with datasets.gunicorn(env) as (base, master):
            for page in pages:  # each page answers 200 before the load, and warms up
                status = datasets.http_get(base + page["path"], cookies.get(page["role"]))
                if status != 200:
                    raise RuntimeError(f"{page['label']}: {page['path']} ответил {status}")
            asyncio.run(_load(base, pages, cookies, users=10, seconds=5))
            before = datasets.worker_rss_mb(master)
            started = time.perf_counter()
            log = asyncio.run(_load(base, pages, cookies, args.users, args.seconds))
            elapsed = time.perf_counter() - started
            after = datasets.worker_rss_mb(master)

    times = [ms for _label, _status, ms in log]
    failures: dict[str, int] = defaultdict(int)
    by_page: dict[str, list[float]] = defaultdict(list)
    for label, status, ms in log:
        by_page[label].append(ms)
        if status != 200:
            failures[f"{label}: {status}"] += 1
    errors = sum(failures.values())
    peak = max(after, default=0.0)
    p95 = {label: _percentile(values, 0.95) for label, values in by_page.items()}
    slowest = sorted(p95, key=p95.__getitem__, reverse=True)[:5]
    print(
        f"Нагрузка: {args.users} пользователей × {args.seconds} с, пауза "
        f"{THINK_SECONDS[0]:g}–{THINK_SECONDS[1]:g} с, {len(pages)} страниц всех ролей; "
        "gunicorn, 2 процесса, PostgreSQL, большая школа"
    )
    rows = [
        ["запросов", str(len(log)), "", ""],
        ["запросов/с", f"{len(log) / elapsed:.1f}", "", ""],
        ["ошибок", str(errors), "0", "да" if errors == 0 else "НЕТ"],
        ["p50, мс", f"{_percentile(times, 0.5):.0f}", "", ""],
        ["p95, мс", f"{_percentile(times, 0.95):.0f}", "", ""],
        ["p99, мс", f"{_percentile(times, 0.99):.0f}", "", ""],
        ["макс., мс", f"{max(times, default=0):.0f}", "", ""],
        ["память процессов до, МБ", ", ".join(f"{mb:.0f}" for mb in before), "", ""],
        [
            "память процессов после, МБ",
            ", ".join(f"{mb:.0f}" for mb in after),
            f"≤ {TARGET_RSS_MB:.0f}",
            "да" if peak <= TARGET_RSS_MB else "НЕТ",
        ],
    ]
    print(datasets.table(["показатель", "значение", "цель", "выполнена"], rows))
    print("Медленнее всех (p95): " + "; ".join(f"{label} {p95[label]:.0f} мс" for label in slowest))
    for failure, count in sorted(failures.items()):
        print(f"  ошибка: {failure} × {count}")
    path = datasets.write_results(
        "load",
        {
            "users": args.users,
            "seconds": args.seconds,
            "think_seconds": THINK_SECONDS,
            "requests": len(log),
            "errors": errors,
            "failures": failures,
            "p50_ms": _percentile(times, 0.5),
            "p95_ms": _percentile(times, 0.95),
            "p99_ms": _percentile(times, 0.99),
            "p95_by_page_ms": p95,
            "median_by_page_ms": {k: statistics.median(v) for k, v in by_page.items()},
            "rss_before_mb": before,
            "rss_after_mb": after,
            "target_rss_mb": TARGET_RSS_MB,
        },
    )
    print(f"Результаты: {path.relative_to(datasets.ROOT)}")


if __name__ == "__main__":
    main()
