"""Browser tests: Debian's Chromium through Playwright against pytest-django's live server, graded by a REAL
Celery worker (a subprocess on the test database and Redis), never an eager stand-in for the queue."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.utils import timezone

from exercises.models import Exercise, Submission
from tests.workers import CeleryWorker, django_worker_env, suite_process

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from one without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PASSWORD = "pw-correct-horse"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}


@pytest.fixture
def shot():
    """Save a full-page screenshot under screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def curriculum(transactional_db) -> None:
    """The real curriculum and exercise bank, as `make run` loads them."""
    from django.core.management import call_command

    call_command("load_curriculum", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("load_exercises", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def grading_worker(live_server, start_worker) -> CeleryWorker:
    """A real Celery worker on the queues the web side uses, against the test database and our Redis db (flushed:
    no stale task of an earlier run may grade against this database). Its log stays in var/ after the run."""
    # This process allows async-unsafe ORM calls for Playwright (above); the worker must not inherit that.
    env = django_worker_env(DJANGO_ALLOW_ASYNC_UNSAFE="", PYTHONUNBUFFERED="1")
    log = ROOT / "var" / f"e2e-worker-{suite_process()}.log"  # its own a test process
    log.unlink(missing_ok=True)  # this run's log only
    return start_worker("e2e", env=env, log=log, ready_timeout=60)


def failed_tokenize(learner, source: str, score: float, *, attempt: int = 1, **fields):
    """A failed attempt of the learner's at the bank's tokenize exercise, graded just now (no grader ran: the pages
    only show it)."""
    return Submission.objects.create(
        user=learner,
        exercise=Exercise.objects.get(slug="tokenize"),
        attempt=attempt,
        payload={"source": source},
        exercise_sha256="0" * 64,
        status="failed",
        score=score,
        finished_at=timezone.now(),
        **fields,
    )


def login(page, live_server, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def set_code(page, code: str) -> None:
    """Put code in the exercise page's CodeMirror editor as a paste would (typing it would auto-indent it)."""
    page.locator(".cm-editor .cm-content").wait_for()
    page.evaluate(
        """(code) => { const view = document.querySelector('#source').pathwiseEditor;
          view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: code}, userEvent: 'input.paste'}); }""",
        code,
    )


def choose_language(page, code: str) -> None:
    """Pick a language in the top bar and confirm it: the menu changes language only on the button, never while
    someone arrows through the list."""
    page.locator("#lang-select").select_option(code)
    page.locator("#lang-submit").click()
