"""Worker-side handle on a slot's warm parent: slot allocation, start-up, and the control socket.

A slot is a uid (SLOT_UID_BASE + n) owned by exactly one worker process at a time, held with a
non-blocking flock on a lock file, so concurrent workers and test processes never share a uid
(RLIMIT_NPROC and kill(-1) are per uid). The warm parent is started on first use and restarted
transparently when it died.
"""

# /tmp, /scratch and /dev/shm below are paths inside the sandbox (fresh tmpfs per run), not the host's.
# ruff: noqa: S108

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gpu_runner.sandbox._keeper import KEEPER
from gpu_runner.sandbox._procs import descendants_of, kill_uid_processes, uid_processes

log = logging.getLogger(__name__)

SLOT_UID_BASE = 61000
MAX_SLOTS = 64
# Slot locks (and the weaker modes' scratch directories). Root owns /run; a non-root worker (bwrap
# as its own uid, no slot uids or cgroups) keeps them in a private directory of its own.
LOCK_DIR = os.environ.get(
    "PATHWISE_SANDBOX_LOCK_DIR",
    "/run/pathwise-sandbox"
    if os.geteuid() == 0
    else os.path.join(tempfile.gettempdir(), f"pathwise-sandbox-{os.geteuid()}"),
)
START_TIMEOUT_S = 120.0  # importing scikit-learn on a loaded 2-core machine can take many seconds
# Sending a job (its arguments can be tens of MB) to a warm parent that waits for it; not the timeout
# of whatever read came last, which may be a few milliseconds.
SEND_TIMEOUT_S = 60.0
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # gpu_runner/
INSIDE_DIR = "/opt/pathwise"  # where the driver and codec appear inside the sandbox
VENV_INSIDE = f"{INSIDE_DIR}/venv"  # where the worker's virtualenv appears inside the sandbox
SHADOWED_DIRS = ("/tmp", "/scratch", "/dev")  # replaced by fresh mounts in every run
BWRAP = shutil.which("bwrap") or "/usr/bin/bwrap"
SANDBOX_ENV = {
    # One BLAS/OpenMP thread: with an address-space limit, multithreaded OpenBLAS spins until the CPU limit.
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "HOME": "/scratch",
    "TMPDIR": "/tmp",
    "LANG": "C.UTF-8",
    "PYTHONDONTWRITEBYTECODE": "1",
    "HF_HUB_OFFLINE": "1",
    # Charts are drawn off-screen: no GUI toolkit is probed for (there is no display in the sandbox).
    "MPLBACKEND": "Agg",
}


# Warm parents by what they preload (gpu_runner/_driver.py FLAVOUR_MODULES): exercise.yaml `requires` picks one.
FLAVOURS: dict[str, frozenset[str]] = {"plain": frozenset(), "torch": frozenset({"torch", "transformers"})}


def flavour_for(requires: tuple[str, ...] | list[str]) -> str:
    """The warm parent that preloads everything in `requires` (the plain one for nothing)."""
    wanted = frozenset(requires)
    for name, preloads in FLAVOURS.items():
        if wanted <= preloads:
            return name
    raise ValueError(f"no warm parent preloads {', '.join(sorted(wanted))}")


class ZygoteError(RuntimeError):
    """The warm parent could not be started or stopped answering."""


class Slot:
    """An exclusive slot for this process: its index, uid and lock."""

    def __init__(self) -> None:
        os.makedirs(LOCK_DIR, mode=0o700, exist_ok=True)
        for n in range(MAX_SLOTS):
            fd = os.open(os.path.join(LOCK_DIR, f"slot-{n}.lock"), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            self.index, self.lock_fd, self.owner_pid = n, fd, os.getpid()
            self.uid = SLOT_UID_BASE + n if os.geteuid() == 0 else os.geteuid()
            if os.geteuid() == 0:
                kill_uid_processes(self.uid)  # a previous owner died: nothing of it may linger
                _remove_stale_cgroups(n)
            return
        raise ZygoteError(f"all {MAX_SLOTS} sandbox slots are in use")


def _remove_stale_cgroups(index: int) -> None:
    from gpu_runner.sandbox import _cgroups

    for d in _cgroups.run_dirs(f"slot-{index}"):
        if os.path.isdir(d):
            _cgroups.RunCgroup._kill_dir(d, 1.0)
            with contextlib.suppress(OSError):
                os.rmdir(d)


# The package files the driver needs inside the sandbox; nothing else of the repository is there.
DRIVER_FILES: tuple[str, ...] = (
    "codec.py",
    "callables_llm.py",  # the codec's registry of callables graders pass in (models and tools)
    "figures.py",  # the codec's description of a returned matplotlib chart
    "_driver.py",
    "_driver_job.py",
    "_confine.py",
    "_imports.py",
)


def _bwrap_argv(uid: int, python: str, flavour: str) -> list[str]:
    argv = [
        BWRAP,
        "--unshare-all",
        "--unshare-user",
        "--die-with-parent",
        "--new-session",
        # Capabilities inside bwrap's own user namespace only: the warm parent needs them to give
        # each run a fresh pid/mount namespace; the child drops them all before learner code.
        "--cap-add",
        "ALL",
        "--uid",
        str(uid),
        "--gid",
        str(uid),
        "--hostname",
        "sandbox",
    ]
    argv += _system_binds() + _package_binds()
    argv += [
        "--proc",
        "/proc",
        # Writable for the warm parent's own imports (torch makes its cache folder under tempfile.gettempdir());
        # each run mounts its own fresh, size-limited /tmp over it.
        "--tmpfs",
        "/tmp",
        "--dir",
        "/scratch",
    ]
    argv += [*_dev_argv(), "--remount-ro", "/", "--chdir", "/", "--clearenv"]
    for key, value in SANDBOX_ENV.items():
        argv += ["--setenv", key, value]
    return [*argv, python, "-I", "-c", _bootstrap("isolated", flavour)]


def _system_binds() -> list[str]:
    """The system read-only, and the interpreter and its site-packages; /etc/passwd, the repository and the
    exercise bank stay out."""
    argv: list[str] = []
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            argv += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            argv += ["--ro-bind", top, top]
    argv += ["--ro-bind", "/usr", "/usr", "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    for source, target in _interpreter_binds():
        argv += ["--ro-bind", source, target]
    return argv


def _package_binds() -> list[str]:
    """gpu_runner inside: an empty __init__ and the driver's own files (DRIVER_FILES), read-only."""
    pkg = f"{INSIDE_DIR}/gpu_runner"
    argv = ["--dir", pkg, "--ro-bind", "/dev/null", f"{pkg}/__init__.py"]
    for name in DRIVER_FILES:
        argv += ["--ro-bind", str(PACKAGE_DIR / name), f"{pkg}/{name}"]
    return argv


def _dev_argv() -> list[str]:
    # A hand-made /dev rather than --dev: --dev needs devpts, for which bwrap maps the slot uid to root
    # in a first user namespace and nests a second one; the warm parent would then hold no capability
    # over its own pid namespace and could not give each run a fresh one (setns back fails).
    argv = ["--tmpfs", "/dev", "--dir", "/dev/shm", "--dir", "/dev/pts"]
    for node in ("null", "zero", "full", "random", "urandom"):
        argv += ["--dev-bind", f"/dev/{node}", f"/dev/{node}"]
    for name, target in (
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
    ):
        argv += ["--symlink", target, f"/dev/{name}"]
    return [*argv, "--remount-ro", "/dev"]


def _interpreter_binds() -> list[tuple[str, str]]:
    """(host path, path inside) for the base interpreter and the virtualenv.

    The base prefix keeps its own path (a venv's symlinked python and its pyvenv.cfg name it). The venv is
    bound at a fixed path of its own: a checkout under /tmp (a CI clone) would otherwise be hidden by each
    run's private /tmp, and modules imported lazily after the fork would vanish.
    """
    base = os.path.realpath(sys.base_prefix)
    for hidden in SHADOWED_DIRS:
        if base == hidden or base.startswith(hidden + "/"):
            raise ZygoteError(f"the interpreter at {base} lies under {hidden}, which each run replaces")
    binds = [(base, base)]
    if os.path.realpath(sys.prefix) != base:
        binds.append((os.path.realpath(sys.prefix), VENV_INSIDE))
    return binds


def _inside_python() -> str:
    """The interpreter's path inside the sandbox: the venv's own python, where the venv is bound."""
    if os.path.realpath(sys.prefix) != os.path.realpath(sys.base_prefix):
        return f"{VENV_INSIDE}/bin/{os.path.basename(sys.executable)}"
    return sys.executable


def _bootstrap(mode: str, flavour: str) -> str:
    return (
        f"import sys; sys.path.insert(0, {INSIDE_DIR!r}); from gpu_runner._driver import zygote_main; "
        f"zygote_main({mode == 'isolated'}, {flavour!r})"
    )


class Zygote:
    """A running warm parent and the worker's end of its control socket."""

    def __init__(self, slot: Slot, mode: str, flavour: str = "plain") -> None:
        if flavour not in FLAVOURS:
            raise ZygoteError(f"unknown warm parent flavour {flavour!r}")
        self.slot, self.mode, self.flavour = slot, mode, flavour
        self.proc: subprocess.Popen[bytes] | None = None
        self.sock: socket.socket | None = None
        self.vm_kb = 0
        self.label = mode
        self.base_pids: frozenset[int] = frozenset()
        self.pending = None  # _run.Pending: the last run answered but is not reaped yet
        self.jobs = 0  # jobs sent so far: each run's number, echoed in the warm parent's report

    def start(self) -> None:
        python = sys.executable
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        if self.mode == "bwrap":
            argv = _bwrap_argv(self.slot.uid, _inside_python(), self.flavour)
            expose = sorted({os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix)})
            env: dict[str, str] = {}
        else:  # rlimits / none: the driver runs directly, with the package importable from its parent dir
            bootstrap = _bootstrap(self.mode, self.flavour).replace(repr(INSIDE_DIR), repr(str(PACKAGE_DIR.parent)))
            argv = [python, "-I", "-c", bootstrap]
            expose = sorted({os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix)})
            env = dict(SANDBOX_ENV, HOME="/tmp")
        cfg = {
            "argv": argv,
            "env": env,
            "ctrl_fd": theirs.fileno(),
            "expose": expose if os.geteuid() == 0 else [],
            "uid": self.slot.uid if self.mode != "none" else None,
        }
        launcher = str(Path(__file__).with_name("_launcher.py"))
        try:
            self.proc = KEEPER.run(
                lambda: subprocess.Popen(
                    [sys.executable, "-I", launcher, json.dumps(cfg)],
                    pass_fds=[theirs.fileno()],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    env={},
                    close_fds=True,
                )
            )
        finally:
            theirs.close()
        self.sock = mine
        os.set_blocking(self.proc.stderr.fileno(), False)
        hello = self.read_frame(START_TIMEOUT_S)
        if not hello or not hello.get("ready"):
            err = self.drain_stderr()
            self.stop()
            raise ZygoteError(f"the sandbox's warm parent did not start: {err[-2000:]}")
        self.vm_kb = int(hello.get("vm_kb", 0))
        if os.geteuid() == 0 and self.mode != "none":
            self.base_pids = descendants_of(self.proc.pid, uid_processes(self.slot.uid))
        log.info(
            "sandbox slot %s: %s warm parent ready (mode %s, pid %s)",
            self.slot.index,
            self.flavour,
            self.mode,
            self.proc.pid,
        )

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None and self.sock is not None

    def drain_stderr(self) -> str:
        """What the warm parent wrote to stderr (diagnostics only; capped, never parsed)."""
        if self.proc is None or self.proc.stderr is None:
            return ""
        with contextlib.suppress(OSError, TypeError):
            return (self.proc.stderr.read(65536) or b"").decode(errors="replace")
        return ""

    def send_job(self, header: dict, body: bytes, fds: list[int]) -> None:
        """The header through the control socket; the body in a memfd sent with it (after the result pipe).

        The warm parent never reads the body: the run's child does, after the fork. What the warm parent
        once held (and freed) would be inherited by every later run forked from it.
        """
        assert self.sock is not None
        data = json.dumps(header).encode()
        body_fd = os.memfd_create("pathwise-job", os.MFD_CLOEXEC)
        try:
            view = memoryview(body)
            while view:
                view = view[os.write(body_fd, view) :]
            out, err, res, *rest = fds
            self.sock.settimeout(SEND_TIMEOUT_S)
            socket.send_fds(self.sock, [struct.pack("!I", len(data))], [out, err, res, body_fd, *rest])
        finally:
            os.close(body_fd)  # the warm parent has its own descriptor now (or nothing was sent)
        self.sock.sendall(data)

    def kill_child(self) -> None:
        with contextlib.suppress(OSError):
            if self.sock is not None:
                self.sock.send(b"k")

    def read_frame(self, timeout: float) -> dict | None:
        """One framed JSON reply from the (trusted) warm parent, or None on EOF/timeout."""
        assert self.sock is not None
        self.sock.settimeout(timeout)
        try:
            head = self._recv_exact(4)
            (n,) = struct.unpack("!I", head)
            if n > 1 << 20:
                return None
            return json.loads(self._recv_exact(n))
        except (OSError, EOFError, ValueError):
            return None

    def read_report(self, job: int, timeout: float) -> dict | None:
        """The warm parent's report on job number `job`, or None on EOF/timeout.

        A report on another job (one whose report was never collected) is skipped: it must never
        stand for this run's exit status.
        """
        deadline = time.monotonic() + timeout
        while True:
            report = self.read_frame(max(0.001, deadline - time.monotonic()))
            if report is None or report.get("job") == job:
                return report
            log.warning(
                "sandbox slot %s: skipped the report of job %r, waiting for job %s",
                self.slot.index,
                report.get("job"),
                job,
            )

    def _recv_exact(self, n: int) -> bytes:
        assert self.sock is not None
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise EOFError
            buf += chunk
        return buf

    def stop(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(5)
            if self.proc.stderr is not None:
                err = self.drain_stderr()
                if err:
                    log.warning("sandbox slot %s: warm parent stderr: %s", self.slot.index, err[-4000:])
                self.proc.stderr.close()
            self.proc = None
        if os.geteuid() == 0 and self.mode != "none":
            kill_uid_processes(self.slot.uid)
        if self.pending is not None and self.pending.cg is not None:
            self.pending.cg.finish()
        self.pending = None
