"""API read throughput under gunicorn: a DRF list endpoint beside a plain Django JSON view, in the same run.

    .venv/bin/python scripts/bench_api.py [--seconds 8] [--concurrency 8] [--workers 2]

Serves the project with gunicorn (sync workers) on loopback against a PostgreSQL database holding the real
curriculum (`pathwise_bench_api`, re-created; BENCH_API_DATABASE_URL overrides), and drives each URL for a
fixed time with an asyncio + httpx client holding `--concurrency` keep-alive connections, after a warm-up:

- `GET /api/v1/milestones/` (DRF: token authentication, throttling off for reads, filters, pagination,
  the nested serializer): the first page of 50 of the curriculum's milestones;
- the baseline, a plain Django view defined here (no DRF): the same token check (one query), the same first
  page of 50 milestones with the same scalar fields through `.values()`, `JsonResponse`;
- `GET /api/v1/me/` (DRF, small payload): per-request overhead without a list.

The baseline's URL is added by this module acting as the root URLconf of the gunicorn process (a settings
override in memory, no project file changes). Prints a markdown section: requests/s, p50/p99 latency, the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DB_URL = os.environ.get("BENCH_API_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pathwise_bench_api")
BASELINE = "/bench/plain-milestones/"
FIELDS = ("slug", "order", "hours", "completion", "title_en", "title_zh", "summary_en", "summary_zh")


def plain_milestones(request):  # the baseline: Django only
    from django.http import JsonResponse
    from rest_framework.authtoken.models import Token

    from planner.models import Milestone

    header = request.headers.get("Authorization", "")
    key = header.split(" ", 1)[1] if header.startswith("Token ") else ""
    if not Token.objects.filter(key=key, user__is_active=True).exists():
        return JsonResponse({"detail": "Authentication credentials were not provided."}, status=401)
    queryset = Milestone.objects.order_by("stage__order", "order", "slug")
    rows = list(queryset.values("id", "stage__slug", *FIELDS)[:50])
    return JsonResponse({"count": queryset.count(), "next": None, "previous": None, "results": rows})


if os.environ.get("PATHWISE_BENCH_API_SERVE") == "1":  # imported by gunicorn as the WSGI module
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    from django.conf import settings
    from django.urls import include, path

    urlpatterns = [path(BASELINE.strip("/") + "/", plain_milestones), path("", include("config.urls"))]
    settings.ROOT_URLCONF = "bench_api"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare() -> str:
    import django
    import psycopg

    name = urlparse(DB_URL).path.lstrip("/")
    with psycopg.connect(DB_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    django.setup()
    from django.core.management import call_command

    quiet = io.StringIO()  # their reports would mix into the markdown on stdout
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_curriculum", verbosity=0, stdout=quiet)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from rest_framework.authtoken.models import Token

    user = get_user_model().objects.create_user("bench-api", password="bench-api-password")
    key = Token.objects.create(user=user).key
    connection.close()
    return key


def query_counts(token: str) -> dict[str, int]:
    """Database queries per request of each URL, counted in this process (the same code gunicorn runs)."""
    from django.db import connection
    from django.test import Client, RequestFactory
    from django.test.utils import CaptureQueriesContext

    counts = {}
    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Token {token}")
    for name, path in (("drf", "/api/v1/milestones/"), ("me", "/api/v1/me/")):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts[name] = len(queries)
    request = RequestFactory().get(BASELINE, HTTP_AUTHORIZATION=f"Token {token}")
    with CaptureQueriesContext(connection) as queries:
        assert plain_milestones(request).status_code == 200
    counts["baseline"] = len(queries)
    connection.close()
    return counts


async def hammer(base: str, path: str, token: str, seconds: float, concurrency: int) -> tuple[int, list[float], int]:
    import httpx

    latencies: list[float] = []
    failures = 0
    headers = {"Authorization": f"Token {token}"}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30, headers=headers) as client:
        for _ in range(concurrency * 3):  # warm-up: connections, imports, the first queries of each worker
            await client.get(path)
        stop = time.perf_counter() + seconds

        async def loop() -> None:
            nonlocal failures
            while time.perf_counter() < stop:
                started = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - started)
                if response.status_code != 200:
                    failures += 1

        began = time.perf_counter()
        await asyncio.gather(*(loop() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    return round(len(latencies) / elapsed), latencies, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.update({"DATABASE_URL": DB_URL, "DJANGO_SETTINGS_MODULE": "config.settings.test", "HF_HUB_OFFLINE": "1"})
    token = prepare()
    queries = query_counts(token)
    port = free_port()
    log = ROOT / "var" / "bench_api_gunicorn.log"
    log.parent.mkdir(exist_ok=True)
    env = {**os.environ, "PATHWISE_BENCH_API_SERVE": "1", "LOG_LEVEL": "WARNING"}
    with log.open("wb") as handle:
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "bench_api", "--chdir", str(ROOT),
             "--pythonpath", f"{ROOT / 'scripts'},{ROOT}", "-b", f"127.0.0.1:{port}", "-w", str(args.workers)],
            cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            import logging

            import httpx

            logging.getLogger("httpx").setLevel(logging.WARNING)
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(base + BASELINE, headers={"Authorization": f"Token {token}"}).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(log.read_text(errors="replace")[-3000:])
                time.sleep(0.3)
            api_count = httpx.get(base + "/api/v1/milestones/", headers={"Authorization": f"Token {token}"}).json()
            plain_count = httpx.get(base + BASELINE, headers={"Authorization": f"Token {token}"}).json()
            assert api_count["count"] == plain_count["count"] and len(api_count["results"]) == len(
                plain_count["results"]), "the two views must serve the same page"
            results = {}
            # Interleaved twice so that a noisy neighbour on a shared machine hits both alike.
            for _ in range(2):
                for name, path in (("baseline", BASELINE), ("drf", "/api/v1/milestones/"), ("me", "/api/v1/me/")):
                    rps, lat, failures = asyncio.run(hammer(base, path, token, args.seconds / 2, args.concurrency))
                    previous = results.get(name, (0, [], 0))
                    results[name] = (previous[0] + rps / 2, previous[1] + lat, previous[2] + failures)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)

    def row(label: str, name: str) -> str:
        rps, lat, failures = results[name]
        ms = [v * 1000 for v in lat]
        return (f"| {label} | {rps:.0f} | {percentile(ms, 0.5):.1f} | {percentile(ms, 0.99):.1f} | {queries[name]} "
                f"| {failures} |")

    page = len(api_count["results"])
    print("## API throughput under gunicorn (DRF list vs plain Django JSON view, same run)\n")
    print(f"gunicorn -w {args.workers} (sync), {args.concurrency} keep-alive connections from an asyncio + httpx client "
          f"on the same {os.cpu_count()} CPUs, {args.seconds:.0f} s per URL (two interleaved halves), PostgreSQL, "
          f"first page of {page} of the curriculum's {api_count['count']} milestones.\n")
    print("| URL | requests/s | p50 ms | p99 ms | queries/request | non-200 |")
    print("|---|---|---|---|---|---|")
    print(row(f"plain Django view `{BASELINE}` (baseline)", "baseline"))
    print(row("DRF `GET /api/v1/milestones/`", "drf"))
    print(row("DRF `GET /api/v1/me/` (no list)", "me"))
    ratio = results["drf"][0] / results["baseline"][0]
    print(f"\nDRF list / plain Django: **{ratio:.2f}x** the baseline's requests per second.")
    return 0 if all(r[2] == 0 for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
