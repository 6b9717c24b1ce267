"""Hidden data for sentiment-classifier: the Pathwise EN+ZH sentiment corpus with its fixed split."""

from gpu_runner.datasets import sentiment_corpus

METRIC = "f1_macro"


def load_data():
    corpus = sentiment_corpus(langs=("en", "zh"))
    return corpus.train_texts, corpus.train_labels, corpus.test_texts, corpus.test_labels
