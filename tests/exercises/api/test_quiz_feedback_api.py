"""Quiz explanations give the right answers away: the API shows a learner right/wrong per question after every
attempt, and the explanations only once they passed the quiz. Running out of today's attempts does not reveal them
(the quota resets at midnight UTC: they would pass tomorrow). The learner's mentors and staff always see them.
Quizzes are graded in the request, so every result here is the real grader's."""

from __future__ import annotations

import datetime as dt
import json

from django.test import override_settings
from django.urls import reverse

from exercises.models import Submission
from exercises.selectors import EXPLANATIONS_HIDDEN
from gpu_runner.graders.quiz import CORRECT, WRONG
from tests.exercises.conftest import right_answers
from tests.factories import SubmissionFactory, UserFactory

URL = "/api/v1/submissions/"


def wrong_answers(bank, slug: str) -> dict:
    """A wrong but well-formed answer to every question: another option, a number far off."""
    answers = {}
    for q in bank.get(slug).questions:
        options = [o["id"] for o in q.get("options", [])]
        if q["type"] == "choice":
            answers[q["id"]] = next(o for o in options if o != q["answer"])
        elif q["type"] == "multi":
            answers[q["id"]] = [next(o for o in options if o not in q["answer"])]
        else:
            answers[q["id"]] = float(q["answer"]) + 1000
    return answers


def explanations(bank, slug: str) -> dict[str, dict[str, str]]:
    return {q["id"]: dict(q["explanation"]) for q in bank.get(slug).questions}


def explanation_texts(bank, slug: str) -> list[str]:
    return [text for both in explanations(bank, slug).values() for text in both.values()]


def submit(client, slug: str, answers: dict) -> dict:
    response = client.post(URL, {"exercise": slug, "answers": answers}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def assert_hidden(data: dict, bank, slug: str) -> None:
    assert (data["explanations_visible"], data["explanations_note"]) == (False, EXPLANATIONS_HIDDEN)
    assert all(set(detail) == {"correct"} for detail in data["metrics"]["questions"].values())
    body = json.dumps(data, ensure_ascii=False)
    assert [text for text in explanation_texts(bank, slug) if text in body] == []


def assert_shown(data: dict, bank, slug: str) -> None:
    assert (data["explanations_visible"], data["explanations_note"]) == (True, "")
    shown = {qid: detail["explanation"] for qid, detail in data["metrics"]["questions"].items()}
    assert shown == explanations(bank, slug)


def test_after_a_failed_attempt_the_learner_sees_right_and_wrong_but_no_explanation(client_for, learner, quiz, bank):
    client = client_for(learner)
    data = submit(client, quiz.slug, wrong_answers(bank, quiz.slug))
    questions = [q["id"] for q in bank.get(quiz.slug).questions]
    assert (data["status"], data["score"]) == ("failed", 0.0)
    assert data["checks"] == [
        {
            "name": qid,
            "passed": False,
            "message": WRONG,
            "message_i18n": {"key": "quiz.wrong", "params": {}},
            "name_display": qid,
            "message_display": WRONG,
        }
        for qid in questions
    ]
    assert data["metrics"]["questions"] == {qid: {"correct": False} for qid in questions}
    assert_hidden(data, bank, quiz.slug)
    assert_hidden(client.get(f"{URL}{data['id']}/").json(), bank, quiz.slug)


def test_after_passing_the_learner_sees_the_explanations_of_every_attempt(client_for, learner, quiz, bank):
    client = client_for(learner)
    failed = submit(client, quiz.slug, wrong_answers(bank, quiz.slug))
    passed = submit(client, quiz.slug, right_answers(bank, quiz.slug))
    assert passed["status"] == "passed"
    assert {check["message"] for check in passed["checks"]} == {CORRECT}
    assert_shown(passed, bank, quiz.slug)
    earlier = client.get(f"{URL}{failed['id']}/").json()
    assert_shown(earlier, bank, quiz.slug)
    assert {check["message"] for check in earlier["checks"]} == {WRONG}  # the verdicts stay verdicts


@override_settings(PATHWISE_DAILY_QUOTA=2)
def test_out_of_attempts_today_the_explanations_stay_hidden_until_a_pass(client_for, learner, quiz, bank):
    """Today's attempts used up and failed: still no explanation anywhere. The next day's pass shows them."""
    client = client_for(learner)
    first = submit(client, quiz.slug, wrong_answers(bank, quiz.slug))
    assert first["quota"]["remaining"] == 1
    assert_hidden(first, bank, quiz.slug)
    last = submit(client, quiz.slug, wrong_answers(bank, quiz.slug))
    assert (last["status"], last["quota"]["remaining"]) == ("failed", 0)
    assert_hidden(last, bank, quiz.slug)
    for earlier in (first, last):
        assert_hidden(client.get(f"{URL}{earlier['id']}/").json(), bank, quiz.slug)
    listed = json.dumps(client.get(URL, {"exercise": quiz.slug}).json(), ensure_ascii=False)
    assert listed.count(f'"id": {first["id"]}') == 1 and listed.count(f'"id": {last["id"]}') == 1
    assert [text for text in explanation_texts(bank, quiz.slug) if text in listed] == []

    # Tomorrow: the quota is back; a pass (the only way) shows the explanations of every attempt.
    Submission.objects.filter(user=learner).update(created_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    passed = submit(client, quiz.slug, right_answers(bank, quiz.slug))
    assert (passed["status"], passed["quota"]["remaining"]) == ("passed", 1)
    assert_shown(passed, bank, quiz.slug)
    assert_shown(client.get(f"{URL}{first['id']}/").json(), bank, quiz.slug)


def test_mentor_and_staff_always_see_the_explanations_and_others_nothing(
    client_for, learner, mentor, other_learner, quiz, bank
):
    data = submit(client_for(learner), quiz.slug, wrong_answers(bank, quiz.slug))
    staff = UserFactory(username="staff", is_staff=True)
    for reader in (mentor, staff):
        assert_shown(client_for(reader).get(f"{URL}{data['id']}/").json(), bank, quiz.slug)
    # Another mentor's learner, and another mentor, do not see the submission at all.
    other_mentor = UserFactory(username="other-mentor")
    for stranger in (other_learner, other_mentor):
        assert client_for(stranger).get(f"{URL}{data['id']}/").status_code == 404
    assert_hidden(client_for(learner).get(f"{URL}{data['id']}/").json(), bank, quiz.slug)


def test_results_stored_with_explanations_in_the_messages_show_verdicts_only(client_for, learner, mentor, quiz, bank):
    """Results graded before the grader stopped putting explanations in check messages still hide them."""
    questions = bank.get(quiz.slug).questions
    old = SubmissionFactory(
        user=learner,
        exercise=quiz,
        attempt=1,
        payload={"answers": {}},
        status="failed",
        score=0.0,
        checks=[{"name": q["id"], "passed": False, "message": f"{WRONG} {q['explanation']['en']}"} for q in questions],
        metrics={
            "questions": {q["id"]: {"correct": False, "explanation": q["explanation"]} for q in questions},
            "right": 0,
            "total": len(questions),
        },
    )
    for reader, check in ((learner, assert_hidden), (mentor, assert_shown)):
        data = client_for(reader).get(f"{URL}{old.pk}/").json()
        check(data, bank, quiz.slug)
        assert {c["message"] for c in data["checks"]} == {WRONG}
        assert (data["metrics"]["right"], data["metrics"]["total"]) == (0, len(questions))


def test_other_kinds_have_no_explanation_fields_to_speak_of(client_for, learner, softmax):
    mine = SubmissionFactory(
        user=learner,
        exercise=softmax,
        attempt=1,
        status="failed",
        checks=[{"name": "a", "passed": False, "message": "expected 0"}],
        metrics={"x": 1},
    )
    data = client_for(learner).get(f"{URL}{mine.pk}/").json()
    assert (data["explanations_visible"], data["explanations_note"]) == (None, "")
    legacy = {
        "name": "a",
        "passed": False,
        "message": "expected 0",
        "name_display": "a",
        "message_display": "expected 0",
    }
    assert (data["checks"], data["metrics"]) == ([legacy], {"x": 1})


def test_only_the_learners_own_pass_reveals(client_for, learner, other_learner, quiz, bank):
    SubmissionFactory(user=other_learner, exercise=quiz, attempt=1, payload={"answers": {}}, status="passed")
    SubmissionFactory(
        user=learner, exercise=quiz, attempt=1, payload={"answers": {}}, status="error", counts_against_quota=False
    )
    data = submit(client_for(learner), quiz.slug, wrong_answers(bank, quiz.slug))
    assert data["attempt"] == 2
    assert_hidden(data, bank, quiz.slug)


def test_a_401_digit_answer_is_a_wrong_answer_with_a_clear_verdict_in_both_languages(client_for, learner, quiz, bank):
    numeric = next(q["id"] for q in bank.get(quiz.slug).questions if q["type"] == "numeric")
    # The API refuses integers past 64 bits in JSON; as text (what the page's form posts) it reaches the grader.
    answers = {**right_answers(bank, quiz.slug), numeric: "9" * 401}
    client = client_for(learner)
    data = submit(client, quiz.slug, answers)
    assert data["status"] != "error" and data["error"] is None  # graded: one wrong answer among right ones
    checks = {check["name"]: check for check in data["checks"]}
    assert checks[numeric] == {
        "name": numeric,
        "passed": False,
        "message": "Wrong. The number is too large to compare.",
        "message_i18n": {"key": "quiz.number_too_large", "params": {}},
        "name_display": numeric,
        "message_display": "Wrong. The number is too large to compare.",
    }
    client.force_login(learner)
    page = client.get(reverse("submission-detail", args=[data["id"]]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "错误。这个数字太大，无法比较。" in page.content.decode()
