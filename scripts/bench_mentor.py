"""Benchmark the mentor's learners page: every learner's progress read in a fixed number of queries.

    .venv/bin/python scripts/bench_mentor.py [--learners 10 50 200] [--repeats 5]

Uses its own PostgreSQL database, `pathwise_bench_mentor` (BENCH_DATABASE_URL overrides), migrates it, loads the
real curriculum and gives one mentor N learners, each enrolled in a role track with some progress. For each N it
times the page (GET /mentor/ through Django's test client: the selector, the summaries and the template) and,
as the baseline measured in the same run, what the page did before the mentoring app: one progress_summary and
two progress queries per learner. Prints a markdown table (median milliseconds and queries).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts._bench import django_start, measure, use_database  # noqa: E402

use_database("pathwise_bench_mentor")

PREFIX = "bench-mentee-"


def seed(mentor, n: int, rng: random.Random) -> None:
    """N learners of `mentor`, each enrolled in a role track, a few milestones skipped and one started."""
    from django.contrib.auth import get_user_model

    from accounts.services import mentor_assign
    from planner.models import Progress, Track
    from planner.services import enrolment_create, progress_update, self_assessment_apply

    User = get_user_model()
    tracks = list(Track.objects.all())
    have = User.objects.filter(username__startswith=PREFIX).count()
    for i in range(have, n):
        learner = User.objects.create(username=f"{PREFIX}{i:04d}", password="!")
        mentor_assign(mentor=mentor, learner=learner)
        enrolment = enrolment_create(user=learner, track=tracks[i % len(tracks)])
        slugs = list(
            enrolment.track.items.filter(milestone__completion="self").values_list("milestone__slug", flat=True)
        )
        self_assessment_apply(user=learner, known=rng.sample(slugs, min(3, len(slugs))))
        open_row = Progress.objects.filter(user=learner, state="available").select_related("milestone").first()
        if open_row is not None:
            progress_update(user=learner, milestone=open_row.milestone, state="in_progress")


def per_learner_baseline(mentor) -> None:
    """What mentor_home did before: per learner a summary, its in-progress rows and its last activity."""
    from django.contrib.auth import get_user_model

    from accounts.models import MentorAssignment
    from planner.models import Progress, ProgressState
    from planner.services import progress_summary

    ids = MentorAssignment.objects.filter(mentor=mentor).values("learner_id")
    for learner in get_user_model().objects.filter(id__in=ids).order_by("username"):
        progress_summary(user_id=learner.pk)
        list(Progress.objects.filter(user=learner, state=ProgressState.IN_PROGRESS).select_related("milestone")[:3])
        Progress.objects.filter(user=learner).order_by("-updated_at").values_list("updated_at", flat=True).first()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    django_start()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, "testserver", is allowed
    get_user_model().objects.filter(username__startswith=PREFIX).delete()  # a fresh set of learners each run
    mentor, _ = get_user_model().objects.get_or_create(username="bench-mentor")
    client = Client()
    client.force_login(mentor)
    rng = random.Random(20261204)
    rows = []
    for n in sorted(args.learners):
        seed(mentor, n, rng)
        response = client.get("/mentor/")  # warm-up: templates, connection
        assert response.status_code == 200 and response.content.count(b"learner-card") == n, response.status_code
        page_ms, page_q = measure(lambda: client.get("/mentor/"), args.repeats)
        base_ms, base_q = measure(lambda: per_learner_baseline(mentor), args.repeats)
        rows.append((n, page_ms, page_q, base_ms, base_q))
    print("## Mentor's learners page (mentoring app)\n")
    print(f"Median of {args.repeats} requests; the page includes rendering, the baseline only its queries' work.\n")
    print("| learners | page ms | page queries | per-learner baseline ms | baseline queries |")
    print("|---:|---:|---:|---:|---:|")
    for n, page_ms, page_q, base_ms, base_q in rows:
        print(f"| {n} | {page_ms:.1f} | {page_q} | {base_ms:.1f} | {base_q} |")


if __name__ == "__main__":
    main()
