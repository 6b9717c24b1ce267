"""The trusted driver that runs INSIDE the sandbox: a warm parent (zygote) and its per-run children.

Started by bwrap as the slot's unprivileged uid, in a user namespace where it holds capabilities
(those are namespace-local: they mean nothing on the host). It imports numpy, scikit-learn and the
codec once (a "torch" flavour also torch and transformers), makes itself non-dumpable, and then for each job:

  zygote: unshare(CLONE_NEWPID) -> fork -> setns back to its own pid namespace
  child (pid 1 of a fresh pid namespace):
      join the run's cgroups (fds opened by the root worker, so the kernel checks the worker's rights)
      -> new mount namespace with its own /proc, fresh size-limited tmpfs on /tmp and /scratch
      -> rlimits -> drop every capability, no_new_privs -> seccomp -> the learner's code.

Why a pid namespace per run: the learner runs under the same kernel uid as the zygote (bwrap is
started unprivileged so the fork limit and kill(-1) really are per slot uid), so the uid alone does
not keep it from the zygote. In its own pid namespace it cannot name the zygote (getppid() is 0,
kill(-1) reaches only its own namespace, its /proc shows only its own processes), and ptrace or
/proc/<pid>/mem of a non-dumpable process need capabilities it no longer has. Being pid 1 also
means every process it leaves behind is killed by the kernel when it exits, and its tmpfs mounts
vanish with its mount namespace: nothing of one run survives into the next.

Wire format to the worker (control socket, fd 3): 4-byte big-endian length + JSON. A job is one
frame (header) sent with SCM_RIGHTS fds [stdout, stderr, result, body, cgroup.procs...]. The body
(the learner's source and the call arguments) is in a memfd the worker filled, and only the child
reads it, after the fork: the zygote never holds a job's body, so no freed copy of it is there for a
later run to inherit (a fork copies all the parent's memory, and neither malloc nor Python zeroes what
they free). Results go from the child straight to the worker through the result pipe, framed the
same way; the worker treats them as untrusted. The first of them is always `started` with the nonce
the header carried (written before learner code runs), and the warm parent's report on a run echoes
the header's job number: neither bytes nor an exit status of one run can pass for another's.
"""

# /tmp, /scratch and /dev/shm here are paths inside the sandbox, mounted fresh per run.
# ruff: noqa: S108

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import os
import resource
import select
import signal
import socket
import struct
import sys

from gpu_runner._confine import (
    MS_NODEV,
    MS_NOEXEC,
    MS_NOSUID,
    MS_PRIVATE,
    MS_REC,
    build_seccomp_filter,
    check,
    drop_capabilities,
    load_seccomp,
    mount,
)
from gpu_runner._driver_job import exc_text, run_job, write_frame

CTRL_FD = 3
CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWPID = 0x00020000, 0x08000000, 0x20000000
PR_SET_PDEATHSIG, PR_SET_DUMPABLE = 1, 4
EXIT_CPU = 73  # SIGXCPU arrived: the soft CPU limit (the hard one, a second later, is a SIGKILL)

_libc = ctypes.CDLL(None, use_errno=True)


# --- framing ---------------------------------------------------------------------------------


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    chunks, got = [], 0
    while got < n:
        chunk = sock.recv(min(n - got, 1 << 20))
        if not chunk:
            raise EOFError("worker closed the control socket")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _read_body(fd: int) -> bytes:
    """The whole job body from its memfd (pread: the file offset is shared with the worker's descriptor)."""
    size = os.fstat(fd).st_size
    chunks, got = [], 0
    while got < size:
        chunk = os.pread(fd, size - got, got)
        if not chunk:
            raise EOFError("the job body ended early")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


# --- the child: one learner run ----------------------------------------------------------------


def _setup_child(header: dict, fds: list[int], seccomp_bpf: bytes) -> bytes:
    """Confine this process for the run; returns the job's body, read once the run's cgroups hold it."""
    out_fd, err_fd, res_fd, body_fd, *cgroup_fds = fds
    for cg in cgroup_fds:  # join the run's cgroups before anything else can allocate
        os.write(cg, b"0")
        os.close(cg)
    body = _read_body(body_fd)
    os.close(body_fd)
    os.setsid()
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if header.get("isolated"):
        # A private IPC namespace too: SysV shared memory and message queues outlive their creator,
        # so in the warm parent's namespace one run could leave data for the next to read.
        check(_libc.unshare(CLONE_NEWNS | CLONE_NEWIPC), "unshare mount+ipc ns")
        mount(None, "/", None, MS_REC | MS_PRIVATE)
        mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        size = int(header["scratch_mb"])
        # Fresh per run, gone with this mount namespace when the run ends; charged to the run's cgroup.
        for path in ("/tmp", "/scratch", "/dev/shm"):
            mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size}m,nr_inodes=4096,mode=1777")
    os.dup2(out_fd, 1)
    os.dup2(err_fd, 2)
    os.dup2(res_fd, 3)
    os.closerange(4, 1 << 30)  # close_range(2): cost follows the open descriptors, not the bound
    lim = header["rlimits"]
    for name, (soft, hard) in lim.items():
        resource.setrlimit(getattr(resource, name), (soft, hard))
    # As pid 1 of its namespace the child ignores SIGXCPU unless it has a handler; with one, the
    # soft CPU limit ends the run cleanly (the learner may replace it: then the hard limit kills).
    signal.signal(signal.SIGXCPU, lambda _sig, _frame: os._exit(EXIT_CPU))
    drop_capabilities()
    if header.get("landlock"):  # the weaker mode without namespaces: confine paths, signals, TCP
        from gpu_runner import _landlock

        _landlock.restrict(header["landlock"]["ro"], header["landlock"]["rw"])
    load_seccomp(seccomp_bpf)
    os.chdir(header["scratch_dir"])
    os.environ.clear()
    os.environ.update(header["env"])
    return body


def _child_main(header: dict, fds: list[int], seccomp_bpf: bytes) -> None:
    code = 70
    try:
        body = _setup_child(header, fds, seccomp_bpf)
    except BaseException as exc:
        try:
            os.write(2, f"sandbox setup failed: {exc_text(exc)}\n".encode())
        finally:
            os._exit(71)
    try:
        run_job(body, str(header.get("nonce", "")))
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
        write_frame(3, {"t": "done", "cpu_s": round(cpu, 4)})
        code = 0
    except MemoryError:
        code = 72
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.write(2, f"driver error: {exc_text(exc)}\n".encode())
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # noqa: S110 - a closed stdout must not change the exit code
            pass
        if code == 0:
            # Close the pipes first: the worker has its answer now, not after the kernel has torn
            # down this process's memory and namespaces (several milliseconds).
            for fd in (1, 2, 3):
                with contextlib.suppress(OSError):
                    os.close(fd)
        os._exit(code)


# --- the zygote --------------------------------------------------------------------------------


PREWARM_MODULES = (
    "scipy.special",
    "sklearn",
    "sklearn.cluster",
    "sklearn.decomposition",
    "sklearn.feature_extraction.text",
    "sklearn.linear_model",
    "sklearn.metrics",
    "sklearn.model_selection",
    "sklearn.naive_bayes",
    "sklearn.neighbors",
    "sklearn.pipeline",
    "sklearn.preprocessing",
    "sklearn.svm",
    "sklearn.tree",
)
# What a flavour of warm parent imports on top (exercise.yaml `requires`; the plain one stays lean). transformers
# comes with torch: it needs torch for anything but its top level, and one heavy parent per process is enough.
FLAVOUR_MODULES: dict[str, tuple[str, ...]] = {
    "plain": (),
    "torch": (
        "torch",
        "torch.nn",
        "torch.nn.functional",
        "torch.optim",
        "transformers",
        "transformers.modeling_utils",
        "transformers.generation",
        "transformers.generation.logits_process",
    ),
}


def _prewarm(flavour: str = "plain") -> None:
    """Import what learner code usually needs, once, so each fork starts warm."""
    import warnings

    # joblib warns that /dev/shm is read-only here and falls back to serial mode: that is intended.
    warnings.filterwarnings("ignore", message=".*joblib will operate in serial mode")
    import importlib

    import numpy  # noqa: F401 - required: the codec needs it

    # Best effort: a missing optional module must not keep the warm parent from starting.
    for name in PREWARM_MODULES + FLAVOUR_MODULES[flavour]:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)

    from gpu_runner import _imports, codec  # noqa: F401

    # Everything imported so far is permanent: the cyclic GC of a child then never walks (and so
    # never copies on write) the warm parent's objects. Halves the cost of a run's first milliseconds.
    gc.collect()
    gc.freeze()


def _vm_size_kb() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1])
    return 0


def zygote_main(isolated: bool, flavour: str = "plain") -> None:
    ctrl = socket.socket(fileno=CTRL_FD)
    _prewarm(flavour)
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)  # no ptrace or /proc/<pid>/mem of the warm parent
    seccomp_bpf = build_seccomp_filter()
    own_pidns = os.open("/proc/self/ns/pid", os.O_RDONLY) if isolated else -1
    hello = json.dumps({"ready": True, "vm_kb": _vm_size_kb(), "pid": os.getpid(), "flavour": flavour}).encode()
    ctrl.sendall(struct.pack("!I", len(hello)) + hello)
    while True:
        try:
            raw, fds = _next_job_start(ctrl)
        except (OSError, EOFError):
            return
        raw += _recv_exact(ctrl, 4 - len(raw))
        (hlen,) = struct.unpack("!I", raw)
        header = json.loads(_recv_exact(ctrl, hlen))
        if isolated:
            check(_libc.unshare(CLONE_NEWPID), "unshare pid ns")
        pid = os.fork()
        if pid == 0:
            ctrl.close()
            _child_main(header, fds, seccomp_bpf)  # the child alone reads the body
        if isolated:
            check(_libc.setns(own_pidns, CLONE_NEWPID), "setns back")
        for fd in fds:
            os.close(fd)
        _supervise(ctrl, pid, header.get("job"))


def _next_job_start(ctrl: socket.socket) -> tuple[bytes, list[int]]:
    """The first bytes of the next job header and the descriptors sent with it.

    A "k" (kill) the worker sent just as the last child ended arrives here late: skip it. A header
    length never starts with that byte (it would mean a header over 1.7 GB).
    """
    fds: list[int] = []
    while True:
        raw, more, _flags, _addr = socket.recv_fds(ctrl, 4, 8)
        if not raw:
            raise EOFError("worker closed the control socket")
        fds += more
        raw = raw.lstrip(b"k")
        if raw:
            return raw, fds


def _supervise(ctrl: socket.socket, pid: int, job: object) -> None:
    """Wait for the child while obeying a 'kill' from the worker; then report how it ended.

    The report names the job it belongs to, so the worker can never take it for another run's.
    """
    pidfd = os.pidfd_open(pid)
    try:
        while True:
            ready, _, _ = select.select([ctrl, pidfd], [], [])
            if pidfd in ready:
                break
            msg = ctrl.recv(16)
            if not msg:  # the worker is gone: take the child with us
                os.kill(pid, signal.SIGKILL)
            elif b"k" in msg:
                os.kill(pid, signal.SIGKILL)  # pid 1 of its namespace: the kernel kills the rest too
    finally:
        os.close(pidfd)
    _, status, usage = os.wait4(pid, 0)
    report = {
        "job": job,
        "status": status,
        "utime": usage.ru_utime,
        "stime": usage.ru_stime,
        "maxrss_kb": usage.ru_maxrss,
    }
    data = json.dumps(report).encode()
    ctrl.sendall(struct.pack("!I", len(data)) + data)


if __name__ == "__main__":
    zygote_main(isolated=sys.argv[1:2] == ["isolated"], flavour=(sys.argv[2:3] or ["plain"])[0])
