"""The cohort page and its API with 200 learners on a 96-milestone track: time (median, p95) and queries, beside the
same cohort at 20 learners (the query count must not move) and the mentor's learners page for the same 200.

    .venv/bin/python scripts/bench_cohort.py [--learners 200] [--small 20] [--milestones 96] [--samples 30] [--reseed]

Its own PostgreSQL database (`pathwise_bench_cohort`; BENCH_DATABASE_URL overrides), migrated, with the real
curriculum. A track of the first 96 milestones (stage order) gets one code exercise each; learners are seeded with
bulk_create: enrolments started up to 120 days ago at 3-20 h a week aiming at the cohort's target, progress through
the track in prerequisite order (done or skipped, one in progress), one to three attempts at the exercises of the
milestones they reached (the last one passed), a third of them without a review. Requests go through Django's test
client (the whole view: middleware, queries, template or serializer), not through a network server.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts._bench import django_start, p95, use_database, walk_states  # noqa: E402

use_database("pathwise_bench_cohort")

PREFIX = "bench-cohort-"
TRACK = "bench-cohort-track"


def ensure_track(n_milestones: int):
    from exercises.models import Exercise
    from planner.models import Milestone, Track, TrackMilestone

    track, _ = Track.objects.get_or_create(
        slug=TRACK,
        defaults={"role": Track.Role.NLP_ENGINEER, "order": 98, "title_en": "Cohort bench", "title_zh": "小组基准"},
    )
    ids = list(Milestone.objects.order_by("stage__order", "order", "slug").values_list("id", flat=True)[:n_milestones])
    TrackMilestone.objects.filter(track=track).exclude(milestone_id__in=ids).delete()
    have = set(track.items.values_list("milestone_id", flat=True))
    TrackMilestone.objects.bulk_create(
        [
            TrackMilestone(track=track, milestone_id=m, required=True, order=i)
            for i, m in enumerate(ids)
            if m not in have
        ]
    )
    exercises = []
    for milestone in Milestone.objects.filter(pk__in=ids):
        exercises.append(
            Exercise(
                slug=f"bench-{milestone.slug}"[:80],
                milestone=milestone,
                kind="code",
                sha256="0" * 64,
                title_en=f"Bench {milestone.title_en}",
                title_zh=f"基准 {milestone.title_zh}",
                statement_en="-",
                statement_zh="-",
                limits={"cpu_s": 5, "wall_s": 10, "memory_mb": 256, "output_kb": 64},
            )
        )
    Exercise.objects.bulk_create(exercises, ignore_conflicts=True)
    return track


def _progress_rows(user_id, enrolment_start, order, rng, now):
    from planner.models import SATISFIED_STATES, Evidence, Progress, ProgressState

    states = walk_states(order, rng, done_share=0.85)
    days = max(1, (now.date() - enrolment_start).days)
    rows = []
    for node in order:
        state = states[node.id]
        done = now - dt.timedelta(days=rng.randint(0, days)) if state in SATISFIED_STATES else None
        evidence = {ProgressState.DONE: Evidence.SELF, ProgressState.SKIPPED: Evidence.SELF}.get(state, "")
        rows.append(
            Progress(
                user_id=user_id,
                milestone_id=node.id,
                state=state,
                evidence=evidence,
                started_at=done,
                completed_at=done,
            )
        )
    reached = [node.id for node in order if states[node.id] in (ProgressState.DONE, ProgressState.IN_PROGRESS)]
    return rows, reached


def _submissions(user_id, reached, exercise_of, rng, now):
    from exercises.models import Submission

    rows = []
    for milestone_id in reached:
        exercise_id = exercise_of.get(milestone_id)
        if exercise_id is None:
            continue
        attempts = rng.randint(1, 3)
        first = now - dt.timedelta(days=rng.randint(1, 90), hours=rng.randint(0, 23))
        for attempt in range(1, attempts + 1):
            at = first + dt.timedelta(hours=rng.randint(1, 48) * (attempt - 1))
            rows.append(
                Submission(
                    user_id=user_id,
                    exercise_id=exercise_id,
                    attempt=attempt,
                    status="passed" if attempt == attempts else "failed",
                    exercise_sha256="0" * 64,
                    score=1.0 if attempt == attempts else 0.4,
                    created_at=at,
                    finished_at=at + dt.timedelta(seconds=3),
                )
            )
    return rows


def _enrolment(user, cohort, rng):
    from django.utils import timezone

    from planner.models import Enrolment

    return Enrolment(
        user=user,
        track=cohort.track,
        start_date=timezone.localdate() - dt.timedelta(days=rng.randint(0, 120)),
        target_date=cohort.target_date,
        hours_per_week=Decimal(rng.choice([3, 5, 8, 10, 15, 20])),
    )


def seed_cohort(name: str, n_learners: int, track, mentors, rng):
    """A cohort of `n_learners` fresh learners (any earlier one of that name is replaced)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import MentorAssignment
    from cohorts.models import Cohort, Membership
    from exercises.models import Exercise, Review, Submission
    from planner.models import Enrolment, Progress
    from planner.services import plan_generate
    from planner.services.graph import curriculum_graph, topological, with_prerequisites

    User = get_user_model()
    now = timezone.now()
    today = timezone.localdate()
    graph = curriculum_graph()
    order = topological(graph, with_prerequisites(graph, list(track.items.values_list("milestone_id", flat=True))))
    exercise_of = dict(Exercise.objects.filter(slug__startswith="bench-").values_list("milestone_id", "id"))
    prefix = f"{PREFIX}{name}-"
    with transaction.atomic():
        User.objects.filter(username__startswith=prefix).delete()
        Cohort.objects.filter(name=name).delete()
        cohort = Cohort.objects.create(name=name, track=track, start_date=today - dt.timedelta(days=120))
        cohort.target_date = today + dt.timedelta(days=240)
        cohort.save()
        cohort.mentors.set(mentors)
        users = User.objects.bulk_create([User(username=f"{prefix}{i:04d}", password="!") for i in range(n_learners)])
        enrolments, progress, submissions = [], [], []
        for user in users:
            enrolment = _enrolment(user, cohort, rng)
            enrolments.append(enrolment)
            rows, reached = _progress_rows(user.pk, enrolment.start_date, order, rng, now)
            progress += rows
            submissions += _submissions(user.pk, reached, exercise_of, rng, now)
        Enrolment.objects.bulk_create(enrolments)
        Progress.objects.bulk_create(progress, batch_size=5000)
        # bulk_create would stamp every submission "now" (auto_now_add): the seed's spread in time is the point.
        created_at = Submission._meta.get_field("created_at")
        created_at.auto_now_add = False
        try:
            made = Submission.objects.bulk_create(submissions, batch_size=5000)
        finally:
            created_at.auto_now_add = True
        Review.objects.bulk_create(
            [Review(submission=s, mentor=mentors[0], verdict="comment") for s in made if rng.random() < 0.67],
            batch_size=5000,
        )
        Membership.objects.bulk_create([Membership(cohort=cohort, learner=u) for u in users])
    # Learners who joined through a link have a stored plan aiming at the target (cohort_join makes it).
    for enrolment in Enrolment.objects.filter(user__in=users).select_related("track"):
        plan_generate(enrolment=enrolment, today=today)
        MentorAssignment.objects.bulk_create(
            [MentorAssignment(mentor=m, learner=u) for m in mentors for u in users], ignore_conflicts=True
        )
    return cohort


def timed(client, url: str, samples: int) -> tuple[list[float], list[float], int, int]:
    """Wall and CPU milliseconds per request (CPU: this process only, the database server's work excluded; it
    moves less than wall time on a busy machine), the most queries, the response size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm-up: templates compiled, connection open
    wall, cpu, queries, size = [], [], 0, 0
    for _ in range(samples):
        with CaptureQueriesContext(connection) as ctx:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries, size = max(queries, len(ctx.captured_queries)), len(response.content)
    return wall, cpu, queries, size


def setup(args, rng):
    from django.contrib.auth import get_user_model
    from django.db import connection

    from cohorts.models import Cohort

    track = ensure_track(args.milestones)
    User = get_user_model()
    mentors = [User.objects.get_or_create(username=f"{PREFIX}mentor-{i}")[0] for i in (1, 2)]
    cohorts = {}
    for name, size in (("big", args.learners), ("small", args.small)):
        cohort = Cohort.objects.filter(name=name).first()
        if (
            args.reseed
            or cohort is None
            or cohort.memberships.count() != size
            or cohort.track.items.count() != len(track.items.all())
        ):
            cohort = seed_cohort(name, size, track, mentors, rng)
        cohorts[name] = cohort
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return track, mentors, cohorts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--small", type=int, default=20)
    parser.add_argument("--milestones", type=int, default=96)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    rng = random.Random(20261204)
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())

    t0 = time.perf_counter()
    django_start()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from rest_framework.test import APIClient

    from exercises.models import Submission

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    track, mentors, cohorts = setup(args, rng)
    setup_s = time.perf_counter() - t0
    page, api = Client(), APIClient()
    page.force_login(mentors[1])  # mentors[1] mentors only the cohorts: the mentor home lists their 220 learners
    api.force_authenticate(mentors[1])
    rows = []
    for name in ("small", "big"):
        cohort = cohorts[name]
        n = cohort.memberships.count()
        for what, client, url in (
            ("cohort page", page, reverse("cohort-detail", args=[cohort.pk])),
            ("cohort API (`/progress/`)", api, reverse("api-cohort-progress", args=[cohort.pk])),
            ("cohort CSV export", page, reverse("cohort-export", args=[cohort.pk])),
        ):
            rows.append((f"{what}, {n} learners", *timed(client, url, args.samples)))
    total = sum(c.memberships.count() for c in cohorts.values())
    baseline = f"baseline: mentor's learners page (`/mentor/`), {total} learners"
    rows.append((baseline, *timed(page, reverse("mentor-home"), args.samples)))

    submissions = Submission.objects.filter(user__username__startswith=PREFIX).count()
    print(
        f"\nSeed: a {track.items.count()}-milestone track with one exercise per milestone; cohorts of "
        f"{args.learners} and {args.small} learners, {submissions:,} submissions; setup {setup_s:.1f} s; "
        f"{args.samples} requests each through Django's test client; PostgreSQL db "
        f"`{connection.settings_dict['NAME']}`.\n"
    )
    print(f"Load average at the start: {load} on {os.cpu_count()} cores.\n")
    print("| request | p50 ms | p95 ms | CPU p50 ms | queries | response KiB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, wall, cpu, queries, size in rows:
        print(
            f"| {name} | {statistics.median(wall):.0f} | {p95(wall):.0f} | {statistics.median(cpu):.0f} "
            f"| {queries} | {size / 1024:.0f} |"
        )


if __name__ == "__main__":
    main()
