"""One run through a warm parent: send the job, watch the pipes under caps and deadlines, map the outcome."""

from __future__ import annotations

import logging
import math
import os
import secrets
import signal
import time
from dataclasses import dataclass, field
from typing import Any

from gpu_runner import codec
from gpu_runner.sandbox import _cgroups
from gpu_runner.sandbox._frames import (
    EXCEEDED,
    EXTRA_FRAMES,
    Decoded,
    Parsed,
    done_cpu,
    ours,
    started,
    storable,
    tried_forbidden,
)
from gpu_runner.sandbox._job import fresh_scratch, header, job_body
from gpu_runner.sandbox._watch import (
    DONE,
    MB,
    REPORT_GRACE_S,
    RESULT_CAP,
    TAIL_CAP,
    ResultStream,
    Stream,
    watch,
)
from gpu_runner.sandbox._zygote import Zygote, kill_uid_processes
from gpu_runner.texts import Text, english, message

log = logging.getLogger(__name__)

CGROUP_SLACK = 64 * MB  # so that a too-big allocation usually ends in a clean MemoryError first
EXIT_SYSEXIT, EXIT_SETUP_FAILED, EXIT_DRIVER_MEMORY, EXIT_CPU = 87, 71, 72, 73
FOREIGN_RESULT = "The run's result stream did not begin with its own start frame; nothing of it was graded."
# Reading back the values has at least this much CPU time, however much of its limit the run itself used.
MIN_DECODE_S = 0.5


@dataclass
class Outcome:
    code: str | None
    detail: str
    calls: list[dict[str, Any]] = field(default_factory=list)
    stdout_tail: str = ""
    stderr_tail: str = ""
    usage: dict[str, Any] = field(default_factory=dict)
    restart: bool = False
    forbidden: list[str] = field(default_factory=list)  # forbidden modules the learner's code tried to import
    text: Text = ""  # the detail as a gpu_runner.texts Text, for a learner in their language


@dataclass
class Pending:
    """A run whose answer is in but whose process is still being torn down by the kernel."""

    cg: _cgroups.RunCgroup | None
    deadline: float
    job: int


def settle(z: Zygote) -> bool:
    """Finish the previous run: its process reaped, its cgroup emptied and removed.

    Called before the next run (and by leftovers()): nothing of one run may overlap the next.
    Returns False when the warm parent did not report and must be replaced.
    """
    pending: Pending | None = z.pending
    if pending is None:
        return True
    z.pending = None
    report = z.read_report(pending.job, max(0.05, pending.deadline - time.monotonic()))
    if report is None:  # it said "done" but did not exit in time (or forged "done"): end it
        z.kill_child()
        if pending.cg:
            pending.cg.kill_all(timeout=1.0)
        report = z.read_report(pending.job, REPORT_GRACE_S)
    if pending.cg:
        pending.cg.finish()
    return report is not None


def execute(z: Zygote, source: str, calls: list[Any], limits: Any, forbidden: tuple[str, ...] = ()) -> Outcome:
    # The driver writes one frame per call and per forbidden module tried, and a few of its own.
    max_frames = len(calls) + len(forbidden) + EXTRA_FRAMES
    if not settle(z):
        return Outcome("internal", "The sandbox's warm parent stopped answering.", restart=True)
    try:
        body = job_body(source, calls, forbidden)
    except (codec.EncodeError, ValueError) as exc:
        return Outcome("internal", f"the grader's arguments cannot be sent to the sandbox: {exc}")
    cg_version = _cgroups.available() if z.mode != "none" else None
    cg = None
    if cg_version:
        cg = _cgroups.RunCgroup(
            f"slot-{z.slot.index}", int(limits.memory_mb) * MB + CGROUP_SLACK, int(limits.processes), cg_version
        )
    try:
        return _execute(z, body, limits, cg, forbidden, max_frames)
    except BaseException:
        # A platform fault mid-run: stop the child and leave no cgroup behind; the caller replaces
        # the warm parent, which takes every process of the run with it.
        z.kill_child()
        if cg and cg.dirs:
            cg.finish()
        raise


def _execute(
    z: Zygote, body: bytes, limits: Any, cg: _cgroups.RunCgroup | None, forbidden: tuple[str, ...], max_frames: int
) -> Outcome:
    if cg:
        cg.create()
    pipes = [os.pipe2(os.O_CLOEXEC) for _ in range(3)]
    streams = [
        Stream(pipes[0][0], TAIL_CAP),
        Stream(pipes[1][0], TAIL_CAP),
        Stream(pipes[2][0], RESULT_CAP, whole=True),
    ]
    result = ResultStream(streams[2], max_frames)
    cg_fds = cg.proc_fds() if cg else []
    z.jobs += 1
    nonce = secrets.token_hex(16)
    start = time.monotonic()
    try:
        z.send_job(header(z, limits, fresh_scratch(z), nonce), body, [w for _, w in pipes] + cg_fds)
    except OSError as exc:
        for fd in [fd for pair in pipes for fd in pair] + cg_fds:
            os.close(fd)
        if cg:
            cg.finish()
            cg.dirs = []
        return Outcome("internal", f"the sandbox stopped answering: {exc}", restart=True)
    for fd in [w for _, w in pipes] + cg_fds:
        os.close(fd)
    try:
        report, killed_for, restart = watch(z, streams, limits, cg, start, nonce, result)
    finally:
        for s in streams:
            os.close(s.fd)
    wall = time.monotonic() - start
    report, stats, deferred = _settle(z, cg, report, limits, start)
    outcome = _outcome(report, killed_for, result, stats, limits, nonce, deferred, forbidden)
    outcome.stdout_tail = storable(streams[0].data.decode("utf-8", errors="replace"))
    outcome.stderr_tail = storable(streams[1].data.decode("utf-8", errors="replace"))
    outcome.usage = {"wall_s": round(wall, 4), **outcome.usage}
    outcome.restart = outcome.restart or restart
    return outcome


def _settle(z: Zygote, cg: Any, report: dict | None, limits: Any, start: float) -> tuple[dict | None, dict, bool]:
    """The run's cgroup statistics, and its leftovers cleared; a run that answered in full is reaped later."""
    deferred = report is DONE
    if deferred:
        # The child answered and closed its pipes: return now, reap it before the next run (settle).
        z.pending = Pending(cg, start + float(limits.wall_s) + 1.0, z.jobs)
        stats = cg.stats() if cg else {"oom_kills": 0, "peak_bytes": 0}
        report = {"status": 0}  # it is exiting after "done"; settle() collects the real status
    else:
        stats = cg.finish() if cg else {"oom_kills": 0, "peak_bytes": 0}
        if cg:
            cg.dirs = []  # finished: nothing for execute()'s fault handler to clean
    if z.mode not in ("bwrap", "none") and os.geteuid() == 0:
        kill_uid_processes(z.slot.uid, keep=z.base_pids)  # no pid namespace to take leftovers down
    return report, stats, deferred


def _outcome(
    report: dict | None,
    killed_for: str | None,
    result: ResultStream,
    stats: dict,
    limits: Any,
    nonce: str,
    deferred: bool,
    forbidden: tuple[str, ...],
) -> Outcome:
    """The run's verdict from what it reported and wrote, with its CPU time and peak memory."""
    parsed = result.parsed()
    if deferred:
        # The run's own count (informational; it could lie): held to what the CPU limit allows.
        cpu = done_cpu(parsed.frames, math.ceil(float(limits.cpu_s)) + 1)
    else:
        cpu = float(report.get("utime", 0.0)) + float(report.get("stime", 0.0)) if report else 0.0
    decoded = result.decode(max(MIN_DECODE_S, float(limits.cpu_s) - cpu))
    outcome = _classify(report, killed_for, parsed, decoded, stats, limits, nonce)
    outcome.forbidden = tried_forbidden(parsed.frames, forbidden) if forbidden else []
    report = report or {}
    # The worker's own time reading the run's values back counts against the job (held to the same ceiling).
    cpu = min(cpu + result.cpu_s, math.ceil(float(limits.cpu_s)) + 1)
    peak = stats["peak_bytes"] or int(report.get("maxrss_kb", 0)) * 1024
    outcome.usage = {"cpu_s": round(cpu, 4), "max_rss_mb": round(peak / MB, 1)}
    return outcome


Verdict = tuple[str | None, Text, bool]  # (error code or None, the detail, replace the warm parent)


def _classify(
    report: dict | None,
    killed_for: str | None,
    parsed: Parsed,
    decoded: Decoded,
    stats: dict,
    limits: Any,
    nonce: str,
) -> Outcome:
    frames, calls = parsed.frames, decoded.calls
    if (frames or parsed.malformed) and not ours(frames, nonce):
        return Outcome("internal", FOREIGN_RESULT, restart=True)
    verdict = _stopped(killed_for, parsed, limits)
    if verdict is None and report is None:
        verdict = ("internal", "The sandbox's warm parent stopped unexpectedly.", True)
    if verdict is None and decoded.fatal is not None:
        verdict = (decoded.fatal["code"], decoded.fatal["detail"], False)
    if verdict is None:
        verdict = _ended(report, parsed, decoded, stats, limits)
    code, text, restart = verdict
    return Outcome(code, english(text), calls, restart=restart, text=text)


def _stopped(killed_for: str | None, parsed: Parsed, limits: Any) -> Verdict | None:
    """A run stopped at one of its caps: too many frames or values, output, result size, wall time."""
    exceeded = "frames" if killed_for == "frames" else parsed.exceeded
    if exceeded is not None:
        text = {lang: text.format(cpu_s=float(limits.cpu_s)) for lang, text in EXCEEDED[exceeded].items()}
        return "output_limit", text, False
    if killed_for == "output":
        return "output_limit", message("sandbox.output_limit", limit=limits.output_kb), False
    if killed_for == "result":
        return "output_limit", message("sandbox.result_limit", limit=RESULT_CAP // MB), False
    if killed_for == "wall":
        return "timeout", message("sandbox.wall_limit", limit=f"{limits.wall_s:g}"), False
    return None


def _ended(report: dict, parsed: Parsed, decoded: Decoded, stats: dict, limits: Any) -> Verdict:
    """How the run's process ended, as the warm parent reported it: a limit, a signal, an exit status."""
    status = int(report.get("status", 0))
    cpu = float(report.get("utime", 0.0)) + float(report.get("stime", 0.0))
    cpu_limit = message("sandbox.cpu_limit", limit=f"{limits.cpu_s:g}")
    if stats.get("oom_kills"):
        return "memory", message("sandbox.memory_limit", limit=limits.memory_mb), False
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        # Nobody inside its namespace can SIGKILL the run (it is pid 1 there) and we did not: that leaves
        # RLIMIT_CPU's hard limit. In the weaker modes a self-kill is possible; rusage is too noisy on a
        # loaded VM to tell them apart finely, so "used a good part of its CPU" decides.
        if sig == signal.SIGXCPU or (sig == signal.SIGKILL and cpu >= 0.5 * limits.cpu_s):
            return "timeout", cpu_limit, False
        return "crash", message("sandbox.signal", signal=signal.Signals(sig).name), False
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
    if code == EXIT_SETUP_FAILED and not started(parsed.frames):
        # Only before the "started" frame: afterwards the learner could exit with this status to
        # pass its own failure off as the platform's (which would not count against its quota).
        return "internal", "The sandbox could not prepare the run.", False
    exits: dict[int, tuple[str, Text]] = {
        EXIT_CPU: ("timeout", cpu_limit),
        EXIT_DRIVER_MEMORY: ("memory", message("sandbox.out_of_memory", limit=limits.memory_mb)),
        EXIT_SYSEXIT: ("crash", message("sandbox.sys_exit")),
    }
    if code in exits:
        return (*exits[code], False)
    if code != 0 or not decoded.done or parsed.malformed:
        return "crash", message("sandbox.exit_status", status=code), False
    return None, "", False
