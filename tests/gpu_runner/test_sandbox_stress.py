"""Many gradings through one warm parent: references and wrong solutions alternate, with runs that answer
and then linger, and runs that time out, in between. Every verdict must be the run's own: a wrong solution
right after a passing reference fails, a reference right after a killed run passes."""

from __future__ import annotations

import pytest

from gpu_runner import sandbox
from gpu_runner.bank import Bank
from gpu_runner.spec import Limits
from tests.gpu_runner.sandboxing import grade_bank_exercise

SEED = 20261129
RUNS = 100
SLUGS = ("causal-mask", "softmax", "dot-product", "top-k-filter")
SHORT = Limits(cpu_s=5, wall_s=1, memory_mb=512, output_kb=256)

# causal-mask has 8 cases: on the last one, answer (rightly or wrongly), write "done", close the pipes and
# stay alive. The worker answers at once and ends the process before the next run.
LINGER = """
import json, os, struct, time
import numpy as np
from gpu_runner import codec
_calls = [0]
def causal_mask(n):
    positions = np.arange(n)
    value = positions[None, :] {op} positions[:, None]
    _calls[0] += 1
    if _calls[0] == 8:
        for obj in ({{"t": "call", "i": 7, "ok": True, "v": codec.to_jsonable(value)}}, {{"t": "done"}}):
            data = json.dumps(obj).encode()
            os.write(3, struct.pack("!I", len(data)) + data)
        for fd in (1, 2, 3):
            os.close(fd)
        time.sleep(100)
    return value
"""
# The right answers, but only after the wall-time limit: killed mid-run.
TOO_SLOW = "import time\ntime.sleep(100)\n"


def _plan(bank: Bank) -> list[tuple[str, str, Limits | None, str]]:
    """(slug, source, limits, expected verdict) for each run: "passed", "failed" or an error code."""
    pairs = []
    for slug in SLUGS:
        exercise = bank.get(slug)
        wrong = sorted((exercise.path / "wrong").glob("*.py"))
        for w in wrong:
            pairs.append((slug, exercise.solution_source("reference.py"), None, "passed"))
            pairs.append((slug, exercise.solution_source(f"wrong/{w.name}"), None, "failed"))
    reference = bank.get("causal-mask").solution_source("reference.py")
    hostile = [
        ("causal-mask", LINGER.format(op="<="), SHORT, "passed"),
        ("causal-mask", LINGER.format(op=">="), SHORT, "failed"),
        ("causal-mask", TOO_SLOW + reference, SHORT, "timeout"),
    ]
    plan: list[tuple[str, str, Limits | None, str]] = []
    while len(plan) < RUNS:
        for pair in pairs:
            plan.append(pair)
            if len(plan) % 12 == 0:
                plan.append(hostile[(len(plan) // 12) % len(hostile)])
    return plan[:RUNS]


@pytest.mark.slow
def test_alternating_references_and_wrong_solutions_each_get_their_own_verdict() -> None:
    bank = Bank.default()
    plan = _plan(bank)
    assert {verdict for *_, verdict in plan} == {"passed", "failed", "timeout"}
    wrong_verdicts = []
    for index, (slug, source, limits, expected) in enumerate(plan):
        result = grade_bank_exercise(bank, slug, source, limits=limits, job_id=f"stress-{index}", seed=SEED)
        got = result.error.code if result.error else result.status
        if got != expected:
            wrong_verdicts.append((index, slug, expected, got, result.score, result.error))
    assert wrong_verdicts == []
    assert sandbox.leftovers() == {"processes": [], "cgroups": []}
