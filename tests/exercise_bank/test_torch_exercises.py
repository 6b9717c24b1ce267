"""The deep-learning exercises (and the parallel-computing one): their statements' worked examples are what the references compute and the references
agree with torch on random configurations beyond the graded cases (their cases' rules: test_case_rules.py).

`test_solutions.py` proves each reference passes its own grader and each wrong solution fails; the oracles prove
the graders agree with torch on the cases a job draws. These tests go wider (many random shapes and settings,
straight against torch, without the sandbox) and check what neither sees: the numbers a statement shows.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from gpu_runner.codec import FunctionRef, resolve
from tests.exercise_bank.helpers import TORCH_SLUGS, reference


def t64(array) -> torch.Tensor:
    return torch.tensor(array, dtype=torch.float64)


# --- the statements' worked examples -------------------------------------------------------------


def test_layer_norm_statement_example(bank):
    run = reference(bank, "layer-norm-module").run_layer_norm
    x = np.array([[1.0, 2.0, 4.0], [-1.0, 0.0, 1.0]])
    fresh = run(x, 3)
    assert set(fresh) == {"parameters", "output"}
    np.testing.assert_array_equal(fresh["parameters"]["weight"], [1.0, 1.0, 1.0])
    np.testing.assert_array_equal(fresh["parameters"]["bias"], [0.0, 0.0, 0.0])
    np.testing.assert_allclose(fresh["output"].round(4), [[-1.069, -0.2673, 1.3363], [-1.2247, 0.0, 1.2247]])
    state = {"weight": np.array([1.0, 2.0, 0.5]), "bias": np.array([0.0, 1.0, -1.0])}
    out = run(x, 3, state=state, grad_output=np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]))
    np.testing.assert_allclose(out["output"].round(4), [[-1.069, 0.4655, -0.3318], [-1.2247, 1.0, -0.3876]])
    np.testing.assert_allclose(out["grad_parameters"]["weight"].round(4), [-1.069, 0.0, 0.0])
    np.testing.assert_array_equal(out["grad_parameters"]["bias"], [1.0, 1.0, 0.0])


def test_adam_statement_examples(bank):
    module = reference(bank, "adam-step")
    param, grad = np.array([1.0, -2.0]), np.array([0.5, -1.0])
    p, m, v = module.adam_step(param, grad, np.zeros(2), np.zeros(2), 1, lr=0.1)
    np.testing.assert_allclose(p, [0.9, -1.9], rtol=1e-7)
    np.testing.assert_allclose(m, [0.05, -0.1])
    np.testing.assert_allclose(v, [0.00025, 0.001])
    moments = (np.array([0.1, -0.2]), np.array([0.01, 0.04]))
    p, m, v = module.adam_step(param, grad, *moments, 3, lr=0.1, weight_decay=0.1)
    np.testing.assert_allclose(p.round(6), [0.970215, -1.970215])
    np.testing.assert_allclose(m, [0.15, -0.3])
    np.testing.assert_allclose(v, [0.01035, 0.0414])
    p, _, _ = module.adam_step(param, grad, *moments, 3, lr=0.1, weight_decay=0.1, decoupled=True)
    np.testing.assert_allclose(p.round(6), [0.962052, -1.952052])
    quadratic = resolve(FunctionRef("quadratic_grad", {"a": np.diag([2.0, 1.0]), "b": np.array([2.0, -1.0])}))
    path = module.adam_minimize(quadratic, np.zeros(2), 3, lr=0.1)
    np.testing.assert_allclose(path.round(6), [[0, 0], [0.1, -0.1], [0.199588, -0.199588], [0.298414, -0.298414]])


def test_dropout_statement_example(bank):
    module = reference(bank, "inverted-dropout")
    x = np.arange(1.0, 9.0).reshape(2, 4)
    draws = torch.rand((2, 4), generator=torch.Generator().manual_seed(0), dtype=torch.float64).numpy()
    np.testing.assert_allclose(draws.round(3), [[0.970, 0.708, 0.459, 0.921], [0.645, 0.791, 0.179, 0.351]])
    np.testing.assert_array_equal(module.dropout(x, p=0.5, seed=0), [[2, 4, 0, 8], [10, 12, 0, 0]])
    np.testing.assert_array_equal(module.dropout(x, p=0.5, training=False, seed=0), x)
    np.testing.assert_array_equal(module.dropout_backward(np.ones((2, 4)), p=0.5, seed=0), [[2, 2, 0, 2], [2, 2, 0, 0]])


def test_rnn_statement_examples(bank):
    module = reference(bank, "rnn-cell")
    weights = bank.get("rnn-cell").load_module("grader").EXAMPLE
    np.testing.assert_allclose(
        module.rnn_cell(np.array([1.0, -1.0]), np.array([0.5, 0.0]), **weights).round(4), [0.8005, 0.2913]
    )
    output, h_n = module.rnn_forward(np.array([[1.0, -1.0], [0.5, 0.5], [0.0, 2.0]]), np.array([[0.5, 0.0]]), **weights)
    np.testing.assert_allclose(output.round(4), [[0.8005, 0.2913], [0.3725, -0.3407], [-0.8456, -0.6308]])
    np.testing.assert_array_equal(h_n, output[-1:])


def test_lstm_statement_examples(bank):
    module = reference(bank, "lstm-cell")
    weights = bank.get("lstm-cell").load_module("grader").EXAMPLE
    h, c = module.lstm_cell(np.array([1.0]), (np.array([0.5]), np.array([1.0])), **weights)
    assert (round(float(h[0]), 4), round(float(c[0]), 4)) == (0.476, 0.7773)
    output, (h_n, c_n) = module.lstm_forward(
        np.array([[1.0], [-1.0], [0.5]]), (np.array([[0.5]]), np.array([[1.0]])), **weights
    )
    np.testing.assert_allclose(output.round(4), [[0.476], [0.03], [0.2672]])
    assert (round(float(h_n[0, 0]), 4), round(float(c_n[0, 0]), 4)) == (0.2672, 0.5963)


def test_conv2d_statement_examples(bank):
    module = reference(bank, "conv2d")
    x, w = np.arange(16.0).reshape(1, 1, 4, 4), np.array([[[[1.0, 0.0], [0.0, -1.0]]]])
    np.testing.assert_array_equal(module.conv2d(x, w), np.full((1, 1, 3, 3), -5.0))
    np.testing.assert_array_equal(
        module.conv2d(x, w, bias=np.array([0.5]), stride=2, padding=1)[0, 0],
        [[0.5, -1.5, 0.5], [-7.5, -4.5, 7.5], [0.5, 13.5, 15.5]],
    )
    assert (module.conv2d_output_size(32, 3, 1, 1, 1), module.conv2d_output_size(32, 3, 2, 1, 1)) == (32, 16)


# --- the references against torch, beyond the graded cases -----------------------------------------


def test_layer_norm_reference_equals_torch_on_random_shapes(bank):
    module = reference(bank, "layer-norm-module")
    rng = np.random.default_rng(5)
    for _ in range(20):
        shape = tuple(int(n) for n in rng.integers(1, 5, size=int(rng.integers(1, 4))))
        x = rng.normal(3.0, 2.0, size=tuple(int(n) for n in rng.integers(1, 4, size=2)) + shape)
        ours = module.LayerNorm(list(shape), eps=1e-3, bias=bool(rng.integers(0, 2))).double()
        theirs = torch.nn.LayerNorm(list(shape), eps=1e-3, bias=ours.bias is not None).double()
        assert [name for name, _ in ours.named_parameters()] == [name for name, _ in theirs.named_parameters()]
        state = {name: t64(rng.normal(size=shape)) for name, _ in theirs.named_parameters()}
        ours.load_state_dict(state)
        theirs.load_state_dict(state)
        np.testing.assert_allclose(
            ours(t64(x)).detach().numpy(), theirs(t64(x)).detach().numpy(), rtol=1e-9, atol=1e-12
        )


def test_adam_reference_follows_torch_adam_and_adamw_over_a_run(bank):
    module = reference(bank, "adam-step")
    rng = np.random.default_rng(6)
    for decoupled in (False, True):
        x0 = rng.normal(size=4)
        target = rng.normal(size=4)
        param = torch.nn.Parameter(t64(x0))
        kind = torch.optim.AdamW if decoupled else torch.optim.Adam
        optimizer = kind([param], lr=0.05, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.2)
        x, m, v = x0.copy(), np.zeros(4), np.zeros(4)
        for t in range(1, 101):
            grad = 2.0 * (x - target) + np.sin(t * x)
            param.grad = t64(grad)
            optimizer.step()
            x, m, v = module.adam_step(x, grad, m, v, t, 0.05, (0.8, 0.99), 1e-6, 0.2, decoupled)
            np.testing.assert_allclose(x, param.detach().numpy(), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu"])
def test_rnn_reference_equals_torch_rnn_with_batch_first(bank, nonlinearity):
    module = reference(bank, "rnn-cell")
    rng = np.random.default_rng(7)
    rnn = torch.nn.RNN(3, 5, nonlinearity=nonlinearity, batch_first=True).double()
    weights = {name.removesuffix("_l0"): p.detach().numpy() for name, p in rnn.named_parameters()}
    x, h0 = rng.normal(size=(2, 9, 3)), rng.normal(size=(1, 2, 5))
    output, h_n = module.rnn_forward(x, h0, nonlinearity=nonlinearity, batch_first=True, **weights)
    expected, expected_h = rnn(t64(x), t64(h0))
    np.testing.assert_allclose(output, expected.detach().numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(h_n, expected_h.detach().numpy(), rtol=1e-10, atol=1e-12)


def test_lstm_reference_equals_torch_lstm_over_a_long_sequence(bank):
    module = reference(bank, "lstm-cell")
    rng = np.random.default_rng(8)
    lstm = torch.nn.LSTM(4, 6).double()
    weights = {name.removesuffix("_l0"): p.detach().numpy() for name, p in lstm.named_parameters()}
    x, h0, c0 = rng.normal(size=(80, 3, 4)), rng.normal(size=(1, 3, 6)), rng.normal(size=(1, 3, 6))
    output, (h_n, c_n) = module.lstm_forward(x, (h0, c0), **weights)
    expected, (expected_h, expected_c) = lstm(t64(x), (t64(h0), t64(c0)))
    np.testing.assert_allclose(output, expected.detach().numpy(), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(c_n, expected_c.detach().numpy(), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(h_n, expected_h.detach().numpy(), rtol=1e-9, atol=1e-12)


@pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel lengths")
def test_conv2d_reference_equals_torch_on_random_layers(bank):
    module = reference(bank, "conv2d")
    rng = np.random.default_rng(9)
    for _ in range(40):
        groups = int(rng.choice([1, 2, 3]))
        c_in, c_out = groups * int(rng.integers(1, 3)), groups * int(rng.integers(1, 3))
        kernel = (int(rng.integers(1, 5)), int(rng.integers(1, 5)))
        dilation = (int(rng.integers(1, 3)), int(rng.integers(1, 3)))
        same = bool(rng.integers(0, 3) == 0)
        stride = (1, 1) if same else (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
        padding = "same" if same else (int(rng.integers(0, 3)), int(rng.integers(0, 3)))
        x = rng.normal(size=(2, c_in, int(rng.integers(9, 14)), int(rng.integers(9, 14))))
        w, b = rng.normal(size=(c_out, c_in // groups, *kernel)), rng.normal(size=c_out)
        ours = module.conv2d(x, w, b, stride, padding, dilation, groups)
        theirs = F.conv2d(t64(x), t64(w), t64(b), stride, padding, dilation, groups).numpy()
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-10)
        assert ours.shape[2] == (
            x.shape[2] if same else module.conv2d_output_size(x.shape[2], kernel[0], stride[0], padding[0], dilation[0])
        )


def test_dropout_keeps_about_one_minus_p_and_preserves_the_mean(bank):
    module = reference(bank, "inverted-dropout")
    x = np.ones((400, 500))
    for p in (0.1, 0.5, 0.8):
        y = module.dropout(x, p=p, seed=11)
        assert abs((y > 0).mean() - (1 - p)) < 0.01
        assert abs(y.mean() - 1.0) < 0.02
        assert set(np.unique(y)) == {0.0, 1.0 / (1.0 - p)}


@pytest.mark.parametrize("slug", TORCH_SLUGS)
def test_statements_name_the_libraries_the_exercise_allows(bank, slug):
    exercise = bank.get(slug)
    [available] = [line for line in exercise.statement["en"].splitlines() if line.startswith("Available: ")]
    [zh_available] = [line for line in exercise.statement["zh"].splitlines() if line.startswith("可以使用")]
    if "torch" in exercise.libraries.forbidden:
        assert re.search(r"torch( and SciPy)? (is|are) not", available), available
        assert "不能使用 torch" in zh_available, zh_available
    else:
        assert available.startswith("Available: `torch` (already loaded in the sandbox"), available
        assert zh_available.startswith("可以使用 `torch`（沙箱里已经预先加载"), zh_available
        assert exercise.requires == ("torch",), f"{slug} lets the learner use torch: it must be preloaded"


# --- training-loop's generated data ---------------------------------------------------------------------


def test_training_loop_data_are_the_same_on_every_machine(bank):
    """Drawn from random.Random.random() only: labels bit for bit, readings to the last few ulps of libm."""
    import hashlib

    X_train, y_train, X_test, y_test = bank.get("training-loop").load_module("grader").load_data()
    assert (X_train.shape, X_test.shape) == ((2250, 10), (750, 10))
    y = np.concatenate([y_train, y_test])
    assert hashlib.sha256(y.tobytes()).hexdigest()[:16] == "be509f0332224b5e"
    assert np.bincount(y).tolist() == [1000, 1000, 1000]
    np.testing.assert_allclose(
        X_train[0],
        [
            1138.3466624166415,
            706.99112540162309,
            674.40483241172001,
            1.4373220943433791,
            17109.870355170249,
            32.935112080933571,
            111861.41971806409,
            192099.56235608293,
            0.59284838434733433,
            1807.9428031505377,
        ],
        rtol=1e-12,
    )
    means = np.concatenate([X_train, X_test]).mean(axis=0)
    np.testing.assert_allclose(
        means,
        [
            1125.3979269739154,
            689.31212524248474,
            652.48913434321469,
            1.4169214488963056,
            17118.753057551599,
            33.943747712521805,
            110669.71651903055,
            192799.84733306349,
            0.5931571786563048,
            1818.4940989949046,
        ],
        rtol=1e-12,
    )


def test_training_loop_readings_span_six_orders_of_magnitude_so_scaling_matters(bank):
    X_train = bank.get("training-loop").load_module("grader").load_data()[0]
    spread = X_train.std(axis=0)
    assert spread.max() / spread.min() > 1e4
    assert (np.abs(X_train.mean(axis=0)) > 10 * spread).all()  # every sensor sits on a large offset


# --- training-memory, map-reduce and the Keras quiz ------------------------------------------------------


def test_training_memory_statement_examples(bank):
    module = reference(bank, "training-memory")
    full = module.training_memory(6_738_415_616, precision="bf16_mixed")
    assert full == {
        "weights": 13476831232,
        "gradients": 13476831232,
        "master_weights": 26953662464,
        "optimizer_states": 53907324928,
        "activations": 0,
        "total": 107814649856,
    }
    assert round(full["total"] / 2**30, 1) == 100.4
    lora = module.training_memory(6_738_415_616 + 4_194_304, precision="bf16_mixed", trainable=4_194_304)
    assert lora["total"] == 13543940096 and round(lora["total"] / 2**30, 1) == 12.6
    assert module.activation_bytes(8, 1024, 768, 12, 12) == 8606711808 == 12 * (213_909_504 + 503_316_480)
    assert module.activation_bytes(8, 1024, 768, 12, 12, flash_attention=True) == 2566914048
    assert module.activation_bytes(8, 1024, 768, 12, 12, checkpointing=True) == 868220928
    assert round(1 - 2566914048 / 8606711808, 2) == 0.70
    assert module.max_batch_size(80 * 2**30, 30 * 2**30, 700 * 2**20) == 73


@pytest.mark.parametrize(("precision", "weights"), [("fp32", torch.float32), ("amp", torch.float32)])
def test_training_memory_counts_what_torch_allocates_for_weights_gradients_and_adam(bank, precision, weights):
    """A real model, a real AdamW step: the bytes of its parameters, gradients and optimiser state tensors are the
    statement's 4 + 4 + 8 per parameter, with autocast or without (it casts inside the matmuls only)."""
    module = reference(bank, "training-memory")
    model = torch.nn.Sequential(torch.nn.Linear(32, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10)).to(weights)
    optimizer = torch.optim.AdamW(model.parameters())
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "amp"):
        loss = model(torch.randn(8, 32)).float().pow(2).mean()
    loss.backward()
    optimizer.step()
    params = list(model.parameters())
    states = [v for p in params for k, v in optimizer.state[p].items() if k != "step"]
    expected = module.training_memory(sum(p.numel() for p in params), precision=precision)
    assert sum(p.nbytes for p in params) == expected["weights"]
    assert sum(p.grad.nbytes for p in params) == expected["gradients"]
    assert sum(s.nbytes for s in states) == expected["optimizer_states"]
