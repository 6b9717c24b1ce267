"""Privilege plumbing for the driver inside the sandbox: mounts, capabilities and the seccomp filter.

Split from `_driver` to keep each module small; like it, it is bound into the sandbox read-only and
imports only the standard library (plus pyseccomp, in the warm parent, to compile the filter).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import socket

MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 2, 4, 8, 16384, 1 << 18
PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 24, 38, 47, 4
PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2

_libc = ctypes.CDLL(None, use_errno=True)


def check(rc: int, what: str) -> None:
    if rc != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def mount(src: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    def enc(s: str | None) -> bytes | None:
        return s.encode() if s is not None else None

    check(_libc.mount(enc(src), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)), f"mount {target}")


def drop_capabilities() -> None:
    """Empty every capability set, so nothing the learner runs holds any privilege in the namespace."""
    for cap in range(64):
        if _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 and ctypes.get_errno() == 22:  # EINVAL: past last cap
            break
    _libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this thread
    data = (ctypes.c_uint32 * 6)()
    check(_libc.capset(header, data), "capset")
    check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")


# Syscalls a grading run never needs and that widen the attack surface: denied with EPERM.
DENIED_SYSCALLS: tuple[str, ...] = (
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "mount",
    "umount2",
    "unshare",
    "setns",
    "bpf",
    "perf_event_open",
    "userfaultfd",
    "keyctl",
    "add_key",
    "request_key",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "pivot_root",
    "chroot",
    "kexec_load",
    "init_module",
    "finit_module",
    "open_by_handle_at",
    "name_to_handle_at",
    "fsopen",
    "fsmount",
    "move_mount",
    "open_tree",
    "fsconfig",
    "fspick",
    "mount_setattr",
    "pidfd_getfd",
    "personality",
    "acct",
    "swapon",
    "swapoff",
    "reboot",
    "syslog",
    "quotactl",
    "vhangup",
    "lookup_dcookie",
)
# No new namespaces through clone() either: NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET.
CLONE_NAMESPACE_BITS = (0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000)


def build_seccomp_filter():
    """Deny (EPERM) the syscalls a grading run never needs and that widen the attack surface."""
    import errno

    import pyseccomp as sc

    f = sc.SyscallFilter(defaction=sc.ALLOW)
    deny = sc.ERRNO(errno.EPERM)
    # Only AF_UNIX sockets: no IP, netlink, packet or vsock, even though the net namespace is empty.
    f.add_rule(deny, "socket", sc.Arg(0, sc.NE, socket.AF_UNIX))
    for name in DENIED_SYSCALLS:
        with contextlib.suppress(ValueError, RuntimeError, OSError):  # not on this architecture
            f.add_rule(deny, name)
    # One rule per namespace bit (rules are ORed). clone3 passes flags in memory seccomp cannot read, so it
    # reports ENOSYS and glibc falls back to clone().
    for bit in CLONE_NAMESPACE_BITS:
        f.add_rule(deny, "clone", sc.Arg(0, sc.MASKED_EQ, bit, bit))
    f.add_rule(sc.ERRNO(errno.ENOSYS), "clone3")
    return _export_bpf(f)


def _export_bpf(f) -> bytes:
    """The compiled filter's bytes (pyseccomp writes them to a file descriptor)."""
    r, w = os.pipe()
    try:
        with os.fdopen(w, "wb", closefd=False) as out:
            f.export_bpf(out)
        os.close(w)
        w = -1
        return b"".join(iter(lambda: os.read(r, 1 << 16), b""))
    finally:
        os.close(r)
        if w >= 0:
            os.close(w)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def load_seccomp(bpf: bytes) -> None:
    """Install the filter on this (single-threaded) process; no_new_privs is already set."""
    program = ctypes.create_string_buffer(bpf, len(bpf))
    fprog = _SockFprog(len(bpf) // 8, ctypes.addressof(program))
    check(_libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0), "seccomp")
