"""Root-side launcher of a slot's warm parent: run as `python -I _launcher.py CONFIG_JSON`.

A separate short-lived process (not a preexec_fn in the worker) because it changes its mount
namespace and its uid, which is only safe in a fresh single-threaded process. It:

1. enters a private mount namespace (the host's mounts are untouched) and makes the interpreter
   reachable for the slot uid: the pyenv prefix lives under /root (mode 0700), so a tmpfs with
   mode 0755 is laid over the first unreachable ancestor and the needed directories are bind-mounted
   back into it from O_PATH descriptors opened before the overlay;
2. drops to the slot uid (groups cleared), so bwrap runs unprivileged: its user namespace then maps
   the slot uid to itself, RLIMIT_NPROC and kill(-1) apply to a real unprivileged uid (bwrap started
   as root would map the sandbox back to root);
3. execs bwrap (or, in the weaker "rlimits" mode, the driver directly) with an empty environment, so
   not even bwrap's own pid 1 carries the worker's variables.

Only the standard library: it must not import anything the worker has not vetted.
"""

from __future__ import annotations

import ctypes
import json
import os
import stat
import sys

CLONE_NEWNS = 0x00020000
MS_BIND, MS_REC, MS_PRIVATE = 4096, 16384, 1 << 18

_libc = ctypes.CDLL(None, use_errno=True)


def _mount(src: bytes | None, target: bytes, fstype: bytes | None, flags: int, data: bytes | None = None) -> None:
    if _libc.mount(src, target, fstype, ctypes.c_ulong(flags), data) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount {target!r}: {os.strerror(err)}")


def _unreachable_ancestor(path: str) -> str | None:
    """The top-most ancestor of `path` that others cannot traverse (mode without o+x), if any."""
    parts = path.strip("/").split("/")
    for i in range(1, len(parts)):
        anc = "/" + "/".join(parts[:i])
        if not os.stat(anc).st_mode & stat.S_IXOTH:
            return anc
    return None


def expose(paths: list[str]) -> None:
    """Make every path in `paths` reachable by an unprivileged uid inside this mount namespace."""
    if _libc.unshare(CLONE_NEWNS) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"unshare(CLONE_NEWNS): {os.strerror(err)}")
    _mount(None, b"/", None, MS_REC | MS_PRIVATE)
    by_ancestor: dict[str, list[str]] = {}
    for p in paths:
        anc = _unreachable_ancestor(p)
        if anc is not None:
            by_ancestor.setdefault(anc, []).append(p)
    for anc, inner in by_ancestor.items():
        # Opened after unshare: a bind source must belong to this mount namespace.
        fds = {p: os.open(p, os.O_PATH | os.O_DIRECTORY) for p in inner}
        _mount(b"tmpfs", anc.encode(), b"tmpfs", 0, b"mode=0755,size=64k")
        for p, fd in fds.items():
            os.makedirs(p, mode=0o755, exist_ok=True)
            _mount(f"/proc/self/fd/{fd}".encode(), p.encode(), None, MS_BIND | MS_REC)
            os.close(fd)


def main() -> None:
    cfg = json.loads(sys.argv[1])
    if cfg.get("expose"):
        expose(cfg["expose"])
    ctrl_fd = int(cfg["ctrl_fd"])
    if ctrl_fd != 3:
        os.dup2(ctrl_fd, 3)  # the driver expects its control socket on fd 3
        os.close(ctrl_fd)
    os.set_inheritable(3, True)
    uid = cfg.get("uid")
    if uid is not None and os.geteuid() == 0:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
    os.execve(cfg["argv"][0], cfg["argv"], cfg.get("env", {}))  # noqa: S606 - argv built by the worker


if __name__ == "__main__":
    main()
