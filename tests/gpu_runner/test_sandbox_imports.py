"""An exercise's forbidden imports (`libraries.forbidden`): refused to the learner's code inside the sandbox, whatever
route the import takes, reported to the worker, and a failed check in the result; the libraries' own imports pass."""

from __future__ import annotations

import json

import pytest

from gpu_runner.bank import Bank
from gpu_runner.graders.libraries import CHECK_NAME, CHECK_TITLE, forbidden_text
from gpu_runner.sandbox import Call
from gpu_runner.spec import Check
from tests.gpu_runner.sandboxing import LIMITS, assert_contained, grade_bank_exercise, run_isolated
from tests.gpu_runner.test_bank import write_exercise

PLAIN = ("numpy", "scipy", "sklearn", "torch", "pandas")
REFUSED = "No module named 'numpy': this exercise does not allow it"
NUMPY_DOT = "import numpy as np\n\ndef dot(a, b):\n    if len(a) != len(b):\n        raise ValueError('lengths')\n    return float(np.dot(a, b))\n"
PLAIN_MESSAGE = "This exercise asks for plain Python: `numpy` is not allowed. Remove the import and write it yourself."


@pytest.mark.parametrize(
    "body",
    [
        "import numpy",
        "import numpy.linalg",
        "from numpy import dot",
        "__import__('numpy')",
        "import importlib; importlib.import_module('numpy')",
        "import builtins; builtins.__import__('numpy')",
        "exec('import numpy', {})",
    ],
    ids=["import", "submodule", "from", "dunder", "importlib", "builtins", "exec"],
)
def test_every_route_of_a_learner_import_of_a_preloaded_module_is_refused_and_reported(body):
    source = f"def f():\n    {body}\n    return 'imported'\n"
    result = run_isolated(source, Call("f"))  # no forbidden list: the import works
    assert [(c.ok, c.value) for c in result.calls] == [(True, "imported")]
    assert result.forbidden == ()
    result = _run(source, forbidden=PLAIN)
    assert result.error_code is None
    assert [(c.ok, c.error_type, c.error_message) for c in result.calls] == [(False, "ForbiddenImport", REFUSED)]
    assert result.forbidden == ("numpy",)
    assert_contained()


def _run(source: str, *, forbidden: tuple[str, ...], calls: tuple[Call, ...] = (Call("f"),)):
    from gpu_runner.sandbox import run_calls

    return run_calls(source, list(calls), LIMITS, forbidden=forbidden)


def test_without_a_forbidden_list_numpy_imports_as_before():
    result = _run("def f():\n    import numpy\n    return numpy.arange(3).tolist()\n", forbidden=())
    assert [(c.ok, c.value) for c in result.calls] == [(True, [0, 1, 2])]
    assert result.forbidden == ()


def test_a_module_the_warm_parent_never_loaded_is_refused_too():
    result = _run("def f():\n    import pandas\n    return 1\n", forbidden=PLAIN)
    assert [(c.ok, c.error_message) for c in result.calls] == [
        (False, "No module named 'pandas': this exercise does not allow it")
    ]
    assert result.forbidden == ("pandas",)


def test_the_refusal_is_a_module_not_found_error_that_code_can_catch():
    source = (
        "try:\n    import numpy\nexcept ImportError as exc:\n    caught = (type(exc).__mro__[1].__name__, exc.name)\n"
        "def f():\n    return caught\n"
    )
    result = _run(source, forbidden=PLAIN)
    assert [(c.ok, c.value) for c in result.calls] == [(True, ("ModuleNotFoundError", "numpy"))]
    assert result.forbidden == ("numpy",)  # caught, but tried: the worker still fails the submission


def test_taking_out_the_finder_and_the_import_override_leaves_the_audit_hook_refusing():
    source = (
        "import sys, builtins\n"
        "sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != '_Guard']\n"
        "__builtins__['__import__'] = builtins.__import__\n"
        "def f():\n    import numpy\n    return 1\n"
    )
    result = _run(source, forbidden=PLAIN)
    assert [(c.ok, c.error_message) for c in result.calls] == [(False, REFUSED)]
    assert result.forbidden == ("numpy",)


def test_imports_that_allowed_libraries_make_for_themselves_are_not_refused():
    # scikit-learn imports scipy everywhere (some of it lazily, inside the functions called here); pandas
    # imports numpy when it loads.
    source = (
        "from sklearn.cluster import KMeans\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "def f():\n"
        "    X = [[0, 0], [0, 1], [5, 5], [5, 6]]\n"
        "    labels = KMeans(2, n_init=2, random_state=0).fit(X).labels_\n"
        "    return int(labels[0] == labels[1]), LogisticRegression().fit(X, [0, 0, 1, 1]).predict(X).tolist()\n"
    )
    result = _run(source, forbidden=("scipy",))
    assert [(c.ok, c.value) for c in result.calls] == [(True, (1, [0, 0, 1, 1]))]
    assert result.forbidden == ()
    result = _run("import pandas\ndef f():\n    return int(pandas.Series([1, 2]).sum())\n", forbidden=("numpy",))
    assert [(c.ok, c.value) for c in result.calls] == [(True, 3)]
    assert result.forbidden == ()


def test_plain_python_with_the_standard_library_is_untouched():
    source = "import math, statistics, json\ndef f():\n    return statistics.mean([1, 2, 3]) + math.floor(0.5)\n"
    result = _run(source, forbidden=PLAIN)
    assert [(c.ok, c.value) for c in result.calls] == [(True, 2)]
    assert result.forbidden == ()


def test_a_forged_report_names_only_modules_of_the_exercises_list():
    source = (
        "import json, os, struct\n"
        "def f():\n"
        "    for name in ('os', 'numpy'):\n"
        "        data = json.dumps({'t': 'forbidden', 'module': name}).encode()\n"
        "        os.write(3, struct.pack('!I', len(data)) + data)\n"
        "    return 1\n"
    )
    assert _run(source, forbidden=("scipy",)).forbidden == ()
    assert _run(source, forbidden=("numpy",)).forbidden == ("numpy",)


def test_dot_product_solved_with_numpy_fails_with_the_plain_python_check():
    bank = Bank.default()
    result = grade_bank_exercise(bank, "dot-product", NUMPY_DOT)
    assert result.status == "failed"
    assert result.error is None
    assert result.score == 0.0
    assert result.checks[0] == Check.of(CHECK_TITLE, False, forbidden_text(["numpy"], []))
    assert (result.checks[0].name, result.checks[0].message) == (CHECK_NAME, PLAIN_MESSAGE)
    # The import failed at the top of the module, so no case ran.
    assert len(result.checks) == 2 and not result.checks[1].passed


def test_a_caught_forbidden_import_still_fails_a_submission_whose_cases_pass():
    bank = Bank.default()
    source = (
        "try:\n    import numpy\nexcept ImportError:\n    numpy = None\n\n"
        "def dot(a, b):\n    if len(a) != len(b):\n        raise ValueError('lengths differ')\n"
        "    return float(sum(x * y for x, y in zip(a, b)))\n"
    )
    result = grade_bank_exercise(bank, "dot-product", source)
    assert result.status == "failed"
    assert result.score == 0.0
    assert result.checks[0] == Check.of(CHECK_TITLE, False, forbidden_text(["numpy"], []))
    assert (result.checks[0].name, result.checks[0].message) == (CHECK_NAME, PLAIN_MESSAGE)
    assert all(check.passed for check in result.checks[1:])


def test_an_exercise_that_allows_some_libraries_names_them_in_the_message(tmp_path):
    write_exercise(tmp_path, meta={"libraries": {"allowed": ["numpy"], "forbidden": ["sklearn", "scipy"]}})
    source = "import numpy\nfrom scipy import special\n\ndef add_one(x):\n    return x + 1\n"
    result = grade_bank_exercise(Bank([tmp_path]), "add-one", source, job_id="libs", seed=0)
    assert (result.status, result.error) == ("failed", None)
    assert [(check.name, check.passed, check.message) for check in result.checks] == [
        (CHECK_NAME, False, "This exercise does not allow `scipy`; beyond the standard library you may use `numpy`."),
        ("one", False, "The run stopped here: the module did not load."),
    ]
    assert result.checks[0].name_i18n == CHECK_TITLE
    json.dumps(result.to_dict())  # storable as it is


def test_the_message_exists_in_english_and_chinese():
    assert forbidden_text(["numpy"], []) == {
        "en": PLAIN_MESSAGE,
        "zh": "本练习要求用纯 Python（只用标准库）完成：不允许导入 `numpy`。请删掉这个导入，自己实现。",
    }
    assert forbidden_text(["numpy", "scipy"], []) == {
        "en": "This exercise asks for plain Python: `numpy`, `scipy` are not allowed. Remove the import and write it"
        " yourself.",
        "zh": "本练习要求用纯 Python（只用标准库）完成：不允许导入 `numpy`, `scipy`。请删掉这个导入，自己实现。",
    }
    assert forbidden_text(["torch"], ["numpy", "scipy"]) == {
        "en": "This exercise does not allow `torch`; beyond the standard library you may use `numpy`, `scipy`.",
        "zh": "本练习不允许导入 `torch`；除标准库外，可以使用 `numpy`, `scipy`。",
    }
