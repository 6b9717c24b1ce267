"""The warm parent: one slot per process, transparent restart, and no way for a run to outlive itself."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from gpu_runner import sandbox
from gpu_runner.sandbox import Call, SandboxLimits, run_calls
from gpu_runner.sandbox._zygote import SLOT_UID_BASE, descendants_of, uid_processes
from tests.gpu_runner.sandboxing import EXPECTED_ISOLATION, LIMITS, forged_done_source

REPO = Path(__file__).resolve().parents[2]


def test_runs_reuse_one_warm_parent_that_runs_as_the_slot_uid() -> None:
    run_calls("def f():\n    return 1\n", [Call("f")], LIMITS)
    z = sandbox._current_zygote()
    assert z is not None
    first_pid = z.proc.pid
    result = run_calls("import os\ndef f():\n    return os.getuid()\n", [Call("f")], LIMITS)
    assert sandbox._current_zygote() is z and z.proc.pid == first_pid
    assert result.calls[0].value == z.slot.uid == SLOT_UID_BASE + z.slot.index
    # bwrap, its init and the driver: all the slot's processes, none of them root.
    assert len(z.base_pids) == 3
    # The run may still be exiting when run_calls returns; leftovers() waits for it to be reaped.
    assert sandbox.leftovers() == {"processes": [], "cgroups": []}
    assert set(uid_processes(z.slot.uid)) == set(z.base_pids)


def test_warm_parent_that_died_is_restarted_transparently() -> None:
    run_calls("def f():\n    return 1\n", [Call("f")], LIMITS)
    z = sandbox._current_zygote()
    assert z is not None
    os.kill(z.proc.pid, signal.SIGKILL)  # bwrap goes; --die-with-parent takes the driver with it
    z.proc.wait(10)
    result = run_calls("def f():\n    return 'again'\n", [Call("f")], LIMITS)
    assert (result.error_code, result.calls[0].value) == (None, "again")
    assert sandbox._current_zygote() is not z
    assert sandbox.leftovers() == {"processes": [], "cgroups": []}


def test_warm_parent_dying_during_a_run_is_an_internal_error_then_recovers() -> None:
    run_calls("def f():\n    return 1\n", [Call("f")], LIMITS)
    z = sandbox._current_zygote()
    assert z is not None
    # The worker side stands in for a fault of the platform: it kills bwrap while the learner sleeps.
    killer = subprocess.Popen([sys.executable, "-c", f"import os, time; time.sleep(1.0); os.kill({z.proc.pid}, 9)"])
    result = run_calls("import time\ndef f():\n    time.sleep(5)\n", [Call("f")], LIMITS)
    killer.wait(10)
    assert result.error_code == "internal"
    again = run_calls("def f():\n    return 3\n", [Call("f")], LIMITS)
    assert (again.error_code, again.calls[0].value) == (None, 3)


def test_concurrent_processes_get_different_slots() -> None:
    run_calls("def f():\n    return 1\n", [Call("f")], LIMITS)
    z = sandbox._current_zygote()
    assert z is not None
    code = "from gpu_runner.sandbox._zygote import Slot; s = Slot(); print(s.index, s.uid)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO, check=True
    )
    index, uid = map(int, done.stdout.split())
    assert index != z.slot.index
    assert uid == SLOT_UID_BASE + index


def test_nothing_of_a_timed_out_run_survives_into_the_next() -> None:
    limits = SandboxLimits(cpu_s=5, wall_s=1, memory_mb=256, output_kb=64)
    source = (
        "import os, time\n"
        "def f():\n"
        "    for _ in range(5):\n"
        "        if os.fork() == 0:\n"
        "            os.setsid()\n"
        "            time.sleep(1000)\n"
        "    time.sleep(1000)\n"
    )
    sandbox.warm_up()
    start = time.monotonic()
    result = run_calls(source, [Call("f")], limits)
    assert result.error_code == "timeout"
    assert time.monotonic() - start < 10
    assert sandbox.leftovers() == {"processes": [], "cgroups": []}


def test_warm_up_starts_the_warm_parent_ahead_of_the_first_run() -> None:
    assert sandbox.warm_up() == EXPECTED_ISOLATION
    z = sandbox._current_zygote()
    assert z is not None and z.alive()
    start = time.monotonic()
    result = run_calls("def f():\n    return 1\n", [Call("f")], LIMITS)
    assert result.calls[0].value == 1
    assert sandbox._current_zygote() is z
    assert time.monotonic() - start < 2  # no interpreter start-up: a fork of the warm parent


WARM_UP_FROM_A_THREAD = """
import json, threading, time
from gpu_runner import sandbox
from gpu_runner.sandbox import Call, SandboxLimits, run_calls

thread = threading.Thread(target=sandbox.warm_up, args=(["plain"],), name="sandbox-warm-up")
thread.start()
thread.join()
time.sleep(1.0)  # the thread is gone: a warm parent tied to it would be dead by now
z = sandbox._current_zygote()
alive, pid = z.alive(), z.proc.pid
result = run_calls("def f():\\n    return 1\\n", [Call("f")], SandboxLimits(5, 20, 256, 64))
after = sandbox._current_zygote()
print(json.dumps([alive, result.calls[0].value, after is z and after.proc.pid == pid]))
"""


def test_a_warm_parent_started_from_a_thread_that_ends_serves_the_first_run() -> None:
    # Celery's warm-up starts it from a short-lived thread; bwrap dies with the thread that forked its launcher
    # (PR_SET_PDEATHSIG), so the warm parents are started from the sandbox's own keeper thread.
    done = subprocess.run(
        [sys.executable, "-c", WARM_UP_FROM_A_THREAD],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [True, 1, True]


def test_a_late_kill_request_between_runs_is_ignored() -> None:
    run_calls("def f():\n    return 1\n", [Call("f")], LIMITS)
    z = sandbox._current_zygote()
    assert z is not None
    z.kill_child()  # as if a wall-time kill crossed the child's normal exit
    z.kill_child()
    result = run_calls("def f():\n    return 'next'\n", [Call("f")], LIMITS)
    assert (result.error_code, result.calls[0].value) == (None, "next")
    assert sandbox._current_zygote() is z


def test_forged_done_then_lingering_is_ended_before_the_next_run() -> None:
    # A learner can write the driver's "done" frame itself and close its pipes, then keep running.
    # The answer it forged is only its own; what matters is that the next run starts clean.
    source = forged_done_source("time.sleep(1000)")
    limits = SandboxLimits(cpu_s=5, wall_s=2, memory_mb=256, output_kb=64)
    sandbox.warm_up()
    sandbox.leftovers()  # settles any earlier run, so only this one is timed
    start = time.monotonic()
    first = run_calls(source, [Call("f")], limits)
    assert first.error_code is None and first.calls == []
    assert time.monotonic() - start < 2
    second = run_calls(
        "import os\ndef g():\n    return sorted(p for p in os.listdir('/proc') if p.isdigit())\n", [Call("g")], LIMITS
    )
    assert (second.error_code, second.calls[0].value) == (None, ["1"])
    assert time.monotonic() - start < 2 + 1 + 10  # held to the first run's wall limit, then killed
    assert sandbox.leftovers() == {"processes": [], "cgroups": []}


def test_the_warm_parents_own_processes_are_told_from_others_of_the_same_uid() -> None:
    # A replaced warm parent's processes may still be in /proc when the new one records its own: only the
    # new one's descendants count as its base (a stray reusing a dead base pid would otherwise be spared).

    tree = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import subprocess, sys, time; "
            "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(30)']); time.sleep(30)",
        ]
    )
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        deadline = time.monotonic() + 10
        children: list[int] = []
        while not children and time.monotonic() < deadline:
            children = [int(p) for p in Path(f"/proc/{tree.pid}/task/{tree.pid}/children").read_text().split()]
            time.sleep(0.05)
        assert children
        assert descendants_of(tree.pid, [tree.pid, *children, other.pid, 999_999_999]) == {tree.pid, *children}
    finally:
        for process in (tree, other):
            process.kill()
            process.wait()
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
