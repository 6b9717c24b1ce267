"""Case helpers of the recurrent-layer exercises (rnn-cell, lstm-cell): weights in torch's layout and initialisation,
the cases that pass them as keyword arguments, and the situations both exercises test under the same name."""

from collections.abc import Callable
from typing import Any

import numpy as np

from gpu_runner.graders.case_texts import bilingual
from gpu_runner.graders.code import Case, case_maker

RTOL, ATOL = 1e-9, 1e-12

# Situations both exercises test, named alike.
STEP_EXAMPLE = {"en": "example: one step", "zh": "示例：一步"}
SEQUENCE_EXAMPLE = {"en": "example: a sequence of three steps", "zh": "示例：三步的序列"}
NO_STATE = {"en": "no state given: it starts at zeros", "zh": "没有给出状态：从全 0 开始"}
NO_INITIAL_STATE = {"en": "no initial state", "zh": "没有初始状态"}
SEQUENCE_BATCH = {"en": "a batch of sequences", "zh": "一批序列"}
BATCH_FIRST = {"en": "batch_first", "zh": "batch_first"}
UNBATCHED = {"en": "an unbatched sequence without biases", "zh": "不带批维度、没有偏置的序列"}


def torch_weights(
    rng: np.random.Generator, inputs: int, hidden: int, *, gates: int = 1, bias: bool = True, scale: float | None = None
) -> dict[str, np.ndarray]:
    """weight_ih (gates * hidden, inputs), weight_hh (gates * hidden, hidden) and, with `bias`, bias_ih and bias_hh,
    uniform in +-scale; torch's default scale is 1 / sqrt(hidden)."""
    bound = scale or 1.0 / np.sqrt(hidden)
    rows = gates * hidden
    weights = {
        "weight_ih": rng.uniform(-bound, bound, size=(rows, inputs)),
        "weight_hh": rng.uniform(-bound, bound, size=(rows, hidden)),
    }
    if bias:
        weights["bias_ih"] = rng.uniform(-bound, bound, size=rows)
        weights["bias_hh"] = rng.uniform(-bound, bound, size=rows)
    return weights


def weighted_case(fn: str) -> Callable[..., Case]:
    """`make(name, x, state, weights, *, visible=False, hint="", **options)`: the case `fn(x, state, **weights,
    **options)`, checked to 1e-9 relative."""
    make = case_maker(fn, rtol=RTOL, atol=ATOL)

    def case(name: Any, x: Any, state: Any, weights: dict[str, Any], **options: Any) -> Case:
        return make(name, x, state, **weights, **options)

    return case


def random_sizes(rng: np.random.Generator, most: int) -> tuple[int, int, int, int]:
    """A random layer's (inputs, hidden, steps, batch): sizes below `most`, up to 11 steps and 4 sequences."""
    inputs, hidden = int(rng.integers(1, most)), int(rng.integers(1, most))
    steps, batch = int(rng.integers(1, 12)), int(rng.integers(1, 5))
    return inputs, hidden, steps, batch


def sequence_shape(steps: int, batch: int, inputs: int, batch_first: bool) -> tuple[int, int, int]:
    return (batch, steps, inputs) if batch_first else (steps, batch, inputs)


def random_sequence(rng: np.random.Generator, steps: int, batch: int, inputs: int) -> tuple[bool, np.ndarray]:
    """A random layer's input: batch_first drawn at random, then `batch` sequences of `steps` standard normal
    vectors of `inputs` values, laid out as batch_first says."""
    batch_first = bool(rng.integers(0, 2))
    return batch_first, rng.normal(size=sequence_shape(steps, batch, inputs, batch_first))


def random_layer(number: int, layer: str) -> dict[str, str]:
    """The name of the `number`-th random layer case; the Chinese name says which layer ("随机 LSTM 层 1")."""
    return bilingual(f"random layer {number}", f"随机 {layer} 层 {number}")
