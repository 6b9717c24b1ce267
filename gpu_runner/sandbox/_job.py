"""What a run is sent: the job's body (source and arguments, for the child alone) and its header (limits,
scratch, environment, for the warm parent)."""

from __future__ import annotations

import json
import math
import os
import shutil
import sys
from typing import Any

from gpu_runner import codec
from gpu_runner.sandbox._zygote import LOCK_DIR, SANDBOX_ENV, Zygote

MB = 1024 * 1024
AS_HEADROOM = 256 * MB  # address space above the warm parent's own mappings plus memory_mb


def job_body(source: str, calls: list[Any], forbidden: tuple[str, ...]) -> bytes:
    payload = {
        "source": source,
        "forbidden": list(forbidden),
        "calls": [
            {"fn": c.fn, "args": codec.to_jsonable(tuple(c.args)), "kwargs": codec.to_jsonable(dict(c.kwargs))}
            for c in calls
        ],
    }
    return json.dumps(payload, allow_nan=False).encode()


def header(z: Zygote, limits: Any, scratch_dir: str, nonce: str) -> dict[str, Any]:
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


def fresh_scratch(z: Zygote) -> str:
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
