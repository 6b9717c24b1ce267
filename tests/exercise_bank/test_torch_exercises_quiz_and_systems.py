"""The map-reduce and Keras quiz exercises of the torch-era bank: their statements' examples and the numbers they
state, checked against a direct computation (the torch exercises themselves are in test_torch_exercises.py)."""

from __future__ import annotations

import zlib
from collections import Counter

import numpy as np
import pytest
import torch

from tests.exercise_bank.helpers import reference

TORCH_SLUGS = ("layer-norm-module", "adam-step", "inverted-dropout", "rnn-cell", "lstm-cell", "conv2d")
CODE_SLUGS = (*TORCH_SLUGS, "training-memory", "map-reduce")


def test_map_reduce_statement_examples(bank):
    module = reference(bank, "map-reduce")
    assert module.chunks(10, 3) == [(0, 4), (4, 7), (7, 10)]
    assert module.partition("cat", 3) == 1
    docs = ["the cat sat", "The dog sat", "a cat and a dog", "the end"]
    result = module.map_reduce(docs, 2, 3)
    assert (result["shuffled"], result["received"]) == (10, [6, 4, 0])
    assert result["reducers"] == [{"the": 3, "sat": 2, "a": 2, "and": 1, "end": 1}, {"cat": 2, "dog": 2}, {}]
    plain = module.map_reduce(docs, 2, 3, combine=False)
    assert (plain["shuffled"], plain["received"]) == (13, [9, 4, 0])
    assert plain["counts"] == result["counts"]


def test_map_reduce_counts_do_not_depend_on_how_the_work_is_split(bank):
    module = reference(bank, "map-reduce")
    grader = bank.get("map-reduce").load_module("grader")
    docs = grader._corpus(np.random.default_rng(4), 50, casing=True)
    expected = dict(Counter(word for doc in docs for word in doc.lower().split()))
    for mappers in (1, 3, 7, 60):
        for reducers in (1, 2, 5):
            result = module.chunks(len(docs), mappers)
            assert [stop - start for start, stop in result] == [len(a) for a in np.array_split(docs, mappers)]
            out = module.map_reduce(docs, mappers, reducers)
            assert out["counts"] == expected and sum(out["received"]) == out["shuffled"]
            assert all(module.partition(word, reducers) == r for r, part in enumerate(out["reducers"]) for word in part)


def test_python_hash_differs_between_processes_where_crc32_partitions_do_not(bank):
    """The statement's reason for crc32: str hashes are salted per process."""
    import subprocess
    import sys

    code = "print([hash(w) % 7 for w in ('the', 'cat', 'gpu', 'map', 'reduce', 'worker')])"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code], env={"PYTHONHASHSEED": str(seed)}, capture_output=True, text=True, check=True
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(outputs) > 1
    partition = reference(bank, "map-reduce").partition
    assert [partition(w, 7) for w in ("the", "cat")] == [zlib.crc32(b"the") % 7, zlib.crc32(b"cat") % 7]


def test_keras_quiz_numbers_are_what_keras_and_torch_compute(bank):
    questions = {q["id"]: q for q in bank.get("quiz-keras-for-pytorch-users").questions}
    # q1: Dense(64) on 20 inputs and Dense(3) are nn.Linear(20, 64) and nn.Linear(64, 3)
    ported = torch.nn.Sequential(
        torch.nn.Linear(20, 64), torch.nn.ReLU(), torch.nn.Dropout(0.5), torch.nn.Linear(64, 3)
    )
    assert questions["q1"]["answer"] == sum(p.numel() for p in ported.parameters()) == 1539
    # q6: torch's momentum is the new batch's weight; Keras's 0.99 is the old value's
    bn = torch.nn.BatchNorm1d(1, momentum=questions["q6"]["answer"])
    bn.train()
    bn(torch.tensor([[2.0], [4.0]]))  # a batch mean of 3
    assert bn.running_mean.item() == pytest.approx(0.99 * 0.0 + 0.01 * 3.0)
    # q7: Keras's EarlyStopping with patience 3, as its callback counts
    losses = [0.90, 0.70, 0.65, 0.66, 0.64, 0.67, 0.68, 0.69, 0.63]
    best, wait, best_epoch = float("inf"), 0, 0
    for epoch, loss in enumerate(losses, 1):
        if loss < best:
            best, wait, best_epoch = loss, 0, epoch
        else:
            wait += 1
            if wait >= 3:
                break
    assert (epoch, best_epoch) == (questions["q7"]["answer"], 5)
    # q9: Dense / nn.Linear act on the last axis
    assert torch.nn.Linear(32, 64)(torch.zeros(2, 10, 32)).shape == (2, 10, 64)
    assert questions["q9"]["answer"] == "b"
