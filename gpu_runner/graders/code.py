"""Grades a code exercise: the learner's functions run in the sandbox, the answers never do.

The exercise's `grader.py` draws cases from a generator seeded per job (`spec.seed`, which the learner
never sees). Expected values come from `reference.py`, called here in the trusted worker on deep copies
of the inputs; the sandbox receives only the inputs and returns the learner's outputs, which are compared
here. The score is the fraction of cases passed.
"""

from __future__ import annotations

import copy
import logging
import math
import reprlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gpu_runner.spec import Check, JobResult

log = logging.getLogger(__name__)

DEFAULT_RTOL = 1e-6
DEFAULT_ATOL = 1e-8
REPR_LIMIT = 160

MISSING_SOURCE = "The submission has no Python source text (payload field `source`)."
STOPPED_EARLY = "Not run: the run stopped before this case."
HIDDEN_SUFFIX = "(hidden case)"
UNREADABLE_RESULT = "could not check the returned value; return the types the statement asks for"


@dataclass(frozen=True)
class Case:
    """One call of a learner function. `visible` cases show inputs, expected and got in the feedback."""

    name: str
    fn: str
    args: tuple = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    visible: bool = False
    rtol: float = DEFAULT_RTOL
    atol: float = DEFAULT_ATOL
    hint: str = ""  # shown when a hidden case fails, e.g. "inputs in the thousands"


@dataclass(frozen=True)
class ExpectedError:
    """The reference raised: the learner must raise the same exception type."""

    type_name: str
    message: str


@dataclass(frozen=True)
class Mismatch:
    """Why a value differs: `reason` carries no values (safe for hidden cases), `detail` does."""

    reason: str
    detail: str = ""

    def message(self) -> str:
        return f"{self.reason}: {self.detail}" if self.detail else self.reason


def short(value: Any, limit: int = REPR_LIMIT) -> str:
    """A one-line repr cut to `limit` characters, arrays summarised by numpy."""
    if type(value).__name__ == "FunctionRef" and hasattr(value, "params"):
        return f"<function {value.name}>"
    if isinstance(value, np.ndarray):
        with np.printoptions(threshold=24, edgeitems=3, precision=6, linewidth=10_000):
            text = f"array({np.array2string(value, separator=', ')}, dtype={value.dtype})"
    else:
        text = _REPR.repr(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


_REPR = reprlib.Repr()
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 8
_REPR.maxstring = 60
_REPR.maxother = 80
_REPR.maxlevel = 4


def compare(expected: Any, got: Any, rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL) -> str | None:
    """None when `got` matches `expected`, else a message saying where and how they differ.

    Structure must match (lists and tuples are interchangeable sequences; numpy arrays are not lists),
    then shapes, then the dtype kind (bool, integer, floating), then values: floats with
    `rtol`/`atol` (nan equals nan, infinities must match), bools, integers and strings exactly.
    """
    mismatch = diff(expected, got, rtol=rtol, atol=atol)
    return None if mismatch is None else mismatch.message()


def diff(expected: Any, got: Any, *, rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL, where: str = "") -> (
    Mismatch | None
):
    at = f" at {where}" if where else ""
    if isinstance(expected, np.ndarray):
        return _diff_array(expected, got, rtol=rtol, atol=atol, at=at)
    if expected is None:
        return None if got is None else Mismatch(f"expected None{at}", f"got {short(got)}")
    if _is_bool(expected):
        if not _is_bool(got):
            return Mismatch(f"expected a bool{at}, got {_type_name(got)}", f"got {short(got)}")
        if bool(expected) != bool(got):
            return Mismatch(f"wrong value{at}", f"expected {bool(expected)}, got {bool(got)}")
        return None
    if _is_int(expected):
        if not _is_int(got):
            return Mismatch(f"expected an integer{at}, got {_type_name(got)}", f"got {short(got)}")
        if int(expected) != int(got):
            return Mismatch(f"wrong value{at}", f"expected {int(expected)}, got {int(got)}")
        return None
    if _is_real(expected):
        if not _is_real(got):
            return Mismatch(f"expected a number{at}, got {_type_name(got)}", f"got {short(got)}")
        if not _close(float(expected), float(got), rtol, atol):
            return Mismatch(f"wrong value{at}", f"expected {float(expected)!r}, got {float(got)!r}")
        return None
    if isinstance(expected, str):
        if not isinstance(got, str):
            return Mismatch(f"expected a str{at}, got {_type_name(got)}", f"got {short(got)}")
        return None if expected == got else Mismatch(f"wrong text{at}", f"expected {short(expected)}, got {short(got)}")
    if isinstance(expected, (list, tuple)):
        if not isinstance(got, (list, tuple)):
            return Mismatch(f"expected a {type(expected).__name__}{at}, got {_type_name(got)}", f"got {short(got)}")
        if len(expected) != len(got):
            return Mismatch(f"expected {len(expected)} items{at}, got {len(got)}", f"got {short(got)}")
        for index, (e, g) in enumerate(zip(expected, got)):
            found = diff(e, g, rtol=rtol, atol=atol, where=f"{where}[{index}]")
            if found is not None:
                return found
        return None
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return Mismatch(f"expected a dict{at}, got {_type_name(got)}", f"got {short(got)}")
        missing = [key for key in expected if key not in got]
        extra = [key for key in got if key not in expected]
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"missing key(s) {', '.join(map(repr, missing))}")
            if extra:
                parts.append(f"unexpected key(s) {', '.join(map(repr, extra))}")
            return Mismatch(f"wrong keys{at}: {'; '.join(parts)}")
        for key in expected:
            found = diff(expected[key], got[key], rtol=rtol, atol=atol, where=f"{where}[{key!r}]")
            if found is not None:
                return found
        return None
    if expected == got:
        return None
    return Mismatch(f"wrong value{at}", f"expected {short(expected)}, got {short(got)}")


def _diff_array(expected: np.ndarray, got: Any, *, rtol: float, atol: float, at: str) -> Mismatch | None:
    if not isinstance(got, np.ndarray):
        return Mismatch(f"expected a numpy array{at}, got {_type_name(got)}", f"got {short(got)}")
    if expected.shape != got.shape:
        return Mismatch(f"expected shape {expected.shape}{at}, got shape {got.shape}")
    kind_e, kind_g = _kind(expected.dtype), _kind(got.dtype)
    if kind_e != kind_g:
        return Mismatch(
            f"expected {kind_e} values{at} (dtype {expected.dtype}), got {kind_g} values (dtype {got.dtype})"
        )
    if expected.size == 0:
        return None
    if kind_e == "floating-point":
        e, g = expected.astype(np.float64), got.astype(np.float64)
        ok = np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
        # isclose counts inf == inf; an inf where a finite value belongs (or the other way) is still wrong.
        ok &= (np.isinf(e) == np.isinf(g)) | (np.isnan(e) & np.isnan(g))
    else:
        ok = expected == got
    if bool(np.all(ok)):
        return None
    bad = np.argwhere(~ok)
    index = tuple(int(i) for i in bad[0])
    position = f"[{', '.join(map(str, index))}]" if index else ""
    detail = f"at index {position or '()'}: expected {expected[index].item()!r}, got {got[index].item()!r}"
    if kind_e == "floating-point":
        finite = np.isfinite(expected) & np.isfinite(got)
        if finite.any():
            worst = float(np.max(np.abs(expected[finite].astype(np.float64) - got[finite].astype(np.float64))))
            detail += f"; largest difference {worst:.3g}"
    return Mismatch(f"{len(bad)} of {expected.size} values differ{at}", detail)


def _kind(dtype: np.dtype) -> str:
    if dtype.kind == "b":
        return "bool"
    if dtype.kind in "iu":
        return "integer"
    if dtype.kind == "f":
        return "floating-point"
    return f"{dtype}"


def _is_bool(value: Any) -> bool:
    return isinstance(value, (bool, np.bool_))


def _is_int(value: Any) -> bool:
    return isinstance(value, (int, np.integer)) and not _is_bool(value)


def _is_real(value: Any) -> bool:
    # A 0-d numeric array (what some NumPy reductions give back) counts as a number.
    if isinstance(value, np.ndarray):
        return value.ndim == 0 and value.dtype.kind in "iuf"
    return isinstance(value, (int, float, np.integer, np.floating)) and not _is_bool(value)


def _close(expected: float, got: float, rtol: float, atol: float) -> bool:
    if math.isnan(expected) or math.isnan(got):
        return math.isnan(expected) and math.isnan(got)
    if math.isinf(expected) or math.isinf(got):
        return expected == got
    return abs(got - expected) <= atol + rtol * abs(expected)


def _type_name(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"a numpy array of shape {value.shape}"
    if value is None:
        return "None"
    return type(value).__name__


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

    limits = SandboxLimits(
        cpu_s=spec.limits.cpu_s,
        wall_s=spec.limits.wall_s,
        memory_mb=spec.limits.memory_mb,
        output_kb=spec.limits.output_kb,
    )
    result = run_calls(source, [Call(case.fn, case.args, dict(case.kwargs)) for case in cases], limits)

    custom_check = getattr(grader, "check", None)
    checks = []
    for index, case in enumerate(cases):
        if index < len(result.calls):
            checks.append(grade_case(case, expected[index], result.calls[index], custom_check))
        elif result.error_code is None:
            checks.append(Check(case.name, False, STOPPED_EARLY))
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
    if result.error_code is not None:
        if len(result.calls) < len(cases):
            stopped = cases[len(result.calls)]
            extra["checks"] = [*checks, Check(stopped.name, False, f"The run stopped here: {result.error_code}.")]
        return JobResult.failure(spec.job_id, result.error_code, result.error_detail, **extra)
    status = "passed" if score >= exercise.pass_threshold - 1e-9 else "failed"
    return JobResult(job_id=spec.job_id, status=status, score=score, **extra)


def _validate_cases(exercise: Any, cases: list[Any]) -> None:
    if not cases:
        raise ValueError(f"{exercise.path}/grader.py: make_cases returned no cases")
    for case in cases:
        if not isinstance(case, Case):
            raise TypeError(f"{exercise.path}/grader.py: make_cases must return Case objects, got {case!r}")
        if case.fn not in exercise.entry:
            raise ValueError(f"{exercise.path}/grader.py: case {case.name!r} calls {case.fn!r}, not in entry")


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


def grade_case(case: Case, expected: Any, call: Any, custom_check: Callable[..., str | None] | None) -> Check:
    """One check: the case's name, whether it passed, and feedback a learner can act on."""
    label = f"{case.fn}({_args_repr(case)})" if case.visible else HIDDEN_SUFFIX
    if isinstance(expected, ExpectedError):
        if not call.ok and call.error_type == expected.type_name:
            return Check(case.name, True, "")
        if call.ok:
            shown = f": returned {short(call.value)}" if case.visible else " but it returned a value"
            return Check(case.name, False, _join(label, f"should raise {expected.type_name}{shown}", case))
        return Check(
            case.name,
            False,
            _join(label, f"should raise {expected.type_name}, but raised {_error_repr(call)}", case),
        )
    if not call.ok:
        return Check(case.name, False, _join(label, f"raised {_error_repr(call)}", case))
    if custom_check is not None:
        try:
            message = custom_check(case, expected, call.value)
        except Exception as exc:  # an odd return value the check did not foresee is the learner's to fix
            log.warning("custom check of case %r raised", case.name, exc_info=True)
            message = f"{UNREADABLE_RESULT} ({type(exc).__name__}: {exc})"
        return Check(case.name, message is None, "" if message is None else _join(label, message, case))
    mismatch = diff(expected, call.value, rtol=case.rtol, atol=case.atol)
    if mismatch is None:
        return Check(case.name, True, "")
    if case.visible:
        return Check(case.name, False, _join(label, mismatch.message(), case))
    return Check(case.name, False, _join(label, mismatch.reason, case))


def _join(label: str, message: str, case: Case) -> str:
    text = f"{label}: {message}" if case.visible else f"{message} {label}"
    if not case.visible and case.hint:
        text += f". Hint: {case.hint}"
    return text


def _args_repr(case: Case) -> str:
    parts = [short(arg, 60) for arg in case.args]
    parts += [f"{key}={short(value, 40)}" for key, value in case.kwargs.items()]
    return short_join(parts)


def short_join(parts: list[str], limit: int = REPR_LIMIT) -> str:
    text = ", ".join(parts)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _error_repr(call: Any) -> str:
    message = " ".join((call.error_message or "").split())
    message = message if len(message) <= 200 else message[:197] + "..."
    return f"{call.error_type}: {message}" if message else str(call.error_type)
