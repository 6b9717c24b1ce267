"""What the sandbox tests share: the isolation this machine must provide, the usual limits, a checked run and
the check that nothing of a run is left. (No Django here: tests/gpu_runner imports only gpu_runner.)"""

from __future__ import annotations

import os

from gpu_runner import sandbox
from gpu_runner.sandbox import Call, SandboxLimits, run_calls

# What this machine must provide; CI without root or cgroups may declare less, never silently.
EXPECTED_ISOLATION = os.environ.get("PATHWISE_SANDBOX_EXPECTED_ISOLATION", "bwrap+cgroup+seccomp")
LIMITS = SandboxLimits(cpu_s=5, wall_s=20, memory_mb=256, output_kb=64)


def run_isolated(source: str, *calls: Call, limits: SandboxLimits = LIMITS) -> sandbox.SandboxResult:
    """run_calls, and the run had the full isolation this machine must provide."""
    result = run_calls(source, list(calls), limits)
    assert result.isolation == EXPECTED_ISOLATION
    return result


def assert_contained() -> None:
    """The warm parent survived, and no process or cgroup of the run is left."""
    z = sandbox._current_zygote()
    assert z is not None and z.alive()
    assert sandbox.leftovers() == {"processes": [], "cgroups": []}
