import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from mentorship import env

ROOT = Path(__file__).resolve().parents[2]
PROD = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "x7Vq-9mZ!pL2#rT8&wK4$yN6^bH1*cJ3(dF5)gS0_eA8+uQ2=iO7-longer-than-fifty",
    "ALLOWED_HOSTS": "nastavnik.school.example",
}


def _run(args: list[str], extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ENV", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(extra_env)
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_env_bool_reads_common_spellings(monkeypatch) -> None:
    monkeypatch.setenv("FLAG", "Yes")
    assert env.env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "off")
    assert env.env_bool("FLAG", True) is False


def test_env_bool_refuses_a_value_it_does_not_understand(monkeypatch) -> None:
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env.env_bool("FLAG", False)


def test_env_int_refuses_text(monkeypatch) -> None:
    monkeypatch.setenv("NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="NUMBER"):
        env.env_int("NUMBER", 1)


def test_secret_is_read_from_a_file(monkeypatch, tmp_path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("from-file\n", encoding="utf-8")
    monkeypatch.setenv("SOME_SECRET_FILE", str(secret))
    assert env.env_str("SOME_SECRET") == "from-file"


def test_production_without_secret_key_refuses_to_start() -> None:
    result = _run(["check"], {"DJANGO_ENV": "production", "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_with_production_values_prints_no_warning() -> None:
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], PROD)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def _production_value(expression: str, extra: dict[str, str] | None = None) -> str:
    code = f"from django.conf import settings; print({expression})"
    result = _run(["shell", "--no-imports", "-c", code], PROD | (extra or {}))
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_sends_hsts_and_keeps_cookies_to_https() -> None:
    value = _production_value(
        "settings.SECURE_HSTS_SECONDS, settings.SESSION_COOKIE_SECURE, "
        "settings.CSRF_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT, settings.TRUSTED_PROXY_COUNT"
    )
    assert value == "31536000 True True True 1"


def test_log_in_throttling_is_read_from_the_environment() -> None:
    value = _production_value(
        "settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME",
        {"AXES_FAILURE_LIMIT": "3", "AXES_COOLOFF_MINUTES": "15"},
    )
    assert value == "3 0:15:00"
    assert _production_value("settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME") == (
        "5 0:30:00"
    )


def test_a_zero_cool_off_refuses_to_start() -> None:
    result = _run(["check"], PROD | {"AXES_COOLOFF_MINUTES": "0"})
    assert result.returncode != 0
    assert "AXES_COOLOFF_MINUTES" in result.stderr


def test_production_shares_the_cache_between_workers_and_reads_sessions_from_it() -> None:
    value = _production_value(
        "settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1], settings.SESSION_ENGINE"
    )
    assert value == "FileBasedCache django.contrib.sessions.backends.cached_db"


def test_a_cache_of_one_process_keeps_sessions_in_the_database() -> None:
    value = _production_value(
        "settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1], settings.SESSION_ENGINE",
        {"CACHE_BACKEND": "locmem"},
    )
    assert value == "LocMemCache django.contrib.sessions.backends.db"


def test_redis_without_an_address_refuses_to_start() -> None:
    result = _run(["check"], PROD | {"CACHE_BACKEND": "redis"})
    assert result.returncode != 0
    assert "CACHE_URL" in result.stderr
