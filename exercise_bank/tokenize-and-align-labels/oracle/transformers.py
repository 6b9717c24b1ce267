"""tokenize-and-align-labels through transformers' BertTokenizer built from the vocabulary (do_lower_case),
called the way the Hugging Face course's token-classification chapter does: is_split_into_words,
truncation, padding to the longest, then word_ids() for the labels."""

import numpy as np
from transformers import BertTokenizer


def tokenize_and_align_labels(words, labels, vocab, max_length, label_all_tokens=False):
    if len(words) != len(labels) or any(len(ws) != len(ls) for ws, ls in zip(words, labels)):
        raise ValueError("one label per word")
    if max_length < 2:
        raise ValueError("max_length too small")
    tokenizer = BertTokenizer(vocab=dict(vocab), do_lower_case=True)
    batch = tokenizer(words, is_split_into_words=True, truncation=True, max_length=max_length, padding="longest")
    aligned, all_word_ids = [], []
    for index, sentence_labels in enumerate(labels):
        ids = batch.word_ids(index)
        row, previous = [], None
        for word in ids:
            if word is None:
                row.append(-100)
            elif word != previous or label_all_tokens:
                row.append(sentence_labels[word])
            else:
                row.append(-100)
            previous = word
        aligned.append(row)
        all_word_ids.append([-1 if word is None else word for word in ids])
    return {
        "input_ids": np.array(batch["input_ids"], dtype=np.int64),
        "attention_mask": np.array(batch["attention_mask"], dtype=np.int64),
        "labels": np.array(aligned, dtype=np.int64),
        "word_ids": np.array(all_word_ids, dtype=np.int64),
    }
