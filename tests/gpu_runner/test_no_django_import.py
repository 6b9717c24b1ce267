"""gpu_runner is a plain library: importing it (and grading a quiz) never pulls in Django or the web apps."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, sys
import gpu_runner, gpu_runner.spec, gpu_runner.bank, gpu_runner.run, gpu_runner.__main__
import gpu_runner.graders, gpu_runner.graders.code, gpu_runner.graders.quiz
from gpu_runner.bank import Bank
from gpu_runner.run import run_job
from gpu_runner.spec import ExerciseRef, JobSpec
bank = Bank.default()
exercises = bank.all()
quiz = next(e for e in exercises if e.kind == "quiz")
run_job(JobSpec(job_id="j", kind="quiz", exercise=ExerciseRef(quiz.slug, quiz.sha256), payload={"answers": {}}))
banned = ("django", "rest_framework", "celery", "planner", "exercises", "accounts", "config", "torch", "transformers")
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in banned)))
"""


def test_importing_gpu_runner_and_grading_a_quiz_imports_no_django_web_apps_or_torch():
    env = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout.strip().splitlines()[-1]) == []
