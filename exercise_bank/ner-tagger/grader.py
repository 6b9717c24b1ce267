"""Hidden data for ner-tagger: the Pathwise English + Chinese NER corpus (data/, CC0), split once by hash.

Each line of data/ner_<lang>.txt is a sentence with its entities marked inline, `[PER Ada Lovelace]`. English is
tokenised on spaces (punctuation is written apart), Chinese into characters (a run of Latin letters or digits
stays one token). A sentence is a test sentence when the sha256 of its tokens, joined by spaces, is 0 mod 4.
"""

import re
from functools import cache
from pathlib import Path

from gpu_runner.datasets import hash_split, lines_by_lang

METRIC = "entity_f1"
DATA = Path(__file__).resolve().parent / "data"
MARK = re.compile(r"\[(PER|ORG|LOC) ([^\]]+)\]")
ZH_TOKEN = re.compile(r"[A-Za-z0-9]+|\S")


def tokenize(text, lang):
    return text.split() if lang == "en" else ZH_TOKEN.findall(text)


def parse(line, lang):
    """A marked-up sentence -> (tokens, BIO tags)."""
    tokens, tags, position = [], [], 0
    for match in MARK.finditer(line):
        for token in tokenize(line[position : match.start()], lang):
            tokens.append(token)
            tags.append("O")
        for i, token in enumerate(tokenize(match.group(2), lang)):
            tokens.append(token)
            tags.append(("B-" if i == 0 else "I-") + match.group(1))
        position = match.end()
    for token in tokenize(line[position:], lang):
        tokens.append(token)
        tags.append("O")
    return tokens, tags


@cache
def corpus():
    """(lang, split, tokens, tags) for every sentence, English first, in file order."""
    rows = []
    for lang, line in lines_by_lang(DATA, "ner_{lang}.txt"):
        tokens, tags = parse(line.strip(), lang)
        rows.append((lang, hash_split(" ".join(tokens)), tuple(tokens), tuple(tags)))
    return tuple(rows)


def load_data():
    train = [row for row in corpus() if row[1] == "train"]
    test = [row for row in corpus() if row[1] == "test"]
    return (
        [list(r[2]) for r in train],
        [list(r[3]) for r in train],
        [list(r[2]) for r in test],
        [list(r[3]) for r in test],
    )
