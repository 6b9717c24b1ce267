"""The bilingual case texts the bank's graders share."""

import numpy as np
import pytest

from gpu_runner.bank import Bank
from gpu_runner.graders.case_texts import (
    RAISE_VALUE_ERROR,
    STATEMENT_EXAMPLE,
    bilingual,
    not_a_tuple,
    raises_value_error,
)
from gpu_runner.graders.code import case_maker
from gpu_runner.texts import pair, render


def test_bilingual_is_a_pair_of_english_and_chinese():
    text = bilingual("an empty sample", "空样本")
    assert text == {"en": "an empty sample", "zh": "空样本"}
    assert pair(text) == text
    assert (render(text, "en"), render(text, "zh")) == ("an empty sample", "空样本")


def test_raise_value_error_hint_reads_the_same_in_every_exercise():
    assert RAISE_VALUE_ERROR == {"en": "raise ValueError", "zh": "抛出 ValueError"}


def test_statement_example_names_the_case_in_both_languages():
    assert STATEMENT_EXAMPLE == {"en": "statement example", "zh": "题目示例"}


def test_raises_value_error_names_the_situation_in_both_languages():
    assert raises_value_error("an empty sample", "空样本") == {
        "en": "an empty sample raises ValueError",
        "zh": "空样本时抛出 ValueError",
    }


def test_case_texts_are_valid_case_names_and_hints():
    case = case_maker("fit")(raises_value_error("an empty sample", "空样本"), [], hint=RAISE_VALUE_ERROR)
    assert case.title == "an empty sample raises ValueError"
    assert case.hint == {"en": "raise ValueError", "zh": "抛出 ValueError"}


def test_not_a_tuple_names_the_parts_a_result_must_have():
    parts = ("tags", "log_probability")
    assert not_a_tuple((["N"], -1.0), parts) is None and not_a_tuple([["N"], -1.0], parts) is None
    expected = {"en": "return a tuple (tags, log_probability)", "zh": "应返回元组 (tags, log_probability)"}
    for got in (["N"], (["N"], -1.0, 0), None, "NV"):
        assert not_a_tuple(got, parts) == expected


@pytest.mark.parametrize(
    ("slug", "parts"),
    [
        ("bpe-train", "vocabulary, merges"),
        ("pca", "projected, components"),
        ("skipgram-negative-sampling", "loss, grad_W_in, grad_W_out"),
        ("tf-idf", "vocabulary, matrix"),
        ("viterbi-pos-tagger", "tags, log_probability"),
    ],
)
def test_a_grader_whose_entry_returns_several_results_says_which_when_it_gets_one(slug, parts):
    grader = Bank.default().get(slug).load_module("grader")
    # bpe-train's check reads the case's function: the trainer is the one that returns two results
    case = next(c for c in grader.make_cases(np.random.default_rng(0)) if slug != "bpe-train" or c.fn == "bpe_train")
    assert grader.check(case, None, 42) == {"en": f"return a tuple ({parts})", "zh": f"应返回元组 ({parts})"}
