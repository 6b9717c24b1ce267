"""Watching one sandbox run: its stdout, stderr and result pipes read under caps, the warm parent's report, the
wall-time deadline; the run killed when it passes one of them."""

from __future__ import annotations

import logging
import os
import select
import time
from typing import Any

from gpu_runner import codec
from gpu_runner.sandbox._frames import MAX_VALUES, Decoded, FrameCounter, Parsed, ours, parse
from gpu_runner.sandbox._frames import calls as read_calls
from gpu_runner.sandbox._zygote import Zygote

log = logging.getLogger("gpu_runner.sandbox._run")

MB = 1024 * 1024
# Return values (predictions, arrays) are capped separately from printed output. Parsing JSON costs the
# worker several times its size in memory (a list of floats: ~10x), so the cap stays modest.
RESULT_CAP = 16 * MB
TAIL_CAP = 64 * 1024  # at most this much of stdout/stderr is kept (the end of it)
DRAIN_S = 2.0  # after the child is reaped, how long to wait for the pipes to close
REPORT_GRACE_S = 10.0  # after a kill, how long the warm parent may take to report


class Stream:
    """A pipe read end whose total is counted and whose end (or all, up to a cap) is kept."""

    def __init__(self, fd: int, keep: int, whole: bool = False) -> None:
        self.fd, self.keep, self.whole, self.total, self.data = fd, keep, whole, 0, bytearray()

    def feed(self, chunk: bytes) -> None:
        self.total += len(chunk)
        if self.whole:
            if self.total <= self.keep:
                self.data += chunk
        else:
            self.data += chunk
            del self.data[: max(0, len(self.data) - self.keep)]


class ResultStream:
    """A run's result stream: its frames counted as they arrive, parsed once when complete, then decoded."""

    def __init__(self, stream: Stream, max_frames: int) -> None:
        self.stream, self.max_frames = stream, max_frames
        self.counter = FrameCounter()
        self.cpu_s = 0.0  # this thread's CPU time spent parsing and decoding
        self._parsed: Parsed | None = None

    def too_many_frames(self) -> bool:
        return self.counter.feed(self.stream.data) > self.max_frames

    def parsed(self) -> Parsed:
        if self._parsed is None:
            started_at = time.thread_time()
            self._parsed = parse(self.stream.data, max_frames=self.max_frames)
            self.cpu_s += time.thread_time() - started_at
        return self._parsed

    def decode(self, seconds: float) -> Decoded:
        parsed = self.parsed()
        started_at = time.thread_time()
        budget = codec.Budget(elements=MAX_VALUES, deadline=started_at + seconds)
        try:
            return read_calls(parsed, RESULT_CAP, budget)
        finally:
            self.cpu_s += time.thread_time() - started_at


def watch(z: Zygote, streams: list[Stream], limits: Any, cg: Any, start: float, nonce: str, result: ResultStream):
    """Read the pipes until the child is reaped and they close; kill on a deadline or a cap."""
    return _Watch(z, streams, limits, cg, start, nonce, result).run()


class _Watch:
    """One run being watched: the child's pipes and the warm parent's report, the deadline and the caps.

    `run()` returns (the warm parent's report, or DONE for a run that answered in full and closed its pipes, or
    None when the warm parent must be replaced; why the run was killed, if it was; whether to replace the parent).
    """

    def __init__(
        self, z: Zygote, streams: list[Stream], limits: Any, cg: Any, start: float, nonce: str, result: ResultStream
    ) -> None:
        assert z.sock is not None
        self.z, self.streams, self.cg, self.nonce, self.result = z, streams, cg, nonce, result
        self.deadline = start + float(limits.wall_s)
        self.output_cap = int(limits.output_kb) * 1024
        self.report: dict | None = None
        self.killed_for: str | None = None
        self.hard_stop: float | None = None
        self.drain_until: float | None = None
        self.open_streams = {s.fd: s for s in streams}

    def kill(self, reason: str) -> None:
        if self.killed_for is None:
            self.killed_for = reason
            self.hard_stop = time.monotonic() + REPORT_GRACE_S
            self.z.kill_child()
            if self.cg:
                self.cg.kill_all(timeout=1.0)

    def run(self) -> tuple[dict | None, str | None, bool]:
        while True:
            now = time.monotonic()
            ended = self._ended(now)
            if ended is not None:
                return ended
            if self.killed_for is None and now >= self.deadline:
                self.kill("wall")
                continue
            limit_at = [
                t for t in (self.deadline if self.killed_for is None else None, self.hard_stop, self.drain_until) if t
            ]
            wait = max(0.0, min(limit_at) - now) if limit_at else None
            watched = list(self.open_streams) + ([self.z.sock] if self.report is None else [])
            ready, _, _ = select.select(watched, [], [], wait)
            for item in ready:
                if item is self.z.sock:
                    if not self._read_report():
                        return None, self.killed_for, True  # the warm parent died (or closed the socket)
                else:
                    self._read_stream(item)

    def _ended(self, now: float) -> tuple[dict | None, str | None, bool] | None:
        report, killed_for = self.report, self.killed_for
        if report is not None and (not self.open_streams or now >= (self.drain_until or now)):
            return report, killed_for, False
        quiet = report is None and not self.open_streams and killed_for is None and self.z.mode == "bwrap"
        if quiet and _ends_done(self.result.parsed(), self.nonce):
            return DONE, None, False
        if report is None and self.hard_stop is not None and now >= self.hard_stop:
            return None, killed_for, True  # the warm parent did not report: replace it
        return None

    def _read_report(self) -> bool:
        """The warm parent's report on a run; False when it is gone."""
        z = self.z
        report = z.read_frame(REPORT_GRACE_S)
        if report is None:
            return False
        if report.get("job") != z.jobs:  # an earlier run's, never collected: not this run's status
            log.warning(
                "sandbox slot %s: skipped the report of job %r during job %s", z.slot.index, report.get("job"), z.jobs
            )
            return True
        self.report = report
        self.drain_until = time.monotonic() + DRAIN_S
        return True

    def _read_stream(self, fd: int) -> None:
        stream = self.open_streams[fd]
        try:
            chunk = os.read(fd, 1 << 16)
        except BlockingIOError:
            return
        if not chunk:
            del self.open_streams[fd]
            return
        stream.feed(chunk)
        streams = self.streams
        if streams[0].total + streams[1].total > self.output_cap:
            self.kill("output")
        elif streams[2].total > RESULT_CAP:
            self.kill("result")
        elif stream is streams[2] and self.result.too_many_frames():
            self.kill("frames")


DONE: dict = {"done": True}  # watch's marker: answered, pipes closed, exit status still to come


def _ends_done(parsed: Parsed, nonce: str) -> bool:
    """The result stream is this run's, complete, well-formed and within its bounds, and ends with the driver's
    "done" frame.

    Only in the bwrap mode is this enough to answer early: there the run is pid 1 of its own pid
    namespace, so nothing it started can outlive it once it exits.
    """
    frames = parsed.frames
    return not (parsed.malformed or parsed.exceeded) and ours(frames, nonce) and frames[-1].get("t") == "done"
