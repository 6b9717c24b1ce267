"""`make run` (scripts/run.sh) is for a laptop: loopback only while DEBUG is on (issue 16, item 10b), and a
worker of its own for fine-tuning (finding 9; the behaviour is tests/faults/test_make_run_workers.py)."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.make_run import run_workers_layout
from tests.workers import ROOT


def run_sh(**env: str) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PATHWISE_"))} | env
    return subprocess.run(
        ["bash", "scripts/run.sh"], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])  # noqa: S104 - refused, never bound
def test_make_run_refuses_a_network_address_while_debug_is_on(host):
    result = run_sh(PATHWISE_HOST=host)
    assert result.returncode == 2
    assert result.stderr == (
        f"make run serves with DEBUG on, so it listens on 127.0.0.1 only, not on {host}.\n"
        "Beyond a laptop, use the production settings (README: Production), or set DJANGO_DEBUG=0.\n"
    )
    assert result.stdout == ""


def test_make_run_serves_on_loopback_by_default():
    text = (ROOT / "scripts" / "run.sh").read_text()
    assert "HOST=${PATHWISE_HOST:-127.0.0.1}" in text
    assert 'runserver "$HOST:$PORT"' in text


def test_make_runs_fine_tuning_worker_is_not_the_code_grading_worker():
    layout = {name: (own, options) for name, own, options in run_workers_layout()}
    assert set(layout) == {"grading", "gpu"}
    queues = {name: options[options.index("-Q") + 1].split(",") for name, (_, options) in layout.items()}
    assert queues == {"grading": ["grading", "events", "webhooks"], "gpu": ["gpu"]}
    assert layout["gpu"][1][layout["gpu"][1].index("-c") + 1] == "1"
    # Only code grading runs learner code: only its worker starts sandboxes.
    assert (layout["grading"][0], layout["gpu"][0]) == ({"PATHWISE_SANDBOX_WARM_UP": "1"}, {})
