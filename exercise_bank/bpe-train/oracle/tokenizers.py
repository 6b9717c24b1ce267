import json

from tokenizers import Tokenizer, models, trainers


def bpe_train(word_counts, vocab_size, min_frequency=2):
    # The statement's input rules; BpeTrainer would silently skip an empty word or a zero count.
    for word, count in word_counts.items():
        if not word or not isinstance(count, int) or count < 1:
            raise ValueError(f"bad entry {word!r}: {count!r}")
    tokenizer = Tokenizer(models.BPE())
    # No special tokens, no initial alphabet, no continuing-subword prefix, no end-of-word suffix: the alphabet is
    # the table's characters in code point order, as the statement numbers them.
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=min_frequency, show_progress=False)
    # No pre-tokenizer: each string fed is one word, and feeding it `count` times gives it that frequency.
    tokenizer.train_from_iterator((word for word, count in word_counts.items() for _ in range(count)), trainer)
    model = json.loads(tokenizer.to_str())["model"]
    vocabulary = sorted(model["vocab"], key=model["vocab"].get)
    merges = [tuple(m) if isinstance(m, list) else tuple(m.split(" ")) for m in model["merges"]]
    return vocabulary, merges


def bpe_encode(word, merges):
    if not word:
        return []
    vocab = {}
    for token in [*word, *(part for pair in merges for part in pair), *(a + b for a, b in merges)]:
        vocab.setdefault(token, len(vocab))
    tokenizer = Tokenizer(models.BPE(vocab=vocab, merges=[tuple(m) for m in merges]))
    return tokenizer.encode(word).tokens
