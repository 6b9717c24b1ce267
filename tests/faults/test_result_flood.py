"""Learner code that floods its result pipe cannot make the trusted worker do unbounded work (issue 16, finding 2).

Two attacks through the real path (run_job -> code grader -> sandbox), each in a fresh worker process whose own
peak resident memory and time are measured (printed; run with -s to see them):
- a frame flood: millions of tiny frames written straight to the result pipe, under its 16 MiB byte cap;
- a wide value: a forged call frame whose value is millions of empty lists, and a deep one, nested far past the
  codec's depth cap.
Each must end as the learner's `output_limit`, never `passed` and never `internal`, with the worker's memory
bounded. The learner's own run is not what is measured here: it is inside the sandbox, under its own limits.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
# A correct dot product that first writes `payload` (bytes) to its result pipe, once.
ATTACK = """\
import os, struct

_sent = False


def dot(a, b):
    global _sent
    if not _sent:
        _sent = True
        data = {payload}
        for start in range(0, len(data), 1 << 20):
            os.write(3, data[start : start + (1 << 20)])
    if len(a) != len(b):
        raise ValueError("vectors have different lengths")
    return float(sum(x * y for x, y in zip(a, b)))
"""
FLOOD = "(struct.pack('!I', 2) + b'{}') * 2_700_000"
WIDE = (
    "(lambda body: struct.pack('!I', len(body)) + body)("
    'b\'{"t":"call","i":0,"ok":true,"v":[\' + b\'[],\' * 5_300_000 + b\'[]]}\')'
)
DEEP = (
    "(lambda body: struct.pack('!I', len(body)) + body)("
    'b\'{"t":"call","i":0,"ok":true,"v":\' + b\'[\' * 200_000 + b\']\' * 200_000 + b\'}\')'
)
MEASURE = """\
import json, resource, sys, time
from gpu_runner.bank import Bank
from tests.gpu_runner.sandboxing import grade_bank_exercise

bank = Bank.default()
honest = grade_bank_exercise(bank, "dot-product", bank.get("dot-product").path.joinpath("reference.py").read_text())
assert honest.status == "passed", honest
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.monotonic()
result = grade_bank_exercise(bank, "dot-product", sys.stdin.read())
seconds = time.monotonic() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({
    "status": result.status,
    "error": result.error.code if result.error else None,
    "message": result.error.message if result.error else None,
    "cpu_s": result.usage.get("cpu_s"),
    "seconds": round(seconds, 2),
    "rss_before_mb": round(before / 1024),
    "rss_peak_mb": round(peak / 1024),
}))
"""
# The result pipe's byte cap is 16 MiB: holding it and parsing it once cost a few times that, never hundreds.
WORKER_GROWTH_CAP_MB = 128


def attack(payload: str) -> dict:
    """Grade the attack in a fresh worker process; its figures."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE],
        input=ATTACK.format(payload=payload),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"\n{payload[:40]}...: {figures}")
    return figures


@pytest.mark.parametrize("payload", [FLOOD, WIDE, DEEP], ids=["frame-flood", "wide-value", "deep-value"])
def test_a_flooded_result_stream_is_the_learners_output_limit_and_the_worker_stays_small(payload):
    figures = attack(payload)
    assert (figures["status"], figures["error"]) == ("error", "output_limit"), figures
    assert figures["rss_peak_mb"] - figures["rss_before_mb"] < WORKER_GROWTH_CAP_MB, figures


def test_the_attacks_messages_say_what_was_too_much():
    assert attack(FLOOD)["message"].endswith(
        "Your code wrote its own data to the grader's result channel (file descriptor 3); return values instead."
    )
    assert attack(WIDE)["message"].endswith(
        "Your functions returned more than 1,000,000 values (numbers, lists, keys): return fewer, or an array."
    )
    assert attack(DEEP)["message"].endswith("Your functions returned values nested more than 64 levels deep.")
