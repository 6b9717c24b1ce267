"""Grading workers start their sandbox warm parent when a pool process starts, not on the first submission."""

import threading

import pytest

from exercises.tasks import warm_sandbox_on_process_start


def _warm_up_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "sandbox-warm-up"]


@pytest.mark.slow
def test_a_grading_pool_process_starts_its_warm_parent_in_the_background(monkeypatch):
    from gpu_runner import sandbox

    monkeypatch.setenv("PATHWISE_SANDBOX_WARM_UP", "1")
    warm_sandbox_on_process_start()
    threads = _warm_up_threads()
    assert len(threads) == 1
    threads[0].join(timeout=60)
    zygote = sandbox._state.get("zygote")
    assert zygote is not None and zygote.alive()


def test_workers_that_do_not_grade_start_no_sandbox(monkeypatch):
    monkeypatch.delenv("PATHWISE_SANDBOX_WARM_UP", raising=False)
    warm_sandbox_on_process_start()
    assert _warm_up_threads() == []
