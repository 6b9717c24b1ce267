"""The code editor (CodeMirror 6, vendored) in real Chromium, in both languages: it loads over the textarea,
takes typed input, and the submission carries that code; without JavaScript the textarea still submits. A mentor
comments on more than three lines by clicking them. The diff between attempts is single-spaced (bug 9)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import Profile
from accounts.services import mentor_assign
from exercises.models import Review, Submission
from tests.e2e.conftest import PASSWORD, failed_tokenize, login, set_code
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TYPED = "def tokenize(text):\n    words = text.split()\n    return words"
SIX_LINES = "def tokenize(text):\n    text = text.lower()\n    words = text.split()\n    out = []\n    out += words\n    return out\n"


def person(username: str, lang: str):
    user = UserFactory(username=username, password=PASSWORD)
    Profile.objects.update_or_create(user=user, defaults={"language": lang})
    return user


def submitted(user) -> Submission:
    return Submission.objects.filter(user=user).order_by("-pk").first()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_code_editor_loads_takes_typed_input_and_submits_it(page, live_server, curriculum, lang, shot):
    learner = person("ed", lang)
    login(page, live_server, "ed")
    page.goto(f"{live_server.url}/exercises/tokenize/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    editor = page.locator(".cm-editor.code-editor")
    expect(editor).to_be_visible()
    expect(page.locator("#source")).to_be_hidden()  # still in the form, kept in step
    expect(editor.locator(".cm-lineNumbers .cm-gutterElement").nth(1)).to_have_text("1")  # [0] measures the width
    editor.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    for i, line in enumerate(TYPED.split("\n")):
        if i:
            page.keyboard.press("Enter")  # the editor indents the block itself
        page.keyboard.type(line.lstrip())
    assert page.locator("#source").input_value() == TYPED
    # Python highlighting: the keyword is a styled token; no soft wrap: the editor has no line-wrapping class.
    expect(editor.locator(".cm-line").first.locator("span").first).to_have_text("def")
    assert "cm-lineWrapping" not in (editor.locator(".cm-content").get_attribute("class") or "")
    assert editor.locator(".cm-content").get_attribute("aria-label").startswith("Code" if lang == "en" else "代码")
    shot(page, f"editor-{lang}")
    page.locator("#submit-form button[type=submit]").click()
    expect(page.locator("#status")).to_be_attached()
    submission = submitted(learner)
    assert submission is not None and submission.payload["source"] == TYPED
    assert submission.exercise.slug == "tokenize"


def test_without_javascript_the_textarea_submits_the_code(browser, live_server, curriculum):
    learner = person("nojs", "en")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    login(page, live_server, "nojs")
    page.goto(f"{live_server.url}/exercises/tokenize/")
    expect(page.locator(".cm-editor")).to_have_count(0)
    page.locator("#source").fill(TYPED)
    page.locator("#submit-form button[type=submit]").click()
    page.wait_for_load_state()
    assert submitted(learner).payload["source"] == TYPED
    context.close()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_mentor_comments_on_more_than_three_lines_by_clicking_them(page, live_server, curriculum, lang, shot):
    learner = person("lu", "en")
    mentor = person("mo", lang)
    mentor_assign(mentor=mentor, learner=learner)
    submission = failed_tokenize(learner, SIX_LINES, 0.5)
    login(page, live_server, "mo")
    page.goto(f"{live_server.url}/submissions/{submission.pk}/")
    expect(page.locator("#line-comments-hint")).to_be_visible()
    for line in (1, 2, 4, 5):  # by the line number
        page.locator(f"#L{line} .ln-button").click()
        expect(page.locator(".line-comment-row input[type=text]:focus")).to_have_count(1)
        page.keyboard.type(f"about line {line}")
    page.locator("#L6 td pre").click()  # by the line itself
    page.keyboard.type("about line 6")
    expect(page.locator(".line-comment-row")).to_have_count(5)
    page.locator("#verdict-request_changes").check()
    shot(page, f"line-comments-{lang}")
    page.locator(".review-form button[type=submit]").click()
    expect(page.locator("tr.line-comment")).to_have_count(5)
    review = Review.objects.get(submission=submission)
    assert sorted(review.comments.values_list("line", "body")) == [(n, f"about line {n}") for n in (1, 2, 4, 5, 6)]


def test_the_diff_between_attempts_is_single_spaced(page, live_server, curriculum):
    learner = person("di", "en")
    subs = [
        failed_tokenize(learner, code, 0.0, attempt=n)
        for n, code in ((1, SIX_LINES), (2, SIX_LINES.replace("out = []", "out = list()")))
    ]
    login(page, live_server, "di")
    url = reverse("submission-diff", args=["tokenize"]) + f"?a={subs[0].pk}&b={subs[1].pk}"
    page.goto(f"{live_server.url}{url}")
    spans = page.locator("pre.diff-lines > span")
    heights = spans.evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    tops = spans.evaluate_all("els => els.map(e => e.getBoundingClientRect().top)")
    assert len(heights) > 5 and max(heights) - min(heights) < 1
    gaps = [b - a for a, b in pairwise(tops)]
    assert all(abs(g - heights[0]) < 1 for g in gaps), (gaps, heights[0])  # each line right below the last


@pytest.mark.parametrize("width", [390, 1280])
def test_a_long_line_scrolls_inside_the_editor_not_the_page(page, live_server, curriculum, width):
    person("wide", "en")
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, "wide")
    page.goto(f"{live_server.url}/exercises/tokenize/")
    set_code(page, "x = [" + ", ".join(str(n) for n in range(200)) + "]\n")
    scroller = page.locator(".cm-editor .cm-scroller")
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth")  # no soft wrap: the line stays whole
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert scroller.evaluate("el => el.getBoundingClientRect().right") <= width
