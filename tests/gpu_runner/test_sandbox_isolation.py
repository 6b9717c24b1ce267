"""Isolation: learner code sees no network, no host files, no secrets, no other run, and cannot hurt the parent."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest

from gpu_runner import sandbox
from gpu_runner.sandbox import Call
from gpu_runner.sandbox._zygote import SANDBOX_ENV
from tests.gpu_runner.sandboxing import assert_contained
from tests.gpu_runner.sandboxing import run_isolated as run

REPO = Path(__file__).resolve().parents[2]


def only_call(result: sandbox.SandboxResult) -> sandbox.CallResult:
    assert result.error_code is None, (result.error_code, result.error_detail, result.stderr_tail)
    assert len(result.calls) == 1
    return result.calls[0]


def test_inet_socket_to_loopback_is_refused() -> None:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    accepted: list[object] = []
    listener.settimeout(3)
    waiter = threading.Thread(target=lambda: accepted.append(_accept(listener)))
    waiter.start()
    source = f"import socket\ndef f():\n    socket.create_connection(('127.0.0.1', {port}), timeout=2)\n"
    call = only_call(run(source, Call("f")))
    waiter.join()
    listener.close()
    assert call.ok is False
    assert call.error_type == "PermissionError"
    assert call.error_message == "[Errno 1] Operation not permitted"
    assert accepted == [None]
    assert_contained()


def _accept(listener: socket.socket) -> object:
    try:
        conn, _ = listener.accept()
    except TimeoutError:
        return None
    conn.close()
    return "connected"


def test_connection_to_the_outside_is_refused() -> None:
    source = "import socket\ndef f():\n    socket.create_connection(('1.1.1.1', 443), timeout=2)\n"
    call = only_call(run(source, Call("f")))
    assert (call.ok, call.error_type) == (False, "PermissionError")


def test_dns_lookup_fails() -> None:
    source = "import socket\ndef f():\n    return socket.getaddrinfo('pypi.org', 443)\n"
    call = only_call(run(source, Call("f")))
    assert (call.ok, call.error_type) == (False, "gaierror")


def test_netlink_and_packet_sockets_are_refused_but_unix_sockets_work() -> None:
    source = (
        "import socket\n"
        "def f():\n"
        "    out = []\n"
        "    for fam, kind in ((socket.AF_NETLINK, socket.SOCK_RAW), (socket.AF_PACKET, socket.SOCK_RAW),\n"
        "                      (socket.AF_INET6, socket.SOCK_DGRAM)):\n"
        "        try:\n"
        "            socket.socket(fam, kind)\n"
        "            out.append('opened')\n"
        "        except PermissionError:\n"
        "            out.append('refused')\n"
        "    a, b = socket.socketpair()\n"
        "    a.send(b'ok')\n"
        "    out.append(b.recv(2).decode())\n"
        "    return out\n"
    )
    assert only_call(run(source, Call("f"))).value == ["refused", "refused", "refused", "ok"]


def test_host_etc_passwd_is_absent() -> None:
    source = "def f():\n    return open('/etc/passwd').read()\n"
    call = only_call(run(source, Call("f")))
    assert (call.ok, call.error_type) == (False, "FileNotFoundError")


def test_exercise_bank_and_repository_are_invisible(tmp_path: Path) -> None:
    bank = tmp_path / "bank" / "softmax"
    bank.mkdir(parents=True)
    (bank / "reference.py").write_text("ANSWER = 42\n")
    os.chmod(tmp_path, 0o755)  # noqa: S103 - readable by others, so only the sandbox can hide it
    paths = [str(bank / "reference.py"), str(REPO / "exercise_bank"), str(REPO / "gpu_runner" / "spec.py"), "/work"]
    source = (
        "import os\n"
        "def f(paths):\n"
        "    seen = {}\n"
        "    for p in paths:\n"
        "        seen[p] = os.path.exists(p)\n"
        "    seen['work'] = sorted(os.listdir('/work')) if os.path.isdir('/work') else None\n"
        "    return seen\n"
    )
    seen = only_call(run(source, Call("f", (paths,)))).value
    assert {p: seen[p] for p in paths[:3]} == dict.fromkeys(paths[:3], False)
    # /work exists only as the parent of the virtualenv that is bound in (read-only); nothing else.
    assert seen["work"] in (None, ["main"])


def test_worker_environment_and_secrets_are_not_visible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATHWISE_TEST_SECRET", "s3cr3t-token-value")
    z = sandbox._current_zygote()
    if z is not None:  # start a fresh warm parent so it is born while the secret is set
        z.stop()
    source = (
        "import os\n"
        "def f():\n"
        "    texts = [repr(dict(os.environ))]\n"
        "    for pid in os.listdir('/proc'):\n"
        "        if pid.isdigit():\n"
        "            try:\n"
        "                texts.append(open(f'/proc/{pid}/environ', 'rb').read().decode(errors='replace'))\n"
        "            except OSError as exc:\n"
        "                texts.append(type(exc).__name__)\n"
        "    return texts\n"
    )
    texts = only_call(run(source, Call("f"))).value
    joined = "\n".join(texts)
    assert "s3cr3t-token-value" not in joined
    assert "PATHWISE_TEST_SECRET" not in joined
    assert "OPENBLAS_NUM_THREADS" in texts[0]
    # Seen from the host: bwrap and its pid 1 were started with an empty environment, and the warm
    # parent has only the sandbox's own few variables.
    z = sandbox._current_zygote()
    assert z is not None
    environs = {pid: Path(f"/proc/{pid}/environ").read_bytes() for pid in sorted(z.base_pids)}
    bwrap, init, driver = environs.values()
    assert (bwrap, init) == (b"", b"")
    names = {v.split(b"=")[0].decode() for v in driver.split(b"\0") if v}
    assert names == {*SANDBOX_ENV, "PWD"}  # bwrap sets PWD after --chdir


def test_learner_sees_only_its_own_processes() -> None:
    source = (
        "import os\ndef f():\n    return sorted(int(p) for p in os.listdir('/proc') if p.isdigit()), os.getppid()\n"
    )
    pids, ppid = only_call(run(source, Call("f"))).value
    assert pids == [1]
    assert ppid == 0


def test_writing_outside_scratch_is_refused_and_scratch_is_writable() -> None:
    source = (
        "def f():\n"
        "    out = {}\n"
        "    for p in ('/usr/evil', '/evil', '/opt/pathwise/gpu_runner/codec.py', '/etc/evil', '/dev/evil'):\n"
        "        try:\n"
        "            open(p, 'w').write('x')\n"
        "            out[p] = 'written'\n"
        "        except OSError as exc:\n"
        "            out[p] = exc.errno\n"
        "    open('/scratch/ok.txt', 'w').write('fine')\n"
        "    open('/tmp/ok.txt', 'w').write('fine')\n"
        "    out['scratch'] = open('ok.txt').read()\n"
        "    return out\n"
    )
    out = only_call(run(source, Call("f"))).value
    assert out["scratch"] == "fine"
    assert {k: v for k, v in out.items() if k != "scratch"} == {
        "/usr/evil": 30,  # EROFS
        "/evil": 30,
        "/opt/pathwise/gpu_runner/codec.py": 30,
        "/etc/evil": 30,
        "/dev/evil": 30,
    }


def test_killing_the_parent_and_everything_does_not_hurt_the_warm_parent() -> None:
    run("def f():\n    return 1\n", Call("f"))
    z = sandbox._current_zygote()
    assert z is not None
    before = (z.proc.pid, z.base_pids)
    source = (
        "import os, signal\n"
        "def f():\n"
        "    out = [os.getppid()]\n"
        "    for target in (os.getppid(), -1):\n"
        "        try:\n"
        "            os.kill(target, signal.SIGKILL)\n"
        "            out.append('sent')\n"
        "        except ProcessLookupError:\n"
        "            out.append('no such process')\n"
        "    return out\n"
    )
    call = only_call(run(source, Call("f")))
    # getppid() is 0 outside its pid namespace, so kill(0) hits only its own group (it is pid 1 there,
    # immune to its own signals); kill(-1) finds nobody else in that namespace.
    assert call.value == [0, "sent", "no such process"]
    assert sandbox._current_zygote() is z
    assert (z.proc.pid, z.base_pids) == before
    assert_contained()
    assert only_call(run("def g():\n    return 2\n", Call("g"))).value == 2


def test_ptrace_and_namespace_escapes_are_refused() -> None:
    source = (
        "import ctypes, os\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "def f():\n"
        "    out = {}\n"
        "    out['ptrace'] = (libc.ptrace(16, 1, 0, 0), ctypes.get_errno())\n"  # PTRACE_ATTACH
        "    out['unshare_user'] = (libc.unshare(0x10000000), ctypes.get_errno())\n"
        "    out['mount'] = (libc.mount(b'none', b'/tmp', b'tmpfs', 0, None), ctypes.get_errno())\n"
        "    out['caps'] = [l.split()[1] for l in open('/proc/self/status') if l.startswith('Cap')]\n"
        "    out['uid'] = os.getuid()\n"
        "    return out\n"
    )
    out = only_call(run(source, Call("f"))).value
    assert out["ptrace"] == (-1, 1)  # EPERM from seccomp
    assert out["unshare_user"] == (-1, 1)
    assert out["mount"] == (-1, 1)
    assert out["caps"] == ["0000000000000000"] * 5
    assert out["uid"] == sandbox._current_zygote().slot.uid


def test_consecutive_runs_cannot_see_each_others_files_or_processes() -> None:
    first = (
        "import ctypes, os, time\n"
        "SHMGET = ctypes.CDLL(None).shmget\n"
        "def f():\n"
        "    open('/scratch/mine.txt', 'w').write('private')\n"
        "    open('/tmp/mine.txt', 'w').write('private')\n"
        "    open('/dev/shm/mine', 'w').write('private')\n"
        "    assert SHMGET(4242, 4096, 0o1666) >= 0\n"  # IPC_CREAT | 0666: a SysV segment outlives its creator
        "    if os.fork() == 0:\n"
        "        os.setsid()\n"
        "        time.sleep(1000)\n"
        "    return 'planted'\n"
    )
    assert only_call(run(first, Call("f"))).value == "planted"
    second = (
        "import ctypes, os\n"
        "def f():\n"
        "    return {d: sorted(os.listdir(d)) for d in ('/scratch', '/tmp', '/dev/shm')},"
        " sorted(p for p in os.listdir('/proc') if p.isdigit()), ctypes.CDLL(None).shmget(4242, 0, 0)\n"
    )
    listing, pids, shm = only_call(run(second, Call("f"))).value
    assert listing == {"/scratch": [], "/tmp": [], "/dev/shm": []}
    assert pids == ["1"]
    assert shm == -1  # the first run's SysV segment went with its IPC namespace
    assert_contained()
