"""The classic-NLP exercises' references checked beyond their graders.

`test_solutions.py` proves each reference passes its own grader and `test_oracles` that the oracles pass it on one
seed. Here the references meet the field's libraries on many random inputs, and the properties the statements
rely on are checked directly: probabilities that sum to one, a Viterbi path that is the best of all paths, tokens
that concatenate back to the text, and a tie-tolerant check that really accepts only ties.
"""

from __future__ import annotations

import itertools
import json
import math
import unicodedata

import numpy as np
import pytest

from gpu_runner.bank import Bank


def module(bank: Bank, slug: str, name: str = "reference"):
    return bank.get(slug).load_module(name)


def random_word(rng, alphabet: str, low: int, high: int) -> str:
    return "".join(rng.choice(list(alphabet), size=int(rng.integers(low, high + 1))))


# --- bpe-train ---------------------------------------------------------------------------------------


def _tokenizers_bpe(word_counts: dict[str, int], vocab_size: int, min_frequency: int):
    tokenizers = pytest.importorskip("tokenizers")
    tokenizer = tokenizers.Tokenizer(tokenizers.models.BPE())
    trainer = tokenizers.trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=min_frequency, show_progress=False)
    tokenizer.train_from_iterator((w for w, c in word_counts.items() for _ in range(c)), trainer)
    model = json.loads(tokenizer.to_str())["model"]
    merges = [tuple(m) if isinstance(m, list) else tuple(m.split(" ")) for m in model["merges"]]
    return sorted(model["vocab"], key=model["vocab"].get), merges


@pytest.mark.parametrize("alphabet", ["ab", "abcde", "机器学习模型"])
def test_bpe_train_learns_the_merges_of_tokenizers_bpe_trainer_on_random_tables(bank, alphabet):
    bpe = module(bank, "bpe-train")
    rng = np.random.default_rng(len(alphabet))
    for _ in range(60):
        table = {random_word(rng, alphabet, 1, 8): int(rng.integers(1, 9)) for _ in range(int(rng.integers(1, 12)))}
        vocab_size, min_frequency = int(rng.integers(1, 40)), int(rng.integers(1, 4))

        vocabulary, merges = bpe.bpe_train(table, vocab_size, min_frequency)

        assert (vocabulary, merges) == _tokenizers_bpe(table, vocab_size, min_frequency), table


def test_bpe_encode_of_a_training_word_rebuilds_it_from_vocabulary_tokens(bank):
    bpe = module(bank, "bpe-train")
    rng = np.random.default_rng(3)
    table = {random_word(rng, "abcd", 2, 9): int(rng.integers(1, 20)) for _ in range(30)}
    vocabulary, merges = bpe.bpe_train(table, 40, 2)
    for word in table:
        tokens = bpe.bpe_encode(word, merges)
        assert "".join(tokens) == word
        assert set(tokens) <= set(vocabulary)


# --- unigram-tokenizer ---------------------------------------------------------------------------------


def _random_pieces(rng, alphabet: str) -> dict[str, float]:
    pieces = {c: -3.0 for c in alphabet if rng.random() < 0.7}
    for _ in range(int(rng.integers(1, 10))):
        pieces[random_word(rng, alphabet, 1, 4)] = (
            float(-rng.integers(1, 6)) if rng.random() < 0.5 else -rng.uniform(1, 8)
        )
    return pieces


def _segmentations(text: str, pieces: dict[str, float], unk: float):
    """Every path through the lattice, as (nodes, score), by brute force."""
    if not text:
        yield [], 0.0
        return
    for end in range(1, len(text) + 1):
        head = text[:end]
        if head in pieces or (end == 1 and head not in pieces):
            score = pieces.get(head, unk)
            for rest, rest_score in _segmentations(text[end:], pieces, unk):
                yield [head, *rest], score + rest_score


def test_unigram_tokens_equal_tokenizers_unigram_model_on_random_vocabularies(bank):
    tokenizers = pytest.importorskip("tokenizers")
    unigram = module(bank, "unigram-tokenizer")
    rng = np.random.default_rng(12)
    for _ in range(300):
        pieces = _random_pieces(rng, "abc")
        text = random_word(rng, "abcx", 1, 12)
        model = tokenizers.models.Unigram([("\x00unk", min(pieces.values())), *pieces.items()], unk_id=0)

        tokens, _ = unigram.unigram_tokenize(text, pieces)

        assert tokens == tokenizers.Tokenizer(model).encode(text).tokens, (text, pieces)


def test_unigram_viterbi_and_forward_agree_with_enumerating_every_segmentation(bank):
    unigram = module(bank, "unigram-tokenizer")
    rng = np.random.default_rng(13)
    for _ in range(100):
        pieces = _random_pieces(rng, "ab")
        text = random_word(rng, "abx", 1, 9)
        paths = list(_segmentations(text, pieces, min(pieces.values()) - 10.0))
        best = max(score for _, score in paths)

        _, viterbi_score = unigram.unigram_tokenize(text, pieces)
        log_likelihood = unigram.unigram_log_likelihood(text, pieces)

        assert viterbi_score == pytest.approx(best, rel=1e-12)
        assert log_likelihood == pytest.approx(math.log(sum(math.exp(score) for _, score in paths)), rel=1e-12)


# --- max-match-segmentation ----------------------------------------------------------------------------


def test_max_match_tokens_concatenate_to_the_text_and_bidirectional_picks_one_of_the_two(bank):
    mm = module(bank, "max-match-segmentation")
    grader = module(bank, "max-match-segmentation", "grader")
    rng = np.random.default_rng(5)
    for _ in range(200):
        dictionary = [w for w in grader.WORDS if rng.random() < 0.5]
        text = "".join(grader.WORDS[int(i)] for i in rng.integers(0, len(grader.WORDS), size=6)) + "，2024"
        max_len = None if rng.random() < 0.5 else int(rng.integers(1, 6))
        forward = mm.forward_max_match(text, dictionary, max_len)
        backward = mm.backward_max_match(text, dictionary, max_len)
        both = mm.bidirectional_max_match(text, dictionary, max_len)
        assert "".join(forward) == "".join(backward) == text
        assert all(len(t) == 1 or (t in dictionary and len(t) <= (max_len or 99)) for t in forward + backward)
        assert both in (forward, backward)
        if len(forward) == len(backward):
            singles = [sum(len(t) == 1 for t in seg) for seg in (forward, backward)]
            assert both == (forward if singles[0] < singles[1] else backward)


# --- ngram-perplexity --------------------------------------------------------------------------------


def _corpus(rng, words, n_sentences):
    return [
        [words[int(i)] for i in rng.integers(0, len(words), size=int(rng.integers(0, 8)))] for _ in range(n_sentences)
    ]


@pytest.mark.parametrize("smoothing", ["add-k", "kneser-ney"])
@pytest.mark.parametrize("n", [2, 3, 4])
def test_ngram_probabilities_sum_to_one_over_the_vocabulary_for_every_context(bank, smoothing, n):
    lm = module(bank, "ngram-perplexity")
    rng = np.random.default_rng(n)
    words = ["the", "cat", "sat", "on", "mat", "a", "dog", "ran"]
    for trial in range(6):
        train = _corpus(rng, words[: 4 + trial], 12)
        min_count = 1 + trial % 2
        known = sorted({w for s in train for w in s if sum(x.count(w) for x in train) >= min_count})
        outcomes = [*known, "</s>", "never-seen"]  # "never-seen" stands for <UNK>
        for _ in range(5):
            context = [str(t) for t in rng.choice(["<s>", *words, "unknown"], size=n - 1)]
            total = sum(
                lm.ngram_prob(train, n, context, w, smoothing=smoothing, k=0.3, discount=0.6, min_count=min_count)
                for w in outcomes
            )
            assert total == pytest.approx(1.0, abs=1e-12), (train, context)


def test_perplexity_is_the_inverse_geometric_mean_of_the_token_probabilities(bank):
    lm = module(bank, "ngram-perplexity")
    train = [s.split() for s in ["I am Sam", "Sam I am", "I do not like green eggs and ham"]]
    test = [["I", "am", "green"], []]
    padded = [["<s>", "<s>", "I", "am", "green", "</s>"], ["<s>", "<s>", "</s>"]]
    probabilities = [
        lm.ngram_prob(train, 3, sentence[i - 2 : i], sentence[i], smoothing="kneser-ney")
        for sentence in padded
        for i in range(2, len(sentence))
    ]

    got = lm.perplexity(train, test, 3, smoothing="kneser-ney")

    assert got == pytest.approx(math.prod(probabilities) ** (-1 / len(probabilities)), rel=1e-12)


# --- text-normalization, porter-stemmer, edit-distance ---------------------------------------------------


def test_normalize_is_idempotent_and_its_output_is_nfkc_and_case_folded(bank):
    text = module(bank, "text-normalization")
    grader = module(bank, "text-normalization", "grader")
    rng = np.random.default_rng(11)
    samples = [grader._noisy_text(rng) for _ in range(100)] + ["ǰ ΐ ẖ ﬁ ① ＡＢＣ ｶﾞ ß Σ", "\ufeff\u200b \x07"]
    for sample in samples:
        once = text.normalize(sample)
        assert text.normalize(once) == once
        assert unicodedata.normalize("NFKC", once) == once
        assert "  " not in once and once == once.strip()
        assert not any(unicodedata.category(c) in ("Cf", "Cc") for c in once)


def test_porter_stem_equals_nltk_original_algorithm_on_random_pseudo_words(bank):
    porter = pytest.importorskip("nltk.stem.porter")
    reference = module(bank, "porter-stemmer")
    nltk_stemmer = porter.PorterStemmer(mode=porter.PorterStemmer.ORIGINAL_ALGORITHM)
    suffixes = ["ational", "tional", "izer", "abli", "alli", "ousli", "ization", "ation", "alism", "iveness", "aliti",
                "biliti", "icate", "ative", "alize", "ical", "ful", "ness", "ance", "ible", "ement", "ment", "ion", "ou",
                "ism", "iti", "ous", "ize", "sses", "ies", "ss", "s", "eed", "ed", "ing", "y", "e", "ll", "ated", "ly"]  # fmt: skip
    rng = np.random.default_rng(2)
    words = [
        random_word(rng, "bcdfglmnprstvwyzaeiouaeio", 1, 6)
        + "".join(rng.choice(suffixes, size=int(rng.integers(0, 3))))
        for _ in range(1000)
    ]
    assert [reference.porter_stem(w) for w in words] == [nltk_stemmer.stem(w, to_lowercase=False) for w in words]


def test_edit_distance_equals_nltk_and_damerau_never_exceeds_the_restricted_distance(bank):
    distance = pytest.importorskip("nltk.metrics.distance")
    reference = module(bank, "edit-distance")
    rng = np.random.default_rng(4)
    for _ in range(500):
        a, b = random_word(rng, "abc", 0, 7), random_word(rng, "abc", 0, 7)
        cost = int(rng.integers(1, 3))
        for transpositions in (False, True):
            expected = distance.edit_distance(a, b, substitution_cost=cost, transpositions=transpositions)
            assert reference.edit_distance(a, b, cost, transpositions) == expected, (a, b, cost)
        assert reference.edit_distance(a, b, 1, True) <= reference.edit_distance(a, b, 1, False)


# --- hmm-pos-tagger ------------------------------------------------------------------------------------


def test_viterbi_finds_the_best_of_all_state_paths(bank):
    hmm = module(bank, "hmm-pos-tagger")
    rng = np.random.default_rng(9)
    for _ in range(40):
        n_states, n_symbols, length = int(rng.integers(1, 4)), int(rng.integers(1, 4)), int(rng.integers(1, 6))
        start = np.log(rng.dirichlet(np.ones(n_states)))
        trans = np.log(rng.dirichlet(np.ones(n_states), size=n_states))
        emit = np.log(rng.dirichlet(np.ones(n_symbols), size=n_states))
        observations = [int(o) for o in rng.integers(0, n_symbols, size=length)]

        def score(path, start=start, trans=trans, emit=emit, observations=observations):
            total = start[path[0]] + emit[path[0], observations[0]]
            for t in range(1, len(path)):
                total += trans[path[t - 1], path[t]] + emit[path[t], observations[t]]
            return total

        best = max(itertools.product(range(n_states), repeat=length), key=score)

        path, log_prob = hmm.viterbi(observations, start, trans, emit)

        assert log_prob == pytest.approx(score(best), rel=1e-12)
        assert score(path) == pytest.approx(score(best), rel=1e-12)


def test_hmm_tag_check_accepts_an_exact_tie_and_rejects_a_worse_tagging(bank):
    grader = module(bank, "hmm-pos-tagger", "grader")
    # Both tags start one sentence and emit x every time: tagging ["x"] as A or as B has the same probability.
    tie_corpus = [[("x", "A")], [("x", "B")]]
    assert grader._tag_log_prob(tie_corpus, ["x"], ["A"], 1.0) == grader._tag_log_prob(tie_corpus, ["x"], ["B"], 1.0)
    tie = grader._tag("tie", tie_corpus, ["x"])
    assert grader.check(tie, ["A"], ["B"]) is None

    corpus = [[("x", "A"), ("y", "B")], [("x", "A"), ("y", "B")]]
    worse = grader._tag("worse", corpus, ["x", "y"])
    assert grader.check(worse, ["A", "B"], ["B", "A"]) == {"en": "the tags are wrong", "zh": "标注结果不对"}
    assert grader.check(worse, ["A", "B"], ["A", "C"]) == {"en": "the tags are wrong", "zh": "标注结果不对"}


# --- quiz-tokens-and-perplexity --------------------------------------------------------------------------


def test_perplexity_quiz_answers_are_what_the_exercises_compute(bank):
    questions = {q["id"]: q for q in bank.get("quiz-tokens-and-perplexity").questions}
    answers = {qid: q["answer"] for qid, q in questions.items()}

    def option(qid: str) -> str:
        return next(o["text"]["en"] for o in questions[qid]["options"] if o["id"] == answers[qid])

    assert answers["q1"] == pytest.approx(math.prod([0.5, 0.25, 0.125, 0.5]) ** -0.25, abs=0.005)
    assert answers["q2"] == pytest.approx(math.exp(250 * math.log(18) / 1000), abs=0.005)
    assert answers["q4"] == len(("漢" * 1000).encode("utf-8"))
    assert answers["q10"] == 10_000**3
    # q7: lambda = d * types / count, as the ngram-perplexity reference computes it for an interpolated level.
    assert "0.075" in option("q7") and 0.75 * 5000 / 50000 == 10 * (0.75 * 3 / 300)
    # q9: forward maximum matching, run by the max-match-segmentation reference.
    segmented = module(bank, "max-match-segmentation").forward_max_match("元宇宙", ["宇宙"])
    assert option("q9") == repr(segmented)
    assert {q["type"] for q in questions.values()} == {"choice", "multi", "numeric"}
