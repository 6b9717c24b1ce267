"""What the sandbox tests share: the isolation this machine must provide, the usual limits, a checked run and
the check that nothing of a run is left. (No Django here: tests/gpu_runner imports only gpu_runner.)"""

from __future__ import annotations

import os

from gpu_runner import sandbox
from gpu_runner.bank import Bank
from gpu_runner.run import run_job
from gpu_runner.sandbox import Call, SandboxLimits, run_calls
from gpu_runner.spec import ExerciseRef, JobResult, JobSpec, Limits

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


def grade_bank_exercise(
    bank: Bank, slug: str, source: str, *, limits: Limits | None = None, job_id: str = "test", seed: int = 20261129
) -> JobResult:
    """run_job on a bank exercise with `source` as the learner's code (the exercise's own limits by default)."""
    exercise = bank.get(slug)
    spec = JobSpec(
        job_id=job_id,
        kind=exercise.kind,
        exercise=ExerciseRef(slug=slug, sha256=exercise.sha256),
        payload={"source": source},
        limits=limits or exercise.limits,
        seed=seed,
    )
    return run_job(spec, bank=bank)


def forged_done_source(linger: str) -> str:
    """Learner code that writes the driver's "done" frame itself, closes its pipes and then runs `linger`."""
    return (
        "import json, os, struct, time\n"
        "def f():\n"
        "    data = json.dumps({'t': 'done'}).encode()\n"
        "    os.write(3, struct.pack('!I', len(data)) + data)\n"
        "    for fd in (1, 2, 3):\n"
        "        os.close(fd)\n"
        f"    {linger}\n"
    )
