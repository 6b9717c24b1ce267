"""Per-learner pages under gunicorn at one connection, beside a plain Django view with the same session auth.

    .venv/bin/python scripts/bench_pages.py [--seconds 1.5] [--grown 20]

Serves the project with one gunicorn sync worker on loopback against a PostgreSQL database holding the real
curriculum (`pathwise_bench_pages`, re-created; BENCH_PAGES_DATABASE_URL overrides). A learner is enrolled in the
first track with `--grown` milestones done, a stored plan and `--grown` graded attempts at one exercise; their
mentor has `--grown` more learners, each with an attempt waiting for a review. One keep-alive connection reads
each URL in turn for `--seconds` (interleaved twice, so a noisy neighbour hits all alike):

- the baseline, a plain Django view defined here: the same session middleware and user lookup, a short
  `HttpResponse` (no template, no queries of its own);
- `/api/v1/me/` (DRF, a small answer);
- the learner's pages (dashboard, plan, a milestone, an exercise) and APIs (summary, progress, plan,
  submissions), and the mentor's pages (their learners, one learner, the review queue).

Queries per request are counted in this process (the same code gunicorn runs), on a second read (a first one
may fill a cache). Then a progress change that re-flows both stored plans (`progress_update`, in this process):
median milliseconds and queries. Prints a markdown section; the dashboard's target is a p50 of 25 ms or less.
"""

from __future__ import annotations

import argparse
import io
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts._bench import percentile, recreate_database  # noqa: E402
from tests.workers import free_port  # noqa: E402

DB_URL = os.environ.get("BENCH_PAGES_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pathwise_bench_pages")
BASELINE = "/bench/plain-page/"
DASHBOARD_TARGET_MS = 25.0


def plain_page(request):  # the baseline: Django's session auth and nothing else
    from django.http import HttpResponse, HttpResponseRedirect

    if not request.user.is_authenticated:
        return HttpResponseRedirect("/accounts/login/")
    return HttpResponse(f"<!doctype html><title>plain</title><p>{request.user.get_username()}</p>")


def _urlpatterns() -> list:
    from django.urls import include, path

    return [path(BASELINE.strip("/") + "/", plain_page), path("", include("config.urls"))]


if os.environ.get("PATHWISE_BENCH_PAGES_SERVE") == "1":  # imported by gunicorn as the WSGI module
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    from django.conf import settings

    urlpatterns = _urlpatterns()
    settings.ROOT_URLCONF = "bench_pages"


def seed(grown: int) -> dict:
    """The learner, their mentor and the mentor's other learners; returns the session keys and the URLs' names."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from accounts.models import MentorAssignment
    from exercises.models import Exercise, Submission
    from planner.models import Completion, Track
    from planner.services import enrolment_create, plan_get_fresh, self_assessment_apply
    from planner.services.graph import curriculum_graph, topological

    quiet = io.StringIO()  # their reports would mix into the markdown on stdout
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_curriculum", verbosity=0, stdout=quiet)
    users = get_user_model().objects
    learner, mentor = users.create_user("bench-learner"), users.create_user("bench-mentor")
    tracks = list(Track.objects.order_by("order", "slug")[:2])
    enrolments = [enrolment_create(user=learner, track=t, hours_per_week=8) for t in tracks]
    graph = curriculum_graph()
    scope = {m for e in enrolments for m in e.track.items.values_list("milestone_id", flat=True)}
    order = [n for n in topological(graph, graph) if n.completion != Completion.MENTOR]
    known = [n.slug for n in order if n.id in scope][:grown]
    self_assessment_apply(user=learner, known=known)
    for enrolment in enrolments:
        plan_get_fresh(enrolment=enrolment)
    milestone = graph[next(i for i in sorted(scope, key=lambda i: graph[i].sort_key))]
    exercise = Exercise.objects.create(
        slug="bench-exercise",
        milestone_id=milestone.id,
        kind="code",
        sha256="0" * 64,
        title_en="Bench",
        title_zh="基准",
        statement_en="Return **x**.",
        statement_zh="返回 **x**。",
        starter="def f(x):\n    pass\n",
        limits={"cpu_s": 5, "wall_s": 10, "memory_mb": 512, "output_kb": 256},
    )
    now = timezone.now()
    finished = {"status": "failed", "finished_at": now, "exercise_sha256": exercise.sha256, "score": 0.5}
    for attempt in range(1, grown + 1):
        Submission.objects.create(user=learner, exercise=exercise, attempt=attempt, payload={"source": ""}, **finished)
    MentorAssignment.objects.create(mentor=mentor, learner=learner)
    for n in range(grown):
        other = users.create_user(f"bench-other-{n}")
        MentorAssignment.objects.create(mentor=mentor, learner=other)
        enrolment_create(user=other, track=tracks[0], hours_per_week=5)
        Submission.objects.create(user=other, exercise=exercise, attempt=1, payload={"source": ""}, **finished)
    sessions = {}
    for name, user in (("learner", learner), ("mentor", mentor)):
        client = Client()
        client.force_login(user)
        sessions[name] = client.cookies["sessionid"].value
    return {
        "sessions": sessions,
        "learner_id": learner.pk,
        "enrolment": enrolments[0].pk,
        "milestone": milestone.slug,
        "exercise": exercise.slug,
        "moves": [(learner.pk, n.slug) for n in order if n.id in scope][grown : grown + 1],
    }


def urls(world: dict) -> list[tuple[str, str, str]]:
    """(label, who, path)"""
    return [
        ("plain Django view (baseline)", "learner", BASELINE),
        ("`/api/v1/me/`", "learner", "/api/v1/me/"),
        ("dashboard `/`", "learner", "/"),
        ("plan `/plan/`", "learner", "/plan/"),
        ("milestone page", "learner", f"/milestones/{world['milestone']}/"),
        ("exercise page", "learner", f"/exercises/{world['exercise']}/"),
        ("`/api/v1/summary/`", "learner", "/api/v1/summary/"),
        ("`/api/v1/progress/`", "learner", "/api/v1/progress/"),
        ("`/api/v1/enrolments/<id>/plan/`", "learner", f"/api/v1/enrolments/{world['enrolment']}/plan/"),
        ("`/api/v1/submissions/`", "learner", "/api/v1/submissions/"),
        ("mentor: learners `/mentor/`", "mentor", "/mentor/"),
        ("mentor: one learner", "mentor", f"/mentor/learners/{world['learner_id']}/"),
        ("mentor: review queue", "mentor", "/mentor/reviews/"),
    ]


def query_counts(world: dict) -> dict[str, int]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    module = sys.modules[__name__]
    module.urlpatterns = _urlpatterns()  # the baseline's URL, as gunicorn serves it
    counts = {}
    clients = {}
    for who, key in world["sessions"].items():
        clients[who] = Client(HTTP_HOST="127.0.0.1")
        clients[who].cookies[settings.SESSION_COOKIE_NAME] = key
    with override_settings(ROOT_URLCONF=__name__):
        for label, who, path in urls(world):
            clients[who].get(path)
            with CaptureQueriesContext(connection) as queries:
                assert clients[who].get(path).status_code == 200, path
            counts[label] = len(queries)
    return counts


def progress_change(world: dict, samples: int = 30) -> tuple[float, int]:
    """A learner starts an available milestone and resets it, again and again: median ms and most queries."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from planner.models import Milestone
    from planner.services import progress_update

    user_id, slug = world["moves"][0]
    user, milestone = get_user_model().objects.get(pk=user_id), Milestone.objects.get(slug=slug)
    times, most = [], 0
    for n in range(samples):
        state = "in_progress" if n % 2 == 0 else "available"
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            progress_update(user=user, milestone=milestone, state=state)
            times.append((time.perf_counter() - started) * 1000)
        most = max(most, len(queries))
    return statistics.median(times), most


def drive(base: str, world: dict, seconds: float) -> dict[str, list[float]]:
    import httpx

    latencies: dict[str, list[float]] = {}
    clients = {
        who: httpx.Client(base_url=base, cookies={"sessionid": key}, timeout=30, follow_redirects=False)
        for who, key in world["sessions"].items()
    }
    try:
        for _ in range(2):
            for label, who, path in urls(world):
                client = clients[who]
                for _ in range(3):  # warm-up: the worker's imports, templates, caches
                    client.get(path)
                stop = time.perf_counter() + seconds / 2
                while time.perf_counter() < stop:
                    started = time.perf_counter()
                    response = client.get(path)
                    latencies.setdefault(label, []).append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, (path, response.status_code)
    finally:
        for client in clients.values():
            client.close()
    return latencies


def serve(port: int) -> subprocess.Popen:
    log = ROOT / "var" / "bench_pages_gunicorn.log"
    log.parent.mkdir(exist_ok=True)
    env = {**os.environ, "PATHWISE_BENCH_PAGES_SERVE": "1", "LOG_LEVEL": "WARNING"}
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    args = [gunicorn, "bench_pages", "--chdir", str(ROOT), "--pythonpath", f"{ROOT / 'scripts'},{ROOT}"]
    with log.open("wb") as handle:
        server = subprocess.Popen(
            [*args, "-b", f"127.0.0.1:{port}", "-w", "1"],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    import httpx

    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}{BASELINE}")
            return server
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            os.killpg(server.pid, signal.SIGTERM)
            raise RuntimeError(log.read_text(errors="replace")[-3000:])
        time.sleep(0.3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.5, help="per URL, split over two rounds")
    parser.add_argument("--grown", type=int, default=20, help="milestones done, attempts, mentor's learners")
    args = parser.parse_args()

    os.environ.update({"DATABASE_URL": DB_URL, "DJANGO_SETTINGS_MODULE": "config.settings.test", "HF_HUB_OFFLINE": "1"})
    import logging

    import django

    recreate_database(DB_URL)
    django.setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)
    from django.db import connection

    world = seed(args.grown)
    queries = query_counts(world)
    connection.close()
    port = free_port()
    server = serve(port)
    try:
        latencies = drive(f"http://127.0.0.1:{port}", world, args.seconds)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    change_ms, change_queries = progress_change(world)

    print("## Per-learner pages at one connection (`bench_pages.py`)\n")
    print(
        f"gunicorn -w 1 (sync), one keep-alive httpx connection, {args.seconds:g} s per URL in two rounds; "
        f"a learner with {args.grown} milestones done, 2 stored plans and {args.grown} attempts; their mentor "
        f"with {args.grown} more learners waiting for reviews. Queries counted in-process on a second read.\n"
    )
    base = percentile(latencies[urls(world)[0][0]], 0.5)
    print("| URL | requests | p50 ms | p95 ms | p50 / baseline | queries |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, _, _ in urls(world):
        values = latencies[label]
        p50 = percentile(values, 0.5)
        print(
            f"| {label} | {len(values)} | {p50:.1f} | {percentile(values, 0.95):.1f} | {p50 / base:.1f}x "
            f"| {queries[label]} |"
        )
    dashboard = percentile(latencies["dashboard `/`"], 0.5)
    verdict = "met" if dashboard <= DASHBOARD_TARGET_MS else "**missed**"
    print(f"\nDashboard p50 {dashboard:.1f} ms: target {DASHBOARD_TARGET_MS:.0f} ms {verdict}.")
    print(
        f"\nA progress change that re-flows 2 stored plans (`progress_update`, in-process, 30 samples): median "
        f"{change_ms:.1f} ms, {change_queries} queries (BEGIN and COMMIT included)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
