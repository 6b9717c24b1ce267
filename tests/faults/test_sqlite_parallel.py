"""`make run`'s SQLite under parallel submissions (issue 16, finding 4): the web server's threads and the worker's
processes write to one file at once. Before, 92 of 100 submissions sent 20 at a time were 500s ("database is
locked") and a quota race gave 500s too. Now writers queue for the lock (IMMEDIATE transactions, a busy timeout,
WAL) and the quota check is atomic on SQLite as on PostgreSQL.

These tests run `make run`'s own stack as subprocesses (tests/make_run.py): config.settings.local, a SQLite file
and the filesystem broker in the test's folder, runserver and the grading worker."""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter

import pytest

from gpu_runner.bank import Bank
from tests.exercises.conftest import reference_source
from tests.make_run import WebServer, make_run_env, make_run_worker, post_all, prepare

pytestmark = pytest.mark.slow

QUOTA = 25
LEARNERS = [f"burst-{n}" for n in range(5)]
RACER = "racer"


@pytest.fixture
def stack(tmp_path):
    env = make_run_env(tmp_path, PATHWISE_DAILY_QUOTA=str(QUOTA), PATHWISE_SUBMISSION_RATE="100000/min")
    tokens = prepare(env, [*LEARNERS, RACER])
    server = WebServer(tmp_path / "web.log", env)
    worker = make_run_worker(tmp_path / "worker.log", env)
    try:
        server.wait_ready()
        worker.wait_ready()
        yield {"url": server.url, "tokens": tokens, "folder": tmp_path, "logs": [server, worker]}
    finally:
        worker.stop()
        server.stop()


def statuses_in_db(db, usernames: list[str]) -> Counter[str]:
    sql = "SELECT u.username, s.status FROM exercises_submission s JOIN auth_user u ON u.id = s.user_id"
    with sqlite3.connect(db, timeout=30) as conn:
        rows = conn.execute(sql).fetchall()
    return Counter(status for username, status in rows if username in usernames)


def test_100_submissions_20_at_a_time_on_make_runs_sqlite_are_all_stored_and_graded(stack):
    quiz = json.loads((Bank.default().get("quiz-cpu-vs-gpu").path / "reference.json").read_text())
    code = {"exercise": "softmax", "source": reference_source(Bank.default(), "softmax")}
    jobs = []
    for n in range(100):
        token = stack["tokens"][LEARNERS[n % len(LEARNERS)]]
        jobs.append((token, {"exercise": "quiz-cpu-vs-gpu", **quiz} if n % 2 else code))

    answered = post_all(f"{stack['url']}/api/v1/submissions/", jobs, concurrency=20)

    assert answered == {201: 100}, "\n".join(p.text()[-3000:] for p in stack["logs"])
    deadline = time.monotonic() + 300
    while (
        statuses_in_db(stack["folder"] / "db.sqlite3", LEARNERS).keys() & {"queued", "running"}
        and time.monotonic() < deadline
    ):
        time.sleep(1)
    assert statuses_in_db(stack["folder"] / "db.sqlite3", LEARNERS) == {"passed": 100}, stack["logs"][1].text()[-3000:]
    # The broker's exchange table lives with its queues (issue 11, bug 16: it was `control/` in the working folder).
    exchanges = {p.name for p in (stack["folder"] / "broker" / "control").iterdir()}
    assert {"grading.exchange", "events.exchange"} <= exchanges, exchanges


def test_a_quota_race_on_make_runs_sqlite_takes_exactly_the_quota(stack):
    token = stack["tokens"][RACER]
    code = {"exercise": "softmax", "source": reference_source(Bank.default(), "softmax")}

    answered = post_all(f"{stack['url']}/api/v1/submissions/", [(token, code)] * (QUOTA + 15), concurrency=20)

    assert answered == {201: QUOTA, 429: 15}, stack["logs"][0].text()[-3000:]
    assert sum(statuses_in_db(stack["folder"] / "db.sqlite3", [RACER]).values()) == QUOTA
