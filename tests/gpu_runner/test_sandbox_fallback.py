"""The weaker isolation levels: refused unless allowed ("none"), and Landlock-confined ("rlimits").

Each runs in a fresh interpreter, since a process keeps one warm parent at one level.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gpu_runner import sandbox

REPO = Path(__file__).resolve().parents[2]


def _python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("PATHWISE_SANDBOX")}
    return subprocess.run(
        [sys.executable, "-c", code], env={**full_env, **env}, capture_output=True, text=True, timeout=300, cwd=REPO
    )


def test_no_isolation_is_refused_unless_explicitly_allowed() -> None:
    code = (
        "from gpu_runner import sandbox\n"
        "try:\n"
        "    sandbox.run_calls('def f():\\n    return 1\\n', [sandbox.Call('f')], sandbox.SandboxLimits(5, 10, 256, 64))\n"
        "except sandbox.SandboxUnavailable as exc:\n"
        "    print('refused:', exc)\n"
    )
    done = _python(code, {"PATHWISE_SANDBOX_ISOLATION": "none"})
    assert done.stdout == f"refused: {sandbox.NO_ISOLATION_MESSAGE}\n", done.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("level", "env", "warned"),
    [
        ("none", {"PATHWISE_SANDBOX_ISOLATION": "none", "PATHWISE_SANDBOX_ALLOW_UNISOLATED": "1"}, True),
        ("rlimits", {"PATHWISE_SANDBOX_ISOLATION": "rlimits"}, False),
    ],
)
def test_weaker_levels_still_run_and_say_so(level: str, env: dict[str, str], warned: bool) -> None:
    code = (
        "import json, logging\n"
        "logging.basicConfig(level=logging.WARNING)\n"
        "from gpu_runner import sandbox\n"
        "L = sandbox.SandboxLimits(5, 30, 256, 64)\n"
        "r = sandbox.run_calls('def f(x):\\n    return x + 1\\n', [sandbox.Call('f', (1,))], L)\n"
        "t = sandbox.run_calls('def f():\\n    while True:\\n        pass\\n', [sandbox.Call('f')],"
        " sandbox.SandboxLimits(1, 30, 256, 64))\n"
        "print(json.dumps([r.isolation, r.error_code, r.calls[0].value, t.error_code, sandbox.leftovers()]))\n"
    )
    done = _python(code, env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [level, None, 2, "timeout", {"processes": [], "cgroups": []}]
    assert ("WITHOUT isolation" in done.stderr) is warned


@pytest.mark.slow
def test_rlimits_level_confines_files_signals_and_network_with_landlock() -> None:
    source = (
        "import os, signal, socket\n"
        "def f(paths):\n"
        "    out = {}\n"
        "    for p in paths:\n"
        "        try:\n"
        "            os.listdir(p) if os.path.isdir(p) else open(p).read()\n"
        "            out[p] = 'read'\n"
        "        except OSError as exc:\n"
        "            out[p] = type(exc).__name__\n"
        "    os.kill(-1, signal.SIGKILL)\n"
        "    try:\n"
        "        open('/tmp/evil', 'w')\n"
        "        out['/tmp'] = 'written'\n"
        "    except OSError as exc:\n"
        "        out['/tmp'] = type(exc).__name__\n"
        "    open('mine.txt', 'w').write('ok')\n"
        "    out['scratch'] = open('mine.txt').read()\n"
        "    return out\n"
    )
    paths = [str(REPO / "exercise_bank"), str(REPO / "gpu_runner" / "spec.py"), "/etc/passwd", "/root"]
    code = (
        "import json\n"
        "from gpu_runner import sandbox\n"
        "L = sandbox.SandboxLimits(5, 30, 256, 64)\n"
        f"r = sandbox.run_calls({source!r}, [sandbox.Call('f', ({paths!r},))], L)\n"
        "z = sandbox._current_zygote()\n"
        "pid = z.proc.pid\n"
        "again = sandbox.run_calls('def g():\\n    return 7\\n', [sandbox.Call('g')], L)\n"
        "print(json.dumps([r.isolation, r.error_code, r.calls[0].value, again.calls[0].value,"
        " sandbox._current_zygote().proc.pid == pid, sandbox.leftovers()]))\n"
    )
    done = _python(code, {"PATHWISE_SANDBOX_ISOLATION": "rlimits"})
    assert done.returncode == 0, done.stderr
    level, error, seen, again, same_parent, left = json.loads(done.stdout)
    assert (level, error) == ("rlimits", None)
    assert seen == {**dict.fromkeys(paths, "PermissionError"), "/tmp": "PermissionError", "scratch": "ok"}
    assert (again, same_parent) == (7, True)  # kill(-1) did not reach the warm parent (Landlock signal scope)
    assert left == {"processes": [], "cgroups": []}
