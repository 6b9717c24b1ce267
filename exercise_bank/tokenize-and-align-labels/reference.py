import numpy as np
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors


def bert_tokenizer(vocab: dict, max_length: int) -> Tokenizer:
    """BERT's uncased WordPiece pipeline, built from a vocabulary: nothing is downloaded."""
    tokenizer = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]", continuing_subword_prefix="##"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])]
    )
    tokenizer.enable_truncation(max_length=max_length)
    tokenizer.enable_padding(pad_id=vocab["[PAD]"], pad_token="[PAD]")
    return tokenizer


def tokenize_and_align_labels(words, labels, vocab, max_length, label_all_tokens=False):
    """Tokenise pre-split sentences for token classification and give every token its word's label."""
    if len(words) != len(labels) or any(len(ws) != len(ls) for ws, ls in zip(words, labels)):
        raise ValueError("every sentence needs exactly one label per word")
    if max_length < 2:
        raise ValueError("max_length must leave room for [CLS] and [SEP]")
    encodings = bert_tokenizer(vocab, max_length).encode_batch(words, is_pretokenized=True)
    input_ids, attention, aligned, word_ids = [], [], [], []
    for encoding, sentence_labels in zip(encodings, labels):
        row, previous = [], None
        for word in encoding.word_ids:
            if word is None:
                row.append(-100)
            elif word != previous or label_all_tokens:
                row.append(sentence_labels[word])
            else:
                row.append(-100)
            previous = word
        input_ids.append(encoding.ids)
        attention.append(encoding.attention_mask)
        aligned.append(row)
        word_ids.append([-1 if word is None else word for word in encoding.word_ids])
    return {
        "input_ids": np.array(input_ids, dtype=np.int64),
        "attention_mask": np.array(attention, dtype=np.int64),
        "labels": np.array(aligned, dtype=np.int64),
        "word_ids": np.array(word_ids, dtype=np.int64),
    }
