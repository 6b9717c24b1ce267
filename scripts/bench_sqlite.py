"""make run's SQLite under a burst of parallel submissions: how many answers are errors, and how long it takes.

    .venv/bin/python scripts/bench_sqlite.py [--submissions 100] [--concurrency 20] [--root PATH]

`make run`'s stack (config.settings.local, a fresh SQLite file in a temporary folder, the filesystem broker,
runserver and make run's grading worker): five learners send `--submissions` submissions through the API,
`--concurrency` at a time, half the softmax reference (queued, graded by the worker), half the right answers of a
quiz (graded in the request); then one learner sends 40 at once for a daily quota of 25. Reports the answers by
status code (a 500 is "database is locked"), the seconds, and for the race how many were stored (must be 25).
`--root` runs another checkout (an older commit) with this interpreter.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.make_run import WebServer, make_run_env, post_all, prepare  # noqa: E402
from tests.workers import CeleryWorker  # noqa: E402

QUOTA = 25
LEARNERS = [f"burst-{n}" for n in range(5)]


def answers_line(counts) -> str:
    return ", ".join(f"{n} × {code or 'no answer'}" for code, n in sorted(counts.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to run (default: this one)")
    args = parser.parse_args()
    root = args.root.resolve()
    folder = Path(tempfile.mkdtemp(prefix="bench-sqlite-"))
    env = make_run_env(folder, PATHWISE_DAILY_QUOTA=str(QUOTA), PATHWISE_SUBMISSION_RATE="100000/min")
    (root / "var" / "broker" / "out").mkdir(parents=True, exist_ok=True)  # an older checkout's own broker folder
    (root / "var" / "broker" / "processed").mkdir(parents=True, exist_ok=True)
    tokens = prepare(env, [*LEARNERS, "racer"], root=root)
    server = WebServer(folder / "web.log", env, root=root)
    worker = CeleryWorker(
        folder / "worker.log", env, queues="grading,events", concurrency=2, prefetch_multiplier=1, cwd=root
    )
    source = (ROOT / "exercise_bank" / "softmax" / "reference.py").read_text()
    quiz = json.loads((ROOT / "exercise_bank" / "quiz-cpu-vs-gpu" / "reference.json").read_text())
    try:
        server.wait_ready()
        worker.wait_ready()
        url = f"{server.url}/api/v1/submissions/"
        jobs = [
            (
                tokens[LEARNERS[n % len(LEARNERS)]],
                {"exercise": "quiz-cpu-vs-gpu", **quiz} if n % 2 else {"exercise": "softmax", "source": source},
            )
            for n in range(args.submissions)
        ]
        started = time.monotonic()
        burst = post_all(url, jobs, concurrency=args.concurrency)
        burst_s = time.monotonic() - started
        race = post_all(
            url, [(tokens["racer"], {"exercise": "softmax", "source": source})] * (QUOTA + 15), concurrency=20
        )
        with sqlite3.connect(folder / "db.sqlite3", timeout=30) as conn:
            (stored,) = conn.execute(
                "SELECT count(*) FROM exercises_submission s JOIN auth_user u ON u.id = s.user_id WHERE u.username = 'racer'"
            ).fetchone()
    finally:
        worker.stop()
        server.stop()
    print("## make run's SQLite under parallel submissions (`bench_sqlite.py`)\n")
    print("`make run`'s stack (runserver, SQLite, the filesystem broker, the grading worker).\n")
    print("| what | answers | errors (5xx or none) | time |")
    print("|---|---|---|---|")
    errors = sum(n for code, n in burst.items() if code == 0 or code >= 500)
    print(
        f"| {args.submissions} submissions, {args.concurrency} at a time | {answers_line(burst)} | {errors} | {burst_s:.1f} s |"
    )
    race_errors = sum(n for code, n in race.items() if code == 0 or code >= 500)
    print(f"| {QUOTA + 15} at once for a quota of {QUOTA} ({stored} stored) | {answers_line(race)} | {race_errors} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
