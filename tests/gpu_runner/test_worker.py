"""The Celery binding of compute hosts: Django-free, runs a job, reports events and the result by task name
on the `events` queue. Uses a real worker process on real Redis; the reports are read off the queue."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from gpu_runner.bank import Bank
from gpu_runner.spec import ExerciseRef, JobSpec, Limits
from gpu_runner.worker import (
    EVENTS_QUEUE,
    HARD_LIMIT_REACHED,
    RECORD_EVENT_TASK,
    RECORD_RESULT_TASK,
    RUN_TASK,
    make_app,
    run_spec,
)
from tests.workers import CeleryWorker, flush_redis, own_broker_url

ROOT = Path(__file__).resolve().parents[2]
BROKER_URL = own_broker_url()


def quiz_spec(job_id: str = "job-1", *, sha256: str | None = None) -> dict:
    quiz = Bank.default().get("quiz-cpu-vs-gpu")
    answers = {q["id"]: q["answer"] for q in quiz.questions}
    spec = JobSpec(
        job_id=job_id,
        kind="quiz",
        exercise=ExerciseRef(quiz.slug, sha256 or quiz.sha256),
        payload={"answers": answers},
        seed=1,
    )
    return spec.to_dict()


def test_importing_the_worker_imports_no_django_even_with_a_settings_module_in_the_env():
    script = (
        "import sys, gpu_runner.worker as w; w.make_app(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'exercises', 'planner', 'config')))"
    )
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings.test", "HF_HUB_OFFLINE": "1"}
    completed = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "[]"


def test_worker_app_keeps_work_on_worker_loss():
    conf = make_app("redis://127.0.0.1:6379/0").conf
    assert (conf.task_acks_late, conf.task_reject_on_worker_lost, conf.worker_prefetch_multiplier) == (True, True, 1)
    assert conf.task_routes[RECORD_RESULT_TASK] == {"queue": EVENTS_QUEUE}
    assert conf.broker_transport_options["visibility_timeout"] > 3600


def test_run_spec_sends_the_result_by_task_name():
    sent: list[tuple[str, list]] = []
    result = run_spec(quiz_spec("job-7"), send=lambda name, args: sent.append((name, args)))
    assert (result.status, result.score) == ("passed", 1.0)
    assert [(name, args[0]) for name, args in sent] == [(RECORD_RESULT_TASK, "job-7")]
    assert sent[0][1][1]["status"] == "passed"
    assert json.loads(json.dumps(sent[0][1][1])) == sent[0][1][1]


def test_run_spec_reports_a_bank_mismatch_and_a_malformed_spec_as_results():
    sent: list[tuple[str, list]] = []
    run_spec(quiz_spec("job-8", sha256="0" * 64), send=lambda name, args: sent.append((name, args)))
    run_spec({"job_id": "job-9", "kind": "nonsense"}, send=lambda name, args: sent.append((name, args)))
    assert [(name, args[0], args[1]["error"]["code"]) for name, args in sent] == [
        (RECORD_RESULT_TASK, "job-8", "bank_mismatch"),
        (RECORD_RESULT_TASK, "job-9", "internal"),
    ]


def test_run_spec_forwards_progress_events(monkeypatch):
    from gpu_runner import run as run_module

    sent: list[tuple[str, list]] = []
    original = run_module.run_job

    # The real run_job, preceded by one event as a long (fine-tuning) grader would emit it.
    def run_job_with_events(spec, *, bank=None, on_event=None):
        on_event({"step": 1, "total": 2, "loss": 0.5})
        return original(spec, bank=bank, on_event=on_event)

    monkeypatch.setattr(run_module, "run_job", run_job_with_events)
    run_spec(quiz_spec("job-10"), send=lambda name, args: sent.append((name, args)))
    assert [(name, args) for name, args in sent][:1] == [
        (RECORD_EVENT_TASK, ["job-10", {"step": 1, "total": 2, "loss": 0.5}])
    ]
    assert sent[1][0] == RECORD_RESULT_TASK


@contextlib.contextmanager
def gpu_worker(tmp_path: Path, **env_extra: str) -> Iterator[Path]:
    """A real `celery -A gpu_runner.worker` process on the test's Redis db (flushed before and after); yields its log."""
    flush_redis(BROKER_URL)
    env = {"PATH": os.environ["PATH"], "CELERY_BROKER_URL": BROKER_URL, "HF_HUB_OFFLINE": "1", **env_extra}
    worker = CeleryWorker(tmp_path / "gpu.log", env, app="gpu_runner.worker", queues="gpu")
    try:
        yield worker.log
    finally:
        worker.stop()
        flush_redis(BROKER_URL)


def read_events(until_task: str, timeout: float, log: Path | None = None) -> list[tuple[str, list]]:
    """(task name, args) of the messages on `events`, in order, until one of task `until_task` (or the timeout)."""
    from kombu import Connection, Queue

    messages: list[tuple[str, list]] = []
    with Connection(BROKER_URL) as conn:
        simple = conn.SimpleQueue(Queue(EVENTS_QUEUE, routing_key=EVENTS_QUEUE))
        try:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                try:
                    message = simple.get(block=True, timeout=1)
                except simple.Empty:
                    continue
                messages.append((message.headers["task"], message.decode()[0]))
                message.ack()
                if messages[-1][0] == until_task:
                    break
        finally:
            simple.close()
    return messages


@pytest.mark.slow
def test_a_real_worker_consumes_gpu_and_reports_on_events(tmp_path):
    with gpu_worker(tmp_path) as log:
        job_id = f"job-{uuid.uuid4().hex}"
        make_app(BROKER_URL).send_task(RUN_TASK, args=[quiz_spec(job_id)])
        messages = read_events(RECORD_RESULT_TASK, timeout=60)
        assert messages, log.read_text(errors="replace")[-3000:]
    ((task, args),) = messages
    assert task == RECORD_RESULT_TASK
    assert args[0] == job_id
    assert (args[1]["job_id"], args[1]["status"], args[1]["score"]) == (job_id, "passed", 1.0)


@pytest.mark.slow
def test_a_job_past_the_hard_limit_is_stopped_reported_once_and_not_run_again(tmp_path):
    import redis

    from gpu_runner.datasets import sentiment_corpus
    from gpu_runner.models import build_tiny_bert

    tiny = build_tiny_bert(tmp_path / "tiny-bert", sentiment_corpus().train_texts[:300])
    exercise = Bank.default().get("finetune-bert-sentiment")
    # A budget of 10 minutes, far beyond the worker's hard limit of 3 s: the job stands for one that hangs.
    config = {"model": "tiny-bert", "epochs": 10, "batch_size": 8, "learning_rate": 1e-4}
    spec = JobSpec(
        job_id=f"job-{uuid.uuid4().hex}",
        kind="finetune",
        exercise=ExerciseRef(exercise.slug, exercise.sha256),
        payload={"config": config},
        limits=Limits(cpu_s=600, wall_s=600, memory_mb=4096),
        seed=1,
    )
    env = {"PATHWISE_GPU_HARD_LIMIT_S": "3", "PATHWISE_MODEL_DIRS": f"tiny-bert={tiny}", "PATHWISE_CPU_THREADS": "1"}
    with gpu_worker(tmp_path, **env) as log:
        app = make_app(BROKER_URL)
        app.send_task(RUN_TASK, args=[spec.to_dict()])
        messages = read_events(RECORD_RESULT_TASK, timeout=60)
        assert messages and messages[-1][0] == RECORD_RESULT_TASK, log.read_text(errors="replace")[-3000:]
        result = messages[-1][1][1]
        # The message was acknowledged when the pool process was killed: nothing is redelivered or left unacked.
        time.sleep(4)
        later = read_events(RECORD_RESULT_TASK, timeout=2)
        broker = redis.Redis.from_url(BROKER_URL)
        unacked, queued = broker.hlen("unacked"), broker.llen("gpu")
        # The worker lives on and takes the next job.
        follow_up = f"job-{uuid.uuid4().hex}"
        app.send_task(RUN_TASK, args=[quiz_spec(follow_up)])
        after = read_events(RECORD_RESULT_TASK, timeout=60)
        text = log.read_text(errors="replace")
    assert messages[-1][1][0] == spec.job_id
    assert (result["status"], result["error"]["code"]) == ("error", "internal")
    assert result["error"]["message"].endswith(HARD_LIMIT_REACHED.format(limit=3))
    assert "Hard time limit (3s) exceeded" in text
    assert later == [] and (unacked, queued) == (0, 0)
    assert after[-1][1][0] == follow_up and after[-1][1][1]["status"] == "passed"
