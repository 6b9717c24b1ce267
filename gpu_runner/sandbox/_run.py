"""One run through a warm parent: send the job, watch the pipes under caps and deadlines, map the outcome."""

from __future__ import annotations

import json
import logging
import math
import os
import secrets
import select
import shutil
import signal
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from gpu_runner import codec
from gpu_runner.sandbox import _cgroups
from gpu_runner.sandbox._frames import calls as read_calls
from gpu_runner.sandbox._frames import done_cpu, ours, parse, started, storable
from gpu_runner.sandbox._zygote import LOCK_DIR, SANDBOX_ENV, Zygote, kill_uid_processes

log = logging.getLogger(__name__)

MB = 1024 * 1024
# Return values (predictions, arrays) are capped separately from printed output. Parsing JSON costs the
# worker several times its size in memory (a list of floats: ~10x), so the cap stays modest.
RESULT_CAP = 16 * MB
TAIL_CAP = 64 * 1024  # at most this much of stdout/stderr is kept (the end of it)
AS_HEADROOM = 256 * MB  # address space above the warm parent's own mappings plus memory_mb
CGROUP_SLACK = 64 * MB  # so that a too-big allocation usually ends in a clean MemoryError first
DRAIN_S = 2.0  # after the child is reaped, how long to wait for the pipes to close
REPORT_GRACE_S = 10.0  # after a kill, how long the warm parent may take to report
EXIT_SYSEXIT, EXIT_SETUP_FAILED, EXIT_DRIVER_MEMORY, EXIT_CPU = 87, 71, 72, 73
FOREIGN_RESULT = "The run's result stream did not begin with its own start frame; nothing of it was graded."


@dataclass
class Outcome:
    code: str | None
    detail: str
    calls: list[dict[str, Any]] = field(default_factory=list)
    stdout_tail: str = ""
    stderr_tail: str = ""
    usage: dict[str, Any] = field(default_factory=dict)
    restart: bool = False


class _Stream:
    """A pipe read end whose total is counted and whose end (or all, up to a cap) is kept."""

    def __init__(self, fd: int, keep: int, whole: bool = False) -> None:
        self.fd, self.keep, self.whole, self.total, self.data = fd, keep, whole, 0, bytearray()

    def feed(self, chunk: bytes) -> None:
        self.total += len(chunk)
        if self.whole:
            if self.total <= self.keep:
                self.data += chunk
        else:
            self.data += chunk
            del self.data[: max(0, len(self.data) - self.keep)]


def _job_body(source: str, calls: list[Any]) -> bytes:
    payload = {
        "source": source,
        "calls": [
            {"fn": c.fn, "args": codec.to_jsonable(tuple(c.args)), "kwargs": codec.to_jsonable(dict(c.kwargs))}
            for c in calls
        ],
    }
    return json.dumps(payload, allow_nan=False).encode()


def _header(z: Zygote, limits: Any, scratch_dir: str, nonce: str) -> dict[str, Any]:
    cpu = max(1, math.ceil(limits.cpu_s))
    address_space = z.vm_kb * 1024 + int(limits.memory_mb) * MB + AS_HEADROOM
    env = SANDBOX_ENV if z.mode == "bwrap" else dict(SANDBOX_ENV, HOME=scratch_dir, TMPDIR=scratch_dir)
    return {
        "job": z.jobs,  # echoed in the warm parent's report on this run
        "nonce": nonce,  # the first frame of this run's result stream must carry it
        "isolated": z.mode == "bwrap",
        "scratch_dir": scratch_dir,
        "scratch_mb": max(16, 2 * int(limits.file_mb)),
        "env": env,
        "landlock": _landlock_paths(scratch_dir) if z.mode == "rlimits" else None,
        "rlimits": {  # name: (soft, hard)
            "RLIMIT_CPU": (cpu, cpu + 1),
            "RLIMIT_AS": (address_space, address_space),
            # The warm parent and bwrap's init run under the same uid in the same user namespace.
            "RLIMIT_NPROC": (int(limits.processes) + 4,) * 2,
            "RLIMIT_FSIZE": (int(limits.file_mb) * MB,) * 2,
            "RLIMIT_NOFILE": (int(limits.open_files),) * 2,
            "RLIMIT_CORE": (0, 0),
        },
    }


def _landlock_paths(scratch_dir: str) -> dict[str, list[str]]:
    """Without namespaces, the paths a run may still reach: the interpreter and libraries, its scratch."""
    prefixes = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix), sys.prefix}
    read_only = ["/usr", "/bin", "/sbin", "/lib", "/lib64", "/etc/ld.so.cache", "/proc", "/sys/devices/system/cpu"]
    read_only += [*sorted(prefixes), "/dev/zero", "/dev/urandom", "/dev/random"]
    return {"ro": read_only, "rw": [scratch_dir, "/dev/null", "/dev/full"]}


def _fresh_scratch(z: Zygote) -> str:
    """Weaker modes have no private tmpfs: a per-slot directory, removed and recreated each run."""
    if z.mode == "bwrap":
        return "/scratch"
    path = os.path.join(LOCK_DIR, f"scratch-{z.slot.index}")
    shutil.rmtree(path, ignore_errors=True)  # rmtree never follows symlinks the learner planted
    os.mkdir(path, 0o700)
    if os.geteuid() == 0 and z.mode != "none":
        os.chmod(LOCK_DIR, 0o711)  # noqa: S103 - traversable by the slot uid, not listable
        os.chown(path, z.slot.uid, z.slot.uid)
    return path


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


def execute(z: Zygote, source: str, calls: list[Any], limits: Any) -> Outcome:
    if not settle(z):
        return Outcome("internal", "The sandbox's warm parent stopped answering.", restart=True)
    try:
        body = _job_body(source, calls)
    except (codec.EncodeError, ValueError) as exc:
        return Outcome("internal", f"the grader's arguments cannot be sent to the sandbox: {exc}")
    cg_version = _cgroups.available() if z.mode != "none" else None
    cg = None
    if cg_version:
        cg = _cgroups.RunCgroup(
            f"slot-{z.slot.index}", int(limits.memory_mb) * MB + CGROUP_SLACK, int(limits.processes), cg_version
        )
    try:
        return _execute(z, body, limits, cg)
    except BaseException:
        # A platform fault mid-run: stop the child and leave no cgroup behind; the caller replaces
        # the warm parent, which takes every process of the run with it.
        z.kill_child()
        if cg and cg.dirs:
            cg.finish()
        raise


def _execute(z: Zygote, body: bytes, limits: Any, cg: _cgroups.RunCgroup | None) -> Outcome:
    if cg:
        cg.create()
    pipes = [os.pipe2(os.O_CLOEXEC) for _ in range(3)]
    streams = [
        _Stream(pipes[0][0], TAIL_CAP),
        _Stream(pipes[1][0], TAIL_CAP),
        _Stream(pipes[2][0], RESULT_CAP, whole=True),
    ]
    cg_fds = cg.proc_fds() if cg else []
    z.jobs += 1
    nonce = secrets.token_hex(16)
    start = time.monotonic()
    try:
        z.send_job(_header(z, limits, _fresh_scratch(z), nonce), body, [w for _, w in pipes] + cg_fds)
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
        report, killed_for, restart = _watch(z, streams, limits, cg, start, nonce)
    finally:
        for s in streams:
            os.close(s.fd)
    wall = time.monotonic() - start
    deferred = report is _DONE
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
    outcome = _classify(report, killed_for, streams[2].data, stats, limits, nonce)
    outcome.stdout_tail = storable(streams[0].data.decode("utf-8", errors="replace"))
    outcome.stderr_tail = storable(streams[1].data.decode("utf-8", errors="replace"))
    report = report or {}
    if deferred:
        # The run's own count (informational; it could lie): held to what the CPU limit allows.
        cpu = done_cpu(streams[2].data, math.ceil(float(limits.cpu_s)) + 1)
    else:
        cpu = float(report.get("utime", 0.0)) + float(report.get("stime", 0.0))
    peak = stats["peak_bytes"] or int(report.get("maxrss_kb", 0)) * 1024
    outcome.usage = {"wall_s": round(wall, 4), "cpu_s": round(cpu, 4), "max_rss_mb": round(peak / MB, 1)}
    outcome.restart = outcome.restart or restart
    return outcome


def _watch(z: Zygote, streams: list[_Stream], limits: Any, cg: Any, start: float, nonce: str):
    """Read the pipes until the child is reaped and they close; kill on a deadline or a cap."""
    deadline = start + float(limits.wall_s)
    output_cap = int(limits.output_kb) * 1024
    report: dict | None = None
    killed_for: str | None = None
    hard_stop: float | None = None
    open_streams = {s.fd: s for s in streams}
    assert z.sock is not None

    def kill(reason: str) -> None:
        nonlocal killed_for, hard_stop
        if killed_for is None:
            killed_for = reason
            hard_stop = time.monotonic() + REPORT_GRACE_S
            z.kill_child()
            if cg:
                cg.kill_all(timeout=1.0)

    drain_until: float | None = None
    while True:
        now = time.monotonic()
        if report is not None and (not open_streams or now >= (drain_until or now)):
            return report, killed_for, False
        if (
            report is None
            and not open_streams
            and killed_for is None
            and z.mode == "bwrap"
            and _ends_done(streams, nonce)
        ):
            return _DONE, None, False
        if report is None and hard_stop is not None and now >= hard_stop:
            return None, killed_for, True  # the warm parent did not report: replace it
        if killed_for is None and now >= deadline:
            kill("wall")
            continue
        limit_at = [t for t in (deadline if killed_for is None else None, hard_stop, drain_until) if t]
        wait = max(0.0, min(limit_at) - now) if limit_at else None
        watched = list(open_streams) + ([z.sock] if report is None else [])
        ready, _, _ = select.select(watched, [], [], wait)
        for item in ready:
            if item is z.sock:
                report = z.read_frame(REPORT_GRACE_S)
                if report is None:  # the warm parent died (or closed the socket): replace it
                    return None, killed_for, True
                if report.get("job") != z.jobs:  # an earlier run's, never collected: not this run's status
                    log.warning(
                        "sandbox slot %s: skipped the report of job %r during job %s",
                        z.slot.index,
                        report.get("job"),
                        z.jobs,
                    )
                    report = None
                    continue
                drain_until = time.monotonic() + DRAIN_S
                continue
            stream = open_streams[item]
            try:
                chunk = os.read(item, 1 << 16)
            except BlockingIOError:
                continue
            if not chunk:
                del open_streams[item]
                continue
            stream.feed(chunk)
            if streams[0].total + streams[1].total > output_cap:
                kill("output")
            elif streams[2].total > RESULT_CAP:
                kill("result")


_DONE: dict = {"done": True}  # _watch's marker: answered, pipes closed, exit status still to come


def _ends_done(streams: list[_Stream], nonce: str) -> bool:
    """The result stream is this run's, complete and well-formed, and ends with the driver's "done" frame.

    Only in the bwrap mode is this enough to answer early: there the run is pid 1 of its own pid
    namespace, so nothing it started can outlive it once it exits.
    """
    frames, malformed = parse(bytes(streams[2].data))
    return not malformed and ours(frames, nonce) and frames[-1].get("t") == "done"


def _classify(
    report: dict | None, killed_for: str | None, result: bytes, stats: dict, limits: Any, nonce: str
) -> Outcome:
    frames, malformed = parse(bytes(result))
    if result and not ours(frames, nonce):
        return Outcome("internal", FOREIGN_RESULT, restart=True)
    calls, fatal, done = read_calls(frames, RESULT_CAP)

    def out(code: str | None, detail: str = "", restart: bool = False) -> Outcome:
        return Outcome(code, detail, calls, restart=restart)

    if killed_for == "output":
        return out("output_limit", f"More than {limits.output_kb} KB of output.")
    if killed_for == "result":
        return out("output_limit", f"Your functions returned more than {RESULT_CAP // MB} MB of values.")
    if killed_for == "wall":
        return out("timeout", f"Stopped after the wall-time limit of {limits.wall_s:g} s.")
    if report is None:
        return out("internal", "The sandbox's warm parent stopped unexpectedly.", restart=True)
    if fatal is not None:
        return out(fatal["code"], fatal["detail"])
    status = int(report.get("status", 0))
    cpu = float(report.get("utime", 0.0)) + float(report.get("stime", 0.0))
    if stats.get("oom_kills"):
        return out("memory", f"Stopped at the memory limit of {limits.memory_mb} MB.")
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        # Nobody inside its namespace can SIGKILL the run (it is pid 1 there) and we did not: that leaves
        # RLIMIT_CPU's hard limit. In the weaker modes a self-kill is possible; rusage is too noisy on a
        # loaded VM to tell them apart finely, so "used a good part of its CPU" decides.
        if sig == signal.SIGXCPU or (sig == signal.SIGKILL and cpu >= 0.5 * limits.cpu_s):
            return out("timeout", f"Stopped after the CPU-time limit of {limits.cpu_s:g} s.")
        return out("crash", f"Your process was killed by signal {signal.Signals(sig).name}.")
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
    if code == EXIT_SETUP_FAILED and not started(frames):
        # Only before the "started" frame: afterwards the learner could exit with this status to
        # pass its own failure off as the platform's (which would not count against its quota).
        return out("internal", "The sandbox could not prepare the run.")
    if code == EXIT_CPU:
        return out("timeout", f"Stopped after the CPU-time limit of {limits.cpu_s:g} s.")
    if code == EXIT_DRIVER_MEMORY:
        return out("memory", f"Ran out of memory (limit {limits.memory_mb} MB).")
    if code == EXIT_SYSEXIT:
        return out("crash", "Your code called sys.exit(); return a value instead.")
    if code != 0 or not done or malformed:
        return out("crash", f"Your code ended the process early (exit status {code}).")
    return out(None, "")
