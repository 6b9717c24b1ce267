"""The public/private split of hidden rows (gpu_runner.leaderboard) and the model grader's scores on each part,
checked against scikit-learn's metrics computed here on the same rows."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, adjusted_rand_score, f1_score

from gpu_runner import leaderboard
from gpu_runner.bank import Bank
from gpu_runner.graders import model
from gpu_runner.run import run_job
from gpu_runner.sandbox import CallResult
from gpu_runner.spec import ExerciseRef, JobSpec

KEY = leaderboard.split_key("a-test-seed", "tabular-classifier")
DEV_SEED = "pathwise-leaderboard-development-only"


def test_the_split_is_deterministic_and_about_half_private():
    first = leaderboard.private_mask(KEY, "tabular-classifier", 2000)
    assert np.array_equal(first, leaderboard.private_mask(KEY, "tabular-classifier", 2000))
    assert leaderboard.PRIVATE_PERCENT == 50
    assert 0.45 < first.mean() < 0.55
    # Row i does not depend on how many rows there are.
    assert np.array_equal(first[:100], leaderboard.private_mask(KEY, "tabular-classifier", 100))


def test_another_seed_or_another_exercise_splits_other_rows():
    mask = leaderboard.private_mask(KEY, "tabular-classifier", 500)
    other_seed = leaderboard.split_key("another-seed", "tabular-classifier")
    assert not np.array_equal(mask, leaderboard.private_mask(other_seed, "tabular-classifier", 500))
    other_slug = leaderboard.split_key("a-test-seed", "churn-pipeline")
    assert not np.array_equal(mask, leaderboard.private_mask(other_slug, "tabular-classifier", 500))
    assert leaderboard.split_key("", "tabular-classifier") == ""


def test_the_rule_is_hmac_of_slug_and_row():
    import hashlib
    import hmac

    mask = leaderboard.private_mask("k", "slug", 50)
    for i in range(50):
        digest = hmac.new(b"k", f"slug:{i}".encode(), hashlib.sha256).digest()
        assert mask[i] == (int.from_bytes(digest[:8], "big") % 100 < 50)


@pytest.mark.parametrize(
    ("metric", "score_of"),
    [
        ("accuracy", accuracy_score),
        ("f1_macro", lambda t, p: f1_score(t, p, average="macro", zero_division=0)),
        ("ari", lambda t, p: max(0.0, adjusted_rand_score(t, p))),
    ],
)
def test_each_part_is_scored_like_the_whole_against_sklearn(metric, score_of):
    rng = np.random.default_rng(7)
    y_test = rng.integers(0, 3, 400)
    predictions = np.where(rng.random(400) < 0.7, y_test, rng.integers(0, 3, 400))
    data = model.ModelData(np.zeros((3, 1)), np.array([0, 1, 2]), np.zeros((400, 1)), y_test, frozenset({0, 1, 2}))
    call = CallResult(ok=True, value=predictions.tolist())
    _, metrics, score, _ = model.grade_predictions(call, data, metric, 0.5, split=(KEY, "tabular-classifier"))
    private = leaderboard.private_mask(KEY, "tabular-classifier", 400)
    assert metrics["public_score"] == pytest.approx(score_of(y_test[~private], predictions[~private]), abs=1e-6)
    assert metrics["private_score"] == pytest.approx(score_of(y_test[private], predictions[private]), abs=1e-6)
    assert score == pytest.approx(max(0.0, score_of(y_test, predictions)))


def test_without_a_key_there_is_no_split():
    data = model.ModelData(np.zeros((2, 1)), np.array([0, 1]), np.zeros((4, 1)), np.array([0, 1, 0, 1]), None)
    _, metrics, _, _ = model.grade_predictions(CallResult(ok=True, value=[0, 1, 0, 1]), data, "ari", 0.5)
    assert "public_score" not in metrics and "private_score" not in metrics


def test_a_spec_without_split_key_still_reads_and_one_with_it_round_trips():
    old = {"job_id": "j", "kind": "model", "exercise": {"slug": "s", "sha256": "0"}, "payload": {}}
    assert JobSpec.from_dict(old).split_key == ""
    spec = JobSpec.from_dict({**old, "split_key": KEY})
    assert JobSpec.from_dict(spec.to_dict()) == spec and spec.schema_version == 1


def _reference_predictions(exercise) -> np.ndarray:
    def load(name: str):
        spec = importlib.util.spec_from_file_location(f"_lb_{name}", exercise.path / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    X_train, y_train, X_test, _ = load("grader").load_data()
    return np.asarray(load("reference").fit_predict(X_train, y_train, X_test)), load("grader")


def test_a_whole_model_job_reports_both_parts_scored_on_the_hidden_labels():
    bank = Bank.default()
    exercise = bank.get("tabular-classifier")
    source = exercise.solution_source("reference.py")
    spec = JobSpec(
        job_id="lb-tabular",
        kind="model",
        exercise=ExerciseRef(slug=exercise.slug, sha256=exercise.sha256),
        payload={"source": source},
        limits=exercise.limits,
        seed=1,
        split_key=KEY,
    )
    result = run_job(spec, bank=bank)
    assert result.status == "passed", result.to_dict()
    predictions, grader = _reference_predictions(exercise)
    y_test = np.asarray(grader.load_data()[3])
    private = leaderboard.private_mask(KEY, exercise.slug, len(y_test))
    public_expected = accuracy_score(y_test[~private], predictions[~private])
    assert result.metrics["public_score"] == pytest.approx(public_expected, abs=1e-6)
    assert result.metrics["private_score"] == pytest.approx(accuracy_score(y_test[private], predictions[private]))


def test_the_development_seed_is_only_in_settings_for_laptops_and_tests():
    root = Path(__file__).resolve().parents[2]
    found = subprocess.run(
        ["git", "grep", "-l", DEV_SEED], cwd=root, capture_output=True, text=True, check=False
    ).stdout.split()
    assert sorted(set(found) - {"tests/leaderboards/test_split.py"}) == [
        "config/settings/local.py",
        "config/settings/test.py",
    ]
    production = (root / "config/settings/production.py").read_text()
    assert "PATHWISE_LEADERBOARD_SEED" in production and DEV_SEED not in production


def test_production_refuses_to_start_without_a_secret_seed():
    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CACHE_URL", "PATHWISE_LEADERBOARD"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-for-the-check-" + "z" * 10,
        "CACHE_URL": "redis://127.0.0.1:6379/1",
    }
    code = "import django; django.setup()"
    result = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "PATHWISE_LEADERBOARD_SEED must be set" in result.stderr
