"""One cgroup per run, created by the root worker and removed after the run.

Memory and pids always; one CPU of bandwidth where the cpu controller is available.

cgroup v1 (separate memory and pids hierarchies) is what this project's machines have; v2 is used
where its memory and pids controllers are available. The child joins by writing "0" to the
`cgroup.procs` descriptors the worker opened and passed in: the kernel checks the opener's (root's)
rights, so the sandbox never needs to see /sys/fs/cgroup.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from dataclasses import dataclass, field

V1_ROOT = "/sys/fs/cgroup"
GROUP = "pathwise"
CPU_PERIOD_US = 100_000


def _write(path: str, value: str) -> None:
    with open(path, "w") as fh:
        fh.write(value)


def _read(path: str) -> str:
    try:
        with open(path) as fh:
            return fh.read()
    except OSError:
        return ""


def _v2_root() -> str | None:
    for root in ("/sys/fs/cgroup", "/sys/fs/cgroup/unified"):
        controllers = _read(os.path.join(root, "cgroup.controllers")).split()
        if {"memory", "pids"} <= set(controllers) and os.access(os.path.join(root, "cgroup.subtree_control"), os.W_OK):
            return root
    return None


def available() -> str | None:
    """'v1', 'v2' or None: which cgroup setup this process can manage."""
    if os.geteuid() != 0:
        return None
    if all(os.access(os.path.join(V1_ROOT, c), os.W_OK) for c in ("memory", "pids")) and os.path.isfile(
        os.path.join(V1_ROOT, "memory", "memory.limit_in_bytes")
    ):
        return "v1"
    return "v2" if _v2_root() else None


def run_dirs(name: str) -> list[str]:
    """Every directory a run cgroup called `name` may occupy, under v1 and v2."""
    dirs = [os.path.join(V1_ROOT, c, GROUP, name) for c in ("memory", "pids", "cpu")]
    return [*dirs, os.path.join(_v2_root() or V1_ROOT, GROUP, name)]


@dataclass
class RunCgroup:
    """The cgroup(s) of one run: create(), pass proc_fds() to the child, then finish()."""

    name: str
    memory_bytes: int
    pids: int
    version: str
    dirs: list[str] = field(default_factory=list)

    def create(self) -> None:
        if self.version == "v1":
            # cpu is optional: one CPU's worth of bandwidth, so a run of many busy processes cannot
            # take every core from the other workers for its whole wall time.
            controllers = ["memory", "pids"] + (["cpu"] if os.access(os.path.join(V1_ROOT, "cpu"), os.W_OK) else [])
            self.dirs = [os.path.join(V1_ROOT, c, GROUP, self.name) for c in controllers]
        else:
            root = _v2_root() or V1_ROOT
            base = os.path.join(root, GROUP)
            os.makedirs(base, exist_ok=True)
            for parent in (root, base):
                for controller in ("+memory +pids", "+cpu"):
                    with contextlib.suppress(OSError):
                        _write(os.path.join(parent, "cgroup.subtree_control"), controller)
            self.dirs = [os.path.join(base, self.name)]
        for d in self.dirs:
            if os.path.isdir(d):  # left over by a worker that died mid-run
                self._kill_dir(d)
                os.rmdir(d)
            os.makedirs(d)
        if self.version == "v1":
            mem, pids, *cpu = self.dirs
            for d in cpu:
                _write(os.path.join(d, "cpu.cfs_period_us"), str(CPU_PERIOD_US))
                _write(os.path.join(d, "cpu.cfs_quota_us"), str(CPU_PERIOD_US))
            _write(os.path.join(mem, "memory.limit_in_bytes"), str(self.memory_bytes))
            with contextlib.suppress(OSError):  # absent when swap accounting is off
                _write(os.path.join(mem, "memory.memsw.limit_in_bytes"), str(self.memory_bytes))
            _write(os.path.join(pids, "pids.max"), str(self.pids))
        else:
            (d,) = self.dirs
            _write(os.path.join(d, "memory.max"), str(self.memory_bytes))
            with contextlib.suppress(OSError):
                _write(os.path.join(d, "memory.swap.max"), "0")
            _write(os.path.join(d, "pids.max"), str(self.pids))
            with contextlib.suppress(OSError):  # only where the cpu controller could be enabled
                _write(os.path.join(d, "cpu.max"), f"{CPU_PERIOD_US} {CPU_PERIOD_US}")

    def proc_fds(self) -> list[int]:
        return [os.open(os.path.join(d, "cgroup.procs"), os.O_WRONLY | os.O_CLOEXEC) for d in self.dirs]

    def kill_all(self, timeout: float = 5.0) -> bool:
        """SIGKILL everything in the run's cgroups until they are empty; False if something survived."""
        return all(self._kill_dir(d, timeout) for d in self.dirs)

    @staticmethod
    def _kill_dir(d: str, timeout: float = 5.0) -> bool:
        if os.path.exists(os.path.join(d, "cgroup.kill")):
            with contextlib.suppress(OSError):
                _write(os.path.join(d, "cgroup.kill"), "1")
        deadline = time.monotonic() + timeout
        while True:
            pids = _read(os.path.join(d, "cgroup.procs")).split()
            if not pids:
                return True
            if time.monotonic() > deadline:
                return False
            for pid in pids:  # pids read from cgroup.procs, which only the kernel writes
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(pid), signal.SIGKILL)
            time.sleep(0.002)

    def stats(self) -> dict[str, int]:
        """oom_kills and peak memory of the run (bytes); zeros when unknown."""
        if self.version == "v1":
            mem = self.dirs[0]
            oom = _read(os.path.join(mem, "memory.oom_control"))
            kills = next((int(line.split()[1]) for line in oom.splitlines() if line.startswith("oom_kill ")), 0)
            peak = _read(os.path.join(mem, "memory.max_usage_in_bytes")).strip()
            return {"oom_kills": kills, "peak_bytes": int(peak or 0)}
        d = self.dirs[0]
        events = _read(os.path.join(d, "memory.events"))
        kills = next((int(line.split()[1]) for line in events.splitlines() if line.startswith("oom_kill ")), 0)
        peak = _read(os.path.join(d, "memory.peak")).strip()
        return {"oom_kills": kills, "peak_bytes": int(peak or 0)}

    def finish(self) -> dict[str, int]:
        """Kill what is left, read the stats and remove the cgroup(s)."""
        self.kill_all()
        stats = self.stats()
        for d in self.dirs:
            for _ in range(100):
                try:
                    os.rmdir(d)
                    break
                except FileNotFoundError:
                    break
                except OSError:  # EBUSY for a moment while the last task is released
                    self._kill_dir(d, 0.5)
                    time.sleep(0.005)
        return stats

    def exists(self) -> bool:
        return any(os.path.isdir(d) for d in self.dirs)
