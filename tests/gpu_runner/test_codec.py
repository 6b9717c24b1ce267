"""The boundary codec: exact round trips for the allowed types, refusals for everything else."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from gpu_runner import codec
from gpu_runner.codec import DecodeError, EncodeError, FunctionRef


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        0,
        -(2**70),
        1.5,
        "héllo 你好",
        [1, [2, "x"]],
        (1, (2.0, None)),
        {"a": [1, 2], "b": {"c": (3,)}},
        [],
        {},
        (),
    ],
)
def test_plain_values_round_trip_exactly(value: object) -> None:
    back = codec.decode(codec.encode(value))
    assert back == value
    assert type(back) is type(value)


def test_non_finite_floats_round_trip() -> None:
    back = codec.decode(codec.encode([math.nan, math.inf, -math.inf]))
    assert math.isnan(back[0]) and back[1:] == [math.inf, -math.inf]


@pytest.mark.parametrize(
    "dtype", ["bool", "int8", "int32", "int64", "uint8", "uint64", "float16", "float32", "float64"]
)
def test_arrays_round_trip_with_dtype_and_shape(dtype: str) -> None:
    arr = (np.arange(24).reshape(2, 3, 4) % 7).astype(dtype)
    back = codec.decode(codec.encode(arr))
    assert back.dtype == arr.dtype
    assert back.shape == (2, 3, 4)
    np.testing.assert_array_equal(back, arr)
    assert back.flags.writeable


def test_non_contiguous_big_endian_and_string_arrays_round_trip() -> None:
    arr = np.arange(12.0).reshape(3, 4).T
    np.testing.assert_array_equal(codec.decode(codec.encode(arr)), arr)
    big = np.array([1, 2, 3], dtype=">i4")
    back = codec.decode(codec.encode(big))
    assert back.dtype == np.dtype("int32") and back.tolist() == [1, 2, 3]
    labels = np.array(["spam", "ham"])
    assert codec.decode(codec.encode(labels)).tolist() == ["spam", "ham"]


def test_numpy_scalars_keep_their_type() -> None:
    back = codec.decode(codec.encode([np.float32(1.5), np.int64(7), np.bool_(True), np.float64(np.nan)]))
    assert [type(v) for v in back] == [np.float32, np.int64, np.bool_, np.float64]
    assert back[:3] == [np.float32(1.5), np.int64(7), np.bool_(True)]
    assert np.isnan(back[3])


def test_numpy_string_scalars_cross_as_str() -> None:
    # list(model.predict(X)) of string labels holds np.str_ scalars, e.g. a NER tagger's tags.
    back = codec.decode(codec.encode(list(np.array(["B-PER", "O"]))))
    assert back == ["B-PER", "O"]
    assert [type(v) for v in back] == [str, str]


def test_empty_and_zero_dimensional_arrays_round_trip() -> None:
    assert codec.decode(codec.encode(np.zeros((0, 3)))).shape == (0, 3)
    assert codec.decode(codec.encode(np.array(2.5))).tolist() == 2.5


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (object(), "values of type object cannot be sent back; return numbers, lists or arrays"),
        ({1: "x"}, "only dicts with string keys can be sent"),
        (np.array([1, "a"], dtype=object), "arrays of dtype object cannot be sent; use bool, int or float arrays"),
        (np.array([1 + 2j]), "arrays of dtype complex128 cannot be sent; use bool, int or float arrays"),
        ({"s"}, "values of type set cannot be sent back; return numbers, lists or arrays"),
        (FunctionRef("not_registered"), "unknown function reference 'not_registered'"),
    ],
)
def test_unsupported_values_are_refused(value: object, message: str) -> None:
    with pytest.raises(EncodeError) as info:
        codec.encode(value)
    assert str(info.value) == message


def test_deeply_nested_value_is_refused() -> None:
    value: list = []
    for _ in range(100):
        value = [value]
    with pytest.raises(EncodeError, match="nested too deeply"):
        codec.encode(value)


def test_decode_refuses_text_over_the_byte_cap_before_parsing() -> None:
    text = codec.encode("x" * 1000)
    with pytest.raises(DecodeError) as info:
        codec.decode(text, max_bytes=100)
    assert str(info.value) == f"encoded value is {len(text)} bytes, more than the 100 allowed"


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ({"t": "nd", "dtype": "O", "shape": [1], "data": ""}, "array dtype 'O' is not allowed"),
        ({"t": "nd", "dtype": "f8", "shape": [2], "data": "AAAAAAAAAAA="}, "array data does not match its shape"),
        ({"t": "nd", "dtype": "f8", "shape": [-1], "data": ""}, "bad array shape"),
        ({"t": "nd", "dtype": "f8", "shape": [10**9, 10**9], "data": ""}, "arrays are larger than allowed"),
        ({"t": "pickle", "v": "gASV"}, "unknown value tag 'pickle'"),
        ({"a": 1}, "unknown value tag None"),
        ({"t": "float", "v": "1e999"}, "bad float tag"),
        ({"t": "np", "dtype": "O", "v": 1}, "scalar dtype 'O' is not allowed"),
        ({"t": "fn", "name": "os.system", "v": {"t": "dict", "v": {}}}, "unknown function reference 'os.system'"),
    ],
)
def test_malformed_or_forbidden_encodings_are_refused(obj: dict, message: str) -> None:
    with pytest.raises(DecodeError) as info:
        codec.decode(json.dumps(obj), resolve_functions=True)
    assert str(info.value) == message


def test_decode_refuses_invalid_json_and_absurd_nesting() -> None:
    with pytest.raises(DecodeError, match="not valid JSON"):
        codec.decode("{nope")
    with pytest.raises(DecodeError, match="nested more than 64 levels deep"):
        codec.decode("[" * 200 + "]" * 200)


def test_function_refs_stay_data_unless_resolved() -> None:
    ref = FunctionRef("linear_grad", {"c": np.array([1.0, 2.0])})
    back = codec.decode(codec.encode(ref))
    assert isinstance(back, FunctionRef) and back.name == "linear_grad"
    np.testing.assert_array_equal(back.params["c"], [1.0, 2.0])
    fn = codec.decode(codec.encode(ref), resolve_functions=True)
    np.testing.assert_array_equal(fn(np.zeros(2)), [1.0, 2.0])


def test_registry_functions_compute_their_gradients() -> None:
    a = np.array([[3.0, 1.0], [1.0, 2.0]])
    b = np.array([1.0, -1.0])
    x = np.array([0.5, 2.0])
    quad = codec.resolve(FunctionRef("quadratic_grad", {"a": a, "b": b}))
    np.testing.assert_allclose(quad(x), a @ x - b)
    rosen = codec.resolve(FunctionRef("rosenbrock_grad"))
    # Rosenbrock f = (1 - x)^2 + 100 (y - x^2)^2; at (1, 1) the gradient is zero, at (0, 0) it is (-2, 0).
    np.testing.assert_allclose(rosen(np.array([1.0, 1.0])), [0.0, 0.0])
    np.testing.assert_allclose(rosen(np.array([0.0, 0.0])), [-2.0, 0.0])
    np.testing.assert_allclose(rosen(np.array([-1.2, 1.0])), [-215.6, -88.0])
    lin = codec.resolve(FunctionRef("linear_grad", {"c": [4.0]}))
    assert lin(np.array([9.0])).tolist() == [4.0]


def test_registry_refuses_wrong_parameters() -> None:
    with pytest.raises(DecodeError) as info:
        codec.resolve(FunctionRef("quadratic_grad", {"a": [[1.0]]}))
    assert str(info.value).startswith("bad parameters for 'quadratic_grad': ")
