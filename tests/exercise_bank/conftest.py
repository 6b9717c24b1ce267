"""The exercise bank's tests read the shipped bank (exercise_bank/), once per module."""

import pytest

from gpu_runner.bank import Bank

pytest.register_assert_rewrite("tests.exercise_bank.helpers")  # its asserts explain a failure as a test's do


@pytest.fixture(scope="module")
def bank() -> Bank:
    return Bank.default()
