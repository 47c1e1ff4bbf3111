"""Shared by the page, throughput and load benchmarks: the demo schools as throwaway databases.

Not a benchmark itself (``make bench`` runs only ``bench_*.py``). Seeding the large school
takes from half a minute (SQLite) to a few minutes, so each size is built once per version
of the demo code and kept:
a SQLite file under ``var/bench/cache/`` or a template database on the PostgreSQL server of
BENCH_POSTGRES_URL. Every run works on a fresh copy of it, thrown away afterwards.

Both schools are built as of ``LARGE_DEMO_DATE`` and the page benchmark runs at that date
(time-machine), so runs of different days compare. The servers of the throughput and load
benchmarks run at the real date.

    .venv/bin/python tests/bench/datasets.py --build large   # build (or check) the cache
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "var" / "bench" / "cache"
RESULTS = ROOT / "var" / "bench"
SEED = 2026
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "")
DEFAULT_POSTGRES_URL = "postgres://nastavnik@127.0.0.1:5432/nastavnik"
SIZES = ("small", "large")
# What the demo schools are made of: a change in any of these rebuilds the cache.
SOURCES = [
    "mentorship/demo.py",
    "mentorship/demo_practice.py",
    "mentorship/demo_large",
    "roadmap/demo.py",
    "surveys/demo.py",
    "surveys/demo_large.py",
    "reports/demo.py",
    "reports/demo_large.py",
    "fixtures",
    "mentorship/migrations",
    "roadmap/migrations",
    "surveys/migrations",
    "reports/migrations",
]

# The main pages, each for the role that uses it: (role, label, url name).
PAGES = [
    ("curator", "Главная куратора", "mentorship:curator-home"),
    ("curator", "Участники", "mentorship:person-list"),
    ("curator", "База наставляемых", "mentorship:mentee-list"),
    ("curator", "База наставников", "mentorship:mentor-list"),
    ("curator", "Пары и группы", "mentorship:pair-list"),
    ("curator", "Подбор пар", "mentorship:matching"),
    ("curator", "Дорожная карта", "roadmap:roadmap-detail"),
    ("curator", "Опросы", "surveys:campaign-list"),
    ("curator", "Аналитика опроса", "surveys:campaign-analytics"),
    ("curator", "Документы", "reports:document-list"),
    ("curator", "Мониторинг", "reports:dashboard"),
    ("curator", "Журнал встреч", "mentorship:meeting-journal"),
    ("curator", "Регулярность встреч", "mentorship:meeting-regularity"),
    ("curator", "Отчёты", "reports:report-list"),
    ("curator", "Отчёт: I этап", "reports:report-stage1"),
    ("curator", "Отчёт: II этап", "reports:report-stage2"),
    ("curator", "Отчёт: удовлетворённость", "reports:report-satisfaction"),
    ("curator", "Годовой отчёт", "reports:report-annual"),
    ("director", "Главная директора", "mentorship:director-home"),
    ("director", "На утверждение", "reports:approvals"),
    ("mentor", "Главная наставника", "mentorship:mentor-home"),
    ("mentor", "Мои пары", "mentorship:my-pairs"),
    ("mentor", "Запись встречи", "mentorship:meeting-create"),
    ("teacher", "Главная педагога", "mentorship:teacher-home"),
    ("teacher", "Мои анкеты", "surveys:my-forms"),
    ("public", "Страница «Наставничество»", "public:page"),
]
USERNAMES = {
    "curator": "kurator",
    "director": "direktor",
    "mentor": "nastavnik",
    "teacher": "pedagog",
}


def fingerprint(size: str) -> str:
    import inspect  # noqa: PLC0415

    digest = hashlib.sha256(f"{size}:{SEED}".encode())
    digest.update(inspect.getsource(_build).encode())
    for source in SOURCES:
        path = ROOT / source
        files = (
            sorted(path.rglob("*.py")) + sorted(path.rglob("*.json")) if path.is_dir() else [path]
        )
        for file in files:
            if "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(ROOT)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def django_env(database_url: str, media: Path, **extra: str) -> dict[str, str]:
    """Production settings on loopback: no TLS redirects, no secure cookies, quiet logs.

    The file cache starts empty for each database: nothing kept from another school's copy.
    """
    cache_dir = RESULTS / "var" / f"cache-{hashlib.sha256(database_url.encode()).hexdigest()[:12]}"
    shutil.rmtree(cache_dir, ignore_errors=True)
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "bench-only-not-a-secret",  # noqa: S105 (throwaway databases)
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_PROXY_SSL_HEADER": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "MEDIA_ROOT": str(media),
        "VAR_DIR": str(RESULTS / "var"),
        "CACHE_DIR": str(cache_dir),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def run_child(script: Path, args: list[str], env: dict[str, str]) -> str:
    """Run one of the bench scripts in a child process (Django reads its settings once)."""
    command = [sys.executable, str(script), *args]
    # Our own scripts with our own arguments: nothing untrusted reaches the command line.
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(f"{script.name} {' '.join(args)}: ошибка\n{done.stderr[-4000:]}")
    return done.stdout


_collected: list[bool] = []


def collectstatic(env: dict[str, str]) -> None:
    """Production serves the hashed static files (the manifest): collect them once a run."""
    if not _collected:
        run_child(ROOT / "manage.py", ["collectstatic", "--noinput", "-v0"], env)
        _collected.append(True)


# --- the cache ---------------------------------------------------------------------------


def _build(size: str) -> None:
    """In the child: migrate and seed the database of DATABASE_URL as of the base date."""
    import django  # noqa: PLC0415 (the environment must be set before Django starts)

    django.setup()
    import datetime  # noqa: PLC0415

    import time_machine  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from mentorship.demo import seed_demo  # noqa: PLC0415
    from mentorship.demo_large import LARGE_DEMO_DATE, seed_demo_large  # noqa: PLC0415
    from reports.models import Document, PublicPage  # noqa: PLC0415
    from reports.services_public import document_set_public  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    moment = timezone.make_aware(datetime.datetime.combine(LARGE_DEMO_DATE, datetime.time(9)))
    with time_machine.travel(moment, tick=True):
        if size == "large":
            seed_demo_large(seed=SEED, today=LARGE_DEMO_DATE)
        else:
            call_command("load_standard_data", verbosity=0)
            seed_demo(seed=SEED, today=LARGE_DEMO_DATE)
            # What the large school has and the small demo leaves to the curator: the public
            # page open with the signed normative orders on it, so both sizes show the same.
            PublicPage.objects.update_or_create(pk=1, defaults={"is_enabled": True})
            for document in Document.objects.filter(
                status="approved", kind__in=("order_implementation", "order_curator")
            ):
                document_set_public(document=document, is_public=True, actor=None)


def _sqlite_cache(size: str) -> tuple[Path, Path]:
    key = f"{size}-{fingerprint(size)}"
    database, media = CACHE / f"{key}.sqlite3", CACHE / f"{key}-media"
    if not database.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        for old in CACHE.glob(f"{size}-*"):
            shutil.rmtree(old) if old.is_dir() else old.unlink()
        print(f"  строю {size} (SQLite, один раз для этой версии демо-данных)…", file=sys.stderr)
        building = database.with_suffix(".building")
        building.unlink(missing_ok=True)
        media.mkdir(parents=True, exist_ok=True)
        env = django_env(f"sqlite:///{building}", media)
        collectstatic(env)  # approving documents renders them with the static files
        run_child(Path(__file__), ["--child-build", size], env)
        building.rename(database)
    return database, media


def _admin(url: str):
    import psycopg  # noqa: PLC0415

    return psycopg.connect(url, autocommit=True, connect_timeout=3)


def postgres_url() -> str:
    return POSTGRES_URL or DEFAULT_POSTGRES_URL


def postgres_available() -> str | None:
    """None when the server answers, else why not (in Russian, for the table)."""
    try:
        _admin(postgres_url()).close()
    except Exception as exc:  # noqa: BLE001 (any failure to connect means: skip)
        return f"сервер PostgreSQL недоступен ({exc.__class__.__name__})"
    return None


def _with_db(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _postgres_template(size: str) -> tuple[str, Path]:
    key = fingerprint(size)
    template, media = f"bench_tpl_{size}", CACHE / f"pg-{size}-{key}-media"
    with _admin(postgres_url()) as admin:
        row = admin.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [template],
        ).fetchone()
        if row is not None and row[0] == key and media.exists():
            return template, media
        print(
            f"  строю {size} (PostgreSQL, один раз для этой версии демо-данных)…", file=sys.stderr
        )
        admin.execute(f"DROP DATABASE IF EXISTS {template} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {template}")
        for old in CACHE.glob(f"pg-{size}-*-media"):
            shutil.rmtree(old)
        media.mkdir(parents=True, exist_ok=True)
        env = django_env(_with_db(postgres_url(), template), media)
        collectstatic(env)  # approving documents renders them with the static files
        run_child(Path(__file__), ["--child-build", size], env)
        with _admin(_with_db(postgres_url(), template)) as built:
            built.execute("VACUUM ANALYZE")  # as autovacuum would have done by now
        admin.execute(f"COMMENT ON DATABASE {template} IS '{key}'")
    return template, media


@contextlib.contextmanager
def dataset(size: str, backend: str) -> Iterator[tuple[str, Path]]:
    """A throwaway copy of the demo school of ``size``: (DATABASE_URL, MEDIA_ROOT)."""
    if backend == "sqlite":
        database, media = _sqlite_cache(size)
        with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as folder:
            copy = Path(folder) / "bench.sqlite3"
            shutil.copyfile(database, copy)
            yield f"sqlite:///{copy}", media
        return
    template, media = _postgres_template(size)
    name = f"bench_run_{size}_{os.getpid()}"
    with _admin(postgres_url()) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
        try:
            yield _with_db(postgres_url(), name), media
        finally:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# --- pages and sessions (in a Django child) ------------------------------------------------


def resolve_pages() -> list[dict[str, str]]:
    """Each page's path on this database (the current roadmap, the feedback campaign)."""
    from django.urls import reverse  # noqa: PLC0415

    from roadmap.models import Roadmap  # noqa: PLC0415
    from surveys.models import Campaign  # noqa: PLC0415

    roadmap = Roadmap.objects.filter(year__is_current=True).get()
    # The busiest survey of the year: the mentees' feedback after every meeting.
    campaign = Campaign.objects.get(
        year__is_current=True, questionnaire__code="meeting-feedback-mentee"
    )
    args = {"roadmap:roadmap-detail": [roadmap.pk], "surveys:campaign-analytics": [campaign.pk]}
    return [
        {"role": role, "label": label, "name": name, "path": reverse(name, args=args.get(name))}
        for role, label, name in PAGES
    ]


def session_cookies() -> dict[str, str]:
    """A logged-in session per role (the public page needs none): role -> sessionid."""
    from django.test import Client  # noqa: PLC0415

    from mentorship.models import User  # noqa: PLC0415

    cookies = {}
    for role, username in USERNAMES.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        cookies[role] = client.cookies["sessionid"].value
    return cookies


def sessions_and_pages(env: dict[str, str]) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Log-ins for the server benchmarks: (role -> sessionid, the pages with their paths)."""
    output = run_child(Path(__file__), ["--child-sessions"], env)
    data = json.loads(output.strip().splitlines()[-1])
    return data["cookies"], data["pages"]


# --- gunicorn and wrk (the throughput and load benchmarks) -----------------------------------

WRK_SUMMARY = """
done = function(summary, latency, requests)
  io.write(string.format(
    '\\nWRK-JSON {"requests": %d, "duration_us": %d, "status_errors": %d, '
    .. '"socket_errors": %d, "timeouts": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
    .. '"max_us": %d}\\n',
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max))
end
"""


def wrk_installed() -> str | None:
    """None when wrk is on the PATH, else what to do (Debian: apt-get install -y wrk)."""
    if shutil.which("wrk"):
        return None
    return "нет wrk: установите его (Debian: apt-get install -y wrk)"


def wrk(url: str, *, seconds: int, connections: int, threads: int = 1, headers=()) -> dict:
    """Load one address with wrk for ``seconds``; its summary, parsed (requests, errors, µs)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(WRK_SUMMARY)
    try:
        command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s"]
        command += ["--timeout", "10s", "-s", file.name]
        for header in headers:
            command += ["-H", header]
        # wrk from the PATH with our own arguments: nothing untrusted on the command line.
        done = subprocess.run(  # noqa: S603
            [*command, url], capture_output=True, text=True, check=False
        )
    finally:
        os.unlink(file.name)
    line = next((x for x in done.stdout.splitlines() if x.startswith("WRK-JSON ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk: ошибка\n{done.stdout}\n{done.stderr}")
    result = json.loads(line.removeprefix("WRK-JSON "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1_000_000)
    return result


def _free_port() -> int:
    import socket  # noqa: PLC0415

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url: str, cookie: str | None = None) -> int:
    """The status of one GET (no redirects followed): pages are checked before the load."""
    import urllib.error  # noqa: PLC0415
    import urllib.request  # noqa: PLC0415

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url)  # noqa: S310 (loopback, our own server)
    if cookie:
        request.add_header("Cookie", f"sessionid={cookie}")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@contextlib.contextmanager
def gunicorn(env: dict[str, str], *, workers: int = 2) -> Iterator[tuple[str, subprocess.Popen]]:
    """The app under gunicorn on loopback: (base URL, the master process)."""
    import time  # noqa: PLC0415

    port = _free_port()
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = (RESULTS / "gunicorn.log").open("w")
    executable = Path(sys.executable).parent / "gunicorn"
    command = [str(executable), "mentorship.wsgi:application", "--workers", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "60"]
    # Our own gunicorn with our own arguments.
    process = subprocess.Popen(  # noqa: S603
        command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            time.sleep(0.5)
            if process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn не запустился: {(RESULTS / 'gunicorn.log').read_text()}"
                )
            try:
                if http_get(f"{base}/accounts/login/") == 200:
                    break
            except OSError:
                continue
        else:
            raise RuntimeError("gunicorn не ответил за 60 с")
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def worker_rss_mb(master: subprocess.Popen) -> list[float]:
    """Resident memory of the master's worker processes, in MB, read from /proc."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != master.pid:  # the parent pid
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
        sizes += [int(x.split()[1]) / 1024 for x in status.splitlines() if x.startswith("VmRSS:")]
    return sorted(sizes)


def write_results(name: str, data: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return path


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", choices=SIZES)
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--child-build", choices=SIZES, help=argparse.SUPPRESS)
    parser.add_argument("--child-sessions", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_build or args.child_sessions:
        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")
        if args.child_build:
            _build(args.child_build)
            return
        import django  # noqa: PLC0415

        django.setup()
        print(json.dumps({"cookies": session_cookies(), "pages": resolve_pages()}))
        return
    if args.build:
        if args.backend == "sqlite":
            print(_sqlite_cache(args.build)[0])
        else:
            print(_postgres_template(args.build)[0])


if __name__ == "__main__":
    main()
