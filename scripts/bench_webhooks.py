"""Webhook fan-out: 1,000 events to 3 endpoints through Redis and a real Celery worker, to a receiver on 127.0.0.1.

    .venv/bin/python scripts/bench_webhooks.py [--events 1000] [--concurrency 4] [--down-s 5]

1. baseline: the same signed bodies POSTed in a loop from this process (http.client, one connection each), no
   Django, no queue: what the receiver and the loopback give;
2. fan-out: `event_publish` of N events (each stored, one Delivery per endpoint, enqueued on commit) while one worker
   (`-Q webhooks -c C`) delivers them: events/s published, deliveries/s from the first enqueue to the last 2xx; and
   the worker alone: the same published while it does not consume, then its rate draining the queue;
3. receiver down: the receiver answers 500 to everything for the first D seconds, then 200. Retries back off as in
   production but from a short base (WEBHOOKS_RETRY_BASE_S=0.5, cap 4 s, so the run takes seconds, not hours): every
   one of the N x 3 deliveries must end delivered, exactly once (distinct event id and endpoint at the receiver),
   with no endpoint disabled.
It migrates its own scratch database (BENCH_DATABASE_URL, default pathwise_bench_webhooks) and uses the broker of
CELERY_BROKER_URL (BENCH_BROKER_URL when set). Prints a markdown section.
"""

from __future__ import annotations

import argparse
import http.client
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pathwise_bench_webhooks")
os.environ["DATABASE_URL"] = DB_URL
os.environ["CELERY_BROKER_URL"] = os.environ.get(
    "BENCH_BROKER_URL", os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/10")
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
# The worker and this process: a receiver on 127.0.0.1 is allowed (never in production), retries from a short base.
os.environ["WEBHOOKS_ALLOW_PRIVATE_FOR_TESTS"] = "1"
os.environ["WEBHOOKS_RETRY_BASE_S"] = "0.5"
os.environ["WEBHOOKS_RETRY_CAP_S"] = "4"
# The bench runs the sweep itself (beat's job): a delivery whose message was lost is enqueued again after 30 s.
os.environ["WEBHOOKS_SWEEP_AFTER_S"] = "30"


class Receiver:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.ok: set[tuple[str, str]] = set()
        self.ok_count = 0
        self.failed = 0
        self.first = self.last = 0.0

    def handle(self, path: str, body: bytes) -> int:
        with self.lock:
            if time.monotonic() < self.down_until:
                self.failed += 1
                return 500
            self.ok.add((json.loads(body)["id"], path))
            self.ok_count += 1
            self.first = self.first or time.perf_counter()
            self.last = time.perf_counter()
            return 200

    def reset(self, down_s: float = 0.0) -> None:
        with self.lock:
            self.down_until = time.monotonic() + down_s
            self.ok, self.ok_count, self.failed = set(), 0, 0
            self.first = self.last = 0.0


def serve(receiver: Receiver) -> int:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status = receiver.handle(self.path, body)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def ensure_database() -> None:
    import psycopg

    name = DB_URL.rsplit("/", 1)[1]
    with psycopg.connect(DB_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def baseline(port: int, n: int) -> float:
    body = json.dumps({"id": str(uuid.uuid4()), "type": "submission.graded", "data": {}}).encode()
    started = time.perf_counter()
    for _ in range(n):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("POST", "/baseline", body=body, headers={"Content-Type": "application/json"})
        connection.getresponse().read()
        connection.close()
    return n / (time.perf_counter() - started)


def start_worker(concurrency: int, node: str) -> subprocess.Popen:
    log = ROOT / "var" / f"bench-webhooks-worker-{uuid.uuid4().hex[:6]}.log"
    log.parent.mkdir(exist_ok=True)
    args = [str(Path(sys.executable).with_name("celery")), "-A", "config", "worker", "-Q", "webhooks"]
    args += ["-c", str(concurrency), "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "warning"]
    args += ["-n", node]
    handle = log.open("wb")
    return subprocess.Popen(
        args, cwd=ROOT, env={**os.environ}, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )


def publish(n: int, learner_id: int, tag: str) -> float:
    from webhooks.services import event_publish

    started = time.perf_counter()
    for i in range(n):
        data = {"learner": {"id": learner_id}, "submission": {"id": i, "status": "passed", "score": 1.0}}
        event_publish(event_type="submission.graded", key=f"{tag}-{i}", learner_id=learner_id, data=data)
    return time.perf_counter() - started


SWEPT = [0]


def wait_delivered(expected: int, timeout_s: float) -> float | None:
    from webhooks.models import Delivery
    from webhooks.services.deliveries import deliveries_sweep

    started = last_sweep = time.perf_counter()
    while time.perf_counter() - started < timeout_s:
        if Delivery.objects.filter(status="succeeded").count() >= expected:
            return time.perf_counter()
        if time.perf_counter() - last_sweep > 10:
            SWEPT[0] += deliveries_sweep()
            last_sweep = time.perf_counter()
        time.sleep(0.2)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--down-s", type=float, default=5.0)
    parser.add_argument("--timeout-s", type=float, default=300.0)
    args = parser.parse_args()

    ensure_database()
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from config.celery import app as celery_app
    from webhooks.models import Delivery, Endpoint, Event
    from webhooks.services import endpoint_create

    call_command("migrate", verbosity=0)
    User = get_user_model()
    staff, _ = User.objects.get_or_create(username="bench-webhooks-staff", defaults={"is_staff": True})
    learner, _ = User.objects.get_or_create(username="bench-webhooks-learner")
    receiver = Receiver()
    port = serve(receiver)
    Delivery.objects.all().delete()
    Event.objects.all().delete()
    Endpoint.objects.all().delete()
    for name in ("a", "b", "c"):
        endpoint_create(user=staff, url=f"http://127.0.0.1:{port}/{name}", events=["submission.graded"])
    with celery_app.connection_for_write() as connection:  # what an earlier run left in the queue
        connection.default_channel.queue_purge("webhooks")
    expected = args.events * 3

    base_rate = baseline(port, 500)
    # Drain: everything published before the worker starts; its rate from the first delivery received to the last.
    receiver.reset()
    publish(args.events, learner.pk, "drain")
    node = f"bench-webhooks-{uuid.uuid4().hex[:6]}@{socket.gethostname()}"
    worker = start_worker(args.concurrency, node)
    try:
        done = wait_delivered(expected, args.timeout_s)
        drain_s = (receiver.last - receiver.first) if done else None
        Delivery.objects.all().delete()
        Event.objects.all().delete()
        receiver.reset()
        t0 = time.perf_counter()
        publish_s = publish(args.events, learner.pk, "up")
        done = wait_delivered(expected, args.timeout_s)
        up = {
            "publish_rate": args.events / publish_s,
            "seconds": (done - t0) if done else None,
            "received": len(receiver.ok),
            "requests": receiver.ok_count,
        }

        Delivery.objects.all().delete()
        Event.objects.all().delete()
        receiver.reset(down_s=args.down_s)
        t0 = time.perf_counter()
        publish(args.events, learner.pk, "down")
        done = wait_delivered(expected, args.timeout_s)
        failed_attempts = receiver.failed
        down = {
            "seconds": (done - t0) if done else None,
            "received": len(receiver.ok),
            "requests": receiver.ok_count,
            "failed": failed_attempts,
            "given_up": Delivery.objects.filter(status="failed").count(),
            "disabled": Endpoint.objects.filter(active=False).count(),
        }
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)

    print("## Webhooks: fan-out of 1,000 events to 3 endpoints (`scripts/bench_webhooks.py`)\n")
    print(
        f"{args.events} `submission.graded` events to 3 endpoints on a receiver at 127.0.0.1 (ThreadingHTTPServer in the "
        f"bench process); one Celery worker `-Q webhooks -c {args.concurrency}` on Redis; PostgreSQL.\n"
    )
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(
        f"{os.cpu_count()} cores, load average at the end {load} (other work on the machine shows in every figure).\n"
    )
    print("| measure | value |")
    print("|---|---:|")
    print(f"| baseline: bare POSTs from one process, no Django, no queue | {base_rate:.0f} /s |")
    print(f"| events published (stored + 3 deliveries + enqueued on commit) | {up['publish_rate']:.0f} events/s |")
    if up["seconds"]:
        print(
            f"| deliveries, first publish to last 2xx ({expected}) | {expected / up['seconds']:.0f} deliveries/s ({up['seconds']:.1f} s) |"
        )
    else:
        print(f"| deliveries | **not all delivered in {args.timeout_s:.0f} s** |")
    if drain_s:
        print(
            f"| worker alone, all {expected} queued first | {expected / drain_s:.0f} deliveries/s ({drain_s:.1f} s) |"
        )
    print(f"| distinct (event, endpoint) received / requests, receiver up | {up['received']} / {up['requests']} |")
    print(f"| receiver answering 500 for the first {args.down_s:.0f} s: failed attempts | {down['failed']} |")
    if down["seconds"]:
        print(f"| ... all {expected} delivered after | {down['seconds']:.1f} s |")
    else:
        print(f"| ... all delivered | **no, after {args.timeout_s:.0f} s** |")
    print(f"| ... distinct (event, endpoint) received / 2xx requests | {down['received']} / {down['requests']} |")
    print(f"| ... deliveries given up / endpoints disabled | {down['given_up']} / {down['disabled']} |")
    lost = expected - down["received"]
    print(f"\nEvents lost while the receiver was down: **{lost}**. Deliveries the sweep enqueued again: {SWEPT[0]}.")


if __name__ == "__main__":
    main()
