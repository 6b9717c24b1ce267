"""Hidden data for topic-classifier: the Pathwise English + Chinese topic sentences (data/, CC0), split once by hash.

Labels are indices into TOPICS. A sentence is a test sentence when the sha256 of its text is 0 mod 4.
"""

import hashlib
from functools import cache
from pathlib import Path

METRIC = "f1_macro"
TOPICS = ("sport", "tech", "business", "health", "culture")
DATA = Path(__file__).resolve().parent / "data"
LANGS = ("en", "zh")


@cache
def corpus():
    """(lang, split, label, text) for every sentence, English first, in file order."""
    rows = []
    for lang in LANGS:
        for line in (DATA / f"topics_{lang}.tsv").read_text(encoding="utf-8").splitlines():
            if line.strip():
                topic, text = line.split("\t")
                test = int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % 4 == 0
                rows.append((lang, "test" if test else "train", TOPICS.index(topic), text))
    return tuple(rows)


def load_data():
    train = [row for row in corpus() if row[1] == "train"]
    test = [row for row in corpus() if row[1] == "test"]
    return [r[3] for r in train], [r[2] for r in train], [r[3] for r in test], [r[2] for r in test]
