"""The exercise bank's tests read the shipped bank (exercise_bank/), once per module."""

import pytest

from gpu_runner.bank import Bank


@pytest.fixture(scope="module")
def bank() -> Bank:
    return Bank.default()
