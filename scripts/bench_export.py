"""Export of a learner with 1,000 submissions: time, SQL statements and size, beside a baseline in the same run.

    .venv/bin/python scripts/bench_export.py [--submissions 1000] [--repeat 5]

Uses its own PostgreSQL database (`pathwise_bench_export`, created if missing; BENCH_DATABASE_URL overrides),
migrates it, loads the real curriculum, and seeds one learner enrolled in a track with `--submissions` graded
submissions (about 1 KiB of code, checks and metrics each) spread over ten exercises, and a mentor's review with a
line comment on one in twenty. Measured, median of `--repeat` runs:

- the export (portability.selectors.learner_export_get + json.dumps), what GET /api/v1/me/export/ does;
- the baseline: the same submission rows read with `.values()` and dumped as they are (one query, no shaping):
  the floor for reading and encoding this much data;
- the progress CSV;
- restoring the export into a fresh account (portability.services.learner_import), then its second run, which
  must restore nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts._bench import counted, django_start, use_database  # noqa: E402

use_database("pathwise_bench_export")

LEARNER = "bench-export-learner"
CODE = (
    "import numpy as np\n\n\ndef f(x):\n    # a learner's solution, about a kilobyte with its results\n"
    + ("    x = np.asarray(x, dtype=float)\n" * 12)
    + "    return x + 1\n"
)


def seed(n: int) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from exercises.models import Exercise, Review, ReviewComment, Submission
    from planner.models import Milestone, Track
    from planner.services import enrolment_create

    User = get_user_model()
    User.objects.filter(username__startswith="bench-export-").delete()
    learner = User.objects.create_user(LEARNER, f"{LEARNER}@example.org", "pw")
    mentor = User.objects.create_user("bench-export-mentor", "bench-export-mentor@example.org", "pw")
    track = Track.objects.order_by("order").first()
    enrolment_create(user=learner, track=track, hours_per_week=8)
    milestones = list(Milestone.objects.order_by("stage__order", "order")[:10])
    exercises = []
    for i, milestone in enumerate(milestones):
        exercise, _ = Exercise.objects.get_or_create(
            slug=f"bench-export-{i}",
            defaults={
                "milestone": milestone,
                "kind": "code",
                "sha256": "0" * 64,
                "title_en": f"Bench {i}",
                "title_zh": f"基准 {i}",
                "statement_en": "x",
                "statement_zh": "x",
                "limits": {},
            },
        )
        exercises.append(exercise)
    now = timezone.now()
    checks = [{"name": f"check {k}", "passed": k % 3 != 0, "message": "f([1, 2]) returned [1, 2]"} for k in range(6)]
    rows = [
        Submission(
            user=learner,
            exercise=exercises[i % 10],
            attempt=i // 10 + 1,
            payload={"source": CODE},
            exercise_sha256="0" * 64,
            status="passed" if i % 4 else "failed",
            score=(i % 100) / 100,
            checks=checks,
            metrics={"accuracy": 0.91, "f1": 0.88},
            usage={"wall_s": 0.4, "cpu_s": 0.3, "max_rss_mb": 61},
            runtime={"host": "bench", "device": "cpu"},
            stdout_tail="ok\n",
            finished_at=now,
        )
        for i in range(n)
    ]
    created = Submission.objects.bulk_create(rows, batch_size=1000)
    for submission in created[::20]:
        review = Review.objects.create(submission=submission, mentor=mentor, verdict="comment", body="Vectorise it.")
        ReviewComment.objects.create(review=review, line=6, body="np.asarray once is enough")


def measure(fn, repeat: int):
    """The last result, the median seconds and the last run's SQL statements."""
    runs = [counted(fn) for _ in range(repeat)]
    return runs[-1][0], statistics.median(seconds for _, seconds, _ in runs), runs[-1][2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    django_start()
    from django.contrib.auth import get_user_model
    from django.core.serializers.json import DjangoJSONEncoder

    from exercises.models import Submission
    from portability.selectors import learner_export_get, progress_csv_rows
    from portability.services import learner_import

    seed(args.submissions)
    User = get_user_model()
    learner = User.objects.get(username=LEARNER)

    def export() -> str:
        return json.dumps(learner_export_get(user=learner), cls=DjangoJSONEncoder)

    def baseline() -> str:
        return json.dumps(list(Submission.objects.filter(user=learner).values()), cls=DjangoJSONEncoder)

    body, export_s, export_q = measure(export, args.repeat)
    raw, base_s, base_q = measure(baseline, args.repeat)
    _, csv_s, csv_q = measure(lambda: progress_csv_rows(user=learner), args.repeat)
    fresh = User.objects.create_user("bench-export-fresh", "bench-export-fresh@example.org", "pw")
    doc = json.loads(body)
    report, import_s, import_q = measure(lambda: learner_import(user=fresh, document=doc), 1)
    again, again_s, again_q = measure(lambda: learner_import(user=fresh, document=doc), 1)
    assert report.restored["submissions"] == args.submissions and not again.restored, (report, again)

    print(f"### Export of a learner with {args.submissions:,} submissions (median of {args.repeat})\n")
    print("| What | Time | SQL statements | Size |")
    print("|---|---:|---:|---:|")
    print(
        f"| Export (GET /api/v1/me/export/: document + JSON) | {export_s * 1000:.0f} ms | {export_q} | "
        f"{len(body) / 1024:.0f} KiB |"
    )
    print(
        f"| Baseline: the same submissions, `.values()` dumped raw | {base_s * 1000:.0f} ms | {base_q} | "
        f"{len(raw) / 1024:.0f} KiB |"
    )
    print(f"| Progress CSV | {csv_s * 1000:.0f} ms | {csv_q} | |")
    print(f"| Import into a fresh account | {import_s * 1000:.0f} ms | {import_q} | |")
    print(f"| Import again (restores nothing) | {again_s * 1000:.0f} ms | {again_q} | |")
    print(f"\nExport / baseline: {export_s / base_s:.1f}x the time; SQL statements do not grow with submissions.")


if __name__ == "__main__":
    main()
