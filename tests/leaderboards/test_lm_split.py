"""A causal LM fine-tuning job's parts: the held-out texts split by index, each part's perplexity ratio from its own
tokens' mean loss (checked with torch's cross-entropy on the tiny GPT-2 built from a config), as max(0, 1 - ratio)."""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from gpu_runner import leaderboard
from gpu_runner.bank import Bank
from gpu_runner.datasets import lm_corpus
from gpu_runner.graders import finetune
from gpu_runner.models import ModelRegistry, build_tiny_gpt2
from gpu_runner.spec import JobSpec
from gpu_runner.training import data as D
from gpu_runner.training.evaluate import perplexity
from gpu_runner.training.runtime import pick_device
from gpu_runner.training.tasks import LMTokens, lm_tokens
from tests.gpu_runner.finetune_configs import finetune_spec

SLUG = "finetune-gpt-text"
KEY = leaderboard.split_key("a-test-seed", SLUG)
BLOCK = 128


@pytest.fixture(scope="module")
def gpt2(tmp_path_factory: pytest.TempPathFactory):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = build_tiny_gpt2(tmp_path_factory.mktemp("gpt2") / "gpt2", lm_corpus()[0])
    return path, AutoTokenizer.from_pretrained(path), AutoModelForCausalLM.from_pretrained(path).eval()


def _spec(slug: str = SLUG, key: str = KEY, config: dict | None = None) -> JobSpec:
    return finetune_spec(Bank.default().get(slug), config or {}, job_id="lm", split_key=key)


def _trained(model, blocks: list[list[int]]):
    """A copy of the model after a few steps on the training texts: a model with a lower held-out loss."""
    after = copy.deepcopy(model).train()
    optimiser = torch.optim.AdamW(after.parameters(), lr=3e-3)
    for step in range(12):
        batch = torch.tensor(blocks[step * 4 : step * 4 + 4])
        after(input_ids=batch, labels=batch).loss.backward()
        optimiser.step()
        optimiser.zero_grad()
    return after.eval()


def _mean_nll(model, blocks, owners, texts: set[int]) -> float:
    """Independently: torch's cross-entropy on every block, counting only the tokens of the given texts."""
    total, count = 0.0, 0
    with torch.inference_mode():
        for block, owner in zip(blocks, owners):
            ids = torch.tensor([block])
            labels = torch.tensor([t if o in texts else -100 for t, o in zip(block, owner)])
            logits = model(input_ids=ids).logits[0, :-1]
            total += float(F.cross_entropy(logits, labels[1:], ignore_index=-100, reduction="sum"))
            count += int((labels[1:] != -100).sum())
    return total / count


def test_each_texts_tokens_are_its_own_and_the_blocks_are_unchanged(gpt2):
    _, tokenizer, _ = gpt2
    texts = lm_corpus()[1][:40]
    blocks, owners = D.lm_blocks_owned(tokenizer, texts, BLOCK, drop_last=False)
    assert blocks == D.lm_blocks(tokenizer, texts, BLOCK, drop_last=False)
    assert [len(o) for o in owners] == [len(b) for b in blocks]
    flat = [o for block in owners for o in block]
    for index, text in enumerate(texts):  # each text's tokens and its EOS, in order
        assert flat.count(index) == len(tokenizer(text, add_special_tokens=False)["input_ids"]) + 1
    assert flat == sorted(flat)


def test_part_scores_are_one_minus_each_parts_perplexity_ratio_from_torch_cross_entropy(gpt2):
    _, tokenizer, before = gpt2
    train, test = lm_corpus()
    test = test[:120]
    blocks, owners = D.lm_blocks_owned(tokenizer, test, BLOCK, drop_last=False)
    after = _trained(before, D.lm_blocks(tokenizer, train, 64, drop_last=True))
    info = pick_device("cpu")
    nll_before: dict[int, list[float]] = {}
    nll_after: dict[int, list[float]] = {}
    ppl_before = perplexity(before, blocks, 0, 16, info, token_nll=nll_before)
    ppl_after = perplexity(after, blocks, 0, 16, info, token_nll=nll_after)
    tokens = lm_tokens(owners, nll_before, nll_after)
    # The whole held-out perplexity is exp of the mean of the very per-token losses the parts are cut from.
    assert math.exp(np.mean(tokens.before)) == pytest.approx(ppl_before, rel=1e-4)
    assert math.exp(np.mean(tokens.after)) == pytest.approx(ppl_after, rel=1e-4)

    parts = finetune.lm_part_scores(_spec(), len(test), tokens)
    private = leaderboard.private_mask(KEY, SLUG, len(test))
    for part, rows in (("public_score", ~private), ("private_score", private)):
        chosen = set(np.flatnonzero(rows).tolist())
        ratio = math.exp(_mean_nll(after, blocks, owners, chosen) - _mean_nll(before, blocks, owners, chosen))
        assert 0 < parts[part] < 1
        assert parts[part] == pytest.approx(1 - ratio, abs=1e-5)
    assert parts["public_score"] != parts["private_score"]
    assert finetune.lm_part_scores(_spec(key=""), len(test), tokens) == {}


def test_a_part_that_got_worse_scores_zero_and_a_diverged_job_none():
    # With this key, texts 0 and 1 are private and text 2 public: text 0 got better, text 2 worse.
    assert leaderboard.private_mask(KEY, SLUG, 3).tolist() == [True, True, False]
    tokens = LMTokens(texts=[0, 0, 2, 2], before=[2.0, 2.0, 2.0, 2.0], after=[1.0, 1.0, 3.0, 3.0])
    parts = finetune.lm_part_scores(_spec(), 3, tokens)
    assert parts == {"private_score": pytest.approx(1 - math.exp(-1.0), abs=1e-6), "public_score": 0.0}
    diverged = LMTokens(texts=[0, 0, 2, 2], before=[2.0] * 4, after=[float("nan")] * 4)
    assert finetune.lm_part_scores(_spec(), 3, diverged) == {}


@pytest.mark.parametrize("slug", ["finetune-gpt-text", "lora-finetune-gpt"])
def test_a_whole_lm_job_reports_both_parts_and_keeps_its_verdict(gpt2, slug):
    path, _, _ = gpt2
    registry = ModelRegistry.from_dirs({"tiny-gpt2": path})
    config = {"model": "tiny-gpt2", "learning_rate": 1e-3, "epochs": 1, "batch_size": 8, "max_seq_length": 64}
    if slug == "lora-finetune-gpt":
        config |= {"lora_r": 16, "lora_alpha": 64.0, "lora_dropout": 0.0, "lora_target_modules": "c_attn,c_proj,c_fc"}
    exercise = Bank.default().get(slug)
    result = finetune.run(_spec(slug, leaderboard.split_key("a-test-seed", slug), config), exercise, registry=registry)
    assert result.error is None, result.to_dict()
    metrics = result.metrics
    assert 0 < metrics["public_score"] < 1 and 0 < metrics["private_score"] < 1
    # Each part's 1 - ratio brackets the whole's 1 - ppl_ratio (a token-weighted mean of two parts' losses).
    low, high = sorted([metrics["public_score"], metrics["private_score"]])
    assert low - 1e-4 <= 1 - metrics["ppl_ratio"] <= high + 1e-4
    expected = 1.0 if metrics["ppl_ratio"] <= 0.9 else max(0.0, (1 - metrics["ppl_ratio"]) / 0.1)
    assert result.score == pytest.approx(min(expected, 1.0), abs=1e-5)
