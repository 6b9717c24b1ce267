"""Grading workers start their sandbox warm parent when a pool process starts, not on the first submission."""

import threading
import time

import pytest

from exercises.tasks import warm_sandbox_on_process_start


def _warm_up_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "sandbox-warm-up"]


@pytest.mark.slow
def test_a_grading_pool_process_starts_its_warm_parent_in_the_background(monkeypatch):
    from gpu_runner import sandbox

    # Which thread calls the real warm_up (a warm parent left by earlier tests makes the call return at once,
    # so the thread may be gone before anyone could list it).
    callers: list[str] = []
    real_warm_up = sandbox.warm_up

    def warm_up_recording_its_thread() -> str:
        callers.append(threading.current_thread().name)
        return real_warm_up()

    monkeypatch.setattr(sandbox, "warm_up", warm_up_recording_its_thread)
    monkeypatch.setenv("PATHWISE_SANDBOX_WARM_UP", "1")
    warm_sandbox_on_process_start()
    for thread in _warm_up_threads():
        thread.join(timeout=60)
    deadline = time.monotonic() + 60
    while not callers and time.monotonic() < deadline:
        time.sleep(0.05)
    assert callers == ["sandbox-warm-up"]
    zygote = sandbox._current_zygote()
    assert zygote is not None and zygote.alive()


def test_workers_that_do_not_grade_start_no_sandbox(monkeypatch):
    monkeypatch.delenv("PATHWISE_SANDBOX_WARM_UP", raising=False)
    warm_sandbox_on_process_start()
    assert _warm_up_threads() == []
