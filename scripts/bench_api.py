"""API read throughput under gunicorn, driven by wrk: cached DRF curriculum reads, a conditional 304 and /me/,
each as a ratio to a plain Django view in the same run, with persistent and per-request database connections.

    .venv/bin/python scripts/bench_api.py [--seconds 2] [--connections 8] [--workers 2]

Serves the project with gunicorn (sync workers, `config.settings.local` with DEBUG off, the shared Redis cache of
production: BENCH_API_CACHE_URL, default redis://127.0.0.1:6379/14) against a PostgreSQL database holding the real
curriculum (`pathwise_bench_api`, re-created; BENCH_API_DATABASE_URL overrides). Debian's `wrk` (one thread,
`--connections` keep-alive connections; `make bench` installs it) drives each URL for `--seconds` after a short
warm-up. The gunicorn server runs twice: DATABASE_CONN_MAX_AGE=300 (the default: one kept connection per worker)
and DATABASE_CONN_MAX_AGE=0 (a new connection per request, as before), side by side.

- the baseline, a plain Django view defined here (no DRF, no cache): the same token check (one query), the first
  page of 50 milestones with the list's scalar fields through `.values()`, `JsonResponse`;
- `GET /api/v1/milestones/` (DRF: token authentication, the cached, lean list);
- the same with `If-None-Match: <its ETag>`: a 304;
- `GET /api/v1/me/` (DRF, a small per-user answer, not cached).

The baseline's URL is added by this module acting as the root URLconf of the gunicorn process (a settings
override in memory, no project file changes). wrk's own CPU time is read from the kernel and given as a share of
the CPU time spent by wrk and the server together. Queries per request are counted in this process (the same code
gunicorn runs). Prints a markdown section.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts._bench import recreate_database  # noqa: E402
from tests.workers import free_port  # noqa: E402

DB_URL = os.environ.get("BENCH_API_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pathwise_bench_api")
CACHE_URL = os.environ.get("BENCH_API_CACHE_URL", "redis://127.0.0.1:6379/14")
BASELINE = "/bench/plain-milestones/"
FIELDS = ("slug", "order", "hours", "completion", "title_en", "title_zh", "summary_en", "summary_zh")
CLK_TCK = os.sysconf("SC_CLK_TCK")


def plain_milestones(request):  # the baseline: Django only
    from django.http import JsonResponse

    from accounts.models import ApiToken
    from accounts.services.tokens import token_digest
    from planner.models import Milestone

    header = request.headers.get("Authorization", "")
    key = header.split(" ", 1)[1] if header.startswith("Token ") else ""
    if not ApiToken.objects.filter(digest=token_digest(key), user__is_active=True).exists():
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


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    wrk_cpu_s: float
    server_cpu_s: float


def prepare() -> str:
    import django

    recreate_database(DB_URL)
    django.setup()
    from django.core.management import call_command

    quiet = io.StringIO()  # their reports would mix into the markdown on stdout
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_curriculum", verbosity=0, stdout=quiet)  # replaces the curriculum version in Redis
    from django.contrib.auth import get_user_model
    from django.db import connection

    from accounts.services.tokens import api_token_create

    user = get_user_model().objects.create_user("bench-api", password="bench-api-password")
    key = api_token_create(user=user, name="bench")[1]
    connection.close()
    return key


def query_counts(token: str) -> dict[str, int]:
    """Database queries per request of each URL (warm: the curriculum cached, as under load)."""
    from django.db import connection
    from django.test import Client, RequestFactory
    from django.test.utils import CaptureQueriesContext

    counts = {}
    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Token {token}")
    for name, path, headers in URLS:
        if name == "baseline":
            request = RequestFactory().get(BASELINE, HTTP_AUTHORIZATION=f"Token {token}")
            with CaptureQueriesContext(connection) as queries:
                assert plain_milestones(request).status_code == 200
        else:
            first = client.get(path)  # fills the cache, as the warm-up does under load
            extra = {"HTTP_IF_NONE_MATCH": first["ETag"]} if headers else {}
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path, **extra).status_code in (200, 304)
        counts[name] = len(queries)
    connection.close()
    return counts


URLS = [
    ("baseline", BASELINE, False),
    ("milestones", "/api/v1/milestones/", False),
    ("not-modified", "/api/v1/milestones/", True),
    ("me", "/api/v1/me/", False),
]


def render_ms() -> tuple[int, float, float]:
    """Rendering the first page of milestones (what every cache miss pays): DRF's JSONRenderer vs orjson's."""
    from rest_framework.renderers import JSONRenderer

    from config.renderers import ORJSONRenderer
    from planner import selectors
    from planner.api.serializers import MilestoneOutput

    page = {"count": 0, "next": None, "previous": None}
    page["results"] = MilestoneOutput(list(selectors.milestone_list()[:50]), many=True).data
    timings = []
    for renderer in (JSONRenderer(), ORJSONRenderer()):
        renderer.render(page, "application/json", {})
        started = time.perf_counter()
        for _ in range(200):
            body = renderer.render(page, "application/json", {})
        timings.append((time.perf_counter() - started) / 200 * 1000)
    return len(body), timings[0], timings[1]


def process_cpu_s(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLK_TCK


def server_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [master, *map(int, children)]


def wrk(url: str, headers: dict[str, str], seconds: float, connections: int, master: int) -> Load:
    args = [shutil.which("wrk") or "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    subprocess.run([*args[:3], "-d1s", *args[4:], url], capture_output=True, check=True)  # warm-up
    pids = server_pids(master)
    before_server = process_cpu_s(pids)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wrk_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Load(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        p50_ms=_latency(out, "50%"),
        p99_ms=_latency(out, "99%"),
        errors=int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0,
        wrk_cpu_s=wrk_cpu,
        server_cpu_s=process_cpu_s(pids) - before_server,
    )


def _latency(out: str, percentile: str) -> float:
    value, unit = re.search(rf"^\s*{percentile}\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def serve(workers: int, conn_max_age: int, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "PATHWISE_BENCH_API_SERVE": "1", "DATABASE_CONN_MAX_AGE": str(conn_max_age)}
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    args = [gunicorn, "bench_api", "--chdir", str(ROOT), "--pythonpath", f"{ROOT / 'scripts'},{ROOT}"]
    with log.open("ab") as handle:
        server = subprocess.Popen(
            [*args, "-b", f"127.0.0.1:{port}", "-w", str(workers)],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return server, f"http://127.0.0.1:{port}"


def wait_up(server: subprocess.Popen, base: str, token: str, log: Path, workers: int) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            answered = httpx.get(base + BASELINE, headers={"Authorization": f"Token {token}"}).status_code == 200
            if answered and len(server_pids(server.pid)) > workers:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError(log.read_text(errors="replace")[-3000:])


def check_same_page(base: str, token: str) -> str:
    """The DRF list and the baseline serve the same page; the list's ETag is answered 304. Returns the ETag."""
    import httpx

    auth = {"Authorization": f"Token {token}"}
    api = httpx.get(base + "/api/v1/milestones/", headers=auth)
    plain = httpx.get(base + BASELINE, headers=auth).json()
    assert api.json()["count"] == plain["count"] and len(api.json()["results"]) == len(plain["results"])
    etag = api.headers["ETag"]
    assert httpx.get(base + "/api/v1/milestones/", headers={**auth, "If-None-Match": etag}).status_code == 304
    return etag


SERVERS = {"kept": 300, "fresh": 0}  # DATABASE_CONN_MAX_AGE of each server


def run_servers(args: argparse.Namespace, token: str) -> dict[str, dict[str, Load]]:
    """Both servers up at once, each URL driven against one then the other, so that a busy neighbour on a shared
    machine weighs on both alike (an idle server costs nothing)."""
    log = ROOT / "var" / "bench_api_gunicorn.log"
    log.parent.mkdir(exist_ok=True)
    servers = {name: serve(args.workers, age, log) for name, age in SERVERS.items()}
    results: dict[str, dict[str, Load]] = {name: {} for name in SERVERS}
    try:
        for server, base in servers.values():
            wait_up(server, base, token, log, args.workers)
        etags = {name: check_same_page(base, token) for name, (_, base) in servers.items()}
        for url_name, path, conditional in URLS:
            for name, (server, base) in servers.items():
                headers = {"Authorization": f"Token {token}"}
                if conditional:
                    headers["If-None-Match"] = etags[name]
                results[name][url_name] = wrk(base + path, headers, args.seconds, args.connections, server.pid)
    finally:
        for server, _ in servers.values():
            os.killpg(server.pid, signal.SIGTERM)
        for server, _ in servers.values():
            server.wait(timeout=30)
    return results


LABELS = {
    "baseline": f"plain Django view `{BASELINE}` (baseline, uncached)",
    "milestones": "DRF `GET /api/v1/milestones/` (cached)",
    "not-modified": "the same, `If-None-Match` → 304",
    "me": "DRF `GET /api/v1/me/` (per user, uncached)",
}


def report(
    args: argparse.Namespace,
    runs: dict[str, dict[str, Load]],
    queries: dict[str, int],
    render: tuple[int, float, float],
) -> None:
    kept, fresh = runs["kept"], runs["fresh"]
    print("## API throughput under gunicorn (wrk; each figure beside the plain-Django baseline of the same run)\n")
    print(
        f"gunicorn -w {args.workers} (sync) on {os.cpu_count()} CPUs, PostgreSQL, Redis cache; wrk -t1 "
        f"-c{args.connections}, {args.seconds:.0f} s per URL after a 1 s warm-up; first page of 50 milestones. "
        "Kept: DATABASE_CONN_MAX_AGE=300 (the default), so the curriculum version is kept in memory until "
        "PostgreSQL announces a change (PATHWISE_VERSION_PUSH); per request: DATABASE_CONN_MAX_AGE=0 (each read "
        "of the version goes to Redis).\n"
    )
    print(
        "| URL | queries/request | req/s, kept connections | × baseline | p50 / p99 ms | server CPU ms/request "
        "| req/s, a connection per request | × baseline | kept / per request | wrk CPU share | errors |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, _, _ in URLS:
        k, f = kept[name], fresh[name]
        share = k.wrk_cpu_s / max(k.wrk_cpu_s + k.server_cpu_s, 1e-9)
        print(
            f"| {LABELS[name]} | {queries[name]} | {k.rps:.0f} | {k.rps / kept['baseline'].rps:.2f}× "
            f"| {k.p50_ms:.1f} / {k.p99_ms:.1f} | {k.server_cpu_s * 1000 / (k.rps * args.seconds):.2f} "
            f"| {f.rps:.0f} | {f.rps / fresh['baseline'].rps:.2f}× "
            f"| {k.rps / f.rps:.2f}× | {share:.0%} | {k.errors + f.errors} |"
        )
    print(
        "\nwrk CPU share: wrk's CPU time over wrk's and gunicorn's together while that URL ran (kept connections). "
        "Server CPU ms/request: the gunicorn workers' CPU time over the requests served, which a busy neighbour "
        "does not inflate as it does latency; on idle cores a worker serves about 1000 / that many requests/s. "
        "Targets: milestones ≥ 1.0× baseline and ≥ 500 req/s; the 304 ≥ 1,500 req/s; /me/ ≥ 800 req/s."
    )
    size, drf, fast = render
    print(
        f"\nRendering the first page ({size / 1000:.0f} kB), what each cache miss and every uncached answer pays: "
        f"DRF's JSONRenderer {drf:.2f} ms, the orjson renderer {fast:.2f} ms (**{drf / fast:.1f}×** faster)."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=2, help="whole seconds per URL (wrk takes no fractions)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install wrk; `make bench` does it)")

    os.environ.update(
        {
            "DATABASE_URL": DB_URL,
            "CACHE_URL": CACHE_URL,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DJANGO_DEBUG": "False",
            "HF_HUB_OFFLINE": "1",
        }
    )
    token = prepare()
    import logging

    logging.getLogger("httpx").setLevel(logging.WARNING)
    runs = run_servers(args, token)
    report(args, runs, query_counts(token), render_ms())
    return 0 if all(load.errors == 0 for run in runs.values() for load in run.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
