"""Grader texts (PROTOCOL contract 2): bank pairs and keyed messages, their English, and the stored form of a check."""

from __future__ import annotations

import numpy as np
import pytest

from gpu_runner.graders.code import Case, diff, grade_case
from gpu_runner.sandbox import CallResult
from gpu_runner.spec import Check, JobError, JobResult
from gpu_runner.texts import MESSAGES, TextError, english, keys_in, message, pair, render

NAME = {"en": "large inputs", "zh": "大输入"}
HINT = {"en": "subtract the maximum", "zh": "先减去最大值"}


def zh(text):
    """The Chinese of a text with gpu_runner's own (English) templates: enough to see the pairs being picked."""
    return render(text, "zh")


def test_a_pair_renders_in_the_asked_language_and_falls_back_to_english():
    assert render(NAME, "zh") == "大输入"
    assert render(NAME, "en") == "large inputs"
    assert render(NAME, "fr") == "large inputs"


def test_a_keyed_message_renders_its_params_recursively_through_the_lookup():
    text = message(
        "code.with_hint", text=message("code.hidden_case", problem=message("code.wrong_value", at="")), hint=HINT
    )
    assert english(text) == "wrong value (hidden case). Hint: subtract the maximum"
    templates = {"code.with_hint": "%(text)s。提示：%(hint)s", "code.hidden_case": "%(problem)s（隐藏用例）"}
    assert render(text, "zh", templates.get) == "wrong value（隐藏用例）。提示：先减去最大值"
    assert keys_in(text) == {"code.with_hint", "code.hidden_case", "code.wrong_value"}


def test_a_message_with_an_unknown_key_or_a_missing_param_fails_where_it_is_built():
    with pytest.raises(TextError, match=r"unknown message key 'code\.nope'"):
        message("code.nope")
    with pytest.raises(TextError, match="does not fit its params"):
        message("code.values_differ", count=1)


def test_a_stored_text_with_an_unknown_key_cannot_be_rendered():
    with pytest.raises(TextError, match=r"unknown message key 'future\.key'"):
        render({"key": "future.key", "params": {}}, "en")


@pytest.mark.parametrize(
    "bad",
    [{"en": "only english"}, {"en": "a", "zh": ""}, {"en": "a", "zh": "b", "fr": "c"}, ["en", "zh"], 3],
)
def test_a_bank_text_is_a_str_or_a_full_pair(bad):
    with pytest.raises(TextError, match="must be a str or"):
        pair(bad)


def test_a_case_refuses_a_malformed_pair_when_the_grader_builds_it():
    with pytest.raises(TextError, match=r"Case\.name must be a str or"):
        Case(name={"en": "no chinese"}, fn="f")
    with pytest.raises(TextError, match=r"Case\.hint must be a str or"):
        Case(name=NAME, fn="f", hint={"zh": "只有中文"})


def test_a_passing_case_keeps_its_bilingual_name_and_english_for_the_api():
    check = grade_case(Case(name=NAME, fn="f"), 1.0, CallResult(ok=True, value=1.0), None)
    assert check == Check(name="large inputs", passed=True, message="", name_i18n=NAME, message_i18n=None)
    assert check.to_dict() == {"name": "large inputs", "passed": True, "message": "", "name_i18n": NAME}


def test_a_failing_hidden_case_stores_a_keyed_message_with_its_bilingual_hint():
    case = Case(name=NAME, fn="f", hint=HINT)
    check = grade_case(case, np.array([0.5, 0.5]), CallResult(ok=True, value=np.array([0.1, 0.9])), None)
    assert check.message == "2 of 2 values differ (hidden case). Hint: subtract the maximum"
    assert check.message_i18n == message(
        "code.with_hint",
        text=message("code.hidden_case", problem=message("code.values_differ", count=2, size=2, at="")),
        hint=HINT,
    )
    assert zh(check.message_i18n).endswith("Hint: 先减去最大值")


def test_a_legacy_str_name_is_stored_as_english_only():
    check = grade_case(Case(name="plain", fn="f"), 1, CallResult(ok=True, value=2), None)
    assert (check.name, check.name_i18n, check.message) == ("plain", None, "wrong value (hidden case)")
    assert check.to_dict() == {
        "name": "plain",
        "passed": False,
        "message": "wrong value (hidden case)",
        "message_i18n": message("code.hidden_case", problem=message("code.wrong_value", at="")),
    }


def test_a_custom_check_may_answer_with_a_pair():
    def check(case, expected, got):
        return {"en": "the signs are flipped", "zh": "符号反了"}

    result = grade_case(Case(name=NAME, fn="f", visible=True, args=(1,)), 1, CallResult(ok=True, value=-1), check)
    assert result.message == "f(1): the signs are flipped"
    assert zh(result.message_i18n) == "f(1): 符号反了"


def test_a_custom_check_answering_a_malformed_pair_is_the_graders_fault_not_the_learners():
    def check(case, expected, got):
        return {"en": "no chinese"}

    with pytest.raises(TextError):
        grade_case(Case(name=NAME, fn="f"), 1, CallResult(ok=True, value=2), check)


def test_nested_differences_name_where_they_are_in_every_language():
    mismatch = diff({"w": [1.0, 2.0]}, {"w": [1.0, 5.0]})
    assert mismatch.message() == "wrong value at ['w'][1]: expected 2.0, got 5.0"
    assert mismatch.reason_text == message("code.wrong_value", at=message("code.at", where="['w'][1]"))
    assert mismatch.reason == "wrong value at ['w'][1]"  # graders' own checks read it as English, as before


def test_a_job_result_round_trips_with_its_texts_and_old_results_still_parse():
    error = JobError.of("timeout", message("sandbox.cpu_limit", limit="1"), kind="code")
    result = JobResult(
        job_id="j",
        status="error",
        checks=[Check.of(NAME, False, message("code.stopped_early"))],
        error=error,
    )
    assert JobResult.from_dict(result.to_dict()) == result
    old = {"job_id": "j", "status": "error", "checks": [{"name": "a", "passed": False, "message": "m"}]}
    old["error"] = {"code": "timeout", "message": "too slow"}
    parsed = JobResult.from_dict(old)
    assert parsed.checks[0].to_dict() == old["checks"][0]
    assert parsed.error.to_dict() == old["error"]


def test_a_code_exercises_timeout_advice_is_about_code_and_a_fine_tunings_about_training():
    code = JobError.of("timeout", message("sandbox.cpu_limit", limit="1"), kind="code")
    assert code.message == (
        "Your code ran past its time limit: look for an endless loop or work that grows too fast with the input."
        " Stopped after the CPU-time limit of 1 s."
    )
    assert "epoch" not in code.message and "batch" not in code.message
    finetune = JobError.of("timeout", "Fine-tuning stopped.", kind="finetune")
    assert finetune.message == "Fine-tuning ran past its time budget. Fine-tuning stopped."
    assert "endless loop" not in finetune.message


def test_a_platform_error_keeps_its_detail_in_english_but_shows_a_learner_only_the_advice():
    error = JobError.of("internal", "The grader failed: KeyError: 'oops'")
    assert error.message == f"{MESSAGES['error.internal']} The grader failed: KeyError: 'oops'"
    assert error.message_i18n == message("error.internal")


def test_every_error_code_has_a_message_and_a_label():
    from gpu_runner.spec import ERROR_CODES

    for code in ERROR_CODES:
        assert f"error.{code}" in MESSAGES and f"error_label.{code}" in MESSAGES
