"""Safe encoding of values that cross the sandbox boundary (arguments in, return values out).

JSON only, never pickle: a pickle coming out of the sandbox would run the learner's code in the
worker. Every JSON object is a tagged value (``{"t": ...}``), plain JSON lists are lists, so a
learner's dict can never be mistaken for an array or a function reference. Decoding is defensive:
a byte cap before parsing, a dtype allowlist and size checks for arrays, a depth cap.

This module is also imported inside the sandbox by the trusted driver, so it depends only on the
standard library and numpy.
"""

from __future__ import annotations

import base64
import json
import math
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gpu_runner.callables_llm import CALLABLES as LLM_CALLABLES
from gpu_runner.figures import figure_as_data

# Default cap on the size of an encoded value accepted by decode(); callers pass their own.
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
# Python refuses to turn an int of more than 4,300 digits into text (and so into JSON): stay under that.
MAX_INT_BITS = 13_000
# Array dtypes allowed across the boundary (numpy dtype.str without byte order). Object arrays
# are excluded on purpose: they could only be built from arbitrary Python objects.
ALLOWED_DTYPES: frozenset[str] = frozenset({"b1", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8"})
MAX_STR_ITEMSIZE = 4096  # longest string element, in characters, of a unicode array


class CodecError(ValueError):
    """A value that cannot be encoded or an encoded text that is not valid."""


class EncodeError(CodecError, TypeError):
    """A value of an unsupported type (or too large) to send across the boundary."""


class DecodeError(CodecError):
    """Encoded text that is malformed, too large or uses a forbidden type."""


class DecodeLimit(DecodeError):
    """A value past a decoding bound: the sender sent too much. `reason` is "depth", "values" or "time"."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass
class Budget:
    """What decoding may still spend, shared across the values of one run: elements (every number, string,
    list, tuple, dict entry...) and this thread's CPU time (`deadline`, in time.thread_time() seconds)."""

    elements: int
    deadline: float = math.inf


@dataclass(frozen=True)
class FunctionRef:
    """A callable argument named from a fixed registry instead of shipped as code."""

    name: str
    params: dict[str, Any] = field(default_factory=dict)


def _quadratic_grad(a: Any, b: Any) -> Callable[[Any], Any]:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return lambda x: a @ np.asarray(x, dtype=float) - b


def _rosenbrock_grad(a: float = 1.0, b: float = 100.0) -> Callable[[Any], Any]:
    def grad(x: Any) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        g = np.zeros_like(x)
        g[:-1] += -2.0 * (a - x[:-1]) - 4.0 * b * x[:-1] * (x[1:] - x[:-1] ** 2)
        g[1:] += 2.0 * b * (x[1:] - x[:-1] ** 2)
        return g

    return grad


def _linear_grad(c: Any) -> Callable[[Any], Any]:
    c = np.asarray(c, dtype=float)
    return lambda x: c.copy()


# name -> factory(**params) -> callable. Only these can be named by a FunctionRef.
REGISTRY: dict[str, Callable[..., Callable[..., Any]]] = {
    "quadratic_grad": _quadratic_grad,
    "rosenbrock_grad": _rosenbrock_grad,
    "linear_grad": _linear_grad,
    **LLM_CALLABLES,
}


def resolve(ref: FunctionRef) -> Callable[..., Any]:
    """Turn a FunctionRef into the callable it names; unknown names or parameters are errors."""
    factory = REGISTRY.get(ref.name)
    if factory is None:
        raise DecodeError(f"unknown function reference {ref.name!r}")
    try:
        return factory(**ref.params)
    except TypeError as exc:
        raise DecodeError(f"bad parameters for {ref.name!r}: {exc}") from exc


# --- encoding -------------------------------------------------------------------------------


def _float(x: float) -> Any:
    if math.isfinite(x):
        return x
    return {"t": "float", "v": "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")}


def _array(arr: np.ndarray) -> dict[str, Any]:
    kind_code = arr.dtype.str[1:]
    if arr.dtype.kind == "U":
        if arr.dtype.itemsize // 4 > MAX_STR_ITEMSIZE:
            raise EncodeError("string array elements are too long")
        kind_code = f"U{arr.dtype.itemsize // 4}"
    elif kind_code not in ALLOWED_DTYPES:
        raise EncodeError(f"arrays of dtype {arr.dtype} cannot be sent; use bool, int or float arrays")
    data = np.ascontiguousarray(arr).astype(arr.dtype.newbyteorder("<"), copy=False).tobytes()
    return {"t": "nd", "dtype": kind_code, "shape": list(arr.shape), "data": base64.b64encode(data).decode("ascii")}


def to_jsonable(value: Any, _depth: int = 0) -> Any:
    """The tagged-JSON form of `value`; raises EncodeError for anything not on the list."""
    if _depth > MAX_DEPTH:
        raise EncodeError("value is nested too deeply")
    # numpy scalars first: np.float64 is also a float, and its type should survive the trip.
    if isinstance(value, np.generic):
        return _numpy_scalar(value)
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        if abs(value).bit_length() > MAX_INT_BITS:
            raise EncodeError("an integer this large (over 3,900 digits) cannot be sent back")
        return int(value)
    if isinstance(value, float):
        return _float(float(value))
    if isinstance(value, np.ndarray):
        return _array(value)
    if isinstance(value, (list, tuple, dict, FunctionRef)):
        return _container(value, _depth + 1)
    tensor = _tensor_as_array(value)
    if tensor is not None:
        return _array(tensor)
    figure = _figure(value)
    if figure is not None:
        return to_jsonable(figure, _depth + 1)
    raise EncodeError(f"values of type {type(value).__name__} cannot be sent back; return numbers, lists or arrays")


def _numpy_scalar(value: np.generic) -> Any:
    if isinstance(value, (np.bool_, np.integer, np.floating)) and value.dtype.str[1:] in ALLOWED_DTYPES:
        item = value.item()
        return {"t": "np", "dtype": value.dtype.str[1:], "v": _float(item) if isinstance(item, float) else item}
    if isinstance(value, np.str_):
        # What list(model.predict(X)) gives for string labels (NER tags): it is a str, and crosses as one.
        return str(value)
    raise EncodeError(f"numpy scalars of type {type(value).__name__} cannot be sent")


def _container(value: list | tuple | dict | FunctionRef, d: int) -> Any:
    if isinstance(value, list):
        return [to_jsonable(v, d) for v in value]
    if isinstance(value, tuple):
        return {"t": "tuple", "v": [to_jsonable(v, d) for v in value]}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise EncodeError("only dicts with string keys can be sent")
        return {"t": "dict", "v": {k: to_jsonable(v, d) for k, v in value.items()}}
    if value.name not in REGISTRY:  # caught on the worker's side, before anything is sent
        raise EncodeError(f"unknown function reference {value.name!r}")
    return {"t": "fn", "name": value.name, "v": to_jsonable(value.params, d)}


def _figure(value: Any) -> dict[str, Any] | None:
    """A matplotlib Figure or Axes as its chart description (gpu_runner/figures.py); None for anything else."""
    try:
        return figure_as_data(value)
    except Exception as exc:  # a figure in a state the description did not foresee: the learner's to fix
        raise EncodeError(f"the figure could not be described: {type(exc).__name__}: {exc}") from exc


def _tensor_as_array(value: Any) -> np.ndarray | None:
    """A torch tensor as the NumPy array it crosses as (the worker sees arrays); None for anything else.

    torch is looked up, never imported: only a process that has it loaded (the torch warm parent) can hold one.
    """
    torch = sys.modules.get("torch")
    if torch is None or not isinstance(value, torch.Tensor):
        return None
    try:
        return value.detach().cpu().resolve_conj().resolve_neg().numpy()
    except (TypeError, RuntimeError) as exc:
        raise EncodeError(
            f"a torch tensor of dtype {value.dtype} cannot be sent back; convert it with .float() or .long()"
        ) from exc


def encode(value: Any) -> str:
    """Encode `value` as JSON text."""
    return json.dumps(to_jsonable(value), allow_nan=False, separators=(",", ":"))


# --- decoding -------------------------------------------------------------------------------


def _decode_float(v: Any) -> float:
    if v not in ("nan", "inf", "-inf"):
        raise DecodeError("bad float tag")
    return float(v)


def _decode_array(obj: dict[str, Any], budget: list[int]) -> np.ndarray:
    dtype_code, shape, data = obj.get("dtype"), obj.get("shape"), obj.get("data")
    if not isinstance(dtype_code, str) or not isinstance(shape, list) or not isinstance(data, str):
        raise DecodeError("malformed array")
    if dtype_code.startswith("U"):
        if not dtype_code[1:].isdigit() or not 0 < int(dtype_code[1:]) <= MAX_STR_ITEMSIZE:
            raise DecodeError("bad string array dtype")
    elif dtype_code not in ALLOWED_DTYPES:
        raise DecodeError(f"array dtype {dtype_code!r} is not allowed")
    if len(shape) > 32 or not all(type(n) is int and n >= 0 for n in shape):
        raise DecodeError("bad array shape")
    dtype = np.dtype("<" + dtype_code)
    count = math.prod(shape)
    nbytes = count * dtype.itemsize
    budget[0] -= nbytes
    if budget[0] < 0:
        raise DecodeError("arrays are larger than allowed")
    try:
        raw = base64.b64decode(data, validate=True)
    except ValueError as exc:
        raise DecodeError("bad array data") from exc
    if len(raw) != nbytes:
        raise DecodeError("array data does not match its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).astype(dtype.newbyteorder("="), copy=True)


def _from_jsonable(obj: Any, budget: list[int], functions: bool, depth: int, spend: Budget | None = None) -> Any:
    if depth > MAX_DEPTH:
        raise DecodeLimit(f"value is nested more than {MAX_DEPTH} levels deep", "depth")
    if spend is not None:
        _spend(spend)
    d = depth + 1
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, list):
        return [_from_jsonable(v, budget, functions, d, spend) for v in obj]
    if not isinstance(obj, dict):
        raise DecodeError("malformed value")
    tag = obj.get("t")
    if tag == "float":
        return _decode_float(obj.get("v"))
    if tag == "tuple" and isinstance(obj.get("v"), list):
        return tuple(_from_jsonable(v, budget, functions, d, spend) for v in obj["v"])
    if tag == "dict" and isinstance(obj.get("v"), dict):
        return {str(k): _from_jsonable(v, budget, functions, d, spend) for k, v in obj["v"].items()}
    if tag == "nd":
        return _decode_array(obj, budget)
    if tag == "np":
        return _decode_numpy_scalar(obj)
    if tag == "fn" and isinstance(obj.get("name"), str):
        return _decode_function(obj, _from_jsonable(obj.get("v"), budget, functions, d, spend), functions)
    raise DecodeError(f"unknown value tag {tag!r}")


def _decode_function(obj: dict[str, Any], params: Any, functions: bool) -> Any:
    if not isinstance(params, dict):
        raise DecodeError("bad function reference")
    ref = FunctionRef(obj["name"], params)
    return resolve(ref) if functions else ref


def _decode_numpy_scalar(obj: dict[str, Any]) -> Any:
    code, v = obj.get("dtype"), obj.get("v")
    if code not in ALLOWED_DTYPES:
        raise DecodeError(f"scalar dtype {code!r} is not allowed")
    if isinstance(v, dict):
        v = _decode_float(v.get("v")) if v.get("t") == "float" else None
    if not isinstance(v, (bool, int, float)):
        raise DecodeError("bad numpy scalar")
    try:
        return np.dtype(code).type(v)
    except (OverflowError, ValueError) as exc:
        raise DecodeError("bad numpy scalar") from exc


def _spend(spend: Budget) -> None:
    spend.elements -= 1
    if spend.elements < 0:
        raise DecodeLimit("more values than allowed", "values")
    # The clock is read every 4096 elements: cheap, and a value never runs far past its deadline.
    if spend.elements & 4095 == 0 and time.thread_time() > spend.deadline:
        raise DecodeLimit("reading the values back took longer than allowed", "time")


def from_jsonable(
    obj: Any, *, max_bytes: int = DEFAULT_MAX_BYTES, resolve_functions: bool = False, budget: Budget | None = None
) -> Any:
    """Rebuild a value from its tagged-JSON form (already parsed). With a `budget`, every element decoded is
    counted against it (DecodeLimit when it runs out of elements or time)."""
    try:
        return _from_jsonable(obj, [max_bytes], resolve_functions, 0, budget)
    except (RecursionError, OverflowError, MemoryError, AttributeError, TypeError) as exc:
        raise DecodeError(f"malformed value: {type(exc).__name__}") from exc


def decode(text: str | bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, resolve_functions: bool = False) -> Any:
    """Decode JSON text from encode(); never executes anything except registry functions.

    `resolve_functions=True` (used only by the driver inside the sandbox) turns FunctionRefs into
    callables; otherwise they stay FunctionRef values.
    """
    if len(text) > max_bytes:
        raise DecodeError(f"encoded value is {len(text)} bytes, more than the {max_bytes} allowed")
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise DecodeError(f"not valid JSON: {str(exc)[:200]}") from exc
    return from_jsonable(obj, max_bytes=max_bytes, resolve_functions=resolve_functions)
