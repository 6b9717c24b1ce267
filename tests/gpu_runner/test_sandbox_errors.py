"""Error mapping: how each way learner code can fail comes back (run error codes vs per-call results)."""

from __future__ import annotations

import numpy as np

from gpu_runner import sandbox
from gpu_runner.codec import FunctionRef
from gpu_runner.sandbox import Call
from tests.gpu_runner.sandboxing import assert_contained, run_isolated


def run(source: str, *calls: Call) -> sandbox.SandboxResult:
    result = run_isolated(source, *calls)
    assert_contained()
    return result


def test_syntax_error_reports_the_line() -> None:
    result = run("def f():\n    return (1,\n\nx = = 2\n", Call("f"))
    assert result.error_code == "syntax"
    assert result.error_detail.startswith("line 2: ")
    assert result.calls == []


def test_import_of_a_missing_module_is_an_import_error() -> None:
    result = run("import no_such_module_here\ndef f():\n    return 1\n", Call("f"))
    assert result.error_code == "import"
    assert result.error_detail == "ModuleNotFoundError: No module named 'no_such_module_here'"


def test_exception_at_module_level_is_an_import_error() -> None:
    result = run("raise ValueError('at import')\n", Call("f"))
    assert (result.error_code, result.error_detail) == ("import", "ValueError: at import")


def test_missing_entry_function_is_a_name_error_per_call() -> None:
    result = run("def other():\n    return 1\nnot_callable = 3\n", Call("f"), Call("not_callable"), Call("other"))
    assert result.error_code is None
    assert [(c.ok, c.error_type, c.error_message) for c in result.calls] == [
        (False, "NameError", "name 'f' is not defined"),
        (False, "NameError", "'not_callable' is not a function"),
        (True, None, None),
    ]


def test_exception_in_a_call_is_a_call_result_and_later_calls_still_run() -> None:
    source = "def f(x):\n    if x < 0:\n        raise ValueError('negative input')\n    return x * 2\n"
    result = run(source, Call("f", (-1,)), Call("f", (21,)))
    assert result.error_code is None
    assert result.calls[0].ok is False
    assert (result.calls[0].error_type, result.calls[0].error_message) == ("ValueError", "negative input")
    assert (result.calls[1].ok, result.calls[1].value) == (True, 42)


def test_unencodable_return_value_is_a_type_error_call_result() -> None:
    result = run("def f():\n    return object()\n", Call("f"))
    assert result.error_code is None
    assert result.calls[0].ok is False
    assert result.calls[0].error_type == "TypeError"
    assert result.calls[0].error_message == (
        "values of type object cannot be sent back; return numbers, lists or arrays"
    )


def test_object_array_return_value_is_refused() -> None:
    result = run("import numpy as np\ndef f():\n    return np.array([{}, 1], dtype=object)\n", Call("f"))
    assert result.calls[0].error_type == "TypeError"
    assert result.calls[0].error_message == "arrays of dtype object cannot be sent; use bool, int or float arrays"


def test_sys_exit_is_a_crash() -> None:
    result = run("import sys\ndef f():\n    sys.exit(0)\n", Call("f"))
    assert (result.error_code, result.error_detail) == ("crash", "Your code called sys.exit(); return a value instead.")


def test_os_exit_is_a_crash() -> None:
    result = run("import os\ndef f():\n    os._exit(0)\n", Call("f"))
    assert (result.error_code, result.error_detail) == ("crash", "Your code ended the process early (exit status 0).")


def test_segmentation_fault_is_a_crash() -> None:
    result = run("import ctypes\ndef f():\n    return ctypes.string_at(0)\n", Call("f"), Call("f"))
    assert (result.error_code, result.error_detail) == ("crash", "Your process was killed by signal SIGSEGV.")
    assert result.calls == []


def test_calls_before_a_crash_are_kept() -> None:
    source = "import os\ndef ok():\n    return 'fine'\ndef bad():\n    os._exit(3)\n"
    result = run(source, Call("ok"), Call("bad"), Call("ok"))
    assert result.error_code == "crash"
    assert [(c.ok, c.value) for c in result.calls] == [(True, "fine")]


def test_printed_output_comes_back_in_the_tails() -> None:
    result = run("import sys\ndef f():\n    print('to stdout')\n    print('to stderr', file=sys.stderr)\n", Call("f"))
    assert (result.stdout_tail, result.stderr_tail) == ("to stdout\n", "to stderr\n")


def test_function_reference_argument_becomes_a_callable_inside() -> None:
    a = np.array([[2.0, 0.0], [0.0, 4.0]])
    b = np.array([1.0, 1.0])
    source = "import numpy as np\ndef f(grad, x):\n    return grad(np.asarray(x))\n"
    ref = FunctionRef("quadratic_grad", {"a": a, "b": b})
    result = run(
        source,
        Call("f", (ref, [1.0, 1.0])),
        Call("f", kwargs={"grad": FunctionRef("linear_grad", {"c": b}), "x": [0.0]}),
    )
    assert result.error_code is None
    np.testing.assert_allclose(result.calls[0].value, a @ np.ones(2) - b)
    np.testing.assert_allclose(result.calls[1].value, b)


def test_unknown_function_reference_is_the_platforms_error_and_nothing_runs() -> None:
    result = run("def f(g):\n    return g(1)\n", Call("f", (FunctionRef("nope"),)))
    assert result.error_code == "internal"
    assert (
        result.error_detail == "the grader's arguments cannot be sent to the sandbox: unknown function reference 'nope'"
    )


def test_exiting_with_the_setup_failure_status_is_still_a_crash() -> None:
    result = run("import os\ndef f():\n    os._exit(71)\n", Call("f"))
    assert (result.error_code, result.error_detail) == ("crash", "Your code ended the process early (exit status 71).")


def test_forged_result_frames_cannot_claim_more_than_the_learner_returned() -> None:
    # The learner can write to the result pipe itself; whatever it writes is only its own result.
    source = (
        "import os, struct, json\n"
        "def f():\n"
        "    data = json.dumps({'t': 'call', 'i': 0, 'ok': True, 'v': 'forged'}).encode()\n"
        "    os.write(3, struct.pack('!I', len(data)) + data + b'garbage')\n"
        "    return 'real'\n"
    )
    result = run(source, Call("f"))
    assert result.error_code == "crash"
    assert [(c.ok, c.value) for c in result.calls] == [(True, "forged")]


def test_hostile_exception_and_return_values_do_not_break_the_driver() -> None:
    source = (
        "class Nasty(Exception):\n"
        "    def __str__(self):\n"
        "        raise RuntimeError('no message for you')\n"
        "class Sneaky(float):\n"
        "    def __float__(self):\n"
        "        raise RuntimeError('not a float today')\n"
        "def raises():\n"
        "    raise Nasty()\n"
        "def deep():\n"
        "    v = []\n"
        "    for _ in range(1000):\n"
        "        v = [v]\n"
        "    return v\n"
        "def sneaky():\n"
        "    return Sneaky(1.0)\n"
    )
    result = run(source, Call("raises"), Call("deep"), Call("sneaky"))
    assert result.error_code is None
    assert [(c.ok, c.error_type, c.error_message) for c in result.calls] == [
        (False, "Nasty", "<the exception's message could not be read>"),
        (False, "TypeError", "value is nested too deeply"),
        (False, "TypeError", "the return value could not be sent back: RuntimeError: not a float today"),
    ]
