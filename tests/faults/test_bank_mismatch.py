"""A worker whose exercise bank differs from the web's refuses the job (`bank_mismatch`, a clear message, no
quota) instead of grading against the wrong version."""

from __future__ import annotations

import shutil

import pytest

from exercises.management.commands.load_exercises import exercise_fields
from exercises.models import Exercise
from gpu_runner.bank import Bank
from gpu_runner.run import HASH_MISMATCH, UNKNOWN_EXERCISE
from gpu_runner.spec import ERROR_MESSAGES
from tests.exercises.conftest import reference_source
from tests.factories import UserFactory
from tests.faults.conftest import wait_status

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

FINAL = ("passed", "failed", "error")


def test_worker_with_another_bank_version_refuses_the_job_with_bank_mismatch(start_worker, softmax, submit, tmp_path):
    """The web side loaded softmax version 2 (another reference); the worker still has the repository's version 1.
    A private exercise the worker has never seen is refused the same way."""
    repo_softmax = Bank.default().get("softmax")
    newer = tmp_path / "web-bank" / "softmax"
    shutil.copytree(repo_softmax.path, newer)
    (newer / "exercise.yaml").write_text(
        (newer / "exercise.yaml").read_text(encoding="utf-8").replace("version: 1", "version: 2"), encoding="utf-8"
    )
    (newer / "reference.py").write_text(
        (newer / "reference.py").read_text(encoding="utf-8") + "\n# version 2: same maths, new file\n", encoding="utf-8"
    )
    private = tmp_path / "private-bank" / "softmax-private"
    shutil.copytree(repo_softmax.path, private)
    (private / "exercise.yaml").write_text(
        (private / "exercise.yaml").read_text(encoding="utf-8").replace("slug: softmax", "slug: softmax-private"),
        encoding="utf-8",
    )
    web_softmax = Bank([newer.parent]).get("softmax")
    web_private = Bank([private.parent]).get("softmax-private")
    assert web_softmax.sha256 != repo_softmax.sha256
    Exercise.objects.filter(pk=softmax.pk).update(**exercise_fields(web_softmax))
    Exercise.objects.create(slug="softmax-private", milestone=softmax.milestone, **exercise_fields(web_private))

    learner = UserFactory(username="mismatch")
    worker = start_worker()
    correct = reference_source(Bank.default(), "softmax")
    versioned = wait_status(submit(learner, correct), FINAL, logs=[worker])
    unknown = wait_status(submit(learner, correct, exercise="softmax-private"), FINAL, logs=[worker])

    detail = HASH_MISMATCH.format(slug="softmax", expected=web_softmax.sha256[:12], actual=repo_softmax.sha256[:12])
    assert (versioned.status, versioned.error_code, versioned.error_message) == (
        "error",
        "bank_mismatch",
        f"{ERROR_MESSAGES['bank_mismatch']} {detail}",
    )
    detail = UNKNOWN_EXERCISE.format(slug="softmax-private")
    assert (unknown.status, unknown.error_code, unknown.error_message) == (
        "error",
        "bank_mismatch",
        f"{ERROR_MESSAGES['bank_mismatch']} {detail}",
    )
    for refused in (versioned, unknown):
        # Never a grade: no score, no checks, and a platform fault never uses the learner's quota.
        assert (refused.score, refused.checks, refused.counts_against_quota) == (0.0, [], False)
