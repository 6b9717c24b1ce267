"""Every code exercise names its cases and hints in both languages (PROTOCOL contract 2), so a Chinese page shows
Chinese feedback. Checked on the cases each grader draws for a few seeds; the messages of a grader's own `check()`
are checked on the wrong solutions' results in test_solutions.py."""

from __future__ import annotations

import numpy as np
import pytest

from gpu_runner.bank import Bank, BankError
from gpu_runner.texts import LANGUAGES

SEEDS = (0, 1, 20261204)


def _code_exercises() -> list:
    try:
        return [e.slug for e in Bank.default().all() if e.kind == "code"]
    except BankError as exc:
        return [pytest.param(str(exc), id="bank-is-malformed")]


def is_pair(value) -> bool:
    return (
        isinstance(value, dict)
        and set(value) == set(LANGUAGES)
        and all(isinstance(value[lang], str) and value[lang].strip() for lang in LANGUAGES)
    )


def english_only(slug: str) -> list[str]:
    """The case names and hints of `slug` that are not {en, zh} pairs."""
    grader = Bank.default().get(slug).load_module("grader")
    found = []
    for seed in SEEDS:
        for case in grader.make_cases(np.random.default_rng(seed)):
            if not is_pair(case.name):
                found.append(f"name {case.name!r}")
            if case.hint and not is_pair(case.hint):
                found.append(f"hint {case.hint!r} of {case.title!r}")
    return sorted(set(found))


@pytest.mark.parametrize("slug", _code_exercises())
def test_every_case_name_and_hint_is_a_bilingual_pair(slug):
    if slug.startswith("/") or " " in slug:
        pytest.fail(f"the exercise bank does not load: {slug}")
    assert english_only(slug) == [], "write each Case name and hint as {'en': ..., 'zh': ...}"
