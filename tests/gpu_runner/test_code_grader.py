"""The code grader: value comparison, per-case feedback, and whole jobs through run_job and the sandbox."""

from __future__ import annotations

import math
import textwrap
import types

import numpy as np
import pytest

from gpu_runner.bank import Bank
from gpu_runner.codec import FunctionRef
from gpu_runner.graders.code import (
    STOPPED_EARLY,
    UNREADABLE_RESULT,
    Case,
    ExpectedError,
    compare,
    expected_value,
    grade_case,
    short,
)
from gpu_runner.run import KIND_MISMATCH, UNKNOWN_EXERCISE, run_job
from gpu_runner.sandbox import CallResult
from gpu_runner.spec import ExerciseRef, JobSpec, Limits
from gpu_runner.texts import MESSAGES, message

# --- compare ---------------------------------------------------------------------------------


def test_floats_within_tolerance_match_and_others_say_expected_and_got():
    assert compare(1.0, 1.0 + 1e-9) is None
    assert compare(100.0, 100.5, rtol=1e-2) is None
    assert compare(1.0, 1.1) == "wrong value: expected 1.0, got 1.1"


def test_an_int_is_accepted_where_a_float_is_expected_but_not_the_reverse():
    assert compare(3.0, 3) is None
    assert compare(3.0, np.array(3.0)) is None  # a 0-d array from a NumPy reduction counts as a number
    assert compare(3, 3.0) == "expected an integer, got float: got 3.0"


def test_bools_are_exact_and_are_not_numbers():
    assert compare(True, np.bool_(True)) is None
    assert compare(True, 1) == "expected a bool, got int: got 1"
    assert compare(1.0, True) == "expected a number, got bool: got True"


def test_nan_equals_nan_and_infinities_must_match():
    assert compare(math.nan, math.nan) is None
    assert compare(math.inf, math.inf) is None
    assert compare(math.inf, 1e308) == "wrong value: expected inf, got 1e+308"
    assert compare(np.array([np.nan, 1.0]), np.array([np.nan, 1.0])) is None
    assert compare(np.array([np.inf, 1.0]), np.array([1e300, 1.0])) == (
        "1 of 2 values differ: at index [0]: expected inf, got 1e+300; largest difference 0"
    )
    assert compare(np.array([0.5, 0.5]), np.array([np.nan, np.nan])) == (
        "2 of 2 values differ: at index [0]: expected 0.5, got nan"
    )


def test_arrays_check_type_then_shape_then_dtype_kind_then_values():
    expected = np.array([1.0, 2.0])
    assert compare(expected, [1.0, 2.0]) == "expected a numpy array, got list: got [1.0, 2.0]"
    assert compare(expected, np.zeros(3)) == "expected shape (2,), got shape (3,)"
    assert compare(expected, np.array([1, 2])) == (
        "expected floating-point values (dtype float64), got integer values (dtype int64)"
    )
    assert compare(expected, np.array([1.0, 2.5], dtype=np.float32)) == (
        "1 of 2 values differ: at index [1]: expected 2.0, got 2.5; largest difference 0.5"
    )
    assert compare(np.array([1, 2], dtype=np.int32), np.array([1, 2], dtype=np.uint8)) is None
    assert compare(np.array([True, False]), np.array([True, True])) == (
        "1 of 2 values differ: at index [1]: expected False, got True"
    )


def test_lists_and_tuples_are_interchangeable_sequences_checked_item_by_item():
    assert compare((1, [2.0, 3.0]), [1, (2.0, 3.0)]) is None
    assert compare([[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0], [3.0, 5.0]]) == (
        "wrong value at [1][1]: expected 4.0, got 5.0"
    )
    assert compare([1.0, 2.0], [1.0]) == "expected 2 items, got 1: got [1.0]"


def test_dicts_need_the_same_keys_and_matching_values():
    assert compare({"a": 1}, {"b": 1}) == "wrong keys: missing key(s) 'a'; unexpected key(s) 'b'"
    assert compare({"w": np.zeros(2)}, {"w": np.array([0.0, 1.0])}) == (
        "1 of 2 values differ at ['w']: at index [1]: expected 0.0, got 1.0; largest difference 1"
    )


def test_short_reprs_are_cut():
    assert short(list(range(1000))) == "[0, 1, 2, 3, 4, 5, 6, 7, ...]"
    assert len(short("x" * 500)) <= 160
    assert short(FunctionRef("quadratic_grad", {"a": np.eye(2)})) == "<function quadratic_grad>"
    assert short(np.arange(100.0)) == "array([ 0., 1., 2., ..., 97., 98., 99.], dtype=float64)"


# --- per-case feedback -----------------------------------------------------------------------


def test_visible_case_feedback_shows_the_call_expected_and_got():
    case = Case(name="example", fn="dot", args=([1.0], [2.0]), visible=True)
    check = grade_case(case, 2.0, CallResult(ok=True, value=3.0), None)
    assert (check.name, check.passed) == ("example", False)
    assert check.message == "dot([1.0], [2.0]): wrong value: expected 2.0, got 3.0"


def test_hidden_case_feedback_has_no_values_but_has_the_hint():
    case = Case(name="large", fn="softmax", args=(np.array([1000.0, 1001.0]),), hint="subtract the maximum")
    expected = np.array([0.26894142, 0.73105858])
    check = grade_case(case, expected, CallResult(ok=True, value=np.array([np.nan, np.nan])), None)
    assert check.message == "2 of 2 values differ (hidden case). Hint: subtract the maximum"
    assert "0.26" not in check.message and "1000" not in check.message


def test_expected_exceptions_need_the_same_type():
    visible = Case(name="lengths", fn="dot", args=([1.0], []), visible=True)
    hidden = Case(name="lengths", fn="dot", args=([1.0], []))
    error = ExpectedError("ValueError", "different lengths")
    assert grade_case(visible, error, CallResult(ok=False, error_type="ValueError", error_message="x"), None).passed
    assert grade_case(visible, error, CallResult(ok=True, value=0.0), None).message == (
        "dot([1.0], []): should raise ValueError: returned 0.0"
    )
    assert grade_case(hidden, error, CallResult(ok=True, value=0.0), None).message == (
        "should raise ValueError but it returned a value (hidden case)"
    )
    other = CallResult(ok=False, error_type="IndexError", error_message="list index out of range")
    assert grade_case(hidden, error, other, None).message == (
        "should raise ValueError, but raised IndexError: list index out of range (hidden case)"
    )


def test_a_learner_exception_is_reported_with_a_cut_message():
    case = Case(name="c", fn="f", visible=True)
    check = grade_case(case, 1.0, CallResult(ok=False, error_type="RuntimeError", error_message="boom " * 100), None)
    assert check.passed is False
    assert check.message.startswith("f(): raised RuntimeError: boom boom")
    assert check.message.endswith("...")
    assert len(check.message) == len("f(): raised RuntimeError: ") + 200


def test_a_custom_check_decides_and_its_message_is_shown():
    case = Case(name="c", fn="f", visible=True)
    check = grade_case(case, 1.0, CallResult(ok=True, value=-1.0), lambda c, e, g: None if g == e else "sign?")
    assert (check.passed, check.message) == (False, "f(): sign?")


def test_a_custom_check_that_cannot_read_the_value_fails_the_case_instead_of_the_job():
    case = Case(name="c", fn="f", visible=True)
    check = grade_case(case, 1.0, CallResult(ok=True, value=[1]), lambda c, e, g: g["loss"])
    assert check.passed is False
    assert check.message == (f"f(): {UNREADABLE_RESULT} (TypeError: list indices must be integers or slices, not str)")


def test_the_reference_gets_deep_copies_and_resolved_function_references():
    def mutate(values, grad):
        values.append(grad(np.array([1.0, 1.0])).tolist())
        return len(values)

    reference = types.SimpleNamespace(f=mutate)
    values = [1.0, 2.0]
    case = Case(name="c", fn="f", args=(values, FunctionRef("linear_grad", {"c": np.array([3.0, 4.0])})))
    assert expected_value(reference, case) == 3
    assert values == [1.0, 2.0]
    assert expected_value(types.SimpleNamespace(f=lambda *a: 1 / 0), case) == ExpectedError(
        "ZeroDivisionError", "division by zero"
    )


def test_cases_depend_on_the_seed():
    exercise = Bank.default().get("dot-product")
    grader = exercise.load_module("grader")

    def hidden_args(seed):
        return [repr(c.args) for c in grader.make_cases(np.random.default_rng(seed)) if not c.visible]

    assert hidden_args(1) == hidden_args(1)
    assert hidden_args(1) != hidden_args(2)


# --- whole jobs through run_job and the sandbox ------------------------------------------------

DOT = """
def dot(a, b):
    if len(a) != len(b):
        raise ValueError("lengths differ")
    return sum(x * y for x, y in zip(a, b))
"""


def job(exercise, source, *, seed=7, limits=None, sha=None, kind=None):
    return JobSpec(
        job_id="job-1",
        kind=kind or exercise.kind,
        exercise=ExerciseRef(exercise.slug, sha or exercise.sha256),
        payload={"source": source},
        limits=limits or exercise.limits,
        seed=seed,
    )


@pytest.fixture(scope="module")
def bank():
    return Bank.default()


def test_a_correct_solution_passes_every_case(bank):
    exercise = bank.get("dot-product")
    result = run_job(job(exercise, DOT), bank=bank)
    assert result.error is None, result.stderr_tail
    assert (result.status, result.score) == ("passed", 1.0)
    assert len(result.checks) == result.metrics["cases"] == result.metrics["passed"] == 11
    assert all(check.message == "" for check in result.checks)
    assert result.runtime["isolation"]
    assert {"wall_s", "cpu_s", "max_rss_mb"} <= set(result.usage)
    assert result.runtime["python"].startswith("3.11")


def test_hard_coded_visible_answers_fail_the_hidden_cases(bank):
    exercise = bank.get("dot-product")
    source = textwrap.dedent(
        """
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError("lengths differ")
            return {3: 32.0, 0: 0.0}.get(len(a), 1.0)
        """
    )
    result = run_job(job(exercise, source), bank=bank)
    assert result.status == "failed"
    assert result.score == pytest.approx(4 / 11)  # the three visible cases and the other length check
    hidden = [c for c in result.checks if c.name.startswith("random vectors")]
    assert hidden and all(not c.passed and c.message == "wrong value (hidden case)" for c in hidden)


def test_a_missing_function_fails_each_case_with_name_error(bank):
    exercise = bank.get("dot-product")
    result = run_job(job(exercise, "def dott(a, b):\n    return 0.0\n"), bank=bank)
    assert result.status == "failed"
    assert result.score == 0.0
    assert result.checks[0].message.startswith("dot([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]): raised NameError")


def test_a_syntax_error_is_an_error_result_with_code_syntax(bank):
    exercise = bank.get("dot-product")
    result = run_job(job(exercise, "def dot(a, b)\n    return 0\n"), bank=bank)
    assert result.status == "error"
    assert result.error.code == "syntax"
    assert result.score == 0.0


def test_an_endless_loop_is_a_timeout_and_the_checks_say_where_it_stopped(bank):
    exercise = bank.get("dot-product")
    source = "def dot(a, b):\n    if len(a) == 0:\n        while True:\n            pass\n    return sum(x * y for x, y in zip(a, b))\n"
    result = run_job(job(exercise, source, limits=Limits(cpu_s=1, wall_s=3, memory_mb=256, output_kb=64)), bank=bank)
    assert result.status == "error"
    assert result.error.code == "timeout"
    assert result.checks[0].passed is True
    stopped = result.checks[-1]
    assert (stopped.name, stopped.passed, stopped.message) == (
        "two empty vectors",
        False,
        "The run stopped here: time limit exceeded.",
    )
    assert stopped.message_i18n == message("code.stopped_here", error=message("error_label.timeout"))
    # A code exercise's advice is about code: no epochs or batch sizes (issue 11, bug 4).
    assert result.error.message.startswith(MESSAGES["error.timeout.code"])
    assert "epoch" not in result.error.message and "batch" not in result.error.message
    assert STOPPED_EARLY not in [c.message for c in result.checks]


def test_no_bank_module_is_visible_inside_the_sandbox(bank):
    exercise = bank.get("dot-product")
    exercise.load_module("reference")  # loaded in this (trusted) process before the run
    source = textwrap.dedent(
        """
        import sys

        def dot(a, b):
            leaked = [name for name in sys.modules if name.startswith("_pathwise_bank")]
            if leaked:
                raise RuntimeError(f"leaked {leaked}")
            if len(a) != len(b):
                raise ValueError("lengths differ")
            return sum(x * y for x, y in zip(a, b))
        """
    )
    result = run_job(job(exercise, source), bank=bank)
    assert (result.status, result.score) == ("passed", 1.0), [c.message for c in result.checks if not c.passed]


def test_a_different_bank_hash_is_refused_without_grading(bank):
    exercise = bank.get("dot-product")
    result = run_job(job(exercise, DOT, sha="0" * 64), bank=bank)
    assert result.status == "error"
    assert result.error.code == "bank_mismatch"
    assert result.error.message.endswith(
        f"Exercise 'dot-product': the job expects version 000000000000, this worker has {exercise.sha256[:12]}."
    )
    assert result.checks == []


def test_an_unknown_slug_is_a_bank_mismatch(bank):
    spec = JobSpec(job_id="j", kind="code", exercise=ExerciseRef("no-such-exercise", "0" * 64), payload={})
    result = run_job(spec, bank=bank)
    assert result.error.code == "bank_mismatch"
    assert result.error.message.endswith(UNKNOWN_EXERCISE.format(slug="no-such-exercise"))


def test_a_job_of_the_wrong_kind_is_an_internal_error(bank):
    exercise = bank.get("dot-product")
    result = run_job(job(exercise, DOT, kind="quiz"), bank=bank)
    assert result.error.code == "internal"
    assert result.error.message.endswith(KIND_MISMATCH.format(slug="dot-product", actual="code", expected="quiz"))


def test_a_number_too_large_for_a_float_fails_its_case_instead_of_the_grader(bank):
    source = "def dot(a, b):\n    if len(a) != len(b):\n        raise ValueError('lengths')\n    return 10 ** 400\n"
    result = run_job(job(bank.get("dot-product"), source), bank=bank)
    assert (result.status, result.error) == ("failed", None)
    assert result.checks[0].message == ("dot([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]): returned a number too large to compare")
    assert result.checks[3].message.startswith("returned a number too large to compare (hidden case)")


def test_an_integer_too_long_to_write_down_fails_its_case_with_a_message(bank):
    source = "def dot(a, b):\n    return 10 ** 5000\n"
    result = run_job(job(bank.get("dot-product"), source), bank=bank)
    assert (result.status, result.error) == ("failed", None)
    assert result.checks[0].message == (
        "dot([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]): raised TypeError: an integer this large (over 3,900 digits) cannot"
        " be sent back"
    )


def test_with_hints_gives_each_case_the_hint_of_the_first_matching_prefix():
    from gpu_runner.graders.code import with_hints

    cases = [
        Case(name="empty input", fn="f"),
        Case(name={"en": "ties at the top", "zh": "并列"}, fn="f"),
        Case(name="random 1", fn="f", hint="its own hint"),
    ]
    hints = {"empty": {"en": "n = 0", "zh": "n = 0"}, "ties": "sort stably", "t": "never reached for ties"}
    hinted = with_hints(cases, hints)
    assert [case.hint for case in hinted] == [{"en": "n = 0", "zh": "n = 0"}, "sort stably", "its own hint"]
    assert [case.name for case in hinted] == [case.name for case in cases]


def test_case_maker_builds_cases_of_one_function_with_its_tolerances():
    from gpu_runner.graders.code import DEFAULT_ATOL, DEFAULT_RTOL, case_maker

    make = case_maker("rouge_l", rtol=1e-9, atol=1e-12)
    case = make({"en": "two references", "zh": "两个参考"}, "a b", ["a", "b"], visible=True, beta=2.0)
    assert case == Case(
        name={"en": "two references", "zh": "两个参考"},
        fn="rouge_l",
        args=("a b", ["a", "b"]),
        kwargs={"beta": 2.0},
        visible=True,
        rtol=1e-9,
        atol=1e-12,
    )
    plain = case_maker("f")("empty", [], hint=None)
    assert (plain.args, plain.kwargs, plain.visible, plain.hint) == (([],), {}, False, "")
    assert (plain.rtol, plain.atol) == (DEFAULT_RTOL, DEFAULT_ATOL)
    from gpu_runner.texts import TextError

    with pytest.raises(TextError):
        case_maker("f")({"en": "only English"})
