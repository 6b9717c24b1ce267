"""The worker reads a run's result stream once, within bounds on frames, values, depth and time (DESIGN,
"Worker-side bounds"); past a bound, the run is the learner's output_limit. The attacks themselves, with the
worker's memory and time, are in tests/faults/test_result_flood.py."""

from __future__ import annotations

import json
import struct

import pytest

from gpu_runner import codec
from gpu_runner.sandbox import Call
from gpu_runner.sandbox._frames import MAX_VALUES, FrameCounter, calls, parse
from tests.gpu_runner.sandboxing import assert_contained, run_isolated


def frame(obj: object) -> bytes:
    data = json.dumps(obj).encode()
    return struct.pack("!I", len(data)) + data


def test_parse_stops_at_the_frame_bound_without_reading_further():
    data = frame({"t": "started", "run": "n"}) + frame({}) * 5 + b"\x00\x00\x00\x05{bad}"
    parsed = parse(data, max_frames=4)
    assert (len(parsed.frames), parsed.malformed, parsed.exceeded) == (4, False, "frames")
    assert parse(data, max_frames=10).malformed


def test_parse_bounds_the_values_of_a_frame_before_parsing_it():
    # Its commas and brackets bound what a frame can hold: 999 + 1 for the list, 3 + 1 for the frame.
    wide = frame({"t": "call", "i": 0, "ok": True, "v": [7] * 1000})
    assert parse(wide, max_frames=4, max_values=1003).exceeded == "values"
    assert parse(wide, max_frames=4, max_values=1004).exceeded is None


def test_parse_reports_json_deeper_than_the_interpreter_can_parse_as_depth():
    deep = b"[" * 100_000 + b"]" * 100_000
    data = struct.pack("!I", len(deep)) + deep
    parsed = parse(data, max_frames=4, max_values=10**6)
    assert (parsed.frames, parsed.malformed, parsed.exceeded) == ([], False, "depth")


def test_frame_counter_counts_complete_frames_as_bytes_arrive():
    data = frame({}) * 3 + frame({"t": "done"})
    counter = FrameCounter()
    assert counter.feed(data[:7]) == 1  # one whole 6-byte frame and one byte of the next
    assert counter.feed(data[:-1]) == 3
    assert counter.feed(data) == 4


@pytest.mark.parametrize(
    ("value", "budget", "reason"),
    [
        (json.loads("[" * 70 + "]" * 70), codec.Budget(elements=MAX_VALUES), "depth"),
        ([0] * 50, codec.Budget(elements=10), "values"),
        ([0] * 10_000, codec.Budget(elements=MAX_VALUES, deadline=0.0), "time"),
    ],
    ids=["depth", "values", "time"],
)
def test_decoding_stops_at_a_bound_and_names_it(value, budget, reason):
    parsed = parse(frame({"t": "call", "i": 0, "ok": True, "v": value}), max_frames=4)
    decoded = calls(parsed, 1 << 24, budget)
    assert (decoded.calls, parsed.exceeded) == ([], reason)


def test_the_value_budget_is_shared_by_all_calls_of_a_run():
    data = b"".join(frame({"t": "call", "i": i, "ok": True, "v": [1, 2, 3]}) for i in range(4))
    parsed = parse(data, max_frames=8)
    decoded = calls(parsed, 1 << 24, codec.Budget(elements=10))
    assert [c["value"] for c in decoded.calls] == [[1, 2, 3], [1, 2, 3]]
    assert parsed.exceeded == "values"


def test_frames_a_learner_writes_beyond_its_calls_end_the_run_as_output_limit():
    source = "import os, struct\ndef f():\n    os.write(3, (struct.pack('!I', 2) + b'{}') * 50)\n    return 1\n"
    result = run_isolated(source, Call("f"))
    assert result.error_code == "output_limit"
    assert result.error_detail == (
        "Your code wrote its own data to the grader's result channel (file descriptor 3); return values instead."
    )
    assert_contained()


def test_a_forged_value_nested_past_the_depth_cap_is_output_limit_not_a_wrong_answer():
    source = (
        "import json, os, struct\n"
        "def f():\n"
        "    body = json.dumps({'t': 'call', 'i': 0, 'ok': True, 'v': json.loads('[' * 100 + ']' * 100)}).encode()\n"
        "    os.write(3, struct.pack('!I', len(body)) + body)\n"
        "    return 1\n"
    )
    result = run_isolated(source, Call("f"))
    assert (result.error_code, result.error_detail) == (
        "output_limit",
        "Your functions returned values nested more than 64 levels deep.",
    )


def test_an_honest_large_result_within_the_bounds_is_graded():
    result = run_isolated("def f():\n    return list(range(200_000))\n", Call("f"))
    assert result.error_code is None
    assert result.calls[0].value == list(range(200_000))
