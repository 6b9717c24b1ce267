"""`make run`'s stack as subprocesses, for tests and benchmarks of what a laptop user runs: the local settings,
a SQLite file and the filesystem broker in a folder of the caller's, `runserver` and the all-queue worker.

Plain functions, no pytest and no Django at import time (scripts import this module as it is).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tests.workers import ROOT, CeleryWorker, LoggedProcess, free_port

USERS_SCRIPT = """
import json
from django.contrib.auth import get_user_model
try:
    from accounts.services.tokens import api_token_create
except ImportError:  # an older checkout (scripts/bench_*.py --root): DRF's own tokens
    from rest_framework.authtoken.models import Token
    def api_token_create(*, user, name):
        return None, Token.objects.create(user=user).key
tokens = {}
for name in %r:
    user = get_user_model().objects.create_user(name, password="pw-" + name)
    tokens[name] = api_token_create(user=user, name="make-run-test")[1]
print("TOKENS" + json.dumps(tokens))
"""


def make_run_env(folder: Path, **extra: str) -> dict[str, str]:
    """The environment `make run` gives its server and worker, with the database and the broker in `folder`."""
    for sub in ("out", "processed", "control"):
        (folder / "broker" / sub).mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CELERY_"))}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "PATHWISE_BROKER_DIR": str(folder / "broker"),
        # make run's file cache lives under its var/; here under `folder`, so that the throttles of one stack (the
        # same user ids in another database) never reach the next one.
        "CACHE_URL": f"filecache://{folder / 'cache'}",
        "HF_HUB_OFFLINE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        **extra,
    }


def manage(env: dict[str, str], *args: str, root: Path = ROOT) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def prepare(env: dict[str, str], learners: Iterable[str], *, root: Path = ROOT) -> dict[str, str]:
    """Migrate, load the curriculum and the bank (as `make run` does); create the learners; their API tokens.
    `root`: the checkout to run (another commit's, for a before/after)."""
    manage(env, "migrate", "--noinput", "-v", "0", root=root)
    manage(env, "load_curriculum", root=root)
    manage(env, "load_exercises", root=root)
    out = manage(env, "shell", "-c", USERS_SCRIPT % (list(learners),), root=root)
    return json.loads(out.split("TOKENS", 1)[1])


class WebServer(LoggedProcess):
    """`manage.py runserver --noreload` (threaded, as `make run` starts it) on a free loopback port."""

    def __init__(self, log: Path, env: dict[str, str], *, root: Path = ROOT) -> None:
        self.port = free_port()
        args = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"]
        super().__init__(args, log, env, cwd=root)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"runserver did not start:\n{self.text()[-3000:]}")


def run_workers_layout() -> list[tuple[str, dict[str, str], list[str]]]:
    """(name, environment, arguments) of each worker `make run` starts: scripts/run_workers.conf, which
    scripts/run.sh reads."""
    layout = []
    for line in (ROOT / "scripts" / "run_workers.conf").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, *words = shlex.split(line)
            own = dict(w.split("=", 1) for w in words if re.match(r"[A-Z_][A-Z0-9_]*=", w))
            layout.append((name, own, [w for w in words if not re.match(r"[A-Z_][A-Z0-9_]*=", w)]))
    return layout


def make_run_workers(folder: Path, env: dict[str, str]) -> list[CeleryWorker]:
    """Start the workers `make run` starts (without beat), each logging to `folder/worker-<name>.log`."""
    return [
        CeleryWorker(folder / f"worker-{name}.log", {**env, **own}, options=options)
        for name, own, options in run_workers_layout()
    ]


def make_run_worker(log: Path, env: dict[str, str]) -> CeleryWorker:
    """make run's first worker (the grading and events queues, and what else it consumes), without beat."""
    name, own, options = run_workers_layout()[0]
    queues = options[options.index("-Q") + 1].split(",")
    assert {"grading", "events"} <= set(queues), (name, options)
    return CeleryWorker(log, {**env, **own}, options=options)


def post_all(url: str, requests: list[tuple[str, dict[str, Any]]], *, concurrency: int) -> Counter[int]:
    """POST each (token, JSON body) to `url`, `concurrency` at a time; the count of each status code (0: no answer)."""
    import httpx

    def one(item: tuple[str, dict[str, Any]]) -> int:
        token, body = item
        try:
            response = httpx.post(url, json=body, headers={"Authorization": f"Token {token}"}, timeout=120)
        except httpx.HTTPError:
            return 0
        return response.status_code

    with ThreadPoolExecutor(concurrency) as pool:
        return Counter(pool.map(one, requests))
