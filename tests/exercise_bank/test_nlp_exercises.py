"""The NLP/Transformer exercises' references checked against independent computations.

A broken reference would grade every learner wrongly, and `test_solutions.py` only checks that the
reference passes its own grader. Here each reference is compared with another implementation:
PyTorch's attention, scikit-learn's TfidfVectorizer, Hugging Face's top-k warper, a regular-expression
tokenizer, closed-form values of the positional encoding.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from gpu_runner.bank import Bank
from tests.exercise_bank.helpers import reference

NLP_CODE_SLUGS = (
    "tokenize",
    "tf-idf",
    "scaled-dot-product-attention",
    "multi-head-attention",
    "positional-encoding",
    "causal-mask",
    "top-k-filter",
)
NLP_QUIZ_SLUGS = (
    "quiz-sequential-vs-parallel",
    "quiz-cpu-vs-gpu",
    "quiz-general-vs-special-purpose",
    "quiz-edge-cloud-fog",
    "quiz-numpy",
    "quiz-bert-vs-gpt",
    "quiz-agent-types",
)


def grader(bank: Bank, slug: str):
    return bank.get(slug).load_module("grader")


# --- scaled-dot-product-attention ------------------------------------------------------------------


@pytest.mark.parametrize("batch", [(), (3,), (2, 4)])
def test_attention_output_matches_torch_sdpa(bank, batch):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(7)
    q = rng.normal(size=(*batch, 5, 8))
    k = rng.normal(size=(*batch, 6, 8))
    v = rng.normal(size=(*batch, 6, 3))

    output, weights = reference(bank, "scaled-dot-product-attention").attention(q, k, v)

    expected = torch.nn.functional.scaled_dot_product_attention(
        torch.from_numpy(q), torch.from_numpy(k), torch.from_numpy(v)
    ).numpy()
    np.testing.assert_allclose(output, expected, rtol=1e-10, atol=1e-12)
    assert weights.shape == (*batch, 5, 6)
    np.testing.assert_allclose(weights.sum(axis=-1), 1.0, rtol=1e-12)


def test_attention_boolean_mask_means_allowed_like_torch(bank):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(8)
    q, k, v = rng.normal(size=(2, 4, 4)), rng.normal(size=(2, 4, 4)), rng.normal(size=(2, 4, 2))
    mask = rng.random((2, 4, 4)) < 0.5
    mask[:, :, 0] = True  # every query keeps one key

    output, weights = reference(bank, "scaled-dot-product-attention").attention(q, k, v, mask=mask)

    # torch's boolean attn_mask uses the same convention: True = takes part in attention.
    expected = torch.nn.functional.scaled_dot_product_attention(
        torch.from_numpy(q), torch.from_numpy(k), torch.from_numpy(v), attn_mask=torch.from_numpy(mask)
    ).numpy()
    np.testing.assert_allclose(output, expected, rtol=1e-10, atol=1e-12)
    assert np.all(weights[~mask] == 0.0)


def test_attention_is_stable_for_logits_in_the_thousands(bank):
    q = np.array([[[40.0, 30.0], [-35.0, 20.0]]])
    k = np.array([[[50.0, 40.0], [-50.0, 40.0], [0.0, 0.0]]])
    v = np.array([[[1.0], [2.0], [3.0]]])

    output, weights = reference(bank, "scaled-dot-product-attention").attention(q, k, v)

    # Query 0 scores key 0 at (2000 + 1200) / sqrt(2), far above the others: all its weight goes there.
    assert np.isfinite(output).all()
    np.testing.assert_allclose(weights[0, 0], [1.0, 0.0, 0.0], atol=1e-300)
    np.testing.assert_allclose(output[0, 0], [1.0])


# --- multi-head-attention --------------------------------------------------------------------------


@pytest.mark.parametrize("num_heads", [1, 2, 4])
@pytest.mark.parametrize("causal", [False, True])
def test_multi_head_attention_matches_torch_multihead_attention(bank, num_heads, causal):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(num_heads)
    d_model, seq, batch = 8, 5, 3
    x = rng.normal(size=(batch, seq, d_model))
    w_q, w_k, w_v, w_o = (rng.normal(size=(d_model, d_model)) / math.sqrt(d_model) for _ in range(4))
    allowed = np.tril(np.ones((seq, seq), dtype=bool)) if causal else None

    got = reference(bank, "multi-head-attention").multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, mask=allowed)

    mha = torch.nn.MultiheadAttention(d_model, num_heads, bias=False, batch_first=True).double()
    with torch.no_grad():
        # torch computes x @ W.T, the exercise x @ W; heads are consecutive blocks in both.
        mha.in_proj_weight.copy_(torch.from_numpy(np.concatenate([w_q.T, w_k.T, w_v.T])))
        mha.out_proj.weight.copy_(torch.from_numpy(w_o.T))
        xt = torch.from_numpy(x)
        # nn.MultiheadAttention's boolean mask is the other way round: True = may NOT attend.
        attn_mask = None if allowed is None else torch.from_numpy(~allowed)
        expected, _ = mha(xt, xt, xt, attn_mask=attn_mask, need_weights=False)
    np.testing.assert_allclose(got, expected.numpy(), rtol=1e-10, atol=1e-12)


def test_multi_head_attention_rejects_a_head_count_that_does_not_divide_d_model(bank):
    x = np.zeros((2, 6))
    w = np.eye(6)
    with pytest.raises(ValueError, match="not divisible"):
        reference(bank, "multi-head-attention").multi_head_attention(x, w, w, w, w, 4)


# --- positional-encoding ---------------------------------------------------------------------------


def test_positional_encoding_known_values(bank):
    pe = reference(bank, "positional-encoding").positional_encoding(50, 512)

    assert pe.shape == (50, 512)
    assert pe.dtype == np.float64
    np.testing.assert_array_equal(pe[0, 0::2], 0.0)
    np.testing.assert_array_equal(pe[0, 1::2], 1.0)
    assert pe[1, 0] == pytest.approx(math.sin(1.0), abs=1e-15)
    assert pe[1, 1] == pytest.approx(math.cos(1.0), abs=1e-15)
    # Column 2i = 10 and 2i + 1 = 11 share the frequency 1 / 10000^(10/512).
    assert pe[10, 10] == pytest.approx(math.sin(10 / 10000 ** (10 / 512)), abs=1e-14)
    assert pe[10, 11] == pytest.approx(math.cos(10 / 10000 ** (10 / 512)), abs=1e-14)
    assert pe[49, 511] == pytest.approx(math.cos(49 / 10000 ** (510 / 512)), abs=1e-14)


def test_positional_encoding_odd_width_ends_with_a_sine_column(bank):
    pe = reference(bank, "positional-encoding").positional_encoding(4, 5)

    assert pe.shape == (4, 5)
    np.testing.assert_allclose(pe[:, 4], np.sin(np.arange(4) / 10000 ** (4 / 5)), rtol=1e-14)


def test_positional_encoding_shift_is_a_rotation_of_each_sine_cosine_pair(bank):
    # The paper's motivation: PE[pos + k] is a fixed linear map (a rotation per frequency) of PE[pos].
    pe = reference(bank, "positional-encoding").positional_encoding(40, 16)
    shift = 7
    for i in range(8):
        omega = 1 / 10000 ** (2 * i / 16)
        c, s = math.cos(omega * shift), math.sin(omega * shift)
        sin_now, cos_now = pe[:-shift, 2 * i], pe[:-shift, 2 * i + 1]
        np.testing.assert_allclose(pe[shift:, 2 * i], sin_now * c + cos_now * s, atol=1e-12)
        np.testing.assert_allclose(pe[shift:, 2 * i + 1], cos_now * c - sin_now * s, atol=1e-12)


def test_positional_encoding_empty_sequence(bank):
    assert reference(bank, "positional-encoding").positional_encoding(0, 8).shape == (0, 8)


# --- causal-mask -----------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 2, 7])
def test_causal_mask_equals_torch_tril(bank, n):
    torch = pytest.importorskip("torch")
    mask = reference(bank, "causal-mask").causal_mask(n)

    assert mask.dtype == np.bool_
    np.testing.assert_array_equal(mask, torch.ones(n, n, dtype=torch.bool).tril().numpy())


# --- top-k-filter ----------------------------------------------------------------------------------


def _torch_top_k(torch, logits: np.ndarray, k: int) -> np.ndarray:
    scores = torch.from_numpy(logits)
    threshold = torch.topk(scores, k, dim=-1).values[..., -1:]
    return scores.masked_fill(scores < threshold, float("-inf")).numpy()


@pytest.mark.parametrize("k", [1, 3, 12])
def test_top_k_filter_matches_torch_topk_with_ties(bank, k):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(k)
    logits = rng.integers(-3, 4, size=(2, 3, 12)).astype(np.float64)  # many ties

    got = reference(bank, "top-k-filter").top_k_filter(logits, k)

    np.testing.assert_array_equal(got, _torch_top_k(torch, logits, k))
    assert (np.isfinite(got).sum(axis=-1) >= k).all()


@pytest.mark.slow
def test_top_k_filter_matches_hugging_face_top_k_warper(bank):
    torch = pytest.importorskip("torch")
    generation = pytest.importorskip("transformers.generation.logits_process")
    rng = np.random.default_rng(3)
    logits = np.round(rng.normal(size=(4, 50)), 1)  # rounding makes ties

    got = reference(bank, "top-k-filter").top_k_filter(logits, 5)

    warper = generation.TopKLogitsWarper(top_k=5)
    expected = warper(torch.zeros((4, 1), dtype=torch.long), torch.from_numpy(logits.copy())).numpy()
    np.testing.assert_array_equal(got, expected)


def test_top_k_filter_does_not_modify_its_input(bank):
    logits = np.array([[3.0, 1.0, 2.0]])
    reference(bank, "top-k-filter").top_k_filter(logits, 1)
    np.testing.assert_array_equal(logits, [[3.0, 1.0, 2.0]])


@pytest.mark.parametrize("k", [0, 4])
def test_top_k_filter_rejects_k_outside_one_to_vocab(bank, k):
    with pytest.raises(ValueError, match="k must be between 1 and 3"):
        reference(bank, "top-k-filter").top_k_filter(np.zeros(3), k)


# --- tf-idf ----------------------------------------------------------------------------------------


def _sklearn_tfidf(docs: list[list[str]]) -> tuple[list[str], np.ndarray]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=lambda doc: doc, lowercase=False, smooth_idf=True, norm="l2")
    matrix = vectorizer.fit_transform(docs).toarray()
    return list(vectorizer.get_feature_names_out()), matrix


def test_tfidf_matches_sklearn_on_the_statement_example(bank):
    docs = [["the", "cat", "sat", "on", "the", "mat"], ["the", "dog"], []]

    vocabulary, matrix = reference(bank, "tf-idf").tfidf(docs)

    expected_vocabulary, expected = _sklearn_tfidf(docs)
    assert vocabulary == ["cat", "dog", "mat", "on", "sat", "the"] == expected_vocabulary
    np.testing.assert_allclose(matrix, expected, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_tfidf_matches_sklearn_on_the_graders_random_collections(bank, seed):
    ref = reference(bank, "tf-idf")
    collections = [
        case.args[0]
        for case in grader(bank, "tf-idf").make_cases(np.random.default_rng(seed))
        if any(case.args[0])  # sklearn refuses a collection with no tokens at all
    ]
    assert len(collections) >= 8
    for docs in collections:
        vocabulary, matrix = ref.tfidf(docs)
        expected_vocabulary, expected = _sklearn_tfidf(docs)
        assert vocabulary == expected_vocabulary
        np.testing.assert_allclose(matrix, expected, rtol=1e-12, atol=1e-15)


def test_tfidf_of_no_documents_is_an_empty_matrix(bank):
    vocabulary, matrix = reference(bank, "tf-idf").tfidf([])
    assert vocabulary == []
    assert matrix.shape == (0, 0)


# --- tokenize --------------------------------------------------------------------------------------

_CJK = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff"
_LETTER = rf"(?:(?![{_CJK}])[^\W\d_])"
# The statement's rules written a second way, as one regular expression: a word with inner
# apostrophes, a run of decimal digits, or any other single non-space character.
_TOKEN_RE = re.compile(rf"{_LETTER}+(?:['\u2019]{_LETTER}+)*|\d+|\S")


def _regex_tokenize(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.lower())


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Hello, world!", ["hello", ",", "world", "!"]),
        ("I don't like 2024's weather.", ["i", "don't", "like", "2024", "'", "s", "weather", "."]),
        ("我爱NLP！", ["我", "爱", "nlp", "！"]),
        ("'Rock'n'roll' costs $3.50", ["'", "rock'n'roll", "'", "costs", "$", "3", ".", "50"]),
        ("GPT4模型", ["gpt", "4", "模", "型"]),
        ("O’Reilly’s", ["o’reilly’s"]),
        ("Wait...", ["wait", ".", ".", "."]),
        ("  \t\n", []),
        ("", []),
    ],
)
def test_tokenize_follows_the_statement_rules(bank, text, tokens):
    assert reference(bank, "tokenize").tokenize(text) == tokens


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_tokenize_agrees_with_a_regex_implementation_on_the_graders_texts(bank, seed):
    tokenize = reference(bank, "tokenize").tokenize
    texts = [case.args[0] for case in grader(bank, "tokenize").make_cases(np.random.default_rng(seed))]
    for text in texts:
        # Characters such as "²" are numeric but neither letters nor decimal digits; the grader's
        # texts avoid them, and for all other characters the two implementations must agree.
        assert tokenize(text) == _regex_tokenize(text), text


# --- every NLP exercise ----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", NLP_CODE_SLUGS)
def test_nlp_code_exercise_draws_different_inputs_for_different_seeds(bank, slug):
    """Hidden inputs come from the per-run seed, so a learner cannot hard-code the answers."""

    def fingerprint(seed: int) -> str:
        cases = grader(bank, slug).make_cases(np.random.default_rng(seed))
        return repr([(case.name, case.args, case.kwargs) for case in cases])

    assert fingerprint(11) == fingerprint(11)
    assert fingerprint(11) != fingerprint(12)


@pytest.mark.parametrize("slug", NLP_CODE_SLUGS)
def test_nlp_code_exercise_shows_two_or_three_examples(bank, slug):
    cases = grader(bank, slug).make_cases(np.random.default_rng(0))
    assert 2 <= sum(case.visible for case in cases) <= 3
    assert len(cases) >= 8


@pytest.mark.parametrize("slug", NLP_QUIZ_SLUGS)
def test_nlp_quiz_has_four_to_six_bilingual_questions(bank, slug):
    exercise = bank.get(slug)
    assert exercise.kind == "quiz"
    assert 4 <= len(exercise.questions) <= 6
    for question in exercise.questions:
        assert re.search(r"[\u4e00-\u9fff]", question["prompt"]["zh"]), question["id"]
        assert re.search(r"[\u4e00-\u9fff]", question["explanation"]["zh"]), question["id"]


def test_numpy_quiz_answers_are_what_numpy_computes(bank):
    answers = {q["id"]: q["answer"] for q in bank.get("quiz-numpy").questions}
    assert answers["q1"] == np.dot(np.array([1, 2]), np.array([3, 4]))
    assert answers["q2"] == np.arange(12).reshape(3, 4)[1, 2]
    options = {
        q["id"]: {o["id"]: o["text"]["en"] for o in q.get("options", [])} for q in bank.get("quiz-numpy").questions
    }
    assert options["q3"][answers["q3"]] == str((np.ones((2, 3)) @ np.ones((3, 4))).shape)
    assert options["q4"][answers["q4"]] == str((np.ones((4, 1)) + np.ones(3)).shape)
    assert options["q5"][answers["q5"]] == repr(np.array([[1, 2], [3, 4]]).sum(axis=0))


@pytest.mark.parametrize("slug", NLP_CODE_SLUGS)
def test_nlp_code_exercise_gives_a_hint_for_every_hidden_case(bank, slug):
    cases = grader(bank, slug).make_cases(np.random.default_rng(0))
    assert [case.name for case in cases if not case.visible and not case.hint] == []
