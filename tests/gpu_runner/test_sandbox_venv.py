"""The worker's virtualenv stays visible to every run, wherever the checkout lives (a CI clone under /tmp too)."""

from __future__ import annotations

import sys

from gpu_runner.sandbox import Call, SandboxLimits, run_calls
from gpu_runner.sandbox._zygote import SHADOWED_DIRS, VENV_INSIDE, _interpreter_binds

LIMITS = SandboxLimits(cpu_s=10, wall_s=30, memory_mb=512, output_kb=64)

LAZY_IMPORT = """
import sys

def lazily_imported():
    # Not pre-imported by the warm parent: found on disk, after the run's private /tmp is mounted.
    import sklearn.neural_network
    import sklearn.feature_extraction.text
    return [sklearn.neural_network.__name__, sys.prefix]
"""


def test_no_interpreter_path_lies_under_a_directory_each_run_replaces():
    for _source, target in _interpreter_binds():
        assert not any(target == d or target.startswith(d + "/") for d in SHADOWED_DIRS), target


def test_a_run_imports_site_packages_modules_the_warm_parent_never_imported():
    result = run_calls(LAZY_IMPORT, [Call("lazily_imported")], LIMITS)
    assert result.error_code is None, (result.error_code, result.error_detail, result.stderr_tail)
    expected_prefix = VENV_INSIDE if sys.prefix != sys.base_prefix else sys.prefix
    assert result.calls[0].value == ["sklearn.neural_network", expected_prefix]
