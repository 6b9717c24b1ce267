"""Webhook tests build on the shared small world (tests/world.py: mira mentors lena, omar mentors otto, root is staff)
with mira's cohort on its track that lena joined, and a real HTTP receiver on 127.0.0.1 in a thread, answering the
statuses a test queues (then 200)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from cohorts.services import cohort_create, cohort_join, invitation_create_link
from webhooks.models import EventType
from webhooks.services import endpoint_create


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """What the handler answers (a queue of statuses, then `default`) and what it received."""

    port: int = 0
    statuses: list[int] = field(default_factory=list)
    default: int = 200
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def next_status(self) -> int:
        with self.lock:
            return self.statuses.pop(0) if self.statuses else self.default


def serve(receiver: Receiver) -> http.server.ThreadingHTTPServer:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status = receiver.next_status()
            with receiver.lock:
                receiver.received.append(Received(self.path, dict(self.headers), body))
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    receiver.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    return server


@pytest.fixture
def receiver(settings) -> Iterator[Receiver]:
    """A real receiver on 127.0.0.1; the private-address allowance is on for the test that uses it, only."""
    settings.WEBHOOKS_ALLOW_PRIVATE_FOR_TESTS = True
    receiver = Receiver()
    server = serve(receiver)
    yield receiver
    server.shutdown()
    server.server_close()


@pytest.fixture
def enqueued(monkeypatch) -> list[tuple[int, int]]:
    """The (delivery id, round) pairs services enqueue, instead of sending them to the broker."""
    calls: list[tuple[int, int]] = []

    def record(*, delivery_id: int, round: int, countdown: float | None = None) -> None:
        calls.append((delivery_id, round))

    monkeypatch.setattr("webhooks.services.events.delivery_enqueue", record)
    monkeypatch.setattr("webhooks.services.deliveries.delivery_enqueue", record)
    return calls


@pytest.fixture(autouse=True)
def published_inline(monkeypatch) -> None:
    """What the webhooks.publish_event task does, done at once: a signal's event is stored when its work commits."""
    from webhooks.services.events import event_from_signal

    monkeypatch.setattr("webhooks.receivers.event_enqueue", event_from_signal)


@pytest.fixture
def cohort(world):
    """mira's cohort on the track; lena is a member, otto is not."""
    cohort = cohort_create(user=world.users["mentor"], name="Spring NLP", track=world.track)
    _invitation, code = invitation_create_link(user=world.users["mentor"], cohort=cohort, seats=5)
    cohort_join(user=world.users["learner"], code=code)
    return cohort


@pytest.fixture
def global_endpoint(world, receiver):
    """root's endpoint for every event of every learner: (endpoint, secret)."""
    return endpoint_create(user=world.users["admin"], url=receiver.url, events=EventType.values)
