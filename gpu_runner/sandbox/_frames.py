"""The result stream of one run, as the worker reads it: framed JSON written by the driver and, possibly, by
learner code (which can write to its own result pipe too). Everything here is untrusted input.

The stream is parsed once, under bounds (DESIGN, "Worker-side bounds"): at most `max_frames` frames (the driver
writes one per call, plus a few of its own), at most MAX_VALUES values decoded over the whole run, nested at
most codec.MAX_DEPTH deep, and decoding stops at a CPU deadline. A stream past a bound is the learner's
`output_limit`; it is never graded as it stands.
"""

from __future__ import annotations

import json
import math
import re
import struct
from dataclasses import dataclass, field

from gpu_runner import codec

FATAL_CODES = frozenset({"syntax", "import", "memory"})
# Values (numbers, strings, lists, dict entries...) decoded from one run's results, all calls together. An
# array counts once: predictions and matrices cross as arrays.
MAX_VALUES = 1_000_000
# Frames beyond one per call and one per forbidden module: the start, a fatal error, the end, and some slack.
EXTRA_FRAMES = 8
_SURROGATE = re.compile("[\ud800-\udfff]")

# What the worker tells a learner whose result stream went past a bound (output_limit), by the bound.
EXCEEDED = {
    "frames": {
        "en": "Your code wrote its own data to the grader's result channel (file descriptor 3); return values instead.",
        "zh": "你的代码自己向评测器的结果通道（文件描述符 3）写入了数据；请改为用返回值交回结果。",
    },
    "values": {
        "en": f"Your functions returned more than {MAX_VALUES:,} values (numbers, lists, keys): return fewer, or an"
        " array.",
        "zh": f"你的函数返回了超过 {MAX_VALUES:,} 个值（数字、列表、键）：请少返回一些，或改用数组。",
    },
    "depth": {
        "en": f"Your functions returned values nested more than {codec.MAX_DEPTH} levels deep.",
        "zh": f"你的函数返回的值嵌套超过了 {codec.MAX_DEPTH} 层。",
    },
    "time": {
        "en": "Reading back what your functions returned took longer than the time left in the CPU limit of"
        " {cpu_s:g} s.",
        "zh": "读回你的函数返回的值所用的时间，超过了 CPU 时间限制 {cpu_s:g} 秒中剩余的部分。",
    },
}


@dataclass
class Parsed:
    """The frames of a stream, whether it was malformed, and the bound it went past ("frames", "values",
    "depth", "time"), if any."""

    frames: list[dict] = field(default_factory=list)
    malformed: bool = False
    exceeded: str | None = None


@dataclass
class Decoded:
    """The call results in order (values decoded), the first fatal error, and whether a "done" frame came."""

    calls: list[dict] = field(default_factory=list)
    fatal: dict | None = None
    done: bool = False


class FrameCounter:
    """Counts the complete frames of a stream as its bytes arrive, by their length prefixes only (no parsing),
    so a flood of frames is stopped as soon as it passes the bound."""

    def __init__(self) -> None:
        self.pos = 0
        self.count = 0

    def feed(self, data: bytes | bytearray) -> int:
        while self.pos + 4 <= len(data):
            (n,) = struct.unpack_from("!I", data, self.pos)
            if self.pos + 4 + n > len(data):
                break
            self.pos += 4 + n
            self.count += 1
        return self.count


def ours(frames: list[dict], nonce: str) -> bool:
    """The stream begins with the driver's start frame for this run, written before any learner code ran.

    Anything else ahead of it could only be bytes of another run: a platform fault, never graded.
    """
    return bool(frames) and frames[0] == {"t": "started", "run": nonce}


def done_cpu(frames: list[dict], ceiling: float) -> float:
    value = frames[-1].get("cpu_s") if frames else 0.0
    if not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        return 0.0
    return min(float(value), ceiling)


def storable(text: str) -> str:
    """Learner text as a database can store it: no NUL characters, no lone surrogates (PostgreSQL's text and
    jsonb refuse both, and with them the whole result)."""
    return _SURROGATE.sub("\ufffd", text).replace("\x00", "\ufffd")


def parse(data: bytes | bytearray, *, max_frames: int, max_values: int = MAX_VALUES) -> Parsed:
    """Parse the untrusted result stream, once, within `max_frames` frames and about `max_values` values.

    Each frame's values are bounded before it is parsed (its commas and brackets: an upper bound on what JSON can
    build from it), so no frame makes the worker build millions of objects first and count them afterwards.
    """
    parsed, pos, budget = Parsed(), 0, max_values
    while pos < len(data):
        if pos + 4 > len(data):
            parsed.malformed = True
            return parsed
        (n,) = struct.unpack_from("!I", data, pos)
        pos += 4
        if n > len(data) - pos:
            parsed.malformed = True
            return parsed
        if len(parsed.frames) >= max_frames:
            parsed.exceeded = "frames"
            return parsed
        raw = data[pos : pos + n]
        budget -= raw.count(b",") + raw.count(b"[") + raw.count(b"{")
        if budget < 0:
            parsed.exceeded = "values"
            return parsed
        try:
            frame = json.loads(raw)
        except RecursionError:  # deeper than the interpreter's recursion limit: far past codec.MAX_DEPTH
            parsed.exceeded = "depth"
            return parsed
        except ValueError:
            parsed.malformed = True
            return parsed
        pos += n
        if not isinstance(frame, dict):
            parsed.malformed = True
            return parsed
        parsed.frames.append(frame)
    return parsed


def calls(parsed: Parsed, max_bytes: int, budget: codec.Budget) -> Decoded:
    """Decode the call results of a parsed stream, counting every value against `budget`; a bound passed on the
    way is recorded in `parsed.exceeded` and ends the decoding."""
    decoded = Decoded()
    found = decoded.calls
    for frame in parsed.frames:
        kind = frame.get("t")
        if kind == "call" and frame.get("i") == len(found):
            if frame.get("ok") is True:
                try:
                    value = codec.from_jsonable(frame.get("v"), max_bytes=max_bytes, budget=budget)
                except codec.DecodeLimit as exc:
                    parsed.exceeded = exc.reason
                    return decoded
                except codec.DecodeError as exc:
                    found.append(
                        {
                            "ok": False,
                            "error_type": "TypeError",
                            "error_message": f"the return value could not be read back: {exc}",
                        }
                    )
                    continue
                found.append({"ok": True, "value": value})
            else:
                found.append(
                    {
                        "ok": False,
                        "error_type": storable(str(frame.get("etype"))[:200]),
                        "error_message": storable(str(frame.get("emsg"))[:2000]),
                    }
                )
        elif kind == "fatal" and frame.get("code") in FATAL_CODES and decoded.fatal is None:
            decoded.fatal = {"code": frame["code"], "detail": storable(str(frame.get("detail", ""))[:2000])}
        elif kind == "done":
            decoded.done = True
    return decoded


def tried_forbidden(frames: list[dict], forbidden: tuple[str, ...]) -> list[str]:
    """The forbidden modules the learner's code tried to import, each once, in the order tried.

    Learner code can write such frames itself; it only ever fails its own submission by that, and names outside
    the exercise's list are ignored.
    """
    tried: list[str] = []
    for frame in frames:
        name = frame.get("module")
        if frame.get("t") == "forbidden" and name in forbidden and name not in tried:
            tried.append(name)
    return tried


def started(frames: list[dict]) -> bool:
    return any(frame.get("t") == "started" for frame in frames)
