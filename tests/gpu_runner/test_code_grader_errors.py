"""A grader or an exercise that is broken on the worker: an internal error whose traceback and the worker's paths
go to the log only, never to the learner (the rest of the code grader is tested in test_code_grader.py)."""

from __future__ import annotations

from gpu_runner.bank import Bank
from gpu_runner.run import BROKEN_EXERCISE, GRADER_FAILED, run_job
from gpu_runner.spec import ExerciseRef, JobSpec
from tests.gpu_runner.test_bank import write_exercise
from tests.gpu_runner.test_code_grader import job


def _tmp_code_exercise(root, grader_text):
    """The bank-loader tests' add_one exercise, as slug broken-grader, with `grader_text` as its grader.py."""
    write_exercise(root, "broken-grader", grader=grader_text)
    return Bank([root])


def test_a_failing_grader_becomes_an_internal_error_whose_traceback_goes_to_the_log_only(tmp_path, caplog):
    bank = _tmp_code_exercise(tmp_path, "def make_cases(rng):\n    raise KeyError('oops')\n")
    exercise = bank.get("broken-grader")
    result = run_job(job(exercise, "def add_one(x):\n    return x + 1\n"), bank=bank)
    assert result.status == "error"
    assert result.error.code == "internal"
    assert result.error.message.endswith(GRADER_FAILED.format(error="KeyError", job_id="job-1"))
    assert (result.stdout_tail, result.stderr_tail) == ("", "")
    assert "oops" not in repr(result.to_dict()) and str(tmp_path) not in repr(result.to_dict())
    logged = "\n".join(record.getMessage() + (record.exc_text or "") for record in caplog.records)
    assert "job job-1 failed inside the grader" in logged
    assert "KeyError: 'oops'" in caplog.text and "Traceback" in caplog.text
    assert result.usage["wall_s"] >= 0


def test_a_malformed_exercise_on_the_worker_is_an_internal_error_without_the_workers_paths(tmp_path, caplog):
    bank = _tmp_code_exercise(tmp_path, "")
    (tmp_path / "broken-grader" / "statement.zh.md").unlink()
    spec = JobSpec(job_id="j", kind="code", exercise=ExerciseRef("broken-grader", "0" * 64), payload={})
    result = run_job(spec, bank=bank)
    assert result.error.code == "internal"
    assert result.error.message.endswith(BROKEN_EXERCISE.format(slug="broken-grader", job_id="j"))
    assert str(tmp_path) not in repr(result.to_dict())
    assert f"{tmp_path / 'broken-grader'}: missing statement.zh.md" in caplog.text


def test_any_path_of_the_worker_in_a_platform_error_is_taken_out(tmp_path, monkeypatch):
    import gpu_runner.graders.code as code_grader
    from gpu_runner.spec import JobResult

    bank = _tmp_code_exercise(tmp_path, "def make_cases(rng):\n    return []\n")
    detail = f"no data in {tmp_path}/data/x.npz or /srv/bank-a; see input/output"
    monkeypatch.setattr(
        code_grader, "run", lambda spec, exercise, on_event=None: JobResult.failure("j", "internal", detail)
    )
    result = run_job(job(bank.get("broken-grader"), "x = 1\n"), bank=bank)
    assert result.error.message.endswith("no data in <path> or <path>; see input/output")
