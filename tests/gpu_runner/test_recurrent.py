"""The recurrent exercises' case helpers: torch's weight layout and initialisation range, and the weighted case."""

import numpy as np

from gpu_runner.graders.recurrent import ATOL, RTOL, random_sizes, sequence_shape, torch_weights, weighted_case


def test_torch_weights_stack_the_gates_rows_and_stay_in_torchs_range():
    weights = torch_weights(np.random.default_rng(0), 5, 3, gates=4)
    assert {name: w.shape for name, w in weights.items()} == {
        "weight_ih": (12, 5),
        "weight_hh": (12, 3),
        "bias_ih": (12,),
        "bias_hh": (12,),
    }
    assert all(np.abs(w).max() <= 1 / np.sqrt(3) for w in weights.values())


def test_torch_weights_without_bias_and_with_a_scale():
    weights = torch_weights(np.random.default_rng(0), 2, 4, bias=False, scale=20.0)
    assert list(weights) == ["weight_ih", "weight_hh"]
    assert np.abs(weights["weight_ih"]).max() > 1.0


def test_weighted_case_passes_the_weights_before_the_options():
    case = weighted_case("rnn_forward")("n", "x", None, {"weight_ih": 1, "weight_hh": 2}, batch_first=True, hint="h")
    assert (case.fn, case.args, case.hint, case.rtol, case.atol) == ("rnn_forward", ("x", None), "h", RTOL, ATOL)
    assert list(case.kwargs) == ["weight_ih", "weight_hh", "batch_first"]


def test_random_sizes_and_sequence_shape():
    inputs, hidden, steps, batch = random_sizes(np.random.default_rng(1), 3)
    assert 1 <= inputs < 3 and 1 <= hidden < 3 and 1 <= steps < 12 and 1 <= batch < 5
    assert sequence_shape(7, 2, 3, batch_first=False) == (7, 2, 3)
    assert sequence_shape(7, 2, 3, batch_first=True) == (2, 7, 3)
