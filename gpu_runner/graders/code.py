"""Grades a code exercise: the learner's functions run in the sandbox, the answers never do.

The exercise's `grader.py` draws cases from a generator seeded per job (`spec.seed`, which the learner
never sees). Expected values come from `reference.py`, called here in the trusted worker on deep copies
of the inputs; the sandbox receives only the inputs and returns the learner's outputs, which are compared
here. The score is the fraction of cases passed.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

# Graders' own check() functions import these from here, as they always have.
from gpu_runner.graders.compare import (
    DEFAULT_ATOL,
    DEFAULT_RTOL,
    REPR_LIMIT,
    Mismatch,
    compare,
    diff,
    error_repr,
    short,
)

__all__ = [
    "DEFAULT_ATOL",
    "DEFAULT_RTOL",
    "Case",
    "ExpectedError",
    "Mismatch",
    "case_maker",
    "compare",
    "diff",
    "grade_case",
    "run",
    "short",
    "with_hints",
]
from gpu_runner.graders.libraries import forbidden_result
from gpu_runner.spec import Check, JobResult
from gpu_runner.texts import MESSAGES, Text, TextError, check_text, english, message, pair

log = logging.getLogger(__name__)


MISSING_SOURCE = "The submission has no Python source text (payload field `source`)."
STOPPED_EARLY = MESSAGES["code.stopped_early"]
HIDDEN_SUFFIX = "(hidden case)"
UNREADABLE_RESULT = "could not check the returned value; return the types the statement asks for"
TOO_LARGE = {"en": "returned a number too large to compare", "zh": "返回的数字太大，无法比较"}


@dataclass(frozen=True)
class Case:
    """One call of a learner function. `visible` cases show inputs, expected and got in the feedback.

    `name` and `hint` are a plain English str (older exercises) or a bilingual `{"en": ..., "zh": ...}` pair
    (every new one), rendered in the reader's language.
    """

    name: Text
    fn: str
    args: tuple = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    visible: bool = False
    rtol: float = DEFAULT_RTOL
    atol: float = DEFAULT_ATOL
    hint: Text = ""  # shown when a hidden case fails, e.g. "inputs in the thousands"

    def __post_init__(self) -> None:
        # A malformed pair is the exercise author's mistake: fail when the grader builds its cases.
        pair(self.name, what="Case.name")
        pair(self.hint, what="Case.hint")

    @property
    def title(self) -> str:
        """The case's name in English (logs, the API's `name`)."""
        return english(self.name)


def case_maker(fn: str, *, rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL) -> Callable[..., Case]:
    """The case builder of a grader whose cases call one function with one tolerance:
    `make(name, *args, visible=False, hint="", **kwargs)` is the case `fn(*args, **kwargs)`."""

    def make(name: Text, *args: Any, visible: bool = False, hint: Text | None = "", **kwargs: Any) -> Case:
        return Case(name=name, fn=fn, args=args, kwargs=kwargs, visible=visible, hint=hint or "", rtol=rtol, atol=atol)

    return make


def with_hints(cases: list[Case], hints: dict[str, Text]) -> list[Case]:
    """Each case whose English name starts with one of `hints`' prefixes gets that hint (the first that matches);
    the others keep their own. Graders name their hidden cases by the situation they test ("empty", "ties ...")
    and give one hint per situation here."""
    return [
        replace(case, hint=next((hint for prefix, hint in hints.items() if case.title.startswith(prefix)), case.hint))
        for case in cases
    ]


@dataclass(frozen=True)
class ExpectedError:
    """The reference raised: the learner must raise the same exception type."""

    type_name: str
    message: str


# --- grading -------------------------------------------------------------------------------------


def run(spec: Any, exercise: Any, *, on_event: Callable[[dict], None] | None = None) -> JobResult:
    from gpu_runner.sandbox import Call, SandboxLimits, run_calls

    source = spec.payload.get("source")
    if not isinstance(source, str):
        return JobResult.failure(spec.job_id, "internal", MISSING_SOURCE)

    grader = exercise.load_module("grader")
    reference = exercise.load_module("reference")
    cases = list(grader.make_cases(np.random.default_rng(spec.seed)))
    _validate_cases(exercise, cases)
    expected = [expected_value(reference, case) for case in cases]

    limits = SandboxLimits.of(spec.limits)
    calls = [Call(case.fn, case.args, dict(case.kwargs)) for case in cases]
    result = run_calls(source, calls, limits, forbidden=exercise.libraries.forbidden, requires=exercise.requires)

    custom_check = getattr(grader, "check", None)
    checks = []
    for index, case in enumerate(cases):
        if index < len(result.calls):
            checks.append(grade_case(case, expected[index], result.calls[index], custom_check))
        elif result.error_code is None:
            checks.append(Check.of(case.name, False, message("code.stopped_early")))
    passed = sum(check.passed for check in checks)
    score = passed / len(cases) if cases else 0.0
    extra = {
        "checks": checks,
        "metrics": {"cases": len(cases), "passed": passed},
        "stdout_tail": result.stdout_tail,
        "stderr_tail": result.stderr_tail,
        "usage": dict(result.usage),
        "runtime": {"isolation": result.isolation},
    }
    if result.error_code is not None and len(result.calls) < len(cases):
        stopped = cases[len(result.calls)]
        label = message(f"error_label.{result.error_code}")
        extra["checks"] = [*checks, Check.of(stopped.name, False, message("code.stopped_here", error=label))]
    if result.forbidden:
        return forbidden_result(spec.job_id, result.forbidden, exercise.libraries.allowed, **extra)
    if result.error_code is not None:
        detail = result.error_text or result.error_detail
        return JobResult.failure(spec.job_id, result.error_code, detail, kind="code", **extra)
    status = "passed" if score >= exercise.pass_threshold - 1e-9 else "failed"
    return JobResult(job_id=spec.job_id, status=status, score=score, **extra)


def _validate_cases(exercise: Any, cases: list[Any]) -> None:
    if not cases:
        raise ValueError(f"{exercise.path}/grader.py: make_cases returned no cases")
    for case in cases:
        if not isinstance(case, Case):
            raise TypeError(f"{exercise.path}/grader.py: make_cases must return Case objects, got {case!r}")
        if case.fn not in exercise.entry:
            raise ValueError(f"{exercise.path}/grader.py: case {case.title!r} calls {case.fn!r}, not in entry")


def expected_value(reference: Any, case: Case) -> Any:
    """Call the reference on deep copies of the case's inputs (so it cannot change what the learner gets)."""
    args = resolve_functions(copy.deepcopy(tuple(case.args)))
    kwargs = resolve_functions(copy.deepcopy(dict(case.kwargs)))
    try:
        return getattr(reference, case.fn)(*args, **kwargs)
    except Exception as exc:  # the reference raising is part of the expected behaviour
        return ExpectedError(type(exc).__name__, str(exc))


def resolve_functions(value: Any) -> Any:
    """Turn every codec.FunctionRef inside `value` into the callable the sandbox driver would build."""
    from gpu_runner import codec

    if isinstance(value, codec.FunctionRef):
        return codec.resolve(value)
    if isinstance(value, tuple):
        return tuple(resolve_functions(item) for item in value)
    if isinstance(value, list):
        return [resolve_functions(item) for item in value]
    if isinstance(value, dict):
        return {key: resolve_functions(item) for key, item in value.items()}
    return value


def grade_case(case: Case, expected: Any, call: Any, custom_check: Callable[..., Text | None] | None) -> Check:
    """One check: the case's name, whether it passed, and feedback a learner can act on."""
    problem = _problem(case, expected, call, custom_check)
    if problem is None:
        return Check.of(case.name, True)
    if case.visible:
        text = message("code.visible_case", call=f"{case.fn}({_args_repr(case)})", problem=problem)
    else:
        text = message("code.hidden_case", problem=problem)
        if case.hint:
            text = message("code.with_hint", text=text, hint=case.hint)
    return Check.of(case.name, False, text)


def _problem(case: Case, expected: Any, call: Any, custom_check: Callable[..., Text | None] | None) -> Text | None:
    """What is wrong with this call's outcome (None: nothing); values only where the case is visible."""
    if isinstance(expected, ExpectedError):
        if not call.ok and call.error_type == expected.type_name:
            return None
        if call.ok and case.visible:
            return message("code.should_raise_returned", error=expected.type_name, value=short(call.value))
        if call.ok:
            return message("code.should_raise_returned_hidden", error=expected.type_name)
        return message("code.should_raise_raised", error=expected.type_name, raised=error_repr(call))
    if not call.ok:
        return message("code.raised", raised=error_repr(call))
    if custom_check is not None:
        try:
            found = custom_check(case, expected, call.value)
            return None if found is None else check_text(found, what="the message of grader.check")
        except TextError:
            raise  # the grader's own mistake: the platform fails (internal), the learner is not blamed
        except Exception as exc:  # an odd return value the check did not foresee is the learner's to fix
            log.warning("custom check of case %r raised", case.title, exc_info=True)
            return message("code.unreadable_result", error=f"{type(exc).__name__}: {exc}")
    try:
        mismatch = diff(expected, call.value, rtol=case.rtol, atol=case.atol)
    except OverflowError:  # an integer past float's range where a float is expected: the learner's answer
        return TOO_LARGE
    if mismatch is None:
        return None
    return mismatch.text() if case.visible else mismatch.reason_text


def _args_repr(case: Case) -> str:
    parts = [short(arg, 60) for arg in case.args]
    parts += [f"{key}={short(value, 40)}" for key, value in case.kwargs.items()]
    return short_join(parts)


def short_join(parts: list[str], limit: int = REPR_LIMIT) -> str:
    text = ", ".join(parts)
    return text if len(text) <= limit else text[: limit - 3] + "..."
