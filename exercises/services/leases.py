"""Leases on running submissions: who holds a claimed job and until when (DESIGN.md, "Recovery").

A claim records its holder (the pool process: host, pid namespace, pid and start time) and an expiry a short
lease ahead; while the job runs, a thread renews it. A redelivered or swept job takes back a row whose lease
has expired, or whose holder is a process of this host that no longer runs, whatever the broker says about
redelivery: kombu's filesystem transport (`make run`) never marks a message redelivered, so a job whose pool
process was killed used to wait for the sweep (about 2.7 minutes) with the learner watching "Running".
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.utils import timezone

log = logging.getLogger(__name__)

# The holder of a fine-tuning job once it is sent: the `gpu` queue, not a process here (its deadline bounds it).
GPU_QUEUE_HOLDER = "queue:gpu"


class LeaseHeld(Exception):
    """Another host's process holds the job's lease: look again when it expires (`retry_in` seconds)."""

    def __init__(self, retry_in: float) -> None:
        self.retry_in = retry_in
        super().__init__(f"leased elsewhere; look again in {retry_in:.0f} s")


def lease_seconds() -> float:
    return float(settings.PATHWISE_LEASE_S)


def _proc_start(pid: int) -> str | None:
    """The start time (clock ticks since boot) of a running process, None when there is none (or a zombie)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (OSError, ValueError):
        return None
    # The command name (field 2) may hold spaces and parentheses: the fields after it start after the last ')'.
    fields = stat[stat.rindex(")") + 2 :].split()
    return None if fields[0] in ("Z", "X") else fields[19]


def _pid_namespace() -> str:
    try:
        return os.readlink("/proc/self/ns/pid")
    except OSError:
        return "?"


def process_identity() -> str:
    """This process as a lease holder: host, pid namespace, pid, start time (a reused pid is another process)."""
    pid = os.getpid()
    return f"{socket.gethostname()}|{_pid_namespace()}|{pid}|{_proc_start(pid) or '?'}"


def _local_pid(holder: str) -> tuple[int, str] | None:
    """(pid, start time) when `holder` is a process this one can look up: same host and pid namespace, /proc."""
    parts = holder.split("|")
    if len(parts) != 4 or parts[3] == "?" or not parts[2].isdigit():
        return None
    if (parts[0], parts[1]) != (socket.gethostname(), _pid_namespace()):
        return None
    return int(parts[2]), parts[3]


def holder_is_local(holder: str) -> bool:
    return _local_pid(holder) is not None


def holder_gone(holder: str) -> bool:
    """True when `holder` was a process of this host that has exited (its pid is free, a zombie, or another
    process now). False for a live one and for any holder this process cannot look up (another host)."""
    local = _local_pid(holder)
    return local is not None and _proc_start(local[0]) != local[1]


def lease_expiry(now: dt.datetime, deadline: dt.datetime) -> dt.datetime:
    return min(now + dt.timedelta(seconds=lease_seconds()), deadline)


@contextmanager
def lease_kept(*, submission_id: int, holder: str, deadline: dt.datetime) -> Iterator[None]:
    """Renew the lease every third of its length while the body runs; never past the job's deadline, so a job
    stuck in a live worker is still taken back then. The renewal runs in a thread on its own connection."""
    stop = threading.Event()
    thread = threading.Thread(
        target=_renew, args=(submission_id, holder, deadline, stop), name=f"lease-{submission_id}", daemon=True
    )
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _renew(submission_id: int, holder: str, deadline: dt.datetime, stop: threading.Event) -> None:
    from exercises.models import Submission, SubmissionStatus

    try:
        while not stop.wait(lease_seconds() / 3):
            try:
                Submission.objects.filter(pk=submission_id, status=SubmissionStatus.RUNNING, lease_owner=holder).update(
                    lease_expires_at=lease_expiry(timezone.now(), deadline)
                )
            except (OperationalError, InterfaceError):
                # The database is away: the next renewal tries again; the lease may lapse meanwhile, and then the
                # job is graded twice at worst (its result is recorded once).
                log.warning("submission %s: lease renewal failed", submission_id, exc_info=True)
                connection.close()
    finally:
        connection.close()
