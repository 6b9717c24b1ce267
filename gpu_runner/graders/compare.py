"""How a learner's value is compared with the reference's: structure, then shapes, then kinds, then values, with
a message that says where and how they differ (in both languages, gpu_runner.texts) and never more of a hidden
case than its reason. Graders' own check() functions use `compare`, `diff` and `short` too."""

from __future__ import annotations

import math
import reprlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from gpu_runner.texts import Text, english, message

DEFAULT_RTOL = 1e-6
DEFAULT_ATOL = 1e-8
REPR_LIMIT = 160


@dataclass(frozen=True)
class Mismatch:
    """Why a value differs: `reason_text` carries no values (safe for hidden cases), `detail_text` does. Both are
    gpu_runner.texts Texts; `reason`, `detail` and `message()` are their English, as graders have always read them,
    and `text()` is the whole in any language, for a custom check to return."""

    reason_text: Text
    detail_text: Text = ""

    @property
    def reason(self) -> str:
        return english(self.reason_text)

    @property
    def detail(self) -> str:
        return english(self.detail_text)

    def text(self) -> Text:
        if not self.detail_text:
            return self.reason_text
        return message("code.reason_detail", reason=self.reason_text, detail=self.detail_text)

    def message(self) -> str:
        return english(self.text())


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


def diff(
    expected: Any, got: Any, *, rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL, where: str = ""
) -> Mismatch | None:
    at = message("code.at", where=where) if where else ""
    if isinstance(expected, np.ndarray):
        return _diff_array(expected, got, rtol=rtol, atol=atol, at=at)
    if expected is None:
        return None if got is None else Mismatch(message("code.expected_none", at=at), _got(got))
    scalar = _diff_scalar(expected, got, rtol=rtol, atol=atol, at=at)
    if scalar is not _NOT_SCALAR:
        return scalar
    if isinstance(expected, (list, tuple)):
        return _diff_sequence(expected, got, rtol=rtol, atol=atol, where=where, at=at)
    if isinstance(expected, dict):
        return _diff_dict(expected, got, rtol=rtol, atol=atol, where=where, at=at)
    if expected == got:
        return None
    detail = message("code.expected_got", expected=short(expected), got=short(got))
    return Mismatch(message("code.wrong_value", at=at), detail)


_NOT_SCALAR = Mismatch("")


def _diff_scalar(expected: Any, got: Any, *, rtol: float, atol: float, at: Text) -> Mismatch | None:
    """How a bool, integer, number or string differs; _NOT_SCALAR when `expected` is none of those."""
    for test, type_key, cast in _SCALARS:
        if test(expected):
            if not test(got):
                return _wrong_type(type_key, got, at)
            if not _scalar_equal(cast, expected, got, rtol, atol):
                return Mismatch(
                    message("code.wrong_value", at=at),
                    message("code.expected_got", expected=repr(cast(expected)), got=repr(cast(got))),
                )
            return None
    if not isinstance(expected, str):
        return _NOT_SCALAR
    if not isinstance(got, str):
        return _wrong_type("type.str", got, at)
    if expected == got:
        return None
    return Mismatch(
        message("code.wrong_text", at=at), message("code.expected_got", expected=short(expected), got=short(got))
    )


def _scalar_equal(cast: Callable[[Any], Any], expected: Any, got: Any, rtol: float, atol: float) -> bool:
    if cast is float:
        return _close(float(expected), float(got), rtol, atol)
    return cast(expected) == cast(got)


def _wrong_type(type_key: str, got: Any, at: Text) -> Mismatch:
    return Mismatch(message("code.expected_type", expected=message(type_key), at=at, got=type_name(got)), _got(got))


def _got(got: Any) -> Text:
    return message("code.got", got=short(got))


def _diff_sequence(expected: Any, got: Any, *, rtol: float, atol: float, where: str, at: Text) -> Mismatch | None:
    if not isinstance(got, (list, tuple)):
        return _wrong_type("type.tuple" if isinstance(expected, tuple) else "type.list", got, at)
    if len(expected) != len(got):
        return Mismatch(message("code.wrong_length", expected=len(expected), at=at, got=len(got)), _got(got))
    for index, (e, g) in enumerate(zip(expected, got)):
        found = diff(e, g, rtol=rtol, atol=atol, where=f"{where}[{index}]")
        if found is not None:
            return found
    return None


def _diff_dict(expected: dict, got: Any, *, rtol: float, atol: float, where: str, at: Text) -> Mismatch | None:
    if not isinstance(got, dict):
        return _wrong_type("type.dict", got, at)
    missing = ", ".join(repr(key) for key in expected if key not in got)
    extra = ", ".join(repr(key) for key in got if key not in expected)
    if missing and extra:
        return Mismatch(message("code.missing_and_unexpected_keys", at=at, missing=missing, extra=extra))
    if missing:
        return Mismatch(message("code.missing_keys", at=at, missing=missing))
    if extra:
        return Mismatch(message("code.unexpected_keys", at=at, extra=extra))
    for key in expected:
        found = diff(expected[key], got[key], rtol=rtol, atol=atol, where=f"{where}[{key!r}]")
        if found is not None:
            return found
    return None


def _diff_array(expected: np.ndarray, got: Any, *, rtol: float, atol: float, at: Text) -> Mismatch | None:
    if not isinstance(got, np.ndarray):
        return _wrong_type("type.array", got, at)
    if expected.shape != got.shape:
        return Mismatch(message("code.wrong_shape", expected=str(expected.shape), at=at, got=str(got.shape)))
    kind_e, kind_g = _kind(expected.dtype), _kind(got.dtype)
    if kind_e != kind_g:
        return Mismatch(
            message(
                "code.wrong_dtype",
                expected=kind_e,
                at=at,
                expected_dtype=str(expected.dtype),
                got=kind_g,
                got_dtype=str(got.dtype),
            )
        )
    if expected.size == 0:
        return None
    floating = expected.dtype.kind == "f"
    if floating:
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
    position = f"[{', '.join(map(str, index))}]" if index else "()"
    detail: Text = message(
        "code.array_index", index=position, expected=repr(expected[index].item()), got=repr(got[index].item())
    )
    if floating:
        finite = np.isfinite(expected) & np.isfinite(got)
        if finite.any():
            worst = float(np.max(np.abs(expected[finite].astype(np.float64) - got[finite].astype(np.float64))))
            detail = message("code.largest_difference", text=detail, worst=f"{worst:.3g}")
    return Mismatch(message("code.values_differ", count=len(bad), size=expected.size, at=at), detail)


def _kind(dtype: np.dtype) -> Text:
    if dtype.kind == "b":
        return message("dtype.bool")
    if dtype.kind in "iu":
        return message("dtype.integer")
    if dtype.kind == "f":
        return message("dtype.floating")
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


# Scalars in the order they are told apart (a bool is an int to Python; an int is a number): the test for
# the expected value, the kind of value the learner must return, and how to compare.
_SCALARS: tuple[tuple[Callable[[Any], bool], str, Callable[[Any], Any]], ...] = (
    (_is_bool, "type.bool", bool),
    (_is_int, "type.integer", int),
    (_is_real, "type.number", float),
)


def _close(expected: float, got: float, rtol: float, atol: float) -> bool:
    if math.isnan(expected) or math.isnan(got):
        return math.isnan(expected) and math.isnan(got)
    if math.isinf(expected) or math.isinf(got):
        return expected == got
    return abs(got - expected) <= atol + rtol * abs(expected)


def type_name(value: Any) -> Text:
    """What a value is, for a message: an array with its shape, None, or the type's name."""
    if isinstance(value, np.ndarray):
        return message("type.array_of_shape", shape=str(value.shape))
    if value is None:
        return message("type.none")
    return type(value).__name__


def error_repr(call: Any, limit: int = 200) -> str:
    """A learner call's exception as `Type: message`, white space folded and cut to `limit` characters."""
    text = " ".join((call.error_message or "").split())
    text = text if len(text) <= limit else text[: limit - 3] + "..."
    return f"{call.error_type}: {text}" if text else str(call.error_type)
