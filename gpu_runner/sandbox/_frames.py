"""The result stream of one run, as the worker reads it: framed JSON written by the driver and, possibly, by
learner code (which can write to its own result pipe too). Everything here is untrusted input."""

from __future__ import annotations

import json
import math
import re
import struct

from gpu_runner import codec

FATAL_CODES = frozenset({"syntax", "import", "memory"})
_SURROGATE = re.compile("[\ud800-\udfff]")


def ours(frames: list[dict], nonce: str) -> bool:
    """The stream begins with the driver's start frame for this run, written before any learner code ran.

    Anything else ahead of it could only be bytes of another run: a platform fault, never graded.
    """
    return bool(frames) and frames[0] == {"t": "started", "run": nonce}


def done_cpu(data: bytes, ceiling: float) -> float:
    frames, _ = parse(bytes(data))
    value = frames[-1].get("cpu_s") if frames else 0.0
    if not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        return 0.0
    return min(float(value), ceiling)


def storable(text: str) -> str:
    """Learner text as a database can store it: no NUL characters, no lone surrogates (PostgreSQL's text and
    jsonb refuse both, and with them the whole result)."""
    return _SURROGATE.sub("\ufffd", text).replace("\x00", "\ufffd")


def parse(data: bytes) -> tuple[list[dict], bool]:
    """Parse the untrusted result stream; the flag says whether it was malformed."""
    frames, pos = [], 0
    while pos < len(data):
        if pos + 4 > len(data):
            return frames, True
        (n,) = struct.unpack_from("!I", data, pos)
        pos += 4
        if n > len(data) - pos:
            return frames, True
        try:
            frame = json.loads(data[pos : pos + n])
        except (ValueError, RecursionError):
            return frames, True
        pos += n
        if not isinstance(frame, dict):
            return frames, True
        frames.append(frame)
    return frames, False


def calls(frames: list[dict], max_bytes: int) -> tuple[list[dict], dict | None, bool]:
    """The call results in order (values decoded, at most `max_bytes`), the first fatal error, and whether
    a "done" frame came."""
    found: list[dict] = []
    fatal, done = None, False
    for frame in frames:
        kind = frame.get("t")
        if kind == "call" and frame.get("i") == len(found):
            if frame.get("ok") is True:
                try:
                    found.append({"ok": True, "value": codec.from_jsonable(frame.get("v"), max_bytes=max_bytes)})
                except codec.DecodeError as exc:
                    found.append(
                        {
                            "ok": False,
                            "error_type": "TypeError",
                            "error_message": f"the return value could not be read back: {exc}",
                        }
                    )
            else:
                found.append(
                    {
                        "ok": False,
                        "error_type": storable(str(frame.get("etype"))[:200]),
                        "error_message": storable(str(frame.get("emsg"))[:2000]),
                    }
                )
        elif kind == "fatal" and frame.get("code") in FATAL_CODES and fatal is None:
            fatal = {"code": frame["code"], "detail": storable(str(frame.get("detail", ""))[:2000])}
        elif kind == "done":
            done = True
    return found, fatal, done


def started(frames: list[dict]) -> bool:
    return any(frame.get("t") == "started" for frame in frames)
