"""Helpers of the exercise bank's tests."""

import re

from gpu_runner.bank import Bank

CJK = re.compile(r"[\u4e00-\u9fff]")  # a Chinese text has at least one of these


def reference(bank: Bank, slug: str):
    """The exercise's reference solution, imported as a module."""
    return bank.get(slug).load_module("reference")
