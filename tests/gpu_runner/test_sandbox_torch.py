"""Exercises that declare `requires: [torch]` (or transformers) run on a warm parent that imported them; the plain
warm parent stays lean. Tensors come back as arrays."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest
import yaml

from gpu_runner import sandbox
from gpu_runner.bank import Bank
from gpu_runner.sandbox import Call, bank_flavours, flavour_for
from tests.gpu_runner.sandboxing import EXPECTED_ISOLATION, LIMITS, assert_contained, grade_bank_exercise
from tests.gpu_runner.test_bank import write_exercise

LOADED = (
    "import sys\ndef f():\n    return sorted(m for m in ('torch', 'transformers', 'sklearn') if m in sys.modules)\n"
)

pytestmark = pytest.mark.slow  # the torch warm parent takes seconds to start


def _run(source: str, *calls: Call, requires: tuple[str, ...] = ("torch",), forbidden: tuple[str, ...] = ()):
    result = sandbox.run_calls(source, list(calls), LIMITS, requires=requires, forbidden=forbidden)
    assert result.isolation == EXPECTED_ISOLATION
    return result


def test_flavours_follow_requires():
    assert flavour_for(()) == "plain"
    assert flavour_for(("torch",)) == "torch"
    assert flavour_for(("transformers",)) == "torch"
    assert flavour_for(["torch", "transformers"]) == "torch"
    with pytest.raises(ValueError, match="no warm parent preloads jax"):
        flavour_for(("jax",))


def test_a_torch_exercise_finds_torch_and_transformers_already_imported_and_the_plain_parent_has_neither():
    torch_run = _run(LOADED, Call("f"))
    plain_run = _run(LOADED, Call("f"), requires=())
    assert [c.value for c in torch_run.calls] == [["sklearn", "torch", "transformers"]]
    assert [c.value for c in plain_run.calls] == [["sklearn"]]


def test_each_warm_parent_has_its_own_slot_and_runs_leave_nothing_behind():
    _run(LOADED, Call("f"))
    _run(LOADED, Call("f"), requires=())
    plain, heavy = sandbox._current_zygote("plain"), sandbox._current_zygote("torch")
    assert plain is not None and heavy is not None
    assert (plain.flavour, heavy.flavour) == ("plain", "torch")
    assert plain.slot.uid != heavy.slot.uid
    assert plain.proc.pid != heavy.proc.pid
    assert_contained()


def test_returned_tensors_arrive_as_arrays_of_their_dtype():
    source = textwrap.dedent(
        """
        import torch

        def f():
            w = torch.ones(2, 3, requires_grad=True)
            return w * 2, torch.arange(3), torch.tensor(1.5, dtype=torch.float64), [torch.zeros(1)]

        def g():
            return torch.ones(2, dtype=torch.bfloat16)
        """
    )
    result = _run(source, Call("f"), Call("g"))
    (first, second) = result.calls
    assert first.ok
    doubled, arange, scalar, nested = first.value
    assert doubled.dtype == np.float32 and doubled.tolist() == [[2.0] * 3] * 2
    assert arange.dtype == np.int64 and arange.tolist() == [0, 1, 2]
    assert scalar.shape == () and float(scalar) == 1.5
    assert nested[0].tolist() == [0.0]
    assert (second.ok, second.error_type) == (False, "TypeError")
    assert second.error_message == (
        "a torch tensor of dtype torch.bfloat16 cannot be sent back; convert it with .float() or .long()"
    )


def test_forbidding_transformers_on_the_torch_parent_still_leaves_torch_usable():
    source = "import torch\ndef f():\n    import transformers\n    return 1\ndef g():\n    return torch.ones(2).sum().item()\n"
    result = _run(source, Call("f"), Call("g"), forbidden=("transformers",))
    assert [(c.ok, c.error_type) for c in result.calls] == [(False, "ForbiddenImport"), (True, None)]
    assert result.calls[1].value == 2.0
    assert result.forbidden == ("transformers",)


def test_a_small_torch_exercise_grades_through_the_torch_parent(tmp_path):
    folder = write_exercise(tmp_path, "torch-norm", meta={"entry": ["normalize"], "requires": ["torch"]})
    (folder / "reference.py").write_text(
        "import numpy as np\n\ndef normalize(x):\n    x = np.asarray(x, dtype=np.float32)\n"
        "    return (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + 1e-5)\n"
    )
    (folder / "grader.py").write_text(
        "from gpu_runner.graders.code import Case\n\n"
        "def make_cases(rng):\n"
        "    return [Case(name=f'rows {n}', fn='normalize', args=(rng.normal(size=(n, 4)).astype('float32'),),"
        " rtol=1e-4, atol=1e-5) for n in (1, 3)]\n"
    )
    source = "import torch\n\ndef normalize(x):\n    return torch.nn.functional.layer_norm(torch.from_numpy(x), (x.shape[-1],))\n"
    result = grade_bank_exercise(Bank([tmp_path]), "torch-norm", source, job_id="torch-norm", seed=3)
    assert (result.status, result.error, result.score) == ("passed", None, 1.0)
    assert result.runtime["isolation"] == EXPECTED_ISOLATION


def test_warm_up_starts_the_flavours_the_default_bank_requires():
    required = {flavour_for(exercise.requires) for exercise in Bank.default().all()}
    assert bank_flavours() == ["plain", *sorted(required - {"plain"})]
    assert "torch" in bank_flavours()  # digits-neural-network and positional-encoding require it


def test_the_bank_declares_torch_for_the_exercises_that_use_it():
    bank = Bank.default()
    assert bank.get("digits-neural-network").requires == ("torch",)
    assert bank.get("positional-encoding").requires == ("torch", "transformers")
    meta = yaml.safe_load((bank.get("digits-neural-network").path / "exercise.yaml").read_text())
    assert meta["libraries"] == {"allowed": ["numpy", "sklearn", "torch"]}
