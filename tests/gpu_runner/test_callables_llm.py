"""The models and tools the LLM exercises' graders pass to learner code (gpu_runner/callables_llm.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gpu_runner import codec
from gpu_runner.callables_llm import calculator, failing_tool, lm_random, lm_table, lookup, scripted_model


def test_lm_table_answers_by_prefix_whatever_sequence_type_the_caller_uses():
    step = lm_table({"0": [-math.inf, math.log(0.25), math.log(0.75)], "0 2": [0.0, -1.0, -2.0]})

    np.testing.assert_array_equal(step([0]), [-math.inf, math.log(0.25), math.log(0.75)])
    np.testing.assert_array_equal(step((0, 2)), [0.0, -1.0, -2.0])
    np.testing.assert_array_equal(step(np.array([0, 2])), [0.0, -1.0, -2.0])


def test_lm_table_names_the_prefix_it_does_not_know_or_falls_back_to_its_default():
    with pytest.raises(KeyError, match=r"no distribution for the prefix \[0 1\]"):
        lm_table({"0": [0.0]})([0, 1])
    assert lm_table({"0": [0.0]}, default=[-0.5])([0, 1]).tolist() == [-0.5]


def test_lm_table_hands_out_copies():
    step = lm_table({"0": [-1.0, -2.0]})
    step([0])[0] = 99.0
    assert step([0]).tolist() == [-1.0, -2.0]


def test_lm_random_is_a_fixed_normalised_distribution_per_prefix():
    params = {"vocab": 7, "seed": 123, "eos": 1, "eos_boost": 0.5, "scale": 2.0, "blocked": [0]}
    first, second = lm_random(**params), lm_random(**params)

    a = first([0, 3, 4])
    second([0, 5])  # another prefix in between changes nothing: no hidden state
    np.testing.assert_array_equal(a, second([0, 3, 4]))
    assert a[0] == -math.inf
    assert math.isclose(np.exp(a[1:]).sum(), 1.0, rel_tol=1e-12)
    assert not np.array_equal(first([0, 3]), first([0, 4]))


def test_lm_random_raises_the_end_token_with_length():
    plain = lm_random(vocab=5, seed=9, eos=1, eos_boost=0.0)
    boosted = lm_random(vocab=5, seed=9, eos=1, eos_boost=2.0)

    assert boosted([0])[1] == pytest.approx(plain([0])[1])  # nothing generated yet, no boost
    assert boosted([0, 2, 3])[1] > plain([0, 2, 3])[1] + 1.0


def test_lm_random_refuses_tokens_outside_its_vocabulary():
    with pytest.raises(ValueError, match=r"outside the vocabulary 0\.\.4"):
        lm_random(vocab=5, seed=1, eos=1)([0, 5])


def test_scripted_model_plays_its_turns_while_the_prompt_holds_what_each_expects():
    model = scripted_model(
        [{"reply": "Action: calculator"}, {"reply": "Final Answer: 4", "expect": ["Observation: 4"]}]
    )

    assert model("Question: 2 + 2?\n") == "Action: calculator"
    assert model("Question: 2 + 2?\nAction: calculator\nObservation: 4\n") == "Final Answer: 4"
    assert model("anything") == "Final Answer: OFF SCRIPT (the model was called after its script ended)"


def test_scripted_model_names_the_missing_text_when_the_prompt_lacks_it():
    model = scripted_model([{"reply": "one"}, {"reply": "two", "expect": ["Observation: 42"]}])
    model("Question: ?\n")

    assert model("Question: ?\nObservation: 41\n") == (
        "Final Answer: OFF SCRIPT (call 2: the prompt lacks 'Observation: 42')"
    )


def test_scripted_model_can_repeat_its_last_turn_forever():
    model = scripted_model([{"reply": "Action: calculator\nAction Input: 1 + 1"}], repeat_last=True)

    assert {model(f"call {n}") for n in range(5)} == {"Action: calculator\nAction Input: 1 + 1"}


def test_scripted_model_takes_the_prompt_as_one_string():
    with pytest.raises(TypeError, match="one str, got list"):
        scripted_model([{"reply": "x"}])([{"role": "user", "content": "hi"}])


@pytest.mark.parametrize(
    ("expression", "result"),
    [("17 * 23 + 5", "396"), ("7 / 2", "3.5"), ("1 / 3", "0.3333333333"), ("-(2 + 3) * 4", "-20"), ("1.5 * 2", "3")],
)
def test_calculator_does_arithmetic_and_prints_at_most_ten_significant_digits(expression, result):
    assert calculator()(expression) == result


@pytest.mark.parametrize("expression", ["__import__('os')", "2 ** 10", "x + 1", "", "1 +"])
def test_calculator_refuses_anything_but_numbers_and_four_operators(expression):
    with pytest.raises(ValueError):
        calculator()(expression)


def test_calculator_lets_a_division_by_zero_raise():
    with pytest.raises(ZeroDivisionError, match="division by zero"):
        calculator()("12 / (3 - 3)")


def test_lookup_ignores_case_and_surrounding_spaces_and_raises_key_error_for_the_unknown():
    tool = lookup({"Population of Lyon": "522000"})

    assert tool("  population of LYON ") == "522000"
    with pytest.raises(KeyError) as raised:
        tool("population of Atlantis")
    assert str(raised.value) == "'population of atlantis'"


def test_failing_tool_always_raises_its_message():
    with pytest.raises(RuntimeError, match=r"^the weather service is unavailable$"):
        failing_tool("the weather service is unavailable")("Paris")


def test_callables_cross_the_codec_as_references_and_resolve_on_the_other_side():
    ref = codec.FunctionRef("scripted_model", {"turns": [{"reply": "Final Answer: yes"}]})
    tools = {"calculator": codec.FunctionRef("calculator"), "lookup": codec.FunctionRef("lookup", {"table": {}})}

    args = codec.decode(codec.encode((ref, tools)), resolve_functions=True)

    assert args[0]("Question: ?\n") == "Final Answer: yes"
    assert args[1]["calculator"]("6 * 7") == "42"
    assert codec.decode(codec.encode(ref)) == ref  # unresolved, it stays data
