"""One run never sees another run's source code or call arguments, not even in memory it inherits.

Every run is forked from the same warm parent, and a fork inherits all of the parent's memory, freed
blocks included (neither malloc nor Python zeroes them). So the warm parent must never hold a job's
body: it receives only the header and the descriptors, forks, and the child alone reads the body from
a memfd the worker filled (see gpu_runner/_driver.py). These tests plant random markers in one
run's source and arguments and look for them from the next run through the same warm parent, which
reads every readable mapping of its own memory; and, from the host, in the warm parent's own memory.
"""

from __future__ import annotations

import os
import re
import secrets

import pytest

from gpu_runner import sandbox
from gpu_runner.sandbox import Call, SandboxLimits, _run
from tests.gpu_runner.sandboxing import run_isolated

PREFIX = "PWSECRET"  # + 32 hex digits: a marker. No source below holds the prefix followed by hex digits.
TOKEN = re.compile(rb"PWSECRET([0-9a-f]{32})")
SCAN_LIMITS = SandboxLimits(cpu_s=30, wall_s=60, memory_mb=512, output_kb=64)
SHORT = SandboxLimits(cpu_s=5, wall_s=1, memory_mb=256, output_kb=64)

# Learner code that reads every readable mapping of its own process. /proc/self/mem is closed to it (the
# process is not dumpable and holds no capability), so it copies memory through a pipe: the kernel copies
# from the address and answers EFAULT for a page it cannot read, where a plain read would crash.
SCANNER = """
import ctypes
import os
import re

TOKEN = re.compile(rb"PWSECRET([0-9a-f]{32})")
PAGE = os.sysconf("SC_PAGE_SIZE")
CHUNK = 1 << 16
SKIP = ("[vvar]", "[vvar_vclock]", "[vsyscall]")


def regions():
    with open("/proc/self/maps") as fh:
        lines = fh.read().splitlines()
    for line in lines:
        parts = line.split()
        if parts[1][0] == "r" and (len(parts) < 6 or parts[5] not in SKIP):
            lo, hi = (int(x, 16) for x in parts[0].split("-"))
            yield lo, hi


def scan():
    found, scanned = set(), 0
    r, w = os.pipe2(os.O_NONBLOCK)
    for lo, hi in list(regions()):
        addr, tail = lo, b""
        while addr < hi:
            size = min(CHUNK, hi - addr)
            try:
                written = os.write(w, (ctypes.c_char * size).from_address(addr))
            except OSError:
                addr, tail = (addr // PAGE + 1) * PAGE, b""
                continue
            data = tail + os.read(r, written)
            found.update(m.group(1).decode() for m in TOKEN.finditer(data))
            tail = data[-40:]
            addr += written
            scanned += written
    return {"tokens": sorted(found), "scanned": scanned}


def scan_all(own):
    return scan()
"""


def marker() -> tuple[str, str]:
    token = secrets.token_hex(16)
    return token, PREFIX + token


def learner_source(body: str, size: int) -> tuple[str, str]:
    """A module holding a marker in a string constant, padded to about `size` characters; and its token."""
    token, mark = marker()
    head = f'SECRET = "{mark}"\n{body}'
    lines, filler = [head], "# " + "solution padding " * 5 + "\n"
    while sum(map(len, lines)) < size:
        lines.append(filler)
    lines.append(f"TAIL = {mark!r}\n")  # at the end as well: a large body's last chunk is read last
    return "".join(lines), token


def scan_next_run() -> dict:
    """A scan from the next run, with markers of its own in its source and arguments (found: the scan works)."""
    own_src, own_src_mark = marker()
    own_arg, own_arg_mark = marker()
    result = run_isolated(f"# {own_src_mark}\n{SCANNER}", Call("scan_all", (own_arg_mark,)), limits=SCAN_LIMITS)
    assert result.error_code is None, (result.error_code, result.error_detail, result.stderr_tail)
    found = result.calls[0].value
    assert {own_src, own_arg} <= set(found["tokens"]), "the scan must find the run's own source and arguments"
    assert found["scanned"] > 32 * 1024 * 1024  # the interpreter, numpy, scikit-learn: far more than this
    return found


CASES = {
    # name: (module body after the marker, padded size, limits, the first run's expected error code)
    "small": ("def f(arg):\n    return len(arg)\n", 0, SCAN_LIMITS, None),
    "600B": ("def f(arg):\n    return len(arg)\n", 600, SCAN_LIMITS, None),
    "20KB": ("def f(arg):\n    return len(arg)\n", 20_000, SCAN_LIMITS, None),
    "3KB": ("def f(arg):\n    return len(arg)\n", 3_000, SCAN_LIMITS, None),
    "200KB": ("def f(arg):\n    return len(arg)\n", 200_000, SCAN_LIMITS, None),
    "2MB": ("def f(arg):\n    return len(arg)\n", 2_000_000, SCAN_LIMITS, None),
    "timed out": ("def f(arg):\n    while True:\n        pass\n", 3_000, SHORT, "timeout"),
    "crashed": ("import ctypes\ndef f(arg):\n    return ctypes.string_at(0)\n", 3_000, SCAN_LIMITS, "crash"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_next_run_finds_nothing_of_a_runs_source_or_arguments_in_its_memory(case: str) -> None:
    body, size, limits, expected = CASES[case]
    source, src_token = learner_source(body, size)
    arg_token, arg_mark = marker()
    first = run_isolated(source, Call("f", (arg_mark + " and some more argument text",)), limits=limits)
    assert first.error_code == expected, (first.error_code, first.error_detail)
    z = sandbox._current_zygote()
    assert z is not None
    parent = z.proc.pid

    found = scan_next_run()

    assert sandbox._current_zygote() is z and z.proc.pid == parent, "the scan must run through the same warm parent"
    assert src_token not in found["tokens"]
    assert arg_token not in found["tokens"]


def test_a_run_after_many_large_jobs_finds_none_of_them() -> None:
    # The allocator reuses what earlier large jobs freed: several in a row, then a scan.
    tokens = set()
    for size in (2_000_000, 200_000, 2_000_000, 3_000):
        source, src_token = learner_source("def f(arg):\n    return len(arg)\n", size)
        arg_token, arg_mark = marker()
        result = run_isolated(source, Call("f", (arg_mark + "x" * size,)), limits=SCAN_LIMITS)
        assert result.error_code is None and result.calls[0].value == len(arg_mark) + size
        tokens |= {src_token, arg_token}
    found = scan_next_run()
    assert tokens.isdisjoint(found["tokens"])


def _warm_parent_host_pid(z) -> int:
    """The driver among the slot's processes (bwrap and its init are the others)."""
    for pid in sorted(z.base_pids):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                argv = fh.read().split(b"\0")
        except FileNotFoundError:  # a start-up process of the slot that has exited since (the set keeps its pid)
            continue
        if len(argv) >= 2 and b"zygote_main" in argv[-2] and b"python" in os.path.basename(argv[0]):
            return pid
    raise AssertionError(f"no warm parent among {sorted(z.base_pids)}")


def _found_in_memory(pid: int, needles: list[bytes]) -> set[bytes]:
    """Which of `needles` lie anywhere in the readable memory of `pid` (read from the host, as root)."""
    pattern = re.compile(b"|".join(re.escape(n) for n in needles))
    overlap = max(map(len, needles))
    found: set[bytes] = set()
    with open(f"/proc/{pid}/maps") as fh:
        regions = [line.split()[0] for line in fh if line.split()[1][0] == "r"]
    fd = os.open(f"/proc/{pid}/mem", os.O_RDONLY)
    try:
        for region in regions:
            lo, hi = (int(x, 16) for x in region.split("-"))
            tail = b""
            for addr in range(lo, hi, 1 << 20):
                try:
                    data = tail + os.pread(fd, min(1 << 20, hi - addr), addr)
                except OSError:  # [vvar] and friends
                    tail = b""
                    continue
                found.update(m.group(0) for m in pattern.finditer(data))
                tail = data[-overlap:]
    finally:
        os.close(fd)
    return found


@pytest.mark.skipif(os.geteuid() != 0, reason="reading the warm parent's memory from the host needs root")
@pytest.mark.parametrize("size", [0, 3_000, 200_000, 2_000_000])
def test_the_warm_parent_never_holds_a_jobs_source_or_arguments(size: int, monkeypatch) -> None:
    nonces: list[str] = []
    token_hex = secrets.token_hex

    def recording_token_hex(nbytes: int) -> str:
        nonces.append(token_hex(nbytes))
        return nonces[-1]

    monkeypatch.setattr(_run.secrets, "token_hex", recording_token_hex)
    source, src_token = learner_source("def f(arg):\n    return len(arg)\n", size)
    arg_token, arg_mark = marker()
    result = run_isolated(source, Call("f", (arg_mark,)), limits=SCAN_LIMITS)
    assert result.error_code is None and result.calls[0].value == len(arg_mark)
    z = sandbox._current_zygote()
    assert z is not None
    assert sandbox.leftovers() == {"processes": [], "cgroups": []}  # reaped: what is left is the parent's
    secret = [(PREFIX + src_token).encode(), (PREFIX + arg_token).encode()]
    found = _found_in_memory(_warm_parent_host_pid(z), [*secret, nonces[-1].encode()])
    # The reading works: the run's header (its nonce) is the warm parent's to read, and is found.
    assert nonces[-1].encode() in found
    assert not found & set(secret)
