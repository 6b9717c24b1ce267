"""A learner's whole road in a real browser: enrol, self-assess, submit a wrong and then a right solution while
a real worker grades them, watch the status change without a reload, and see the milestone turn done."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from gpu_runner.bank import Bank
from tests.e2e.conftest import PASSWORD, login, set_code
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Records every value of the live status element's data-status, and survives only if the page never reloads.
WATCH_STATUS = """() => {
  window.__seen = [];
  const region = document.getElementById('status-region');
  const record = () => {
    const el = region.querySelector('#status');
    const s = el && el.dataset.status;
    if (s && window.__seen[window.__seen.length - 1] !== s) window.__seen.push(s);
  };
  new MutationObserver(record).observe(region, {subtree: true, childList: true, attributes: true});
}"""


def bank_file(slug: str, name: str) -> str:
    return (Bank.default().get(slug).path / name).read_text(encoding="utf-8")


def other_required_exercises(milestone: str, but: str) -> list[str]:
    return sorted(e.slug for e in Bank.default().all() if e.milestone == milestone and e.required and e.slug != but)


def pass_on_its_page(page, live_server, slug: str) -> None:
    page.goto(f"{live_server.url}/exercises/{slug}/")
    set_code(page, bank_file(slug, "reference.py"))
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#status")).to_have_attribute("data-status", "passed", timeout=90_000)


def test_learner_enrols_self_assesses_and_passes_an_exercise_live(page, live_server, curriculum, grading_worker, shot):
    UserFactory(username="wendy", password=PASSWORD)
    login(page, live_server, "wendy")

    # Enrol: the dashboard offers the tracks while the learner has none.
    expect(page.get_by_role("heading", name="Choose your track")).to_be_visible()
    page.get_by_label("Track", exact=True).select_option(label="Data Scientist (NLP focus)")
    page.get_by_label("Hours per week", exact=True).fill("8")
    page.get_by_role("button", name="Enrol").click()
    expect(page).to_have_url(re.compile(r"/self-assessment/\?track=data-scientist-nlp$"))

    # Self-assess as a Python web developer.
    page.get_by_label("Python programming basics").check()
    page.get_by_label("Sequential vs parallel processing").check()
    # A web developer knows SQL too (left open, it would crowd tokenisation out of the "next" list).
    page.get_by_label("SQL for data work").check()
    shot(page, "self-assessment")
    page.get_by_role("button", name="Save self-assessment").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("status")).to_contain_text("Self-assessment saved: 3 milestones updated.")
    roadmap = page.locator(".roadmap svg")
    expect(roadmap.locator('a.node[data-slug="python-basics"]')).to_have_class(re.compile("state-skipped"))
    expect(roadmap.locator('a.node[data-slug="tokenization"]')).to_have_class(re.compile("state-available"))
    expect(page.locator("#next-h + ol")).to_contain_text("Tokenisation and word segmentation")
    shot(page, "dashboard")

    # The roadmap node is a link to the milestone page; from there to its exercise.
    roadmap.locator('a.node[data-slug="tokenization"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tokenisation and word segmentation")
    expect(page.locator("#milestone-state")).to_have_text("Available")
    page.get_by_role("link", name="A rule-based tokenizer for English and Chinese").click()
    expect(page).to_have_url(f"{live_server.url}/exercises/tokenize/")
    page.evaluate(WATCH_STATUS)

    # A wrong solution: graded by the worker, the status changes in place, checks explain what failed.
    set_code(page, bank_file("tokenize", "wrong/whitespace_split.py"))
    page.get_by_role("button", name="Submit").click()
    status = page.locator("#status")
    expect(status).to_have_attribute("data-status", "failed", timeout=90_000)
    expect(status.locator(".checks li.fail").first).to_be_visible()
    expect(page.locator("#quota")).to_have_text("19 of 20 submissions left today.")
    seen = page.evaluate("window.__seen")
    assert seen[0] in ("queued", "running") and seen[-1] == "failed", seen
    shot(page, "exercise-failed")

    # The milestone's other required exercises first (each passes on its own page), then back to this one.
    others = other_required_exercises("tokenization", but="tokenize")
    for slug in others:
        pass_on_its_page(page, live_server, slug)
    if others:
        page.goto(f"{live_server.url}/exercises/tokenize/")

    # The right one: passes, and the milestone (its last required exercise) is done, all without reloading.
    page.evaluate(WATCH_STATUS)
    set_code(page, bank_file("tokenize", "reference.py"))
    page.get_by_role("button", name="Submit").click()
    expect(status).to_have_attribute("data-status", "passed", timeout=90_000)
    expect(page.locator("#milestone-done")).to_contain_text("Milestone done: Tokenisation and word segmentation")
    seen = page.evaluate("window.__seen")
    assert seen[0] in ("queued", "running") and seen[-1] == "passed", seen
    expect(page.locator("table.history tbody tr")).to_have_count(2)
    shot(page, "exercise-passed")

    # The attempts can be compared line by line.
    page.get_by_role("button", name="Show the difference").click()
    expect(page.locator("#diff .diff-add").first).to_be_visible()
    expect(page.locator("#diff .diff-del")).to_contain_text(["-    return text.lower().split()"])

    page.goto(f"{live_server.url}/milestones/tokenization/")
    expect(page.locator("#milestone-state")).to_have_text("Done")
    expect(page.locator('[data-exercise="tokenize"]')).to_have_text("Passed")
    page.goto(f"{live_server.url}/")
    expect(page.locator('.roadmap a.node[data-slug="tokenization"]')).to_have_class(re.compile("state-done"))
    expect(page.locator(".notif-link .count")).to_be_visible()
