"""End to end through a real Celery worker on real Redis: submit through the API, the worker grades it,
records the result and moves the learner's progress. Never CELERY_TASK_ALWAYS_EAGER.

The workers are separate processes, so they must see committed rows: these tests use a transactional
database (pytest-django's `test_<name>`), whose name is passed to the workers in DATABASE_URL
(tests/workers.py, and the `start_worker` fixture in tests/conftest.py).
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings

from accounts.models import Notification
from exercises.models import Submission
from planner.models import Progress
from planner.services import progress_ensure
from tests.exercises.conftest import reference_source, right_answers
from tests.factories import MilestoneFactory
from tests.gpu_runner.finetune_configs import BERT_CONFIG
from tests.workers import CeleryWorker, django_broker_url, django_worker_env, flush_redis

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def django_worker(start_worker) -> CeleryWorker:
    return start_worker("worker")


def wait_final(submission_id: int, worker: CeleryWorker, timeout: float = 120) -> Submission:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        submission = Submission.objects.get(pk=submission_id)
        if submission.is_final:
            return submission
        time.sleep(0.25)
    raise AssertionError(
        f"submission {submission_id} still {submission.status}:\n{worker.log.read_text(errors='replace')[-3000:]}"
    )


def test_code_submission_is_graded_by_a_real_worker_and_completes_the_milestone(
    django_worker, bank, bank_exercise, client_for
):
    from tests.factories import UserFactory

    learner = UserFactory(username="e2e-learner")
    milestone = MilestoneFactory(slug="softmax-and-cross-entropy", completion="auto")
    dependant = MilestoneFactory(slug="after-softmax", completion="self", prerequisites=[milestone])
    softmax = bank_exercise("softmax", milestone=milestone)
    progress_ensure(user=learner, milestone_ids=[milestone.pk, dependant.pk])
    client = client_for(learner)
    wrong = (softmax_path := bank.get("softmax").path / "wrong" / "overflows.py").read_text(encoding="utf-8")
    assert softmax_path.is_file()

    failing = client.post("/api/v1/submissions/", {"exercise": "softmax", "source": wrong}, format="json")
    passing = client.post(
        "/api/v1/submissions/", {"exercise": "softmax", "source": reference_source(bank, softmax.slug)}, format="json"
    )

    assert (failing.status_code, passing.status_code) == (201, 201)
    assert (failing.json()["status"], passing.json()["status"]) == ("queued", "queued")
    failed = wait_final(failing.json()["id"], django_worker)
    passed = wait_final(passing.json()["id"], django_worker)
    log = django_worker.log.read_text(errors="replace")[-4000:]
    assert (failed.status, failed.counts_against_quota) == ("failed", True), f"{failed.error_message}\n{log}"
    assert (passed.status, passed.score) == ("passed", 1.0), f"{passed.error_message}\n{log}"
    assert passed.runtime["python"] and passed.usage["wall_s"] > 0
    detail = client.get(f"/api/v1/submissions/{passed.pk}/").json()
    assert (detail["status"], detail["quota"]["remaining"]) == ("passed", settings.PATHWISE_DAILY_QUOTA - 2)
    progress = Progress.objects.get(user=learner, milestone=milestone)
    assert (progress.state, progress.evidence) == ("done", "auto")
    assert Progress.objects.get(user=learner, milestone=dependant).state == "available"
    assert Notification.objects.filter(user=learner, kind="submission_graded").count() == 2


def quiz_job_on_the_gpu_queue(bank_exercise, username: str, answers: dict) -> int:
    """A new learner's quiz-cpu-vs-gpu submission with `answers`, claimed and sent as a job to the `gpu` queue (as
    grading does for fine-tuning); returns its id."""
    from config.celery import app as celery_app
    from exercises.services import submission_claim
    from exercises.services.grading import job_spec_build
    from gpu_runner.queues import GPU as GPU_QUEUE
    from gpu_runner.queues import RUN_JOB as GPU_TASK
    from tests.factories import UserFactory

    quiz = bank_exercise("quiz-cpu-vs-gpu")
    submission = Submission.objects.create(
        user=UserFactory(username=username),
        exercise=quiz,
        attempt=1,
        payload={"answers": answers},
        exercise_sha256=quiz.sha256,
        seed=7,
    )
    claimed = submission_claim(submission_id=submission.pk)
    celery_app.send_task(GPU_TASK, args=[job_spec_build(claimed).to_dict()], queue=GPU_QUEUE)
    return submission.pk


def test_gpu_worker_results_travel_back_through_the_events_queue(django_worker, bank, bank_exercise, tmp_path):
    """The Django-free GPU worker (queue gpu) grades a job and reports on `events`; the Django worker
    records it. A quiz job stands in for fine-tuning: same path, no training time."""
    env = django_worker_env(DJANGO_SETTINGS_MODULE="")
    gpu_worker = CeleryWorker(tmp_path / "gpu.log", env, app="gpu_runner.worker", queues="gpu")
    try:
        gpu_worker.wait_ready()
        submission_id = quiz_job_on_the_gpu_queue(bank_exercise, "e2e-gpu", right_answers(bank, "quiz-cpu-vs-gpu"))
        recorded = wait_final(submission_id, django_worker, timeout=60)
    finally:
        gpu_worker.stop()
    assert (recorded.status, recorded.score) == ("passed", 1.0)
    assert b"gpu_runner.run_job" in (tmp_path / "gpu.log").read_bytes()


def submit_running(client, source: str) -> int:
    """POST a softmax submission of `source` through the API; its id once a worker has taken it (`running`)."""
    response = client.post("/api/v1/submissions/", {"exercise": "softmax", "source": source}, format="json")
    submission_id = response.json()["id"]
    deadline = time.monotonic() + 60
    while Submission.objects.get(pk=submission_id).status != "running" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert Submission.objects.get(pk=submission_id).status == "running"
    return submission_id


def test_a_worker_killed_mid_job_loses_nothing(django_worker, bank_exercise, client_for):
    """The pool process dies while grading: reject-on-worker-loss puts the message back, and its
    redelivery takes the `running` row back at once (no waiting for the deadline) and grades it."""
    import datetime as dt

    from exercises.services import submissions_sweep_stuck
    from tests.factories import UserFactory

    learner = UserFactory(username="e2e-killed")
    bank_exercise("softmax")
    slow = "import time\n\ndef softmax(x, axis=-1):\n    time.sleep(2)\n    return x\n"
    submission_id = submit_running(client_for(learner), slow)

    django_worker.kill_pool_child()

    graded = wait_final(submission_id, django_worker)
    assert graded.delivery_attempts == 2
    assert (graded.status, graded.error_code) == ("error", "timeout"), graded.error_message
    assert submissions_sweep_stuck(now=graded.finished_at + dt.timedelta(hours=2)) == {"requeued": 0, "given_up": 0}


def test_a_worker_stopped_mid_job_finishes_it_and_exits_by_itself(django_worker, bank_exercise, client_for):
    """tests.workers.CeleryWorker.stop is Celery's warm shutdown: the job being graded finishes in its pool
    process (none is killed under it), and the worker exits with status 0, not by stop's SIGKILL."""
    from tests.factories import UserFactory

    learner = UserFactory(username="e2e-stopped")
    bank_exercise("softmax")
    slow = "import time\n\nslept = []\n\ndef softmax(x, axis=-1):\n    slept or slept.append(time.sleep(1))\n    return x\n"
    submit_running(client_for(learner), slow)

    django_worker.stop()

    log = django_worker.text()
    assert django_worker.process.returncode == 0, log[-3000:]
    assert "WorkerLostError" not in log and "signal 15" not in log, log[-3000:]
    assert "Warm shutdown" in log and "exercises.grade_submission[" in log and " succeeded in " in log, log[-3000:]


def test_a_django_worker_on_the_gpu_queue_serves_it_like_a_gpu_host(django_worker, bank, bank_exercise, tmp_path):
    """`make run` has one Django worker consume grading,gpu,events: a job on `gpu` is graded and recorded."""
    local = CeleryWorker(tmp_path / "local-gpu.log", django_worker_env(), queues="gpu")
    try:
        local.wait_ready()
        submission_id = quiz_job_on_the_gpu_queue(bank_exercise, "e2e-local-gpu", {"q1": "a"})
        recorded = wait_final(submission_id, django_worker, timeout=60)
    finally:
        local.stop()
    first = bank.get("quiz-cpu-vs-gpu").questions[0]
    assert (first["id"], first["answer"]) == ("q1", "b")  # so the one answer given, "a", is wrong
    assert (recorded.status, recorded.score) == ("failed", 0.0)
    assert recorded.checks[0]["passed"] is False


def test_finetune_submission_goes_grading_to_gpu_to_events_with_progress(
    transactional_db, bank_exercise, client_for, tmp_path, monkeypatch
):
    """The whole fine-tuning path with real processes: API -> `grading` (claim, send the spec) -> the
    Django-free GPU worker trains a tiny BERT on CPU and streams progress -> `events` -> recorded."""
    from gpu_runner.datasets import lm_corpus
    from gpu_runner.models import build_tiny_bert
    from tests.factories import UserFactory

    model_dir = build_tiny_bert(tmp_path / "tiny-bert", lm_corpus()[0])
    env = django_worker_env(PATHWISE_MODEL_DIRS=f"tiny-bert={model_dir}")
    monkeypatch.setenv("PATHWISE_MODEL_DIRS", env["PATHWISE_MODEL_DIRS"])  # the web side validates the model name
    flush_redis(django_broker_url())
    web_worker = CeleryWorker(tmp_path / "w.log", env)
    gpu_worker = CeleryWorker(
        tmp_path / "gpu.log", {**env, "DJANGO_SETTINGS_MODULE": ""}, app="gpu_runner.worker", queues="gpu"
    )
    try:
        web_worker.wait_ready()
        gpu_worker.wait_ready()
        learner = UserFactory(username="e2e-finetune")
        bank_exercise("finetune-bert-sentiment")
        response = client_for(learner).post(
            "/api/v1/submissions/", {"exercise": "finetune-bert-sentiment", "config": BERT_CONFIG}, format="json"
        )
        assert response.status_code == 201, response.json()
        recorded = wait_final(response.json()["id"], web_worker, timeout=240)
    finally:
        gpu_worker.stop()
        web_worker.stop()
        flush_redis(django_broker_url())
    assert recorded.error_code == "", f"{recorded.error_message}\n{(tmp_path / 'gpu.log').read_text()[-3000:]}"
    assert recorded.status in ("passed", "failed")
    assert recorded.delivery_attempts == 1
    events = list(recorded.events.all())
    assert events and events[-1].total and all(e.step <= e.total for e in events)
    assert recorded.curve and 0.0 <= recorded.metrics["accuracy"] <= 1.0
    assert recorded.runtime["torch"]


def test_a_finetune_job_stuck_past_the_hard_limit_on_a_local_worker_ends_internal_once(
    transactional_db, bank_exercise, client_for, tmp_path, monkeypatch
):
    """`make run`'s one worker (grading,gpu,events): a job that outlives PATHWISE_GPU_HARD_LIMIT_S (here a 3 s
    limit against a 10-minute budget, standing for a job that hangs) is killed, recorded once as `internal`
    with the reason, spends no quota, and is not delivered again."""
    from gpu_runner.datasets import lm_corpus
    from gpu_runner.models import build_tiny_bert
    from gpu_runner.worker import HARD_LIMIT_REACHED
    from tests.factories import UserFactory

    model_dir = build_tiny_bert(tmp_path / "tiny-bert", lm_corpus()[0])
    env = django_worker_env(PATHWISE_MODEL_DIRS=f"tiny-bert={model_dir}", PATHWISE_GPU_HARD_LIMIT_S="3")
    monkeypatch.setenv("PATHWISE_MODEL_DIRS", env["PATHWISE_MODEL_DIRS"])
    flush_redis(django_broker_url())
    worker = CeleryWorker(tmp_path / "local.log", env, queues="grading,gpu,events")
    try:
        worker.wait_ready()
        learner = UserFactory(username="e2e-hard-limit")
        bank_exercise("finetune-bert-sentiment")
        config = {"model": "tiny-bert", "learning_rate": 1e-4, "epochs": 10, "batch_size": 8, "seed": 3}
        response = client_for(learner).post(
            "/api/v1/submissions/", {"exercise": "finetune-bert-sentiment", "config": config}, format="json"
        )
        assert response.status_code == 201, response.json()
        recorded = wait_final(response.json()["id"], worker, timeout=120)
        time.sleep(3)  # a redelivery would claim it again (delivery_attempts 2)
        recorded.refresh_from_db()
    finally:
        worker.stop()
        flush_redis(django_broker_url())
    assert (recorded.status, recorded.error_code) == ("error", "internal")
    assert recorded.error_message.endswith(HARD_LIMIT_REACHED.format(limit=3))
    assert (recorded.counts_against_quota, recorded.delivery_attempts) == (False, 1)
