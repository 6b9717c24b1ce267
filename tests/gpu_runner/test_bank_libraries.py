"""An exercise's `requires` (the warm parent it runs on) and `libraries` (what its code may import): carried,
shown, hashed, and refused with a message naming the field when malformed (the rest of the bank's loading is
tested in test_bank.py)."""

from __future__ import annotations

import pytest

from gpu_runner.bank import Bank, Libraries
from tests.gpu_runner.test_bank import QUIZ, load_error, write_exercise


def test_requires_and_libraries_are_carried_and_shown(tmp_path):
    libraries = {"allowed": ["numpy", "torch"], "forbidden": ["sklearn", "scipy"]}
    write_exercise(tmp_path, meta={"requires": ["torch", "transformers"], "libraries": libraries})
    exercise = Bank([tmp_path]).get("add-one")
    assert exercise.requires == ("torch", "transformers")
    assert exercise.libraries == Libraries(allowed=("numpy", "torch"), forbidden=("sklearn", "scipy"))
    public = exercise.public_dict()
    assert public["requires"] == ["torch", "transformers"]
    assert public["libraries"] == {"allowed": ["numpy", "torch"], "forbidden": ["sklearn", "scipy"]}


def test_requires_and_libraries_default_to_nothing(tmp_path):
    write_exercise(tmp_path)
    exercise = Bank([tmp_path]).get("add-one")
    assert exercise.requires == ()
    assert exercise.libraries == Libraries()
    assert exercise.public_dict()["requires"] == []
    assert exercise.public_dict()["libraries"] == {"allowed": [], "forbidden": []}


def test_libraries_may_give_only_one_of_the_lists(tmp_path):
    write_exercise(tmp_path, meta={"libraries": {"forbidden": ["numpy"]}})
    assert Bank([tmp_path]).get("add-one").libraries == Libraries(allowed=(), forbidden=("numpy",))


def test_requires_and_libraries_are_in_the_content_hash(tmp_path):
    write_exercise(tmp_path / "a")
    write_exercise(tmp_path / "b", meta={"requires": ["torch"]})
    write_exercise(tmp_path / "c", meta={"libraries": {"forbidden": ["numpy"]}})
    hashes = {Bank([tmp_path / name]).get("add-one").sha256 for name in ("a", "b", "c")}
    assert len(hashes) == 3


@pytest.mark.parametrize(
    ("meta", "ending"),
    [
        ({"requires": ["jax"]}, "field requires may name torch, transformers, got 'jax'"),
        ({"requires": "torch"}, "field requires must be a list such as [torch], got 'torch'"),
        ({"requires": ["torch", "torch"]}, "field requires names a library twice: ['torch', 'torch']"),
        (
            {"libraries": ["numpy"]},
            "field libraries must be a mapping {allowed: [...], forbidden: [...]}, got ['numpy']",
        ),
        ({"libraries": {"banned": ["numpy"]}}, "unknown field(s) libraries.banned"),
        (
            {"libraries": {"forbidden": "numpy"}},
            "field libraries.forbidden must be a list of module names, got 'numpy'",
        ),
        (
            {"libraries": {"forbidden": ["sklearn.linear_model"]}},
            "field libraries.forbidden must list top-level module names such as numpy, got 'sklearn.linear_model'",
        ),
        (
            {"libraries": {"allowed": [3]}},
            "field libraries.allowed must list top-level module names such as numpy, got 3",
        ),
        (
            {"libraries": {"forbidden": ["numpy", "numpy"]}},
            "field libraries.forbidden names a module twice: ['numpy', 'numpy']",
        ),
        (
            {"libraries": {"allowed": ["numpy", "scipy"], "forbidden": ["scipy"]}},
            "libraries.allowed and libraries.forbidden both name scipy",
        ),
        (
            {"requires": ["torch"], "libraries": {"forbidden": ["torch"]}},
            "field requires preloads torch, which libraries.forbidden forbids",
        ),
    ],
)
def test_malformed_requires_or_libraries_give_a_message_naming_the_field(tmp_path, meta, ending):
    message = load_error(tmp_path, meta=meta)
    assert message == f"{tmp_path / 'add-one' / 'exercise.yaml'}: {ending}"


@pytest.mark.parametrize("key", ["requires", "libraries"])
def test_requires_and_libraries_are_refused_on_kinds_that_run_no_code(tmp_path, key):
    value = ["torch"] if key == "requires" else {"forbidden": ["numpy"]}
    message = load_error(tmp_path, slug="quiz-one", meta={"kind": "quiz", "entry": None, key: value}, quiz=QUIZ)
    assert message == (
        f"{tmp_path / 'quiz-one' / 'exercise.yaml'}: field {key} applies only to kinds that run code in the "
        "sandbox (code, model), not quiz"
    )
