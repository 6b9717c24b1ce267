"""Grading throughput and latency through the real pipeline (PostgreSQL + Redis + one Celery worker).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pathwise_bench CELERY_BROKER_URL=redis://127.0.0.1:6379/6 \\
        .venv/bin/python scripts/bench_grading.py [--jobs 40] [--latency 20] [--concurrency 2]

Measures, for the `softmax` code exercise graded with its reference solution:
1. in-process: run_job called in a loop in this process (the grader and sandbox alone, no queue);
2. throughput: N submissions created at once, one worker (`-c 2`, the machine's 2 cores) on queues
   grading,events; graded submissions per second from the first enqueue to the last recorded result;
3. latency: one submission at a time POSTed to the API; time from the POST to the result recorded in
   the database (finished_at), median and p95.
It migrates the database it is given and leaves a `bench-learner` and its submissions there; point it at a
scratch database. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pathwise_bench")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/6")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
from scripts._bench import ensure_database, percentile  # noqa: E402
from tests.workers import CeleryWorker  # noqa: E402

SLUG = "softmax"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=40)
    parser.add_argument("--drain", type=int, default=120, help="submissions queued before the worker drains them")
    parser.add_argument("--latency", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--prefetch", type=int, default=4, help="as the README's grading worker runs")
    parser.add_argument("--in-process", type=int, default=20)
    args = parser.parse_args()

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    import redis
    from django.contrib.auth import get_user_model
    from rest_framework.test import APIClient

    from exercises.management.commands.load_exercises import exercise_fields
    from exercises.models import Exercise, Submission
    from exercises.services import submission_create
    from gpu_runner.bank import Bank
    from gpu_runner.run import run_job
    from gpu_runner.spec import ExerciseRef, JobSpec
    from planner.models import Milestone, Stage

    bank = Bank.default()
    source = bank.get(SLUG)
    code = source.solution_source("reference.py")
    stage, _ = Stage.objects.get_or_create(
        slug="bench-stage", defaults={"order": 999, "title_en": "b", "title_zh": "b"}
    )
    milestone, _ = Milestone.objects.get_or_create(
        slug=source.milestone,
        defaults={"stage": stage, "hours": 1, "completion": "self", "title_en": "b", "title_zh": "b"},
    )
    Exercise.objects.update_or_create(
        slug=SLUG, defaults={**exercise_fields(source), "milestone": milestone, "daily_quota": 1_000_000}
    )
    exercise = Exercise.objects.get(slug=SLUG)
    user, _ = get_user_model().objects.get_or_create(username="bench-learner")
    redis.Redis.from_url(os.environ["CELERY_BROKER_URL"]).flushdb()

    # 1. The grader alone, in this process (warm after the first job).
    run_job(JobSpec(job_id="warm", kind="code", exercise=ExerciseRef(SLUG, source.sha256), payload={"source": code}))
    started = time.perf_counter()
    for i in range(args.in_process):
        result = run_job(
            JobSpec(
                job_id=f"local-{i}",
                kind="code",
                exercise=ExerciseRef(SLUG, source.sha256),
                payload={"source": code},
                seed=i,
            )
        )
        assert result.status == "passed", result.error
    in_process_rate = args.in_process / (time.perf_counter() - started)

    worker = CeleryWorker(
        ROOT / "var" / f"bench-worker-{uuid.uuid4().hex[:6]}.log",
        {**os.environ},
        concurrency=args.concurrency,
        prefetch_multiplier=args.prefetch,
        node="bench",
        loglevel="warning",
    )
    try:
        # Warm the worker's pool processes (imports, the sandbox's warm parent) before timing.
        warm = [
            submission_create(user=user, exercise=exercise, payload={"source": code}).pk
            for _ in range(args.concurrency * 2)
        ]
        wait_final(warm, timeout=180)

        # 2. Throughput, submissions created while the worker grades (this process competes for the CPUs,
        # as a web server on the same host would).
        started = time.perf_counter()
        ids = [submission_create(user=user, exercise=exercise, payload={"source": code}).pk for _ in range(args.jobs)]
        wait_final(ids, timeout=600)
        elapsed = time.perf_counter() - started
        rows = Submission.objects.filter(pk__in=ids)
        passed = rows.filter(status="passed").count()
        throughput = args.jobs / elapsed

        # 2b. Drain rate: the worker stops consuming `grading`, the submissions queue up, then it starts again:
        # the worker's own rate with a full queue, the web side's work left out.
        from config.celery import app as celery_app

        node = [worker.hostname]
        celery_app.control.cancel_consumer("grading", destination=node, reply=True, timeout=10)
        queued = [
            submission_create(user=user, exercise=exercise, payload={"source": code}).pk for _ in range(args.drain)
        ]
        started = time.perf_counter()
        celery_app.control.add_consumer("grading", destination=node, reply=True, timeout=10)
        wait_final(queued, timeout=600, poll=0.02)
        drain_elapsed = time.perf_counter() - started
        drained_passed = Submission.objects.filter(pk__in=queued, status="passed").count()
        drain_rate = args.drain / drain_elapsed

        # 3. Latency: POST -> result recorded, one at a time.
        client = APIClient()
        client.force_authenticate(user)
        latencies = []
        for _ in range(args.latency):
            from django.utils import timezone

            posted = timezone.now()
            response = client.post("/api/v1/submissions/", {"exercise": SLUG, "source": code}, format="json")
            assert response.status_code == 201, response.content
            submission_id = response.json()["id"]
            wait_final([submission_id], timeout=120, poll=0.01)
            finished = Submission.objects.get(pk=submission_id).finished_at
            latencies.append((finished - posted).total_seconds() * 1000)
    finally:
        worker.stop(timeout=60)

    print(
        f"Grading benchmark: exercise `{SLUG}` (reference solution), worker `-c {args.concurrency} "
        f"--prefetch-multiplier {args.prefetch}`, "
        f"{os.cpu_count()} CPUs, broker {os.environ['CELERY_BROKER_URL'].split('://')[0]}\n"
    )
    print("| measure | value |")
    print("|---|---|")
    print(f"| in-process run_job, sequential ({args.in_process} jobs) | {in_process_rate:.1f} jobs/s |")
    print(
        f"| pipeline throughput ({args.jobs} submissions, {passed} passed) | {throughput:.1f} graded/s "
        f"({elapsed:.1f} s) |"
    )
    # On a shared machine both rates move with its load; their ratio, from the same run, moves much less.
    print(f"| pipeline / in-process | {throughput / in_process_rate:.2f} |")
    print(
        f"| drain rate, {args.drain} queued submissions ({drained_passed} passed) | {drain_rate:.1f} graded/s "
        f"({drain_elapsed:.1f} s) |"
    )
    print(f"| drain / in-process | {drain_rate / in_process_rate:.2f} |")
    print(f"| POST -> result recorded, median ({args.latency} sequential) | {statistics.median(latencies):.0f} ms |")
    print(f"| POST -> result recorded, p95 | {percentile(latencies, 0.95):.0f} ms |")
    print(f"| POST -> result recorded, min / max | {min(latencies):.0f} / {max(latencies):.0f} ms |")


def wait_final(ids: list[int], *, timeout: float, poll: float = 0.1) -> None:
    from exercises.models import FINAL_STATUSES, Submission

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Submission.objects.filter(pk__in=ids, status__in=FINAL_STATUSES).count() == len(ids):
            return
        time.sleep(poll)
    raise SystemExit(f"not graded within {timeout}s: {ids}")


if __name__ == "__main__":
    main()
