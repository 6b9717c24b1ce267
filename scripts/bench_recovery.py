"""Time to re-grade after a killed pool process, on both brokers: `make run`'s stack, one submission mid-grading.

    .venv/bin/python scripts/bench_recovery.py [--brokers filesystem redis] [--root PATH]

For each broker: `make run`'s settings (config.settings.local, a fresh SQLite file in a temporary folder),
runserver, beat, and a worker on make run's queues with one pool process; a learner submits a
softmax that spins for 3 s, and 1 s into its grading the pool process gets SIGKILL. Reports the seconds from
the kill until the submission is final, its status and its deliveries. Before the claim's lease, the filesystem
broker (which never marks a message redelivered) left it to the sweep: beat runs it every minute, and it takes
a running job back only after its deadline (wall limit + 120 s). `--root` runs another checkout of the project
(an older commit) with this interpreter. Redis: BENCH_BROKER_URL (default redis://127.0.0.1:6379/10, flushed).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.make_run import WebServer, make_run_env, prepare  # noqa: E402
from tests.workers import BUSY_SOFTMAX, CeleryWorker, LoggedProcess, flush_redis  # noqa: E402

REDIS = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/10")
BUSY = BUSY_SOFTMAX.format(seconds=3)
FINAL = ("passed", "failed", "error")


def row(db: Path, submission_id: int) -> tuple:
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute(
            "SELECT status, delivery_attempts FROM exercises_submission WHERE id = ?", [submission_id]
        ).fetchone()


def wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def measure(broker: str, root: Path, timeout: float) -> dict[str, object]:
    import httpx

    folder = Path(tempfile.mkdtemp(prefix=f"bench-recovery-{broker}-"))
    extra = {"CELERY_BROKER_URL": REDIS} if broker == "redis" else {}
    env = make_run_env(folder, **extra)
    if broker == "redis":
        flush_redis(REDIS)
    for sub in ("out", "processed"):  # an older checkout keeps its broker under its own var/
        (root / "var" / "broker" / sub).mkdir(parents=True, exist_ok=True)
    token = prepare(env, ["recovery"], root=root)["recovery"]
    server = WebServer(folder / "web.log", env, root=root)
    # Beat on its own (make run embeds it with -B): the worker's main process then has only its pool process.
    beat_args = [sys.executable, "-m", "celery", "-A", "config", "beat", "-s", str(folder / "beat-schedule")]
    beat = LoggedProcess(beat_args, folder / "beat.log", env, cwd=root)
    worker = CeleryWorker(
        folder / "worker.log",
        env,
        queues="grading,gpu,events",
        concurrency=1,
        prefetch_multiplier=1,
        cwd=root,
    )
    try:
        server.wait_ready()
        worker.wait_ready(180)
        response = httpx.post(
            f"{server.url}/api/v1/submissions/",
            json={"exercise": "softmax", "source": BUSY},
            headers={"Authorization": f"Token {token}"},
            timeout=60,
        )
        response.raise_for_status()
        submission_id = response.json()["id"]
        db = folder / "db.sqlite3"
        if not wait(lambda: row(db, submission_id)[0] == "running", 120):
            raise RuntimeError(f"never ran:\n{worker.text()[-2000:]}")
        time.sleep(1.0)
        worker.kill_pool_child()
        killed = time.monotonic()
        taken = wait(lambda: row(db, submission_id)[1] >= 2, timeout)
        reclaim = time.monotonic() - killed if taken else None
        done = wait(lambda: row(db, submission_id)[0] in FINAL, max(1.0, timeout - (time.monotonic() - killed)))
        seconds = time.monotonic() - killed if done else None
        status, deliveries = row(db, submission_id)
    finally:
        worker.stop()
        beat.stop()
        server.stop()
        if broker == "redis":
            flush_redis(REDIS)
    return {"reclaim": reclaim, "seconds": seconds, "status": status, "deliveries": deliveries}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brokers", nargs="+", default=["filesystem", "redis"], choices=["filesystem", "redis"])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to run (default: this one)")
    parser.add_argument("--timeout", type=float, default=300, help="give up waiting after this many seconds")
    args = parser.parse_args()
    rows = [(broker, measure(broker, args.root.resolve(), args.timeout)) for broker in args.brokers]
    print("## Re-grading after a killed pool process (`bench_recovery.py`)\n")
    print("`make run`'s stack (SQLite, runserver, beat, a worker with one pool process); SIGKILL of the pool")
    print(
        "process 1 s into grading a 3 s submission (the new pool process starts its sandbox on this job: no warm-up).\n"
    )
    print("| broker | claimed again after the kill | final after the kill | status | deliveries |")
    print("|---|---|---|---|---|")
    never = f"not within {args.timeout:.0f} s"
    for broker, result in rows:
        reclaim, final = (f"{result[k]:.1f} s" if result[k] is not None else never for k in ("reclaim", "seconds"))
        print(f"| {broker} | {reclaim} | {final} | {result['status']} | {result['deliveries']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
