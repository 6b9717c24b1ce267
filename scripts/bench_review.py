"""Benchmark the daily review: the Review page and the due-card query for a learner with many done milestones,
beside the dashboard (the page a learner opens every day) measured in the same run.

    .venv/bin/python scripts/bench_review.py [--done 24 96] [--repeats 7]

Uses its own PostgreSQL database, `pathwise_bench_review` (BENCH_DATABASE_URL overrides), migrates it and loads
the real curriculum. The learner has N milestones done (every one of the curriculum's milestones with recall cards
among them, the rest in curriculum order) and a history: each card was reviewed 30 days ago, so most are due,
some later. Times: GET /review/ (sync + due cards + rendering), review_due_get alone (the due-card query with its
sync), GET / (the dashboard, which also counts what is due and the fading milestones). Median milliseconds and the
number of queries, which must not grow with N.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts._bench import django_start, measure, use_database  # noqa: E402

use_database("pathwise_bench_review")


def seed(n: int):
    """A learner enrolled in a track, with `n` milestones done and every card reviewed once, 30 days ago."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from learning.models import ReviewCard
    from learning.services.review import review_card_answer, review_cards_sync
    from planner.models import Milestone, Progress, Track
    from planner.services import enrolment_create

    User = get_user_model()
    User.objects.filter(username=f"bench-reviewer-{n}").delete()
    learner = User.objects.create(username=f"bench-reviewer-{n}", password="!")
    enrolment_create(user=learner, track=Track.objects.order_by("order").first())
    milestones = list(Milestone.objects.order_by("-recall", "stage__order", "order"))
    milestones = sorted(milestones, key=lambda m: (not m.recall, m.stage.order, m.order))[:n]
    assert len(milestones) == n, f"the curriculum has {len(milestones)} milestones, fewer than {n}"
    Progress.objects.filter(user=learner, milestone__in=milestones).delete()
    Progress.objects.bulk_create([Progress(user=learner, milestone=m, state="done") for m in milestones])
    past = timezone.now() - dt.timedelta(days=30)
    review_cards_sync(user=learner, now=past)
    for i, card in enumerate(ReviewCard.objects.filter(user=learner)):
        review_card_answer(user=learner, card_id=card.pk, rating=3 if i % 4 else 4, now=past)
    return learner


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--done", type=int, nargs="+", default=[24, 96])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    django_start()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from learning.models import ReviewCard
    from learning.services.review import review_due_get

    setup_test_environment()
    rows = []
    for n in sorted(args.done):
        learner = seed(n)
        client = Client()
        client.force_login(learner)
        assert client.get("/review/").status_code == 200 and client.get("/").status_code == 200  # warm-up
        cards = ReviewCard.objects.filter(user=learner).count()
        due = review_due_get(user=learner).due_count
        page = measure(lambda c=client: c.get("/review/"), args.repeats)
        query = measure(lambda u=learner: review_due_get(user=u), args.repeats)
        dashboard = measure(lambda c=client: c.get("/"), args.repeats)
        rows.append((n, cards, due, page, query, dashboard))
    print("## Daily review (learning app)\n")
    print(f"Median of {args.repeats} runs; pages through Django's test client, rendering included.\n")
    print(
        "| done milestones | cards | due | /review/ ms (queries) | due-card query ms (queries) | dashboard ms (queries) |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for n, cards, due, page, query, dashboard in rows:
        print(
            f"| {n} | {cards} | {due} | {page[0]:.1f} ({page[1]}) | {query[0]:.1f} ({query[1]}) "
            f"| {dashboard[0]:.1f} ({dashboard[1]}) |"
        )


if __name__ == "__main__":
    main()
