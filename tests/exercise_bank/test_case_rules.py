"""The bank's rules for a code exercise's cases, for the Transformer/LLM/agent exercises and the deep-learning ones
(with the parallel-computing one): unique bilingual names, a visible example, a bilingual hint on every hidden case,
at least 8 cases (LLM) or 12 (deep learning), and hidden inputs that change with the job's seed."""

from __future__ import annotations

import numpy as np
import pytest

from tests.exercise_bank.helpers import TORCH_SLUGS, assert_cases_follow_the_bank_rules

LLM_CODE_SLUGS = (
    "top-p-filter",
    "temperature-sampling",
    "beam-search",
    "kv-cache-attention",
    "rotary-embedding",
    "transformer-block",
    "qkv-projections",
    "lora-linear",
    "mlm-masking",
    "tokenize-and-align-labels",
    "chat-template",
    "few-shot-prompt",
    "react-agent-loop",
    "structured-output",
    "llm-param-count",
    "qa-answer-span",
)
TORCH_CODE_SLUGS = (*TORCH_SLUGS, "training-memory", "map-reduce")
AT_LEAST = {**dict.fromkeys(LLM_CODE_SLUGS, 8), **dict.fromkeys(TORCH_CODE_SLUGS, 12)}


@pytest.mark.parametrize("slug", AT_LEAST)
def test_cases_have_unique_bilingual_names_bilingual_hints_and_visible_examples(bank, slug):
    assert_cases_follow_the_bank_rules(bank, slug, at_least=AT_LEAST[slug])


@pytest.mark.parametrize("slug", AT_LEAST)
def test_hidden_inputs_change_with_the_seed(bank, slug):
    grader = bank.get(slug).load_module("grader")

    def hidden(seed: int) -> str:
        return repr([case.args for case in grader.make_cases(np.random.default_rng(seed)) if not case.visible])

    assert hidden(1) != hidden(2), f"{slug}: the hidden cases do not depend on the job's seed"
