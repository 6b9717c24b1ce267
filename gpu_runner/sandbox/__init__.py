"""Run untrusted learner code under isolation and limits; return raw outputs and usage.

    run_calls(source, [Call("softmax", (x,))], SandboxLimits(...)) -> SandboxResult

The layers (see DESIGN.md, "The sandbox, in layers"): a slot uid per worker process, a cgroup per
run (memory + pids), bwrap namespaces (no network, read-only system and interpreter, nothing else of
the host), a warm parent inside the sandbox that forks each run into a fresh pid + mount namespace
with its own tmpfs scratch, rlimits, no capabilities and a seccomp filter. Values cross the
boundary only through `gpu_runner.codec`; everything coming back is untrusted and read through
pipes with byte caps.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from dataclasses import dataclass, field
from typing import Any

from gpu_runner.sandbox._run import execute
from gpu_runner.sandbox._zygote import Slot, Zygote, ZygoteError

log = logging.getLogger(__name__)

ALLOW_UNISOLATED_ENV = "PATHWISE_SANDBOX_ALLOW_UNISOLATED"
# Operators (and tests of the fallback) may ask for a weaker level than the machine offers, never a stronger one.
FORCE_LEVEL_ENV = "PATHWISE_SANDBOX_ISOLATION"
NO_ISOLATION_MESSAGE = (
    "No sandbox isolation is available on this machine (bubblewrap with user namespaces, or root to "
    f"switch to a slot uid). Refusing to run learner code; set {ALLOW_UNISOLATED_ENV}=1 to run it unisolated."
)
UNISOLATED_WARNING = "Running learner code WITHOUT isolation (%s=1): never do this with untrusted code."


@dataclass(frozen=True)
class SandboxLimits:
    cpu_s: float
    wall_s: float
    memory_mb: int
    output_kb: int
    processes: int = 32
    file_mb: int = 16
    open_files: int = 64


@dataclass(frozen=True)
class Call:
    fn: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CallResult:
    ok: bool
    value: Any = None
    error_type: str | None = None
    error_message: str | None = None


@dataclass(frozen=True)
class SandboxResult:
    error_code: str | None
    error_detail: str
    calls: list[CallResult]
    stdout_tail: str
    stderr_tail: str
    usage: dict
    isolation: str


class SandboxUnavailable(RuntimeError):
    """No isolation is available and running unisolated was not allowed."""


_lock = threading.Lock()  # one run at a time per process: the process owns one slot and one warm parent
_state: dict[str, Any] = {}


def _probe() -> tuple[str, str]:
    """(mode, isolation label) for this machine: the strongest available, or a forced weaker one."""
    from gpu_runner.sandbox import _cgroups, _checks

    forced = os.environ.get(FORCE_LEVEL_ENV, "")
    seccomp = _checks.seccomp_available()
    cg = _cgroups.available()
    if forced not in ("rlimits", "none") and _checks.bwrap_works():
        parts = ["bwrap"] + (["cgroup"] if cg else []) + (["seccomp"] if seccomp else [])
        return "bwrap", "+".join(parts)
    if forced != "none" and os.geteuid() == 0 and seccomp:
        return "rlimits", "rlimits"
    if os.environ.get(ALLOW_UNISOLATED_ENV) == "1":
        return "none", "none"
    raise SandboxUnavailable(NO_ISOLATION_MESSAGE)


def isolation_level() -> str:
    """The isolation runs get on this machine: e.g. "bwrap+cgroup+seccomp", "rlimits" or "none".

    Raises SandboxUnavailable when nothing isolates and unisolated runs are not allowed.
    """
    return _probe()[1]


def _settle_at_exit() -> None:
    """At interpreter exit, reap the last run so that its cgroup does not outlive this process."""
    from gpu_runner.sandbox._run import settle

    z: Zygote | None = _state.get("zygote")
    if z is not None and z.slot.owner_pid == os.getpid():
        settle(z)


atexit.register(_settle_at_exit)


def _zygote() -> Zygote:
    """This process's warm parent, (re)started when missing, dead, or inherited across a fork."""
    z: Zygote | None = _state.get("zygote")
    if z is not None and z.slot.owner_pid != os.getpid():
        # Forked from the owner (e.g. a prefork pool): the slot and warm parent are the parent's. Close
        # our copy of its socket, never stop it, and take a slot of our own.
        if z.sock is not None:
            z.sock.close()
        z = None
        _state.clear()
    if z is not None and z.alive():
        return z
    if z is not None:
        z.stop()
    mode, label = _probe()
    slot = _state.get("slot") or Slot()
    _state["slot"] = slot
    z = Zygote(slot, mode)
    z.label = label
    try:
        z.start()
    except ZygoteError:
        z.stop()
        raise
    _state["zygote"] = z
    return z


def warm_up() -> str:
    """Start this process's warm parent now (e.g. from Celery's worker_process_init), so the first
    submission does not pay for importing scikit-learn. Returns the isolation level."""
    with _lock:
        return _zygote().label


def run_calls(source: str, calls: list[Call], limits: SandboxLimits) -> SandboxResult:
    """Run the learner's module `source`, then each call in order, inside the sandbox.

    Never raises for anything the learner does; platform failures come back as error_code "internal".
    When it returns, the run has answered and closed its pipes; the kernel may still be tearing its
    process down. That is waited for (and its cgroup removed) before the next run starts.
    Raises SandboxUnavailable only when the machine offers no isolation and it was not allowed.
    """
    with _lock:
        try:
            z = _zygote()
        except SandboxUnavailable:
            raise
        except (ZygoteError, OSError) as exc:
            log.exception("sandbox could not start")
            return SandboxResult("internal", f"the sandbox could not start: {exc}", [], "", "", {}, "none")
        if z.mode == "none":
            log.warning(UNISOLATED_WARNING, ALLOW_UNISOLATED_ENV)
        try:
            outcome = execute(z, source, calls, limits)
        except Exception as exc:  # a platform fault (cgroup setup, a broken pipe...), never the learner's
            log.exception("sandbox run failed")
            z.stop()
            _state.pop("zygote", None)
            return SandboxResult("internal", f"the sandbox failed: {type(exc).__name__}", [], "", "", {}, z.label)
        if outcome.restart:
            z.stop()
            _state.pop("zygote", None)
        results = [CallResult(**c) for c in outcome.calls]
        return SandboxResult(
            outcome.code, outcome.detail, results, outcome.stdout_tail, outcome.stderr_tail, outcome.usage, z.label
        )


def _current_zygote() -> Zygote | None:
    """For tests and diagnostics: this process's warm parent, if one is running."""
    return _state.get("zygote")


def leftovers() -> dict[str, list]:
    """What a finished run left behind (should be nothing): processes of the slot uid other than the
    warm parent's own, and run cgroups still present. For health checks and tests."""
    from gpu_runner.sandbox import _cgroups
    from gpu_runner.sandbox._run import settle
    from gpu_runner.sandbox._zygote import uid_processes

    with _lock:
        z: Zygote | None = _state.get("zygote")
        if z is not None and not settle(z):
            z.stop()
    if z is None or os.geteuid() != 0:
        return {"processes": [], "cgroups": []}
    strays = sorted(set(uid_processes(z.slot.uid)) - set(z.base_pids))
    cgroups = [d for d in _cgroups.run_dirs(f"slot-{z.slot.index}") if os.path.isdir(d)]
    return {"processes": strays, "cgroups": cgroups}


__all__ = [
    "Call",
    "CallResult",
    "SandboxLimits",
    "SandboxResult",
    "SandboxUnavailable",
    "isolation_level",
    "leftovers",
    "run_calls",
    "warm_up",
]
