"""Load test: the whole stack on loopback, learners submitting code through the API at once.

    .venv/bin/python scripts/load_test.py [--learners 200] [--submissions 1000] [--concurrency 32]   (make load)

Starts gunicorn (config.wsgi) and two Celery workers (queues grading,events, one process each) against a fresh
PostgreSQL database (`pathwise_load`, dropped and re-created; LOAD_DATABASE_URL overrides) and a Redis database
(LOAD_BROKER_URL, default redis://127.0.0.1:6379/10, flushed), loads the curriculum and the exercise bank,
creates the learners (with API tokens), enrols each through the API, then sends the submissions for the
`softmax` code exercise through the API from an asyncio + httpx client: the reference solution and the bank's
wrong solutions mixed. It waits until every submission is final and reports throughput, latency from the POST
to the result recorded in the database (p50/p95/p99), and errors: HTTP failures, submissions that ended
`error`, and submissions whose verdict is not the expected one (reference -> passed, wrong -> failed), with the
previous run's latencies (the committed BENCHMARKS.md) beside them.
Must be 0. Bounded in count and time (--timeout), loopback only; it stops what it started. Prints markdown.
Exit status 1 if there were errors or unfinished submissions.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import io
import os
import re
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts._bench import percentile, recreate_database  # noqa: E402
from tests.workers import CeleryWorker, LoggedProcess, flush_redis, free_port, worker_env  # noqa: E402 (as the tests)

DB_URL = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pathwise_load")
BROKER_URL = os.environ.get("LOAD_BROKER_URL", "redis://127.0.0.1:6379/10")
os.environ["DATABASE_URL"] = DB_URL
os.environ["CELERY_BROKER_URL"] = BROKER_URL
# The test settings: DEBUG off, the production middleware and throttles (raised), MD5 passwords so that
# creating the learners is quick. Everything else as in production.
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
SLUG = "softmax"
BIN = Path(sys.executable).parent
FINAL = ("passed", "failed", "error")


def prepare(learners: int) -> tuple[list[str], str]:
    """Migrate, load curriculum + bank, create learners with tokens. Returns (tokens, track slug)."""
    import django
    from django.core.management import call_command

    django.setup()
    quiet = io.StringIO()  # their reports would mix into the markdown on stdout
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_curriculum", verbosity=0, stdout=quiet)
    call_command("load_exercises", verbosity=0, stdout=quiet)
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from accounts.services.tokens import api_token_create
    from exercises.models import Exercise
    from planner.models import TrackMilestone

    User = get_user_model()
    password = make_password("load-test-password")
    users = User.objects.bulk_create(
        [User(username=f"load-{n:04d}", email=f"load-{n:04d}@example.org", password=password) for n in range(learners)]
    )
    keys = [api_token_create(user=user, name="load test")[1] for user in users]
    milestone = Exercise.objects.get(slug=SLUG).milestone
    track = TrackMilestone.objects.filter(milestone=milestone).order_by("track__slug").first().track.slug
    return keys, track


def solutions() -> list[tuple[str, str]]:
    """(expected verdict, source): the reference and every wrong solution of the exercise."""
    folder = ROOT / "exercise_bank" / SLUG
    wrong = sorted((folder / "wrong").glob("*.py"))
    return [("passed", (folder / "reference.py").read_text(encoding="utf-8"))] + [
        ("failed", path.read_text(encoding="utf-8")) for path in wrong
    ]


async def drive(base: str, tokens: list[str], track: str, total: int, concurrency: int) -> dict:
    import logging

    import httpx

    logging.getLogger("httpx").setLevel(logging.WARNING)  # Django's logging config would log every request

    mix = solutions()
    # Reference and wrong solutions alternate: half right, the other half spread over the wrong ones.
    plan = [
        (tokens[i % len(tokens)], mix[0] if i % 2 == 0 else mix[1 + (i // 2) % (len(mix) - 1)]) for i in range(total)
    ]
    gate = asyncio.Semaphore(concurrency)
    sent: dict[int, tuple[float, str]] = {}
    http_errors: list[str] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def enrol(token: str) -> None:
            async with gate:
                response = await client.post(
                    "/api/v1/enrolments/", json={"track": track}, headers={"Authorization": f"Token {token}"}
                )
                if response.status_code != 201:
                    http_errors.append(f"enrol {response.status_code} {response.text[:200]}")

        started = time.perf_counter()
        await asyncio.gather(*(enrol(token) for token in tokens))
        enrol_s = time.perf_counter() - started

        async def submit(token: str, expected: str, source: str) -> None:
            async with gate:
                at = time.time()
                response = await client.post(
                    "/api/v1/submissions/",
                    json={"exercise": SLUG, "source": source},
                    headers={"Authorization": f"Token {token}"},
                )
                if response.status_code != 201:
                    http_errors.append(f"submit {response.status_code} {response.text[:200]}")
                    return
                sent[response.json()["id"]] = (at, expected)

        started = time.perf_counter()
        submit_wall = time.time()
        await asyncio.gather(*(submit(token, expected, source) for token, (expected, source) in plan))
        post_s = time.perf_counter() - started
    return {"sent": sent, "http_errors": http_errors, "enrol_s": enrol_s, "post_s": post_s, "submit_wall": submit_wall}


def wait_final(ids: list[int], deadline: float) -> dict[int, tuple[str, dt.datetime | None]]:
    from exercises.models import Submission

    while True:
        rows = dict(Submission.objects.filter(pk__in=ids).values_list("pk", "status"))
        done = sum(1 for status in rows.values() if status in FINAL)
        if done == len(ids) or time.monotonic() > deadline:
            break
        time.sleep(1)
    return {
        pk: (status, finished)
        for pk, status, finished in Submission.objects.filter(pk__in=ids).values_list("pk", "status", "finished_at")
    }


LATENCY_ROW = "| submit to recorded result p50 / p95 / p99 |"


def previous_latency() -> str:
    """The same row of the committed BENCHMARKS.md (the previous `make bench`), with its commit and date."""
    shown = subprocess.run(["git", "show", "HEAD:BENCHMARKS.md"], cwd=ROOT, capture_output=True, text=True)
    text = shown.stdout if shown.returncode == 0 else ""
    row = next((line for line in text.splitlines() if line.startswith(LATENCY_ROW)), None)
    if row is None:
        return "| previous run's p50 / p95 / p99 | none recorded in BENCHMARKS.md |"
    commit = re.search(r"^- Commit: (\S+)", text, re.M)
    date = re.search(r"^- Date: (.+)$", text, re.M)
    where = f"BENCHMARKS.md at {commit.group(1) if commit else '?'}, {date.group(1) if date else '?'}"
    return f"| previous run's p50 / p95 / p99 ({where}) | {row[len(LATENCY_ROW) :].strip(' |')} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=32, help="requests in flight at once")
    parser.add_argument("--web-workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--timeout", type=float, default=900, help="give up waiting for results after this")
    args = parser.parse_args()
    assert 0 < args.learners <= 2000 and 0 < args.submissions <= 10_000, "bounded on purpose"

    recreate_database(DB_URL)
    flush_redis(BROKER_URL)
    log_dir = ROOT / "var" / "load" / uuid.uuid4().hex[:8]
    log_dir.mkdir(parents=True)
    tokens, track = prepare(args.learners)
    from django.db import connection

    connection.close()  # the workers and gunicorn open their own

    port = free_port()
    env = worker_env(DB_URL, BROKER_URL)
    processes: list[LoggedProcess] = []
    try:
        web = LoggedProcess(
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(args.web_workers),
                "--access-logfile",
                "-",
            ],
            log_dir / "gunicorn.log",
            env,
        )
        processes.append(web)
        workers = [
            CeleryWorker(log_dir / f"worker{n}.log", env, prefetch_multiplier=1, node=f"load{n}") for n in (1, 2)
        ]
        processes += workers
        web.wait_for("Booting worker")
        for worker in workers:
            worker.wait_ready()
        time.sleep(1)

        started = time.monotonic()
        outcome = asyncio.run(drive(f"http://127.0.0.1:{port}", tokens, track, args.submissions, args.concurrency))
        ids = list(outcome["sent"])
        final = wait_final(ids, started + args.timeout)
        elapsed = time.monotonic() - started
    finally:
        for process in processes:
            process.stop()

    latencies, wrong_verdict, graded_error, unfinished = [], 0, 0, 0
    last_finished = None
    for pk, (sent_at, expected) in outcome["sent"].items():
        status, finished = final[pk]
        if status not in FINAL or finished is None:
            unfinished += 1
            continue
        latencies.append(finished.timestamp() - sent_at)
        last_finished = max(last_finished or finished, finished)
        if status == "error":
            graded_error += 1
        elif status != expected:
            wrong_verdict += 1
    errors = len(outcome["http_errors"]) + graded_error + wrong_verdict
    span = (last_finished.timestamp() - outcome["submit_wall"]) if last_finished else float("nan")
    ms = [v * 1000 for v in latencies] or [float("nan")]

    print("## Load test: 2 Celery workers + gunicorn, PostgreSQL, Redis (loopback)\n")
    print(
        f"{args.learners} learners enrolled through the API in {outcome['enrol_s']:.1f} s; "
        f"{len(outcome['sent'])} of {args.submissions} `{SLUG}` submissions accepted (reference and wrong solutions "
        f"alternating), {args.concurrency} requests in flight, gunicorn -w {args.web_workers}, "
        f"2 workers x 1 process, {os.cpu_count()} CPUs.\n"
    )
    print("| measure | value |")
    print("|---|---|")
    print(
        f"| POST /api/v1/submissions/ (all {len(outcome['sent'])}) | {outcome['post_s']:.1f} s, "
        f"{len(outcome['sent']) / outcome['post_s']:.0f} req/s |"
    )
    print(
        f"| graded throughput (first POST to last result) | {len(latencies) / span:.1f} submissions/s "
        f"over {span:.0f} s |"
    )
    print(
        f"| submit to recorded result p50 / p95 / p99 | {percentile(ms, 0.5):.0f} / {percentile(ms, 0.95):.0f} / "
        f"{percentile(ms, 0.99):.0f} ms (mean {statistics.fmean(ms):.0f}) |"
    )
    print(previous_latency())
    print(
        f"| errors (HTTP / ended `error` / wrong verdict) | {errors} ({len(outcome['http_errors'])} / "
        f"{graded_error} / {wrong_verdict}) |"
    )
    print(f"| unfinished at the end | {unfinished} |")
    print(f"| whole run | {elapsed:.0f} s |")
    post_rate = len(outcome["sent"]) / outcome["post_s"]
    if latencies and post_rate > len(latencies) / span:
        print(
            f"\nSubmissions arrived at {post_rate:.0f}/s, faster than the two workers grade them "
            f"({len(latencies) / span:.1f}/s): the latency is mostly time waiting in the queue, and grows with it."
        )
    if outcome["http_errors"]:
        print("\nFirst HTTP errors: " + "; ".join(outcome["http_errors"][:3]))
    print(f"\nLogs: `{log_dir.relative_to(ROOT)}`.")
    return 1 if errors or unfinished else 0


if __name__ == "__main__":
    sys.exit(main())
