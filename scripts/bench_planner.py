"""Benchmark plan generation and progress summaries against 10,000 seeded learners.

    .venv/bin/python scripts/bench_planner.py [--learners 10000] [--samples 200] [--reseed]

Uses its own PostgreSQL database, `pathwise_bench` (created if missing; BENCH_DATABASE_URL overrides),
migrates it, loads the real curriculum, and seeds learners once with bulk_create (enrolments in the five
tracks, progress rows in consistent states: a prefix of each track done or skipped in prerequisite
order, the rest available or locked as their prerequisites say). Later runs reuse the seed unless
--reseed. Then it times, on a random sample of learners:
- plan_generate for the learner's own track (optional milestones included for half of them),
- plan_generate for a track holding the whole curriculum (every milestone, 97 in the shipped files),
- progress_summary (all of the learner's tracks, per stage),
- progress_update of one available milestone to in_progress (the write path: recompute, plans refreshed),
and prints a markdown table (median, p95, max in milliseconds, and queries per call).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts._bench import django_start, p95, use_database, walk_states  # noqa: E402

use_database("pathwise_bench")

USERNAME_PREFIX = "bench-learner-"
FULL_TRACK = "bench-full-curriculum"


def seed(n_learners: int, rng: random.Random) -> None:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from planner.models import SATISFIED_STATES, Enrolment, Evidence, Progress, ProgressState, Track
    from planner.services.graph import curriculum_graph, topological, with_prerequisites

    User = get_user_model()
    graph = curriculum_graph()
    tracks = list(Track.objects.exclude(slug=FULL_TRACK).prefetch_related("items"))
    track_items = {t.pk: [(i.milestone_id, i.required) for i in t.items.all()] for t in tracks}
    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        Progress.objects.filter(user__username__startswith=USERNAME_PREFIX).delete()
        Enrolment.objects.filter(user__username__startswith=USERNAME_PREFIX).delete()
        User.objects.filter(username__startswith=USERNAME_PREFIX).delete()
        users = User.objects.bulk_create(
            [User(username=f"{USERNAME_PREFIX}{i:05d}", password="!") for i in range(n_learners)], batch_size=5000
        )
        enrolments = []
        for i, user in enumerate(users):
            track = tracks[i % len(tracks)]
            start = today - dt.timedelta(days=rng.randint(0, 180))
            enrolments.append(
                Enrolment(
                    user=user,
                    track=track,
                    start_date=start,
                    hours_per_week=Decimal(rng.choice([3, 5, 8, 10, 15, 20])),
                    include_optional=rng.random() < 0.5,
                    target_date=start + dt.timedelta(days=rng.randint(90, 540)),
                )
            )
        Enrolment.objects.bulk_create(enrolments, batch_size=5000)
        rows: list[Progress] = []
        for enrolment in enrolments:
            scope = with_prerequisites(graph, [m for m, _ in track_items[enrolment.track_id]])
            order = topological(graph, scope)
            states = walk_states(order, rng, done_share=0.7)
            days = max(1, (today - enrolment.start_date).days)
            for node in order:
                state = states[node.id]
                done_at = now - dt.timedelta(days=rng.randint(0, days)) if state in SATISFIED_STATES else None
                rows.append(
                    Progress(
                        user_id=enrolment.user_id,
                        milestone_id=node.id,
                        state=state,
                        evidence=(
                            Evidence.SELF
                            if state == ProgressState.SKIPPED
                            else (Evidence.AUTO if graph[node.id].completion == "auto" else Evidence.SELF)
                            if state == ProgressState.DONE
                            else ""
                        ),
                        started_at=done_at or (now if state == ProgressState.IN_PROGRESS else None),
                        completed_at=done_at,
                    )
                )
            if len(rows) >= 50_000:
                Progress.objects.bulk_create(rows, batch_size=5000)
                rows = []
        Progress.objects.bulk_create(rows, batch_size=5000)


def ensure_full_track() -> None:
    from planner.models import Milestone, Track, TrackMilestone

    track, _ = Track.objects.get_or_create(
        slug=FULL_TRACK,
        defaults={
            "role": Track.Role.ML_ENGINEER,
            "order": 99,
            "title_en": "Whole curriculum (benchmark)",
            "title_zh": "完整课程（基准测试）",
        },
    )
    have = set(track.items.values_list("milestone_id", flat=True))
    TrackMilestone.objects.bulk_create(
        [
            TrackMilestone(track=track, milestone_id=m, required=True, order=i)
            for i, m in enumerate(Milestone.objects.order_by("stage__order", "order").values_list("id", flat=True))
            if m not in have
        ]
    )


def timed(fn, samples: list) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    for sample in samples:
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            fn(sample)
            times.append((time.perf_counter() - start) * 1000)
        queries = max(queries, len(ctx.captured_queries))
    return times, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    rng = random.Random(20260105)

    t0 = time.perf_counter()
    django_start()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from planner.models import Enrolment, Milestone, Progress, Track
    from planner.services import enrolment_create, plan_generate, progress_summary, progress_update

    User = get_user_model()
    seeded = User.objects.filter(username__startswith=USERNAME_PREFIX).count()
    if args.reseed or seeded != args.learners:
        seed(args.learners, rng)
    setup_s = time.perf_counter() - t0
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    ensure_full_track()
    full = Track.objects.get(slug=FULL_TRACK)
    learners = list(User.objects.filter(username__startswith=USERNAME_PREFIX).values_list("id", flat=True))
    sample_ids = rng.sample(learners, min(args.samples, len(learners)))
    own = {
        e.user_id: e
        for e in Enrolment.objects.filter(user_id__in=sample_ids).exclude(track=full).select_related("track")
    }
    full_enrolments = {e.user_id: e for e in Enrolment.objects.filter(user_id__in=sample_ids, track=full)}
    for uid in sample_ids:
        if uid not in full_enrolments:
            full_enrolments[uid] = enrolment_create(user=User.objects.get(pk=uid), track=full, include_optional=True)

    # warm-up (connection, imports, plan rows exist so every timed call is an update)
    for uid in sample_ids[:5]:
        plan_generate(enrolment=own[uid])
        plan_generate(enrolment=full_enrolments[uid])
        progress_summary(user_id=uid)

    plan_own, q_own = timed(lambda uid: plan_generate(enrolment=own[uid]), sample_ids)
    plan_full, q_full = timed(lambda uid: plan_generate(enrolment=full_enrolments[uid]), sample_ids)
    summary, q_summary = timed(lambda uid: progress_summary(user_id=uid), sample_ids)
    available = dict(
        Progress.objects.filter(user_id__in=sample_ids, state="available")
        .order_by("user_id", "-milestone_id")
        .values_list("user_id", "milestone_id")
    )
    movers = [uid for uid in sample_ids if uid in available]
    milestones = {m.pk: m for m in Milestone.objects.filter(pk__in=set(available.values()))}
    users = User.objects.in_bulk(movers)
    update, q_update = timed(
        lambda uid: progress_update(user=users[uid], milestone=milestones[available[uid]], state="in_progress"), movers
    )
    for uid in movers:  # put the seed back as it was
        progress_update(user=users[uid], milestone=milestones[available[uid]], state="available")
    full_weeks = statistics.median(len(full_enrolments[uid].plan.weeks) for uid in sample_ids[:20])

    print(
        f"\nSeed: {len(learners):,} learners, {Enrolment.objects.count():,} enrolments, "
        f"{Progress.objects.count():,} progress rows; setup {setup_s:.1f} s; "
        f"{args.samples} sampled learners; PostgreSQL db `{connection.settings_dict['NAME']}`.\n"
    )
    print("| operation | median ms | p95 ms | max ms | queries |")
    print("|---|---:|---:|---:|---:|")
    for name, values, queries in (
        ("plan_generate, learner's own track", plan_own, q_own),
        (
            f"plan_generate, whole curriculum ({full.items.count()} milestones, ~{full_weeks:.0f} weeks)",
            plan_full,
            q_full,
        ),
        ("progress_summary (2 tracks, per stage)", summary, q_summary),
        ("progress_update available -> in_progress (recompute + 2 plans refreshed)", update, q_update),
    ):
        print(f"| {name} | {statistics.median(values):.1f} | {p95(values):.1f} | {max(values):.1f} | {queries} |")


if __name__ == "__main__":
    main()
