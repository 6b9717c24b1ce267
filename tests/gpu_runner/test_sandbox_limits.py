"""Resource limits: hostile code is stopped with the right error code, and nothing of it survives.

These use the real sandbox (bwrap, cgroups, seccomp). If bwrap is missing they fail: CI installs it.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from gpu_runner import sandbox
from gpu_runner.sandbox import Call, SandboxLimits
from tests.gpu_runner.sandboxing import EXPECTED_ISOLATION, assert_contained, run_isolated

LIMITS = SandboxLimits(cpu_s=2, wall_s=5, memory_mb=256, output_kb=64)


def run(source: str, *calls: Call, limits: SandboxLimits = LIMITS) -> sandbox.SandboxResult:
    return run_isolated(source, *calls, limits=limits)


def test_machine_offers_the_full_isolation_stack() -> None:
    assert os.access("/usr/bin/bwrap", os.X_OK), "bubblewrap must be installed (apt-get install bubblewrap)"
    assert sandbox.isolation_level() == EXPECTED_ISOLATION


def test_correct_numpy_function_returns_the_right_value() -> None:
    source = "import numpy as np\ndef softmax(x):\n    e = np.exp(x - x.max())\n    return e / e.sum()\n"
    x = np.array([1.0, 2.0, 3.0])
    result = run(source, Call("softmax", (x,)))
    assert result.error_code is None
    assert result.calls[0].ok
    np.testing.assert_allclose(result.calls[0].value, np.exp(x) / np.exp(x).sum(), rtol=1e-12)
    assert result.calls[0].value.dtype == np.float64
    assert set(result.usage) == {"wall_s", "cpu_s", "max_rss_mb"}
    assert_contained()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("limits", "source", "detail", "measure", "at_least", "under"),
    [
        # A generous wall limit: the CPU limit must be what stops it even on a busy shared machine; rusage is
        # sampled, so on a loaded VM the CPU time reads well under the limit.
        (
            SandboxLimits(cpu_s=1, wall_s=30, memory_mb=256, output_kb=64),
            "def f():\n    while True:\n        pass\n",
            "Stopped after the CPU-time limit of 1 s.",
            "cpu_s",
            0.5,
            float("inf"),
        ),
        (
            SandboxLimits(cpu_s=5, wall_s=1.5, memory_mb=256, output_kb=64),
            "import time\ndef f():\n    time.sleep(1000)\n",
            "Stopped after the wall-time limit of 1.5 s.",
            "wall_s",
            1.5,
            4,
        ),
    ],
    ids=["endless-loop-at-the-cpu-limit", "sleeping-forever-at-the-wall-limit"],
)
def test_a_run_past_a_time_limit_stops_as_timeout(limits, source, detail, measure, at_least, under) -> None:
    result = run(source, Call("f"), limits=limits)
    assert result.error_code == "timeout"
    assert result.error_detail == detail
    assert result.calls == []
    assert at_least <= result.usage[measure] < under
    assert_contained()


def test_eight_gigabyte_allocation_is_a_memory_error() -> None:
    result = run("import numpy as np\ndef f():\n    return np.ones(8 * 1024**3, dtype=np.uint8).sum()\n", Call("f"))
    assert result.error_code == "memory"
    assert result.error_detail == "MemoryError in f()"
    assert_contained()


@pytest.mark.slow
def test_slow_memory_growth_is_a_memory_error() -> None:
    source = "def f():\n    keep = []\n    while True:\n        keep.append(b'x' * (1 << 20))\n"
    result = run(source, Call("f"))
    assert result.error_code == "memory"
    assert_contained()


@pytest.mark.slow
def test_memory_growth_past_the_cgroup_limit_is_a_memory_error_even_when_killed() -> None:
    # Touching pages through numpy in a child process: the cgroup's OOM killer ends it, not a MemoryError.
    source = (
        "import os, numpy as np\n"
        "def f():\n"
        "    pid = os.fork()\n"
        "    if pid == 0:\n"
        "        blocks = [np.ones(32 * 1024**2, dtype=np.uint8) for _ in range(64)]\n"
        "        os._exit(0)\n"
        "    os.waitpid(pid, 0)\n"
        "    keep = [np.ones(32 * 1024**2, dtype=np.uint8) for _ in range(64)]\n"
    )
    result = run(source, Call("f"))
    assert result.error_code == "memory"
    assert_contained()


@pytest.mark.slow
def test_fork_bomb_is_contained_and_leaves_no_process() -> None:
    source = (
        "import os\n"
        "def f():\n"
        "    while True:\n"
        "        try:\n"
        "            os.fork()\n"
        "        except OSError:\n"
        "            pass\n"
    )
    result = run(source, Call("f"))
    assert result.error_code == "timeout"
    assert_contained()


def test_double_forked_orphan_does_not_outlive_the_run() -> None:
    source = (
        "import os, time\n"
        "def f():\n"
        "    if os.fork() == 0:\n"
        "        if os.fork() == 0:\n"
        "            time.sleep(1000)\n"
        "        os._exit(0)\n"
        "    time.sleep(0.2)\n"
        "    return 'left an orphan'\n"
    )
    result = run(source, Call("f"))
    assert result.error_code is None
    assert result.calls[0].value == "left an orphan"
    assert_contained()


def test_flooding_stdout_is_an_output_limit() -> None:
    result = run("def f():\n    while True:\n        print('x' * 1000)\n", Call("f"))
    assert result.error_code == "output_limit"
    assert result.error_detail == "More than 64 KB of output."
    assert result.stdout_tail.endswith("x" * 100 + "\n") or "x" * 1000 in result.stdout_tail
    assert_contained()


def test_writing_two_gigabytes_stops_at_the_file_size_limit() -> None:
    source = (
        "def f():\n"
        "    block = b'x' * (1 << 20)\n"
        "    with open('big.bin', 'wb') as fh:\n"
        "        for _ in range(2048):\n"
        "            fh.write(block)\n"
    )
    result = run(source, Call("f"))
    assert result.error_code is None
    assert result.calls[0].ok is False
    assert result.calls[0].error_type == "OSError"
    assert result.calls[0].error_message == "[Errno 27] File too large"
    assert_contained()


def test_many_files_fill_only_the_small_private_scratch() -> None:
    source = (
        "def f():\n"
        "    block = b'x' * (1 << 20)\n"
        "    for i in range(100):\n"
        "        with open(f'part{i}.bin', 'wb') as fh:\n"
        "            fh.write(block * 8)\n"
    )
    result = run(source, Call("f"))
    assert result.calls[0].ok is False
    assert result.calls[0].error_type == "OSError"
    assert result.calls[0].error_message == "[Errno 28] No space left on device"
    assert_contained()


def test_returning_more_than_the_result_cap_is_an_output_limit() -> None:
    result = run("def f():\n    return 'x' * (20 * 1024 * 1024)\n", Call("f"))
    assert (result.error_code, result.error_detail) == (
        "output_limit",
        "Your functions returned more than 16 MB of values.",
    )
    assert result.calls == []
    assert_contained()


def test_run_cgroup_holds_memory_pids_and_one_cpu_while_it_runs() -> None:
    from gpu_runner.sandbox import _cgroups

    if _cgroups.available() != "v1":
        pytest.skip("reads cgroup v1 files; this machine manages cgroups as v2")
    run("def f():\n    return 1\n", Call("f"))
    z = sandbox._current_zygote()
    assert z is not None
    base = {c: f"/sys/fs/cgroup/{c}/pathwise/slot-{z.slot.index}" for c in ("memory", "pids", "cpu")}
    seen: dict[str, object] = {}

    def watch() -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not seen:
            try:
                procs = [Path(d, "cgroup.procs").read_text().split() for d in base.values()]
                if all(procs):
                    seen["procs"] = [len(p) for p in procs]
                    seen["memory"] = Path(base["memory"], "memory.limit_in_bytes").read_text().strip()
                    seen["pids"] = Path(base["pids"], "pids.max").read_text().strip()
                    seen["cpu"] = Path(base["cpu"], "cpu.cfs_quota_us").read_text().strip()
            except OSError:
                pass
            time.sleep(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    result = run("import time\ndef f():\n    time.sleep(1.5)\n    return 'slept'\n", Call("f"))
    watcher.join()
    assert result.calls[0].value == "slept"
    assert seen == {"procs": [1, 1, 1], "memory": str((256 + 64) * 1024 * 1024), "pids": "32", "cpu": "100000"}
    assert_contained()
