# Mistake: ignores the embedding model and ranks by BM25 alone: paraphrased English questions share few words with their passage.
import math
import re
from collections import Counter

import numpy as np

CJK = re.compile(r"[\u4e00-\u9fff]")


def terms(text):
    out = []
    for run in re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]+", text.lower()):
        if CJK.match(run) and len(run) > 1:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            out.append(run)
    return out


def fit_predict(X_train, y_train, X_test, k1=1.5, b=0.75):
    bags = [Counter(terms(d)) for d in X_train]
    lengths = np.array([sum(bag.values()) for bag in bags], dtype=float)
    df = Counter(t for bag in bags for t in bag)
    results = []
    for query in X_test:
        scores = np.zeros(len(bags))
        for term in set(terms(query)) & df.keys():
            idf = math.log(1 + (len(bags) - df[term] + 0.5) / (df[term] + 0.5))
            tf = np.array([bag[term] for bag in bags], dtype=float)
            scores += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths / lengths.mean()))
        results.append([int(i) for i in np.argsort(-scores, kind="stable")[:5]])
    return results
