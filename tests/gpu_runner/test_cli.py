"""`python -m gpu_runner run|grade`, run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from gpu_runner.bank import Bank
from tests.workers import run_python

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return run_python(["-m", "gpu_runner", *args], {**os.environ, "HF_HUB_OFFLINE": "1"}, cwd=cwd)


@pytest.mark.slow  # starts a fresh sandbox (a warm parent importing scikit-learn)
def test_grade_a_local_file_prints_the_result_json():
    exercise = Bank.default().get("softmax")
    done = cli("grade", "softmax", str(exercise.path / "reference.py"), "--seed", "3")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["job_id"], result["status"], result["score"]) == ("local-softmax", "passed", 1.0)
    assert result["error"] is None
    assert "seed:" not in done.stderr  # a given seed is not echoed


@pytest.mark.slow  # starts a fresh sandbox (a warm parent importing scikit-learn)
def test_grade_a_wrong_solution_exits_0_with_status_failed_and_a_random_seed_is_echoed():
    exercise = Bank.default().get("softmax")
    done = cli("grade", "softmax", str(exercise.path / "wrong" / "overflows.py"))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "failed"
    assert done.stderr.startswith("seed: ")


def test_grade_a_quiz_from_answers_json(tmp_path):
    quiz = next(e for e in Bank.default().all() if e.kind == "quiz" and (e.path / "reference.json").is_file())
    answers = json.loads((quiz.path / "reference.json").read_text())["answers"]
    file = tmp_path / "answers.json"
    file.write_text(json.dumps(answers))  # just the mapping, without the {"answers": ...} wrapper
    done = cli("grade", quiz.slug, str(file))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["score"] == 1.0


@pytest.mark.slow  # starts a fresh sandbox (a warm parent importing scikit-learn)
def test_a_syntax_error_exits_1_with_an_error_result(tmp_path):
    file = tmp_path / "broken.py"
    file.write_text("def dot(a, b)\n")
    done = cli("grade", "dot-product", str(file), "--seed", "1")
    assert done.returncode == 1
    assert json.loads(done.stdout)["error"]["code"] == "syntax"


@pytest.mark.slow  # starts a fresh sandbox (a warm parent importing scikit-learn)
def test_run_a_spec_file_and_write_the_result(tmp_path):
    exercise = Bank.default().get("bayes-rule")
    spec = {
        "schema_version": 1,
        "job_id": "job-42",
        "kind": "code",
        "exercise": {"slug": "bayes-rule", "sha256": exercise.sha256},
        "payload": {"source": (exercise.path / "reference.py").read_text()},
        "limits": {"cpu_s": 5, "wall_s": 10, "memory_mb": 512, "output_kb": 256},
        "seed": 9,
        "device": "cpu",
    }
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(json.dumps(spec))
    out = tmp_path / "result.json"
    done = cli("run", str(spec_file), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text()) == json.loads(done.stdout)
    assert json.loads(done.stdout)["job_id"] == "job-42"
    assert json.loads(done.stdout)["status"] == "passed"


def test_usage_problems_give_one_line_and_exit_2(tmp_path):
    bad_json = tmp_path / "spec.json"
    bad_json.write_text("{not json")
    bad_spec = tmp_path / "bad_spec.json"
    bad_spec.write_text(json.dumps({"job_id": "x"}))
    cases = [
        (("grade", "dot-product", str(tmp_path / "missing.py")), f"error: no such file: {tmp_path / 'missing.py'}"),
        (("grade", "no-such-exercise", str(bad_json)), "error: unknown exercise 'no-such-exercise': no folder"),
        (("run", str(tmp_path / "missing.json")), f"error: no such file: {tmp_path / 'missing.json'}"),
        (("run", str(bad_json)), f"error: {bad_json} is not valid JSON: Expecting property name"),
        (("run", str(bad_spec)), f"error: {bad_spec}: malformed job spec: 'kind'"),
    ]
    for args, start in cases:
        done = cli(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stdout == ""
        assert done.stderr.startswith(start), (args, done.stderr)
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_grading_an_artefact_says_a_mentor_scores_it_and_exits_2(tmp_path):
    file = tmp_path / "artefact.json"
    file.write_text('{"url": "https://arxiv.org/abs/1706.03762"}', encoding="utf-8")
    result = cli("grade", "paper-summary", str(file))
    assert result.returncode == 2
    assert (
        "paper-summary is an artefact exercise: a mentor scores it against its rubric, no grader runs" in result.stderr
    )
    assert "Traceback" not in result.stderr
