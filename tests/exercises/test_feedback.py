"""Grader feedback in the reader's language (issue 11, bug 4): check names, messages and errors graded by the real
grader and sandbox, recorded by the service, and read on the pages and through the API in Chinese and English."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from exercises import feedback
from exercises.services.grading import submission_record_result
from gpu_runner.bank import Bank
from gpu_runner.run import run_job
from gpu_runner.spec import ExerciseRef, JobSpec, Limits
from gpu_runner.texts import MESSAGES
from tests.factories import SubmissionFactory
from tests.world import page_client

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
ENDLESS = "def softmax(x, axis=-1):\n    while True:\n        pass\n"


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_each_grader_key_has_the_same_english_and_a_chinese_translation_with_the_same_params(key):
    with translation.override("en"):
        english = str(feedback.MESSAGES[key])
    with translation.override("zh-hans"):
        chinese = str(feedback.MESSAGES[key])
    assert english == MESSAGES[key]
    assert placeholders(chinese) == placeholders(english)
    if re.search(r"[A-Za-z]{3,}", PLACEHOLDER.sub("", english)) and key != "type.none":
        assert re.search(r"[\u4e00-\u9fff]", chinese), f"{key} is not translated: {chinese!r}"


def test_every_error_code_has_a_label_in_both_languages():
    for code in feedback.ERROR_TITLES:
        with translation.override("zh-hans"):
            assert re.search(r"[\u4e00-\u9fff]", feedback.error_title(code))


def text_of(body: bytes) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", body.decode())).split())


def grade(softmax, learner, source: str, limits: Limits | None = None):
    """A submission graded by the real grader in the sandbox and recorded by the service."""
    exercise = Bank.default().get("softmax")
    submission = SubmissionFactory(user=learner, exercise=softmax, attempt=1, status="running", payload={})
    spec = JobSpec(
        job_id=str(submission.job_id),
        kind="code",
        exercise=ExerciseRef("softmax", exercise.sha256),
        payload={"source": source},
        limits=limits or exercise.limits,
        seed=7,
    )
    return submission_record_result(job_id=str(submission.job_id), result=run_job(spec).to_dict())


def page(user, submission, lang: str) -> str:
    response = page_client(user, lang).get(reverse("submission-detail", args=[submission.pk]))
    assert response.status_code == 200
    return text_of(response.content)


@pytest.mark.slow
def test_a_chinese_page_shows_chinese_check_names_messages_and_hints(softmax, learner, bank):
    wrong = (bank.get("softmax").path / "wrong" / "overflows.py").read_text(encoding="utf-8")
    submission = grade(softmax, learner, wrong)
    assert submission.status == "failed"

    chinese = page(learner, submission, "zh-hans")
    assert "上千的分数不会溢出" in chinese  # the case's name
    assert "（隐藏用例）。提示：调用 exp 之前先减去最大值" in chinese  # the generic message and the case's hint
    assert "scores in the thousands" not in chinese and "hidden case" not in chinese

    english = page(learner, submission, "en")
    assert "scores in the thousands do not overflow" in english
    assert "(hidden case). Hint: subtract the maximum before calling exp" in english


@pytest.mark.slow
def test_a_timeout_shows_a_label_and_code_advice_in_chinese_never_the_raw_code_or_epochs(softmax, learner):
    submission = grade(softmax, learner, ENDLESS, Limits(cpu_s=1, wall_s=3, memory_mb=256, output_kb=64))
    assert (submission.status, submission.error_code) == ("error", "timeout")

    chinese = page(learner, submission, "zh-hans")
    assert "超出时间限制: 你的代码超出了时间限制：检查是否有死循环" in chinese
    assert "运行在这里停止：超出时间限制。" in chinese  # the check where it stopped
    english = page(learner, submission, "en")
    assert "Time limit exceeded: Your code ran past its time limit: look for an endless loop" in english
    for text in (chinese, english):
        assert "timeout" not in text and "epoch" not in text and "batch" not in text


@pytest.mark.slow
def test_the_api_keeps_english_fields_and_adds_the_readers_language(softmax, learner, bank):
    wrong = (bank.get("softmax").path / "wrong" / "overflows.py").read_text(encoding="utf-8")
    submission = grade(softmax, learner, wrong)
    client = APIClient()
    client.force_authenticate(learner)

    data = client.get(f"/api/v1/submissions/{submission.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    check = next(c for c in data["checks"] if c["name"] == "scores in the thousands do not overflow")
    assert check["passed"] is False
    assert check["message"].endswith("(hidden case). Hint: subtract the maximum before calling exp")
    assert check["name_display"] == "上千的分数不会溢出"
    assert check["message_display"].endswith("（隐藏用例）。提示：调用 exp 之前先减去最大值")
    assert check["name_i18n"] == {"en": "scores in the thousands do not overflow", "zh": "上千的分数不会溢出"}
    assert check["message_i18n"]["key"] == "code.with_hint"


def test_results_stored_before_keys_keep_rendering(softmax, learner):
    old = SubmissionFactory(
        user=learner,
        exercise=softmax,
        attempt=1,
        timed_out=True,
        error_message="Your submission ran past its time limit: in code, look for an endless loop. Stopped.",
        checks=[{"name": "small inputs", "passed": False, "message": "The run stopped here: timeout."}],
    )
    english = page(learner, old, "en")
    assert "Time limit exceeded: Your submission ran past its time limit: in code, look for an endless loop." in english
    chinese = page(learner, old, "zh-hans")
    assert "超出时间限制: 你的代码超出了时间限制：检查是否有死循环" in chinese
    assert "small inputs" in chinese  # a check stored without a text is shown as stored


def test_a_text_from_a_newer_worker_falls_back_to_the_stored_english(softmax, learner):
    check = {"name": "a", "passed": False, "message": "m", "message_i18n": {"key": "future.key", "params": {}}}
    with translation.override("zh-hans"):
        assert feedback.check_display(check)["message"] == "m"
