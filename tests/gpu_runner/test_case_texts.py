"""The bilingual case texts the bank's graders share."""

from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR, STATEMENT_EXAMPLE, bilingual, raises_value_error
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
