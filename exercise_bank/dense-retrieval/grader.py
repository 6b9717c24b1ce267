"""Hidden data for dense-retrieval: the Pathwise English + Chinese passages and questions (data/, CC0).

The 128 passages are shuffled once with a fixed seed, so a document's index says nothing about its language or
topic. Training pairs (question, index of the passage that answers it) go to the learner; the test questions go
without their passage, whose index stays here.
"""

import random
from functools import cache
from pathlib import Path

METRIC = "recall_at_5"
DATA = Path(__file__).resolve().parent / "data"
LANGS = ("en", "zh")
SHUFFLE_SEED = 20261204


def _rows(name):
    return [line.split("\t") for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@cache
def corpus():
    """(documents, {passage id: index}, queries as (qid, split, passage id, text)), in a fixed order."""
    passages = [(row[0], row[2]) for lang in LANGS for row in _rows(f"passages_{lang}.tsv")]
    random.Random(SHUFFLE_SEED).shuffle(passages)
    index = {pid: i for i, (pid, _) in enumerate(passages)}
    queries = [tuple(row) for lang in LANGS for row in _rows(f"queries_{lang}.tsv")]
    return tuple(text for _, text in passages), index, tuple(queries)


def load_data():
    documents, index, queries = corpus()
    train = [[text, index[pid]] for _, split, pid, text in queries if split == "train"]
    test = [(text, index[pid]) for _, split, pid, text in queries if split == "test"]
    return list(documents), train, [text for text, _ in test], [i for _, i in test]
