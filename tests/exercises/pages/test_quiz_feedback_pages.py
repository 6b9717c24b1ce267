"""Quiz pages: every attempt shows right/wrong per question; the explanations (they give the answers away) only
once the learner passed the quiz, in the reader's language. Running out of today's attempts does not show them (the
quota resets at midnight UTC: they would pass tomorrow). The learner's mentor and staff always see them. Quizzes are
graded in the request: these are the real grader's results."""

from __future__ import annotations

import html
import re

from django.urls import reverse

from exercises.models import Submission
from exercises.selectors import EXPLANATIONS_HIDDEN
from gpu_runner.bank import Bank

HTMX = {"HTTP_HX_REQUEST": "true"}
HIDDEN_ZH = "通过本测验后即可查看解析。"


def text_of(body: bytes) -> str:
    """A page as its reader sees it (no tags, entities decoded), Markdown marks and spacing out."""
    text = html.unescape(re.sub(r"<[^>]+>", "", body.decode()))
    return normal(text)


def normal(text: str) -> str:
    return " ".join(re.sub(r"[`*_]", "", text).split())


def explanations(lang: str = "en") -> list[str]:
    return [normal(q["explanation"][lang]) for q in Bank.default().get("quiz-numpy").questions]


def shown(page: str, lang: str = "en") -> list[bool]:
    return [text in page for text in explanations(lang)]


def wrong_form() -> dict:
    """Well-formed wrong answers as the form posts them (a number far off, another option)."""
    form = {}
    for q in Bank.default().get("quiz-numpy").questions:
        options = [o["id"] for o in q.get("options", [])]
        if q["type"] == "numeric":
            form[f"q-{q['id']}"] = str(float(q["answer"]) + 1000)
        elif q["type"] == "choice":
            form[f"q-{q['id']}"] = next(o for o in options if o != q["answer"])
        else:
            form[f"q-{q['id']}"] = [next(o for o in options if o not in q["answer"])]
    return form


def right_form(bank_quiz: dict) -> dict:
    return {f"q-{qid}": value for qid, value in bank_quiz["answers"].items()}


def submit(client, form: dict) -> Submission:
    response = client.post(reverse("exercise-submit", args=["quiz-numpy"]), form, **HTMX)
    assert response.status_code == 200
    return Submission.objects.filter(exercise__slug="quiz-numpy").order_by("-id").first()


def test_a_failed_attempt_shows_right_and_wrong_and_says_why_explanations_are_hidden(world, as_role, bank_quiz):
    client = as_role("learner")
    response = client.post(reverse("exercise-submit", args=["quiz-numpy"]), wrong_form(), **HTMX)
    fragment = response.content.decode()
    assert 'data-status="failed"' in fragment
    # Verdicts are numbered like the questions on the page, not by their ids (q1...).
    assert all(f"<strong>Question {n}</strong> — Wrong." in fragment for n in range(1, 7))
    assert "<strong>q" not in fragment and fragment.count(" — Wrong.") == 6
    assert f'<p class="muted small" id="explanations-hidden">{EXPLANATIONS_HIDDEN}</p>' in fragment
    failed = Submission.objects.get(user=world.users["learner"], exercise__slug="quiz-numpy")
    for url in (
        reverse("submission-detail", args=[failed.pk]),
        reverse("submission-status", args=[failed.pk]),
        reverse("exercise-detail", args=["quiz-numpy"]),
    ):
        page = text_of(client.get(url).content)
        assert shown(page) == [False] * 6, url
        assert str(EXPLANATIONS_HIDDEN) in page
    # The stored metrics keep the explanations for the mentor; the page's metric list shows the tally only.
    detail = client.get(reverse("submission-detail", args=[failed.pk])).content.decode()
    assert "<dt>Right answers</dt><dd>0</dd>" in detail and "<dt>questions</dt>" not in detail
    assert all("explanation" in q for q in failed.metrics["questions"].values())


def test_after_passing_every_attempt_shows_its_explanations(world, as_role, bank_quiz):
    client = as_role("learner")
    failed = submit(client, wrong_form())
    response = client.post(reverse("exercise-submit", args=["quiz-numpy"]), right_form(bank_quiz), **HTMX)
    assert 'data-status="passed"' in response.content.decode()
    assert shown(text_of(response.content)) == [True] * 6
    page = client.get(reverse("submission-detail", args=[failed.pk])).content
    assert shown(text_of(page)) == [True] * 6
    assert str(EXPLANATIONS_HIDDEN) not in page.decode()
    assert '<div class="explanation markdown"><p><code>reshape(3, 4)</code> fills the rows in order' in page.decode()


def test_out_of_attempts_today_the_explanations_stay_hidden(world, as_role, bank_quiz, settings):
    settings.PATHWISE_DAILY_QUOTA = 2
    client = as_role("learner")
    first = client.post(reverse("exercise-submit", args=["quiz-numpy"]), wrong_form(), **HTMX)
    assert shown(text_of(first.content)) == [False] * 6
    last = client.post(reverse("exercise-submit", args=["quiz-numpy"]), wrong_form(), **HTMX)
    assert 'data-status="failed"' in last.content.decode()
    assert shown(text_of(last.content)) == [False] * 6
    assert str(EXPLANATIONS_HIDDEN) in last.content.decode()
    failed = Submission.objects.filter(user=world.users["learner"], exercise__slug="quiz-numpy")
    assert failed.count() == 2
    urls = [reverse("exercise-detail", args=["quiz-numpy"])]
    for submission in failed:
        urls += [reverse("submission-detail", args=[submission.pk]), reverse("submission-status", args=[submission.pk])]
    for url in urls:
        page = text_of(client.get(url).content)
        assert shown(page) == [False] * 6, url
        assert str(EXPLANATIONS_HIDDEN) in page, url


def test_the_mentor_and_staff_always_see_the_explanations_another_mentor_nothing(world, as_role, bank_quiz):
    failed = submit(as_role("learner"), wrong_form())
    for role in ("mentor", "admin"):
        for url in (reverse("submission-detail", args=[failed.pk]), reverse("submission-status", args=[failed.pk])):
            response = as_role(role).get(url)
            assert shown(text_of(response.content)) == [True] * 6, (role, url)
            assert str(EXPLANATIONS_HIDDEN) not in response.content.decode()
    assert as_role("other_mentor").get(reverse("submission-detail", args=[failed.pk])).status_code == 404


def test_chinese_pages_give_verdicts_the_hidden_line_and_explanations_in_chinese(world, as_role, bank_quiz):
    failed = submit(as_role("learner"), wrong_form())
    learner = as_role("learner", lang="zh-hans").get(reverse("submission-detail", args=[failed.pk])).content
    assert HIDDEN_ZH in learner.decode() and " — 错误。" in learner.decode()
    assert shown(text_of(learner), "zh") == [False] * 6
    mentor = as_role("mentor", lang="zh-hans").get(reverse("submission-detail", args=[failed.pk])).content
    assert shown(text_of(mentor), "zh") == [True] * 6
    assert HIDDEN_ZH not in mentor.decode()


def test_answers_given_show_the_option_texts_one_by_one_in_the_readers_language(world, as_role):
    """Issue 11 bug 6: single-choice answers showed the raw option id, multi-choice texts ran together."""
    from tests.factories import ExerciseFactory, SubmissionFactory

    options = [{"id": k, "text": {"en": en, "zh": zh}} for k, en, zh in (("a", "Apple", "苹果"), ("b", "Pear", "梨"))]
    quiz = ExerciseFactory(
        slug="fruit-quiz",
        milestone=world.m,
        kind="quiz",
        public={
            "questions": [
                {"id": "q1", "type": "choice", "prompt": {"en": "One", "zh": "一"}, "options": options},
                {"id": "q2", "type": "multi", "prompt": {"en": "Both", "zh": "都"}, "options": options},
                {"id": "q3", "type": "numeric", "prompt": {"en": "2 + 2", "zh": "2 + 2"}},
                {"id": "q4", "type": "choice", "prompt": {"en": "Skip", "zh": "跳过"}, "options": options},
            ]
        },
    )
    answers = {"q1": "b", "q2": ["a", "b"], "q3": "4"}
    submission = SubmissionFactory(
        user=world.users["learner"], exercise=quiz, attempt=1, status="failed", payload={"answers": answers}
    )
    url = reverse("submission-detail", args=[submission.pk])
    english = as_role("learner").get(url).content.decode()
    given = english[
        english.index('<ol class="answers-given">') : english.index("</ol>", english.index("answers-given"))
    ]
    assert given.count('<ul class="given">') == 3
    assert '<ul class="given"><li><strong>Pear</strong></li></ul>' in given
    assert '<ul class="given"><li><strong>Apple</strong></li><li><strong>Pear</strong></li></ul>' in given
    assert '<ul class="given"><li><strong>4</strong></li></ul>' in given
    assert '<p class="muted">Not answered.</p>' in given
    assert "<strong>b</strong>" not in given
    chinese = as_role("learner", lang="zh-hans").get(url).content.decode()
    assert '<ul class="given"><li><strong>苹果</strong></li><li><strong>梨</strong></li></ul>' in chinese
