# Mistake: splits sentences at every '.', so "12.5 million" is cut in two and the answer sentence never appears whole.
import math
import re
from collections import Counter

from starter import TEMPLATES, count_tokens

CJK = re.compile(r"[\u4e00-\u9fff]")
TERMS = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]+")


def split_sentences(document: str) -> list[str]:
    """Sentences end at 。！？, or at . ! ? followed by whitespace or the end (so "12.5" is not an end)."""
    sentences, start = [], 0
    for i, char in enumerate(document):
        ends = char in "。！？.!?"
        if ends:
            sentence = document[start : i + 1].strip()
            if sentence:
                sentences.append(sentence)
            start = i + 1
    rest = document[start:].strip()
    return [*sentences, rest] if rest else sentences


def terms(text: str) -> list[str]:
    """Matching terms: lowercased ASCII words, and the character bigrams of Chinese runs (single characters alone)."""
    out = []
    for run in TERMS.findall(text.lower()):
        if CJK.match(run) and len(run) > 1:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            out.append(run)
    return out


def rank_chunks(chunks: list[str], question: str) -> list[str]:
    """BM25 (k1 = 1.5, b = 0.75) of each chunk for the question; chunks that share no term are dropped."""
    bags = [Counter(terms(chunk)) for chunk in chunks]
    avgdl = sum(sum(b.values()) for b in bags) / len(bags)
    df = Counter(term for bag in bags for term in bag)
    scored = []
    for index, bag in enumerate(bags):
        length = sum(bag.values())
        score = 0.0
        for term in set(terms(question)):
            if bag[term]:
                idf = math.log(1 + (len(bags) - df[term] + 0.5) / (df[term] + 0.5))
                score += idf * bag[term] * 2.5 / (bag[term] + 1.5 * (0.25 + 0.75 * length / avgdl))
        if score > 0:
            scored.append((-score, index))
    return [chunks[index] for _, index in sorted(scored)]


def assemble(question: str, chunks: list[str]) -> str:
    header, context, question_label, answer_label = TEMPLATES["zh" if CJK.search(question) else "en"]
    lines = [header, "", context, *(f"[{i}] {chunk}" for i, chunk in enumerate(chunks, start=1))]
    return "\n".join([*lines, "", question_label + question, answer_label])


def build_prompt(documents: list[str], question: str, budget: int) -> str:
    """The header, the best-ranked sentences that fit in `budget` tokens, and the question."""
    if count_tokens(assemble(question, [])) > budget:
        raise ValueError(f"a budget of {budget} tokens cannot hold even the question")
    chunks = [sentence for document in documents for sentence in split_sentences(document)]
    chosen: list[str] = []
    for chunk in rank_chunks(chunks, question) if chunks else []:
        # Greedy by rank: a chunk that does not fit is skipped, a shorter one further down may still fit.
        if count_tokens(assemble(question, [*chosen, chunk])) <= budget:
            chosen.append(chunk)
    return assemble(question, chosen)
