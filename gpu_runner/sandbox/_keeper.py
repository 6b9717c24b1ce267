"""One thread per process that starts the warm parents (see `_Keeper`)."""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

T = TypeVar("T")


class _Keeper:
    """Starts every warm parent of this process from one thread that lives as long as the process.

    bwrap's --die-with-parent is PR_SET_PDEATHSIG, which fires when the *thread* that forked bwrap's launcher
    ends, not its process: a warm parent started from a short-lived thread (Celery's warm-up at pool process
    start) was killed as soon as that thread returned, and the first job paid for a cold start.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pid = 0
        self._tasks: queue.SimpleQueue | None = None

    def run(self, fn: Callable[[], T]) -> T:
        """`fn()` on the keeper thread (started in this process on first use); its result or its exception."""
        with self._lock:
            if self._pid != os.getpid() or self._tasks is None:  # threads do not survive a fork: one per process
                self._tasks = queue.SimpleQueue()
                self._pid = os.getpid()
                threading.Thread(target=self._serve, args=(self._tasks,), name="sandbox-keeper", daemon=True).start()
            tasks = self._tasks
        done: Future = Future()
        tasks.put((fn, done))
        return done.result()

    @staticmethod
    def _serve(tasks: queue.SimpleQueue) -> None:
        while True:
            fn, done = tasks.get()
            try:
                done.set_result(fn())
            except BaseException as exc:  # handed to the caller, which raises it in its own thread
                done.set_exception(exc)


KEEPER = _Keeper()
