"""The host's view of a slot's processes (read from /proc as the root worker)."""

from __future__ import annotations

import contextlib
import os
import signal
import time


def uid_processes(uid: int) -> list[int]:
    """Pids of the live processes whose real uid is `uid` (read from the host's /proc). A zombie (exited,
    waiting to be reaped by whoever inherited it) runs nothing and holds nothing but its pid: not counted."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as fh:
                for line in fh:
                    if line.startswith("State:") and line.split()[1] in ("Z", "X"):
                        break
                    if line.startswith("Uid:"):
                        if int(line.split()[1]) == uid:
                            found.append(int(entry))
                        break
        except OSError:
            continue
    return found


def _parent_pid(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("PPid:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def descendants_of(root: int, pids: list[int]) -> frozenset[int]:
    """Those of `pids` that are `root` or descend from it: the slot's processes of this warm parent, not the
    dying ones of a warm parent it replaced (same uid, still in /proc for a moment)."""
    mine = set()
    for pid in pids:
        node: int | None = pid
        for _ in range(16):
            if node is None or node <= 1:
                break
            if node == root:
                mine.add(pid)
                break
            node = _parent_pid(node)
    return frozenset(mine)


def kill_uid_processes(uid: int, keep: frozenset[int] = frozenset()) -> None:
    for _ in range(50):
        pids = [p for p in uid_processes(uid) if p not in keep]
        if not pids:
            return
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.01)
