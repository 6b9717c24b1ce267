"""Cached probes of what isolation this machine offers."""

from __future__ import annotations

import functools
import os
import subprocess

from gpu_runner.sandbox._zygote import BWRAP


@functools.cache
def bwrap_works() -> bool:
    """bwrap can build an unprivileged user namespace sandbox here (run as nobody when we are root)."""
    if not os.access(BWRAP, os.X_OK):
        return False
    argv = [BWRAP, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent"]
    for top in ("/bin", "/lib", "/lib64"):
        if os.path.islink(top):
            argv += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            argv += ["--ro-bind", top, top]
    argv += ["--ro-bind", "/usr", "/usr", "/usr/bin/true"]
    try:
        done = subprocess.run(
            argv,
            env={},
            capture_output=True,
            timeout=30,
            user=65534 if os.geteuid() == 0 else None,
            group=65534 if os.geteuid() == 0 else None,
            extra_groups=[] if os.geteuid() == 0 else None,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


@functools.cache
def seccomp_available() -> bool:
    try:
        import pyseccomp

        pyseccomp.SyscallFilter(defaction=pyseccomp.ALLOW)
    except Exception:
        return False
    return True
