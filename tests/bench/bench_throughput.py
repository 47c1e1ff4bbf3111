"""Benchmark: requests per second of the dashboard against a bare Django view, under gunicorn.

Not a test (pytest collects only test_*.py). Run from the repository root:

    .venv/bin/python tests/bench/bench_throughput.py [--seconds 10] [--rounds 2]

The large demo school on PostgreSQL (a throwaway copy, tests/bench/datasets.py; the server
of BENCH_POSTGRES_URL, by default the local one) is served by gunicorn with 2 workers and
production settings on loopback. In the same run, wrk (Debian: apt-get install -y wrk)
loads in turn the bare view (BENCH_BARE_VIEW=1 mounts /bench/bare/: one query, one template,
no session) and the curator's dashboard (reports:dashboard, logged in), several rounds
each. The table shows requests per second, latencies and the ratio dashboard / bare
(target ≥ 25 %); var/bench/throughput.json keeps the numbers. The exit status is 0
whatever the numbers.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import datasets  # noqa: E402 (the bench folder must be on the path first)

TARGET_RATIO = 0.25
CONNECTIONS = 4  # enough to keep 2 sync workers busy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if reason := datasets.wrk_installed() or datasets.postgres_available():
        print(f"Пропускная способность: пропущено — {reason}")
        return

    with datasets.dataset("large", "postgres") as (url, media):
        env = datasets.django_env(url, media, BENCH_BARE_VIEW="1")
        datasets.collectstatic(env)
        cookies, pages = datasets.sessions_and_pages(env)
        dashboard = next(p["path"] for p in pages if p["name"] == "reports:dashboard")
        targets = {
            "голый Django": ("/bench/bare/", []),
            "мониторинг": (dashboard, [f"Cookie: sessionid={cookies['curator']}"]),
        }
        runs: dict[str, list[dict]] = {label: [] for label in targets}
        with datasets.gunicorn(env) as (base, _master):
            for label, (path, headers) in targets.items():
                cookie = headers[0].split("=", 1)[1] if headers else None
                status = datasets.http_get(base + path, cookie)
                if status != 200:
                    raise RuntimeError(f"{label}: {path} ответил {status}, а не 200")
                # Warm-up: imports, templates and connections of both workers.
                datasets.wrk(base + path, seconds=2, connections=CONNECTIONS, headers=headers)
            for _round in range(args.rounds):
                for label, (path, headers) in targets.items():
                    runs[label].append(
                        datasets.wrk(
                            base + path,
                            seconds=args.seconds,
                            connections=CONNECTIONS,
                            headers=headers,
                        )
                    )

    summary = {}
    for label, results in runs.items():
        summary[label] = {
            "rps": statistics.mean(r["rps"] for r in results),
            "p50_ms": statistics.median(r["p50_us"] for r in results) / 1000,
            "p99_ms": max(r["p99_us"] for r in results) / 1000,
            "errors": sum(r["status_errors"] + r["socket_errors"] + r["timeouts"] for r in results),
            "runs": results,
        }
    bare, board = summary["голый Django"], summary["мониторинг"]
    ratio = board["rps"] / bare["rps"] if bare["rps"] else 0.0
    print(
        f"Пропускная способность: gunicorn, 2 процесса, PostgreSQL, большая школа; wrk, "
        f"{CONNECTIONS} соединения, {args.rounds} × {args.seconds} с на страницу"
    )
    rows = [
        [
            label,
            f"{data['rps']:.1f}",
            f"{data['p50_ms']:.1f}",
            f"{data['p99_ms']:.1f}",
            str(data["errors"]),
        ]
        for label, data in summary.items()
    ]
    print(datasets.table(["страница", "запросов/с", "p50, мс", "p99, мс", "ошибок"], rows))
    met = ratio >= TARGET_RATIO
    print(
        f"Мониторинг / голый Django: {ratio:.0%} (цель ≥ {TARGET_RATIO:.0%}) — "
        f"{'да' if met else 'НЕТ'}"
    )
    path = datasets.write_results(
        "throughput", {"ratio": ratio, "target": TARGET_RATIO, "met": met, "pages": summary}
    )
    print(f"Результаты: {path.relative_to(datasets.ROOT)}")


if __name__ == "__main__":
    main()
