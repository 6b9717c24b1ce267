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
from gpu_runner.sandbox._zygote import Slot, Zygote, ZygoteError, flavour_for
from gpu_runner.spec import Limits

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
class SandboxLimits(Limits):
    """A job's limits, and the sandbox's own bounds on processes, file size and open files."""

    processes: int = 32
    file_mb: int = 16
    open_files: int = 64

    @classmethod
    def of(cls, limits: Limits) -> SandboxLimits:
        return cls(cpu_s=limits.cpu_s, wall_s=limits.wall_s, memory_mb=limits.memory_mb, output_kb=limits.output_kb)


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
    forbidden: tuple[str, ...] = ()  # forbidden modules the learner's code tried to import (refused)
    error_text: Any = ""  # error_detail as a gpu_runner.texts Text (keyed where the sandbox wrote it)


class SandboxUnavailable(RuntimeError):
    """No isolation is available and running unisolated was not allowed."""


@dataclass
class _Parent:
    """One flavour of warm parent in this process, with its own slot (uid, cgroups) and its own lock: one run
    at a time per slot. A torch job and a plain one never wait for each other's warm parent."""

    flavour: str
    lock: threading.Lock = field(default_factory=threading.Lock)
    slot: Slot | None = None
    zygote: Zygote | None = None


_registry = threading.Lock()
_parents: dict[str, _Parent] = {}
_owner = {"pid": os.getpid()}


def _parent(flavour: str) -> _Parent:
    with _registry:
        if _owner["pid"] != os.getpid():
            # Forked from the owner (e.g. a prefork pool): the slots and warm parents are the parent's. Close
            # our copies of their sockets, never stop them, and take slots of our own.
            for parent in _parents.values():
                if parent.zygote is not None and parent.zygote.sock is not None:
                    parent.zygote.sock.close()
            _parents.clear()
            _owner["pid"] = os.getpid()
        return _parents.setdefault(flavour, _Parent(flavour))


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
    """At interpreter exit, reap the last runs so that their cgroups do not outlive this process."""
    from gpu_runner.sandbox._run import settle

    if _owner["pid"] != os.getpid():
        return
    for parent in list(_parents.values()):
        if parent.zygote is not None:
            settle(parent.zygote)


atexit.register(_settle_at_exit)


def _zygote(parent: _Parent) -> Zygote:
    """The flavour's warm parent, (re)started when missing or dead. Call with `parent.lock` held."""
    z = parent.zygote
    if z is not None and z.alive():
        return z
    if z is not None:
        z.stop()
    mode, label = _probe()
    parent.slot = parent.slot or Slot()
    z = Zygote(parent.slot, mode, parent.flavour)
    z.label = label
    try:
        z.start()
    except ZygoteError:
        z.stop()
        raise
    parent.zygote = z
    return z


def warm_up(flavours: list[str] | None = None) -> str:
    """Start this process's warm parents now (e.g. from Celery's worker_process_init), so the first
    submission does not pay for importing scikit-learn (or torch). Returns the isolation level.

    `flavours` defaults to the plain warm parent and those that the default bank's exercises `require`."""
    label = ""
    for flavour in flavours if flavours is not None else bank_flavours():
        parent = _parent(flavour)
        with parent.lock:
            label = _zygote(parent).label
    return label


def bank_flavours() -> list[str]:
    """ "plain", then every warm parent flavour that an exercise of the default bank requires."""
    from gpu_runner.bank import Bank, BankError

    try:
        requires = {exercise.requires for exercise in Bank.default().all()}
    except BankError:  # a malformed bank fails its own jobs clearly; the warm-up still starts the plain parent
        log.exception("sandbox warm-up: the exercise bank does not load")
        requires = set()
    return ["plain", *sorted({flavour_for(r) for r in requires} - {"plain"})]


def run_calls(
    source: str,
    calls: list[Call],
    limits: SandboxLimits,
    *,
    forbidden: tuple[str, ...] = (),
    requires: tuple[str, ...] = (),
) -> SandboxResult:
    """Run the learner's module `source`, then each call in order, inside the sandbox.

    `forbidden` top-level modules are refused to the learner's code (gpu_runner/_imports.py); the ones it tried
    come back in `SandboxResult.forbidden`. `requires` (torch, transformers) runs it on a warm parent that has
    imported them already.

    Never raises for anything the learner does; platform failures come back as error_code "internal".
    When it returns, the run has answered and closed its pipes; the kernel may still be tearing its
    process down. That is waited for (and its cgroup removed) before the next run starts.
    Raises SandboxUnavailable only when the machine offers no isolation and it was not allowed.
    """
    parent = _parent(flavour_for(requires))
    with parent.lock:
        try:
            z = _zygote(parent)
        except SandboxUnavailable:
            raise
        except (ZygoteError, OSError) as exc:
            log.exception("sandbox could not start")
            # What went wrong (the warm parent's stderr, paths of this host) is in the log, for staff.
            return SandboxResult(
                "internal", f"the sandbox could not start ({type(exc).__name__})", [], "", "", {}, "none"
            )
        if z.mode == "none":
            log.warning(UNISOLATED_WARNING, ALLOW_UNISOLATED_ENV)
        try:
            outcome = execute(z, source, calls, limits, tuple(forbidden))
        except Exception as exc:  # a platform fault (cgroup setup, a broken pipe...), never the learner's
            log.exception("sandbox run failed")
            z.stop()
            parent.zygote = None
            return SandboxResult("internal", f"the sandbox failed: {type(exc).__name__}", [], "", "", {}, z.label)
        if outcome.restart:
            z.stop()
            parent.zygote = None
        results = [CallResult(**c) for c in outcome.calls]
        return SandboxResult(
            outcome.code,
            outcome.detail,
            results,
            outcome.stdout_tail,
            outcome.stderr_tail,
            outcome.usage,
            z.label,
            forbidden=tuple(outcome.forbidden),
            error_text=outcome.text or outcome.detail,
        )


def _current_zygote(flavour: str = "plain") -> Zygote | None:
    """For tests and diagnostics: this process's warm parent of that flavour, if one was started."""
    parent = _parents.get(flavour) if _owner["pid"] == os.getpid() else None
    return parent.zygote if parent is not None else None


def leftovers() -> dict[str, list]:
    """What finished runs left behind (should be nothing): processes of the slot uids other than the warm
    parents' own, and run cgroups still present. For health checks and tests."""
    from gpu_runner.sandbox import _cgroups
    from gpu_runner.sandbox._run import settle
    from gpu_runner.sandbox._zygote import uid_processes

    found: dict[str, list] = {"processes": [], "cgroups": []}
    for flavour in list(_parents) if _owner["pid"] == os.getpid() else []:
        parent = _parent(flavour)
        with parent.lock:
            z = parent.zygote
            if z is not None and not settle(z):
                z.stop()
        if z is None or os.geteuid() != 0:
            continue
        found["processes"] += sorted(set(uid_processes(z.slot.uid)) - set(z.base_pids))
        found["cgroups"] += [d for d in _cgroups.run_dirs(f"slot-{z.slot.index}") if os.path.isdir(d)]
    return found


__all__ = [
    "Call",
    "CallResult",
    "SandboxLimits",
    "SandboxResult",
    "SandboxUnavailable",
    "bank_flavours",
    "flavour_for",
    "isolation_level",
    "leftovers",
    "run_calls",
    "warm_up",
]
