import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, env: dict[str, str | None]) -> subprocess.CompletedProcess[str]:
    """manage.py in a fresh interpreter; a variable given as None is unset there."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_CONN", "CACHE_URL"))}
    full_env = {k: v for k, v in (full_env | env).items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _manage("check", env={"DJANGO_SETTINGS_MODULE": "config.settings.production"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.slow
def test_check_deploy_is_clean_for_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-for-the-check-" + "z" * 10,
            "DJANGO_ALLOWED_HOSTS": "pathwise.example.org",
            "CACHE_URL": "redis://127.0.0.1:6379/1",
            "PATHWISE_LEADERBOARD_SEED": "l" * 40,
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-for-the-check-" + "z" * 10,
    "PATHWISE_LEADERBOARD_SEED": "l" * 40,
}
SHOW_SETTINGS = (
    "import json; from django.conf import settings; db = settings.DATABASES['default']; "
    "print(json.dumps({'cache': settings.CACHES['default'], 'age': db['CONN_MAX_AGE'], "
    "'health': db['CONN_HEALTH_CHECKS'], 'engine': db['ENGINE'], 'push': settings.PATHWISE_VERSION_PUSH}))"
)


def _settings_of(module_env: dict[str, str | None]) -> dict:
    result = _manage("shell", "-c", SHOW_SETTINGS, env=module_env)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize("url", ["redis://cache.internal:6379/1", "rediss://cache.internal:6380/2"])
def test_production_settings_use_django_redis_cache_for_a_redis_cache_url(url):
    shown = _settings_of({**PRODUCTION, "CACHE_URL": url})

    assert shown["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert shown["cache"]["LOCATION"] == url
    assert shown["cache"]["OPTIONS"] == {"socket_connect_timeout": 2, "socket_timeout": 2}


@pytest.mark.slow
@pytest.mark.parametrize("url", [None, "locmemcache://", "filecache:///tmp/pathwise-cache", "dummycache://"])
def test_production_settings_refuse_to_start_without_a_shared_redis_cache(url):
    result = _manage("check", env={**PRODUCTION, "CACHE_URL": url})

    assert result.returncode != 0
    assert "CACHE_URL must point at the Redis cache every process shares" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("module", ["local", "test", "production"])
def test_every_settings_module_keeps_database_connections_with_health_checks(module):
    env = {**PRODUCTION, "CACHE_URL": "redis://127.0.0.1:6379/1"} if module == "production" else {}
    shown = _settings_of({**env, "DJANGO_SETTINGS_MODULE": f"config.settings.{module}"})

    assert shown["age"] == 300
    assert shown["health"] is True


@pytest.mark.slow
def test_make_run_keeps_its_file_cache_by_default():
    shown = _settings_of({"DJANGO_SETTINGS_MODULE": "config.settings.local"})

    assert shown["cache"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert shown["cache"]["LOCATION"] == str(ROOT / "var" / "cache")
    assert shown["push"] is False  # a file cache: nothing worth keeping versions in memory for


@pytest.mark.slow
@pytest.mark.parametrize(
    ("extra", "push"),
    [({}, True), ({"DATABASE_CONN_MAX_AGE": "0"}, False), ({"PATHWISE_VERSION_PUSH": "0"}, False)],
)
def test_production_keeps_versions_in_memory_only_on_kept_postgresql_connections(extra, push):
    database = {"DATABASE_URL": "postgres://pathwise@db.internal:5432/pathwise", "CACHE_URL": "redis://cache:6379/1"}
    shown = _settings_of({**PRODUCTION, **database, **extra})

    assert shown["engine"] == "config.postgresql"  # the health check without a round trip
    assert shown["push"] is push


def test_each_test_process_has_its_own_redis_db_and_the_test_settings_take_it(monkeypatch):
    from django.conf import settings

    from tests.workers import own_broker_url

    assert own_broker_url() == settings.CELERY_BROKER_URL
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    assert own_broker_url() == "redis://127.0.0.1:6379/15"  # a run in one process
    for worker, db in (("gw0", 15), ("gw1", 14), ("gw3", 12)):
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
        assert own_broker_url() == f"redis://127.0.0.1:6379/{db}"
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://elsewhere:6379/3")
    assert own_broker_url() == "redis://elsewhere:6379/3"


def test_each_test_process_has_its_own_test_database(db):
    from django.db import connection

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    assert connection.settings_dict["NAME"].endswith(f"_{worker}" if worker else "pathwise")
