"""What the exercise page refuses before anything is stored or counted (issue 11: bug 10 and syntax errors), in
both languages, and what it offers: a number input for a numeric answer, no Submit once today's submissions are
used."""

from __future__ import annotations

from django.test import override_settings
from django.urls import reverse

from exercises.models import Submission
from exercises.services import quota_get

HTMX = {"HTTP_HX_REQUEST": "true"}


def quiz_form(bank_quiz: dict, **overrides: object) -> dict:
    form = {f"q-{qid}": a if isinstance(a, list) else str(a) for qid, a in bank_quiz["answers"].items()}
    return {**form, **overrides}


def numeric_ids(world) -> list[str]:
    from exercises.models import Exercise

    questions = Exercise.objects.get(slug="quiz-numpy").public["questions"]
    return [q["id"] for q in questions if q["type"] == "numeric"]


def test_a_numeric_answer_is_a_number_input(world, as_role, bank_quiz):
    html = as_role("learner").get(reverse("exercise-detail", args=["quiz-numpy"])).content.decode()
    for qid in numeric_ids(world):
        assert f'<input type="number" step="any" name="q-{qid}" id="q-{qid}" value="">' in html


def test_invalid_quiz_answers_on_the_page_get_a_message_per_question_and_use_nothing(world, as_role, bank_quiz):
    qid = numeric_ids(world)[0]
    first = next(q for q in bank_quiz["answers"] if q != qid)
    form = quiz_form(bank_quiz, **{f"q-{qid}": "lots", f"q-{first}": ""})
    url = reverse("exercise-submit", args=["quiz-numpy"])
    learner = world.users["learner"]
    order = list(bank_quiz["answers"])
    fragment = as_role("learner").post(url, form, **HTMX).content.decode()
    lines = sorted([(order.index(first) + 1, "not answered."), (order.index(qid) + 1, "“lots” is not a number.")])
    for n, text in lines:
        assert f"<li>Question {n}: {text}</li>" in fragment
    zh = as_role("learner", lang="zh-hans").post(url, form, **HTMX).content.decode()
    assert f"<li>第 {order.index(qid) + 1} 题：“lots”不是数字。</li>" in zh
    assert f"<li>第 {order.index(first) + 1} 题：未作答。</li>" in zh
    assert not Submission.objects.filter(user=learner, exercise__slug="quiz-numpy").exists()


def test_a_syntax_error_on_the_page_says_where_and_uses_no_submission(world, as_role):
    learner = world.users["learner"]
    before = quota_get(user=learner, exercise=world.code).used
    url = reverse("exercise-submit", args=["add-one"])
    fragment = as_role("learner").post(url, {"source": "def f(x)\n    return x + 1\n"}, **HTMX).content.decode()
    assert (
        "<li>Your code does not compile, so it was not graded and used no submission (line 1, column 9): "
        "expected &#x27;:&#x27;</li>"
    ) in fragment
    zh = as_role("learner", lang="zh-hans").post(url, {"source": "x = (1,\n"}, **HTMX).content.decode()
    assert (
        "<li>你的代码无法编译，因此没有评分，也没有占用提交次数（第 1 行，第 5 列）：&#x27;(&#x27; was never closed</li>"
        in zh
    )
    assert quota_get(user=learner, exercise=world.code).used == before


def test_submit_is_disabled_once_todays_submissions_are_used(world, as_role):
    learner = world.users["learner"]
    url = reverse("exercise-detail", args=["add-one"])
    enabled = '<button type="submit" class="primary" id="submit-button">Submit</button>'
    assert enabled in as_role("learner").get(url).content.decode()
    used = quota_get(user=learner, exercise=world.code).used
    with override_settings(PATHWISE_DAILY_QUOTA=used + 1):
        fragment = (
            as_role("learner")
            .post(reverse("exercise-submit", args=["add-one"]), {"source": "def f(x):\n    return x + 1\n"}, **HTMX)
            .content.decode()
        )
        disabled = (
            '<button type="submit" class="primary" id="submit-button" disabled aria-describedby="quota" '
            'hx-swap-oob="true">Submit</button>'
        )
        assert disabled in fragment  # the answer to the last submission turns it off at once
        page = as_role("learner").get(url).content.decode()
    assert '<button type="submit" class="primary" id="submit-button" disabled aria-describedby="quota">' in page
