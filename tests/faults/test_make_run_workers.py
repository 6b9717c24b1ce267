"""Fine-tuning never starves code grading under `make run` (issue 16, finding 9): two fine-tuning jobs once held
both processes of make run's one worker for 240 s while an honest softmax waited. make run's workers
(scripts/run_workers.conf) give the `gpu` queue a worker of its own.

make run's whole stack (tests/make_run.py): SQLite, the filesystem broker, runserver and the workers of the
layout. Two fine-tuning jobs with a 25 s budget each (the exercise's own is 240 s; cut here to keep the test
short) are queued first; a softmax sent while the first of them trains is graded before either is final."""

from __future__ import annotations

import json
import sqlite3

import httpx
import pytest

from gpu_runner.bank import Bank
from tests.exercises.conftest import reference_source
from tests.faults.conftest import wait_for
from tests.make_run import WebServer, make_run_env, make_run_workers, prepare

pytestmark = [pytest.mark.slow, pytest.mark.model_packages]

FINETUNE = "finetune-bert-sentiment"
FINAL = ("passed", "failed", "error")


def events(db, ids: list[int]) -> int:
    with sqlite3.connect(db, timeout=30) as conn:
        placeholders = ",".join("?" * len(ids))
        return conn.execute(
            f"SELECT count(*) FROM exercises_progressevent WHERE submission_id IN ({placeholders})",  # noqa: S608
            ids,
        ).fetchone()[0]


def statuses(db, ids: list[int]) -> list[str]:
    with sqlite3.connect(db, timeout=30) as conn:
        found = dict(conn.execute("SELECT id, status FROM exercises_submission").fetchall())
    return [found[i] for i in ids]


def test_code_is_graded_while_two_fine_tuning_jobs_hold_make_runs_gpu_worker(tmp_path):
    env = make_run_env(tmp_path, PATHWISE_CPU_THREADS="1")
    token = prepare(env, ["impatient"])["impatient"]
    db = tmp_path / "db.sqlite3"
    with sqlite3.connect(db) as conn:
        (limits,) = conn.execute("SELECT limits FROM exercises_exercise WHERE slug = ?", [FINETUNE]).fetchone()
        conn.execute(
            "UPDATE exercises_exercise SET limits = ? WHERE slug = ?",
            [json.dumps({**json.loads(limits), "wall_s": 25}), FINETUNE],
        )
    server = WebServer(tmp_path / "web.log", env)
    workers = make_run_workers(tmp_path, env)
    headers = {"Authorization": f"Token {token}"}

    def submit(body: dict) -> int:
        response = httpx.post(f"{server.url}/api/v1/submissions/", json=body, headers=headers, timeout=60)
        assert response.status_code == 201, response.text
        return response.json()["id"]

    try:
        server.wait_ready()
        for worker in workers:
            worker.wait_ready()
        config = Bank.default().get(FINETUNE).public["default_config"]
        tuning = [submit({"exercise": FINETUNE, "config": config}) for _ in range(2)]
        # Both jobs are handed to the gpu queue; wait until one trains (its progress events are recorded).
        wait_for(lambda: events(db, tuning) > 0, "a fine-tuning job to train", timeout=180, logs=workers)

        code = submit({"exercise": "softmax", "source": reference_source(Bank.default(), "softmax")})
        wait_for(lambda: statuses(db, [code])[0] in FINAL, "the softmax to be graded", timeout=60, logs=workers)

        assert statuses(db, [code]) == ["passed"]
        assert not set(statuses(db, tuning)) & set(FINAL), "the softmax waited for a fine-tuning job"
    finally:
        for worker in workers:
            worker.stop()
        server.stop()
    assert [w.log.name for w in workers] == ["worker-grading.log", "worker-gpu.log"]
