"""What the Django benchmarks share: their own PostgreSQL database, Django started on it with the real curriculum,
timings with the queries they ran, and a learner's random walk through a track.

A benchmark names its database before anything imports Django:

    ROOT = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(ROOT))
    from scripts._bench import use_database  # noqa: E402
    use_database("pathwise_bench_mentor")     # BENCH_DATABASE_URL overrides
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from typing import Any

PG = "postgres://postgres@127.0.0.1:5432"


def use_database(name: str) -> str:
    """Point Django at the benchmark's database: BENCH_DATABASE_URL, else `name` on the local server. A script that
    imports another benchmark (bench_planner's seed) keeps its own database, since the first call wins."""
    url = os.environ.setdefault("BENCH_DATABASE_URL", f"{PG}/{name}")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return url


def ensure_database(url: str | None = None) -> None:
    """Create the database (`url`, else DATABASE_URL) if the server does not have it yet."""
    import psycopg

    url = url or os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def recreate_database(url: str) -> None:
    """Drop the database of `url` (closing its connections) and create it empty."""
    from urllib.parse import urlparse

    import psycopg

    name = urlparse(url).path.lstrip("/")
    assert name.replace("_", "").isalnum(), name
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def django_start() -> None:
    """The database created if missing, Django set up, migrated and the real curriculum loaded (quietly)."""
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("load_curriculum", verbosity=0, stdout=devnull, stderr=devnull)


def measure(fn: Callable[[], Any], repeats: int) -> tuple[float, int]:
    """Median milliseconds of `repeats` calls, and the queries of the last."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            fn()
            times.append((time.perf_counter() - started) * 1000)
        queries = len(ctx.captured_queries)
    return statistics.median(times), queries


def counted(fn: Callable[[], Any]) -> tuple[Any, float, int]:
    """Result, seconds and the number of SQL statements (a wrapper counts them all; Django's query log keeps only
    the last 9,000)."""
    from django.db import connection

    count = 0

    def counting(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        t0 = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - t0
    return result, elapsed, count


def percentile(values: list[float], q: float) -> float:
    """The value at rank q (0 to 1) of the sorted values, the nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def p95(values: list[float]) -> float:
    return percentile(values, 0.95)


def walk_states(order: list, rng, done_share: float) -> dict[int, str]:
    """A learner part-way through `order` (milestone nodes, prerequisites first): the first k done (or skipped, one
    in 1 - done_share), then the first ready one in progress, the other ready ones available, the rest locked."""
    from planner.models import SATISFIED_STATES, ProgressState

    k = rng.randint(0, len(order))
    states: dict[int, str] = {}
    for node in order[:k]:
        states[node.id] = ProgressState.DONE if rng.random() < done_share else ProgressState.SKIPPED
    started = False
    for node in order[k:]:
        ready = all(states.get(p) in SATISFIED_STATES for p in node.prerequisites)
        if ready and not started:
            states[node.id], started = ProgressState.IN_PROGRESS, True
        else:
            states[node.id] = ProgressState.AVAILABLE if ready else ProgressState.LOCKED
    return states
