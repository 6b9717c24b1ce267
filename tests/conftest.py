import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from tests.workers import CeleryWorker, django_broker_url, django_worker_env, flush_redis

# A GPU image without the web stack runs tests/gpu_runner only (scripts/gpu_check.sh): nothing here may need Django.
try:
    from tests.world import as_role, bank_quiz, world  # noqa: F401 (fixtures every Django test directory shares)
except ModuleNotFoundError as exc:
    if exc.name != "django":
        raise
    HAS_DJANGO = False
else:
    HAS_DJANGO = True

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

# CI replays the same generated inputs every run (a failure there is reproducible, never a fluke of the draw);
# local runs keep exploring new ones. print_blob says how to replay any failure.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis_settings.register_profile("dev", print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits (allauth's, DRF's throttles) live in the cache: each test starts with none used."""
    if not HAS_DJANGO:
        return
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language_after_each_test() -> Iterator[None]:
    """A request in Chinese leaves the language active in this thread (LocaleMiddleware activates it and nothing
    resets it between test-client requests); messages are translated when read, so the next test starts in the
    default language again."""
    yield
    if not HAS_DJANGO:
        return
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def client_for():
    """`client_for(user)`: an API client authenticated as `user` (None: anonymous)."""
    from rest_framework.test import APIClient

    def make(user) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def user_factory(db):
    from tests.factories import UserFactory

    return UserFactory


@pytest.fixture
def start_worker(transactional_db, tmp_path) -> Iterator[Callable[..., CeleryWorker]]:
    """Start real Celery workers against the test database (transactional: the workers are other processes and
    must see committed rows) and the test Redis db, flushed before and after. `start_worker(name, ...)` waits
    until the worker is ready and returns it (a tests.workers.CeleryWorker, log `<tmp_path>/<name>.log` unless
    `log` says otherwise); every worker started is stopped at teardown."""
    broker = django_broker_url()
    flush_redis(broker)
    started: list[CeleryWorker] = []

    def start(
        name: str = "worker",
        *,
        broker_url: str | None = None,
        env: dict[str, str] | None = None,
        log: Path | None = None,
        ready_timeout: float = 120,
        **options: object,
    ) -> CeleryWorker:
        options.setdefault("prefetch_multiplier", 1)
        worker = CeleryWorker(
            log or tmp_path / f"{name}.log", env or django_worker_env(broker_url=broker_url or broker), **options
        )
        started.append(worker)
        worker.wait_ready(ready_timeout)
        return worker

    try:
        yield start
    finally:
        for worker in started:
            worker.stop()
        flush_redis(broker)
