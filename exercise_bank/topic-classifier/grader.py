"""Hidden data for topic-classifier: the Pathwise English + Chinese topic sentences (data/, CC0), split once by hash.

Labels are indices into TOPICS. A sentence is a test sentence when the sha256 of its text is 0 mod 4.
"""

from functools import cache
from pathlib import Path

from gpu_runner.datasets import hash_split, lines_by_lang

METRIC = "f1_macro"
TOPICS = ("sport", "tech", "business", "health", "culture")
DATA = Path(__file__).resolve().parent / "data"


@cache
def corpus():
    """(lang, split, label, text) for every sentence, English first, in file order."""
    rows = []
    for lang, line in lines_by_lang(DATA, "topics_{lang}.tsv"):
        topic, text = line.split("\t")
        rows.append((lang, hash_split(text), TOPICS.index(topic), text))
    return tuple(rows)


def load_data():
    train = [row for row in corpus() if row[1] == "train"]
    test = [row for row in corpus() if row[1] == "test"]
    return [r[3] for r in train], [r[2] for r in train], [r[3] for r in test], [r[2] for r in test]
