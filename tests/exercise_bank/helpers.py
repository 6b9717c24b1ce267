"""Helpers of the exercise bank's tests."""

import re

import numpy as np

from gpu_runner.bank import Bank

CJK = re.compile(r"[\u4e00-\u9fff]")  # a Chinese text has at least one of these
# The deep-learning exercises (test_case_rules.py adds the training-memory and parallel-computing ones).
TORCH_SLUGS = ("layer-norm-module", "adam-step", "inverted-dropout", "rnn-cell", "lstm-cell", "conv2d")


def reference(bank: Bank, slug: str):
    """The exercise's reference solution, imported as a module."""
    return bank.get(slug).load_module("reference")


def assert_cases_follow_the_bank_rules(bank: Bank, slug: str, *, at_least: int) -> None:
    """A code exercise's cases (seed 0): at least `at_least`, unique bilingual names, a visible example, and a
    bilingual hint on every hidden case."""
    cases = bank.get(slug).load_module("grader").make_cases(np.random.default_rng(0))
    names = [case.name["en"] for case in cases]
    assert len(names) == len(set(names)), f"{slug}: duplicate case names"
    assert len(cases) >= at_least
    assert any(case.visible for case in cases)
    for case in cases:
        assert set(case.name) == {"en", "zh"} and (CJK.search(case.name["zh"]) or case.name["zh"] == case.name["en"]), (
            case.name
        )
        if not case.visible:
            assert isinstance(case.hint, dict) and set(case.hint) == {"en", "zh"}, f"{slug}: {case.name}"
            assert CJK.search(case.hint["zh"]), f"{slug}: {case.name}"
