"""A result, its output and its exit status belong to one run only, and learner code cannot forge a pass.

How it holds (see gpu_runner/sandbox/_run.py): each run gets three fresh pipes from the worker, passed to the
child alone and closed after the run; the first frame on the result pipe is the driver's `started` frame with
a nonce drawn for this run, written before learner code runs; the warm parent's exit report echoes the run's
job number; the expected values and the comparison live in the worker, never in the sandbox. Learner code can
write whatever it likes to its own pipes, but that is only ever its own answer, checked like a return value.
"""

from __future__ import annotations

import json
import math
import os
import struct
import time

import pytest

from gpu_runner import sandbox
from gpu_runner.bank import Bank
from gpu_runner.sandbox import Call, SandboxLimits, _run, run_calls
from gpu_runner.spec import Limits
from tests.gpu_runner.sandboxing import LIMITS, forged_done_source, grade_bank_exercise, run_isolated

SEED = 20261129
SHORT = SandboxLimits(cpu_s=5, wall_s=1, memory_mb=256, output_kb=64)


def frame(obj: dict) -> bytes:
    data = json.dumps(obj).encode()
    return struct.pack("!I", len(data)) + data


@pytest.fixture(scope="module")
def bank() -> Bank:
    return Bank.default()


def grade(bank: Bank, slug: str, source: str, limits: Limits | None = None):
    return grade_bank_exercise(bank, slug, source, limits=limits, job_id=f"integrity-{slug}", seed=SEED)


def solution(bank: Bank, slug: str, name: str) -> str:
    return (bank.get(slug).path / name).read_text(encoding="utf-8")


# --- stale state of another run is never taken for this run's -----------------------------------------------


def test_stale_bytes_in_the_result_pipe_are_a_platform_error_not_this_runs_result(monkeypatch) -> None:
    # Fault injection: the result pipe handed to the run already holds a complete, passing stream of an
    # earlier run. Without a per-run nonce the worker read its first answer as this run's.
    stale = frame({"t": "started"}) + frame({"t": "call", "i": 0, "ok": True, "v": "stale"}) + frame({"t": "done"})
    real_pipe2 = os.pipe2
    made = []

    def pipe2(flags: int) -> tuple[int, int]:
        r, w = real_pipe2(flags)
        made.append(r)
        if len(made) == 3:  # stdout, stderr, result: the third is the result pipe
            os.write(w, stale)
        return r, w

    run_isolated("def f():\n    return 'warm'\n", Call("f"))
    monkeypatch.setattr(_run.os, "pipe2", pipe2)
    result = run_calls("def f():\n    return 'mine'\n", [Call("f")], LIMITS)
    monkeypatch.undo()
    assert result.error_code == "internal"
    assert result.error_detail == _run.FOREIGN_RESULT
    assert [c.value for c in result.calls] == []
    after = run_isolated("def f():\n    return 'next'\n", Call("f"))
    assert (after.error_code, after.calls[0].value) == (None, "next")


def test_a_stale_exit_report_is_never_taken_for_the_next_runs() -> None:
    # Fault injection: the worker loses track of a run that answered early (as if its bookkeeping dropped it),
    # so that run's exit report (killed: SIGKILL) is still unread when the next run starts. Each later run
    # must be judged on its own exit status, not on the one before it.
    lingering = forged_done_source("time.sleep(0.3); os._exit(0)")
    sandbox.warm_up()
    sandbox.leftovers()
    first = run_calls(lingering, [Call("f")], LIMITS)
    assert first.error_code is None
    z = sandbox._current_zygote()
    assert z is not None and z.pending is not None  # answered before it exited: its report is still to come
    z.pending.cg.finish()
    z.pending = None
    time.sleep(1.0)  # the stale report is now waiting in the control socket
    second = run_calls("def f():\n    return 'mine'\n", [Call("f")], LIMITS)
    assert (second.error_code, [c.value for c in second.calls]) == (None, ["mine"])
    crashing = run_calls("import os\ndef f():\n    os._exit(9)\n", [Call("f")], LIMITS)
    assert (crashing.error_code, crashing.error_detail) == (
        "crash",
        "Your code ended the process early (exit status 9).",
    )
    third = run_isolated("def f():\n    return 3\n", Call("f"))
    assert (third.error_code, third.calls[0].value) == (None, 3)
    assert sandbox.leftovers() == {"processes": [], "cgroups": []}


@pytest.mark.slow
def test_a_large_job_after_an_idle_gap_is_sent_in_full() -> None:
    # A run that answered early leaves its exit report for the next run to collect; when the next job comes
    # after the first one's deadline, collecting it must not leave the control socket with a tiny timeout
    # for sending that job (a large argument then failed as "the sandbox stopped answering: timed out").
    first = run_calls("def f():\n    return 1\n", [Call("f")], SHORT)
    assert first.error_code is None
    time.sleep(2.5)  # past the first run's deadline (wall 1 s + 1 s)
    text = "x" * 96_000_000
    big = SandboxLimits(cpu_s=20, wall_s=60, memory_mb=1024, output_kb=64)
    result = run_calls("def f(s):\n    return len(s)\n", [Call("f", (text,))], big)
    assert (result.error_code, result.error_detail) == (None, "")
    assert result.calls[0].value == 96_000_000


# --- what learner code writes is only its own answer -------------------------------------------------------


def test_forged_done_frame_cannot_report_infinite_or_huge_cpu_time() -> None:
    # The early answer's cpu_s comes from the run itself; it must stay a finite number within the CPU limit
    # (an Infinity could not be stored as JSON by the web side).
    for value in ("Infinity", "NaN", "1e300", "-5"):
        source = (
            "import os, struct\n"
            "def f():\n"
            f'    data = b\'{{"t": "done", "cpu_s": {value}}}\'\n'
            "    os.write(3, struct.pack('!I', len(data)) + data)\n"
            "    for fd in (1, 2, 3):\n"
            "        os.close(fd)\n"
            "    os._exit(0)\n"
        )
        result = run_isolated(source, Call("f"))
        cpu = result.usage["cpu_s"]
        assert math.isfinite(cpu) and 0.0 <= cpu <= LIMITS.cpu_s + 1, (value, cpu)


def test_learner_text_that_a_database_cannot_store_is_made_safe() -> None:
    # NUL characters and lone surrogates in printed output, exception names and messages would make
    # PostgreSQL refuse the whole result (text and jsonb fields reject them).
    source = (
        "import os, struct, sys\n"
        "def printed():\n"
        "    print('out\\x00put')\n"
        "    sys.stderr.buffer.write(b'err\\x00or\\xff\\n')\n"
        "    return 1\n"
        "def raises():\n"
        "    raise ValueError('mess\\x00age \\ud800')\n"
        "def forged():\n"
        '    data = b\'{"t": "call", "i": 2, "ok": false, "etype": "Bad\\\\u0000Name", "emsg": "\\\\udfff"}\'\n'
        "    os.write(3, struct.pack('!I', len(data)) + data)\n"
    )
    result = run_isolated(source, Call("printed"), Call("raises"), Call("forged"))
    assert result.error_code is None
    assert result.stdout_tail == "out\ufffdput\n"
    assert result.stderr_tail == "err\ufffdor\ufffd\n"
    assert [(c.error_type, c.error_message) for c in result.calls[1:]] == [
        ("ValueError", "mess\ufffdage \ufffd"),
        ("Bad\ufffdName", "\ufffd"),
    ]
    fatal = run_isolated("raise ValueError('at import \\x00 \\udfff')\n", Call("f"))
    assert (fatal.error_code, fatal.error_detail) == ("import", "ValueError: at import \ufffd \ufffd")


def test_wrong_solution_that_prints_a_passing_result_frame_still_fails(bank) -> None:
    # Printed output is only ever shown back to the learner, never parsed.
    answers = [[[True, False], [True, True]], [[True]]]
    frames = b"".join(frame({"t": "call", "i": i, "ok": True, "v": v}) for i, v in enumerate(answers))
    source = solution(bank, "causal-mask", "wrong/upper_triangle.py") + (
        f"\nimport sys\nsys.stdout.buffer.write({frames + frame({'t': 'done'})!r})\n"
    )
    result = grade(bank, "causal-mask", source)
    assert result.error is None
    assert result.status == "failed"


def test_wrong_solution_that_forges_the_result_stream_and_exits_still_fails(bank) -> None:
    # The forger writes its own (wrong) answers in the driver's format, a done frame, and leaves with
    # status 0 before the driver can write anything: it is graded on exactly what it wrote.
    source = solution(bank, "causal-mask", "wrong/excludes_diagonal.py") + (
        "\nimport json, os, struct, sys\n"
        "from gpu_runner import codec\n"
        "_job = sys._getframe(1).f_locals['job']\n"
        "for _i, _call in enumerate(_job['calls']):\n"
        "    _v = codec.to_jsonable(causal_mask(*codec.from_jsonable(_call['args'])))\n"
        "    _d = json.dumps({'t': 'call', 'i': _i, 'ok': True, 'v': _v}).encode()\n"
        "    os.write(3, struct.pack('!I', len(_d)) + _d)\n"
        "_d = json.dumps({'t': 'done'}).encode()\n"
        "os.write(3, struct.pack('!I', len(_d)) + _d)\n"
        "os._exit(0)\n"
    )
    result = grade(bank, "causal-mask", source)
    assert result.error is None
    assert result.status == "failed"
    assert result.metrics == {"cases": 8, "passed": 1}  # n = 0 only: an empty mask is right either way


def test_wrong_solution_that_patches_the_driver_and_numpy_comparisons_still_fails(bank) -> None:
    # Everything inside the sandbox is the learner's to change: numpy's comparisons, the codec, the driver's
    # framing. None of it reaches the worker, where the expected values are computed and compared.
    source = solution(bank, "causal-mask", "wrong/int_dtype.py") + (
        "\nimport numpy as np, sys\n"
        "from gpu_runner import codec\n"
        "np.array_equal = np.allclose = lambda *a, **k: True\n"
        "np.isclose = lambda a, b, **k: np.ones(np.shape(a), dtype=bool)\n"
        "codec.from_jsonable = lambda obj, **k: obj\n"
        "sys.modules['gpu_runner._driver'].write_frame.__globals__['json'] = None\n"
    )
    result = grade(bank, "causal-mask", source)
    assert result.status != "passed"
    assert result.score == 0.0
