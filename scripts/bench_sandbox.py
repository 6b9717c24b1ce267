"""Cost of one graded call: through the sandbox, as a bare fork of a warm parent, and as a fresh interpreter.

    .venv/bin/python scripts/bench_sandbox.py [-n 30] [--fresh 5]

Prints a markdown table (for BENCHMARKS.md). Each sample is one softmax call on a 100-element
vector, end to end: source in, decoded value out.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gpu_runner import codec
from gpu_runner._driver import _prewarm
from gpu_runner.sandbox import Call, SandboxLimits, isolation_level, run_calls

SOURCE = "import numpy as np\ndef softmax(x):\n    e = np.exp(x - x.max())\n    return e / e.sum()\n"
LIMITS = SandboxLimits(cpu_s=5, wall_s=20, memory_mb=512, output_kb=256)
X = np.linspace(-3.0, 3.0, 100)


def sandboxed() -> float:
    start = time.perf_counter()
    result = run_calls(SOURCE, [Call("softmax", (X,))], LIMITS)
    elapsed = time.perf_counter() - start
    assert result.error_code is None and result.calls[0].ok, result
    return elapsed


def bare_fork() -> float:
    """The same work in a child forked from this (warm) process, with no isolation at all."""
    start = time.perf_counter()
    args = codec.encode((X,))
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        namespace: dict = {}
        exec(compile(SOURCE, "submission.py", "exec"), namespace)
        value = namespace["softmax"](*codec.decode(args))
        os.write(w, codec.encode(value).encode())
        os._exit(0)
    os.close(w)
    chunks = []
    while chunk := os.read(r, 1 << 16):
        chunks.append(chunk)
    os.close(r)
    os.waitpid(pid, 0)
    codec.decode(b"".join(chunks))
    return time.perf_counter() - start


def fresh_interpreter() -> float:
    code = (
        "import sys, json, numpy as np, sklearn, sklearn.linear_model\n"
        f"exec(compile({SOURCE!r}, 'submission.py', 'exec'))\n"
        "print(json.dumps(softmax(np.linspace(-3.0, 3.0, 100)).tolist()))\n"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, env={"OPENBLAS_NUM_THREADS": "1"}
    )
    json.loads(done.stdout)
    return time.perf_counter() - start


def summary(samples: list[float]) -> tuple[float, float]:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return statistics.median(ms), p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30, help="samples for the sandbox and the bare fork")
    parser.add_argument("--fresh", type=int, default=5, help="samples for the fresh interpreter (slow)")
    opts = parser.parse_args()

    _prewarm()  # the bare fork gets the same warm set of modules as the sandbox's warm parent
    start = time.perf_counter()
    sandboxed()  # starts the slot's warm parent; not counted
    warmup = time.perf_counter() - start
    rows = []
    for name, fn, n in (
        ("sandbox (warm parent, bwrap + cgroup + seccomp)", sandboxed, opts.n),
        ("bare fork of a warm parent (no isolation)", bare_fork, opts.n),
        ("fresh interpreter importing numpy + scikit-learn", fresh_interpreter, opts.fresh),
    ):
        fn()  # one untimed warm-up each
        rows.append((name, n, *summary([fn() for _ in range(n)])))

    print(
        f"Sandbox overhead, softmax on 100 floats; {platform.node()}, {os.cpu_count()} CPUs, "
        f"load {os.getloadavg()[0]:.1f}; isolation `{isolation_level()}`; warm-parent start {warmup:.2f} s\n"
    )
    print("| path | runs | median ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for name, n, median, p95 in rows:
        print(f"| {name} | {n} | {median:.1f} | {p95:.1f} |")
    sandbox_median, fork_median, fresh_median = rows[0][2], rows[1][2], rows[2][2]
    print(
        f"\nsandbox / bare fork: {sandbox_median / fork_median:.2f}x; "
        f"fresh interpreter / sandbox: {fresh_median / sandbox_median:.0f}x"
    )


if __name__ == "__main__":
    main()
