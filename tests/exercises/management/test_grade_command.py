"""`manage.py grade SLUG FILE` grades through gpu_runner and needs no database."""

import json
import os
import subprocess

import pytest

from tests.workers import run_python


def run_grade(*args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        # Nothing listens on port 1: any database access would fail the command.
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/nowhere",
        "HF_HUB_OFFLINE": "1",
    }
    return run_python(["manage.py", "grade", *args], env, timeout=180)


@pytest.mark.slow
def test_grade_prints_the_job_result_without_a_database(bank):
    reference = bank.get("softmax").path / "reference.py"
    wrong = bank.get("softmax").path / "wrong" / "overflows.py"

    good = run_grade("softmax", str(reference), "--seed", "5")
    bad = run_grade("softmax", str(wrong), "--seed", "5")

    assert good.returncode == 0, good.stderr[-2000:]
    result = json.loads(good.stdout)
    assert (result["job_id"], result["status"], result["score"], result["error"]) == (
        "local-softmax",
        "passed",
        1.0,
        None,
    )
    assert json.loads(bad.stdout)["status"] == "failed"


@pytest.mark.slow
def test_grade_a_quiz_file_and_usage_errors(bank, tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({q["id"]: q["answer"] for q in bank.get("quiz-cpu-vs-gpu").questions}))

    quiz = run_grade("quiz-cpu-vs-gpu", str(answers))
    missing = run_grade("softmax", str(tmp_path / "nope.py"))
    unknown = run_grade("no-such-exercise", str(answers))

    assert quiz.returncode == 0, quiz.stderr[-2000:]
    assert (json.loads(quiz.stdout)["status"], json.loads(quiz.stdout)["score"]) == ("passed", 1.0)
    assert missing.returncode == 1
    assert missing.stderr.strip() == f"CommandError: no such file: {tmp_path / 'nope.py'}"
    assert unknown.returncode == 1
    assert unknown.stderr.strip().startswith("CommandError: unknown exercise 'no-such-exercise'")
