"""Maths written as $…$ / $$…$$ is rendered by the vendored KaTeX in real Chromium, in both languages: in an
exercise statement, on a milestone page and in a quiz (no CDN: every request stays on the live server)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.models import Profile
from gpu_runner.bank import Bank
from tests.e2e.conftest import PASSWORD, login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# True once the vendored KaTeX_Main face has been fetched and parsed (document.fonts.check alone is true for an
# unknown family and false while a face is still loading, so it races the font request).
KATEX_MAIN_LOADED = (
    "[...document.fonts].some(f => f.family.replace(/[\"']/g, '') === 'KaTeX_Main' && f.status === 'loaded')"
)

PAGES = [
    ("/exercises/matrix-multiply/", ".statement .markdown"),
    ("/milestones/singular-value-decomposition/", "#milestone-summary"),
    ("/exercises/quiz-tokens-and-perplexity/", "#submit-form fieldset.question"),
]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_maths_renders_with_katex_in_statements_milestones_and_quizzes(page, live_server, curriculum, lang, shot):
    user = UserFactory(username="tex", password=PASSWORD)
    Profile.objects.update_or_create(user=user, defaults={"language": lang})
    foreign: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else foreign.append(r.url))
    login(page, live_server, "tex")
    for path, region in PAGES:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        scope = page.locator(region).first
        expect(scope.locator(".katex").first).to_be_visible()
        expect(scope.locator(".katex-mathml math").first).to_be_attached()  # MathML for screen readers
        expect(page.locator("code.math")).to_have_count(0)  # every formula rendered, none left as raw TeX
        # The font arrives after the page: wait until KaTeX_Main is loaded (a missing file ends as 'error').
        page.wait_for_function(KATEX_MAIN_LOADED)
    expect(page.locator(".katex").first).to_contain_text("p1=0.5")
    shot(page, f"maths-quiz-{lang}")
    assert foreign == []


def test_a_passed_quizs_explanations_render_their_maths_after_the_live_update(
    page, live_server, curriculum, grading_worker
):
    """The status fragment arrives through htmx once the real worker has graded: its maths is rendered too."""
    UserFactory(username="quizzer", password=PASSWORD)
    questions = Bank.default().get("quiz-tokens-and-perplexity").questions
    login(page, live_server, "quizzer")
    page.goto(f"{live_server.url}/exercises/quiz-tokens-and-perplexity/")
    for q in questions:
        if q["type"] == "numeric":
            page.locator(f"#q-{q['id']}").fill(str(q["answer"]))
        else:
            for option in q["answer"] if isinstance(q["answer"], list) else [q["answer"]]:
                page.locator(f"#q-{q['id']}-{option}").check()
    page.locator("#submit-form button[type=submit]").click()
    expect(page.locator("#status")).to_have_attribute("data-status", "passed", timeout=90_000)
    explanation = page.locator("#status-region .explanation").first
    expect(explanation.locator(".katex").first).to_be_visible()
    expect(page.locator("#status-region code.math")).to_have_count(0)
