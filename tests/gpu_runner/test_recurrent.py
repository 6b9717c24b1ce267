"""The recurrent exercises' case helpers: torch's weight layout and initialisation range, the weighted case, and the
random layers' inputs and names."""

import numpy as np

from gpu_runner.graders.recurrent import (
    ATOL,
    RTOL,
    random_layer,
    random_sequence,
    random_sizes,
    sequence_shape,
    torch_weights,
    weighted_case,
)


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


def test_random_sequence_draws_the_layout_then_the_values_in_it():
    layouts = set()
    for seed in range(8):
        batch_first, x = random_sequence(np.random.default_rng(seed), 5, 2, 3)
        own = np.random.default_rng(seed)
        assert batch_first is bool(own.integers(0, 2))
        assert x.shape == ((2, 5, 3) if batch_first else (5, 2, 3))
        np.testing.assert_array_equal(x, own.normal(size=x.shape))
        layouts.add(batch_first)
    assert layouts == {False, True}


def test_random_layer_names_the_layer_in_chinese_only():
    assert random_layer(2, "LSTM") == {"en": "random layer 2", "zh": "随机 LSTM 层 2"}
