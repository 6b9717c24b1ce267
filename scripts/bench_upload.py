"""Web memory on a huge upload: the exercise page of `make run`'s server, before and after a file far past the limit.

    .venv/bin/python scripts/bench_upload.py [--mb 400] [--root PATH]

Serves the project as `make run` does (config.settings.local, `runserver --noreload`, a fresh SQLite database
in a temporary folder, the curriculum and the bank loaded), signs a learner in through the login page and posts
one `--mb` MB file to `/exercises/softmax/submit/` (htmx, as the page does), streamed from a generator so the
client holds none of it. Reports the answer, its time, and the server process's resident memory before the
upload (VmRSS, after a warm-up page) and at its peak (VmHWM). `--root` serves another checkout of the project
(an older commit, for a before/after) with this interpreter.
"""

from __future__ import annotations

import argparse
import http.client
import io
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts._multipart import MultipartFileBody  # noqa: E402
from tests.workers import free_port  # noqa: E402

BOUNDARY = "benchuploadboundary"


def status_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise KeyError(key)


def manage(root: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=root, env=env, check=True, capture_output=True)


class Session:
    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body=None, headers: dict[str, str] | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        conn.close()
        return response.status, data

    def login(self, username: str, password: str) -> None:
        self.request("GET", "/accounts/login/")
        # `login` for allauth's form, `username` for Django's (an older checkout, --root)
        fields = {"login": username, "username": username, "password": password}
        form = urlencode({**fields, "csrfmiddlewaretoken": self.cookies["csrftoken"]})
        status, _ = self.request(
            "POST", "/accounts/login/", form, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert status == 302 and "sessionid" in self.cookies, f"login failed ({status})"


def wait_until_serving(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server exited:\n{log.read_text()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("server did not start")


def measure(root: Path, megabytes: int) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="bench-upload-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "PYTHONPATH": str(root),
        "HF_HUB_OFFLINE": "1",
    }
    env.pop("CELERY_BROKER_URL", None)
    manage(root, env, "migrate", "--noinput", "-v", "0")
    manage(root, env, "load_curriculum")
    manage(root, env, "load_exercises")
    code = "from django.contrib.auth import get_user_model; get_user_model().objects.create_user('bench', password='bench-pw-123')"
    manage(root, env, "shell", "-c", code)
    port = free_port()
    log = folder / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_serving(port, server, log)
        session = Session(port)
        session.login("bench", "bench-pw-123")
        session.request("GET", "/exercises/softmax/")  # imports and templates loaded before the baseline
        before_kb = status_kb(server.pid, "VmRSS")
        body = MultipartFileBody(megabytes * 1024 * 1024, BOUNDARY)
        headers = {
            "Content-Type": body.content_type,
            "Content-Length": str(body.length),
            "X-CSRFToken": session.cookies["csrftoken"],
            "HX-Request": "true",
        }
        started = time.monotonic()
        status, data = session.request("POST", "/exercises/softmax/submit/", io.BufferedReader(body, 1 << 20), headers)
        seconds = time.monotonic() - started
        peak_kb = status_kb(server.pid, "VmHWM")
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = re.sub(r"<[^>]+>", " ", data.decode(errors="replace"))
    answer = next((ln.strip() for ln in text.splitlines() if "limit" in ln or "large" in ln), text.strip()[:120])
    return {
        "status": status,
        "answer": " ".join(answer.split())[:140],
        "seconds": seconds,
        "before_mb": before_kb / 1024,
        "peak_mb": peak_kb / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=400)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to serve (default: this one)")
    args = parser.parse_args()
    result = measure(args.root.resolve(), args.mb)
    print("## Web memory on a huge upload (`bench_upload.py`)\n")
    print(f"One {args.mb} MB file posted to the exercise page of `make run`'s server (runserver, SQLite).\n")
    print("| answer | status | time | web RSS before | web peak RSS |")
    print("|---|---|---|---|---|")
    print(
        f"| {result['answer']} | {result['status']} | {result['seconds']:.2f} s | {result['before_mb']:.0f} MB "
        f"| {result['peak_mb']:.0f} MB |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
