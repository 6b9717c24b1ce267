def fit_predict(X_train: list[list[str]], y_train: list[list[str]], X_test: list[list[str]]) -> list[list[str]]:
    """Learn BIO tags from tokenised English and Chinese sentences; return one tag per token of every test sentence.

    Tags: "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC".
    """
    raise NotImplementedError
