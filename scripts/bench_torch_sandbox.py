"""The torch warm parent (exercise.yaml `requires: [torch]`) against the plain one and a fresh interpreter.

    .venv/bin/python scripts/bench_torch_sandbox.py [--starts 3] [-n 20] [--slow 5]

Prints markdown (for BENCHMARKS.md): how long each warm parent takes to start and how much memory it holds
(resident, of which anonymous, and proportional: shared library pages split among the processes that map
them), beside a fresh interpreter that imports torch; then the per-job cost of a small torch exercise (a
layer norm of a 4 x 16 array through `torch.nn.functional`) on the torch warm parent, on the plain one (the
learner's `import torch` then runs inside the job), and in a fresh interpreter, and of a NumPy softmax on
each warm parent (what forking the larger parent costs a job that needs no torch).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gpu_runner import sandbox
from gpu_runner.sandbox import Call, SandboxLimits, isolation_level, run_calls
from gpu_runner.sandbox._procs import uid_processes

LIMITS = SandboxLimits(cpu_s=10, wall_s=30, memory_mb=512, output_kb=256)
TORCH_SOURCE = (
    "import torch\n\ndef layer_norm(x):\n"
    "    return torch.nn.functional.layer_norm(torch.from_numpy(x), (x.shape[-1],))\n"
)
SOFTMAX_SOURCE = "import numpy as np\ndef softmax(x):\n    e = np.exp(x - x.max())\n    return e / e.sum()\n"
X = np.random.default_rng(0).normal(size=(4, 16)).astype(np.float32)
V = np.linspace(-3.0, 3.0, 100)
FRESH_TORCH = (
    "import sys, numpy as np, torch\n"
    "x = np.random.default_rng(0).normal(size=(4, 16)).astype(np.float32)\n"
    "y = torch.nn.functional.layer_norm(torch.from_numpy(x), (16,)).numpy()\n"
)


def start_parent(flavour: str) -> tuple[float, dict[str, float]]:
    """Seconds to start a fresh warm parent of `flavour`, and its memory in MB once started."""
    parent = sandbox._parent(flavour)
    with parent.lock:
        if parent.zygote is not None:
            parent.zygote.stop()
            parent.zygote = None
    started = time.perf_counter()
    sandbox.warm_up([flavour])
    elapsed = time.perf_counter() - started
    return elapsed, parent_memory(sandbox._current_zygote(flavour))


def parent_memory(z) -> dict[str, float]:
    """The warm parent's python process (bwrap's helpers hold a megabyte or two): VmRSS, RssAnon and Pss."""
    memory = {"rss": 0.0, "anon": 0.0, "pss": 0.0}
    for pid in uid_processes(z.slot.uid) if os.geteuid() == 0 else []:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in (status + rollup).splitlines() if ":" in line)
        if "python" not in fields.get("Name", ""):
            continue
        memory = {
            "rss": int(fields["VmRSS"].split()[0]) / 1024,
            "anon": int(fields["RssAnon"].split()[0]) / 1024,
            "pss": int(fields["Pss"].split()[0]) / 1024,
        }
    return memory


def fresh_interpreter(code: str) -> tuple[float, float]:
    """Seconds and peak resident MB of a fresh interpreter running `code`."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], env={"OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1"})
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    assert status == 0, f"the fresh interpreter failed with status {status}"
    return elapsed, usage.ru_maxrss / 1024


def job(source: str, call: Call, requires: tuple[str, ...]) -> float:
    started = time.perf_counter()
    result = run_calls(source, [call], LIMITS, requires=requires)
    elapsed = time.perf_counter() - started
    assert result.error_code is None and result.calls[0].ok, result
    return elapsed


def summary(samples: list[float]) -> tuple[float, float]:
    ms = sorted(s * 1000 for s in samples)
    return statistics.median(ms), ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=3, help="warm parent starts (and fresh imports) per kind")
    parser.add_argument("-n", type=int, default=20, help="jobs per fast path")
    parser.add_argument("--slow", type=int, default=5, help="jobs per slow path (torch imported per job)")
    opts = parser.parse_args()

    starts: dict[str, list[tuple[float, dict[str, float]]]] = {"plain": [], "torch": []}
    fresh: list[tuple[float, float]] = []
    for _ in range(opts.starts):
        for flavour in starts:
            starts[flavour].append(start_parent(flavour))
        fresh.append(fresh_interpreter("import torch, transformers, transformers.modeling_utils"))

    print(
        f"Torch warm parent; {platform.node()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; "
        f"isolation `{isolation_level()}`; {opts.starts} starts each\n"
    )
    print("| | start-up s (median) | resident MB | of which anonymous MB | proportional (PSS) MB |")
    print("|---|---:|---:|---:|---:|")
    for flavour, label in (
        ("plain", "plain warm parent (numpy, scikit-learn)"),
        ("torch", "torch warm parent (+ torch, transformers)"),
    ):
        seconds = statistics.median(s for s, _ in starts[flavour])
        memory = starts[flavour][-1][1]
        print(f"| {label} | {seconds:.2f} | {memory['rss']:.0f} | {memory['anon']:.0f} | {memory['pss']:.0f} |")
    fresh_s = statistics.median(s for s, _ in fresh)
    fresh_mb = statistics.median(mb for _, mb in fresh)
    print(f"| fresh interpreter importing torch + transformers | {fresh_s:.2f} | {fresh_mb:.0f} (peak) | | |")

    layer_norm = Call("layer_norm", (X,))
    softmax = Call("softmax", (V,))
    rows = []
    for label, fn, n in (
        ("layer norm in torch, torch warm parent", lambda: job(TORCH_SOURCE, layer_norm, ("torch",)), opts.n),
        (
            "layer norm in torch, plain warm parent (imports torch)",
            lambda: job(TORCH_SOURCE, layer_norm, ()),
            opts.slow,
        ),
        ("layer norm in torch, fresh interpreter", lambda: fresh_interpreter(FRESH_TORCH)[0], opts.slow),
        ("NumPy softmax, plain warm parent", lambda: job(SOFTMAX_SOURCE, softmax, ()), opts.n),
        ("NumPy softmax, torch warm parent", lambda: job(SOFTMAX_SOURCE, softmax, ("torch",)), opts.n),
    ):
        fn()  # one untimed run each
        rows.append((label, n, *summary([fn() for _ in range(n)])))
    print("\n| job | runs | median ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for label, n, median, p95 in rows:
        print(f"| {label} | {n} | {median:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
