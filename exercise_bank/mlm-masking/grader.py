"""Cases for mlm-masking: BERT's 80/10/10 rule with the random draws given, special tokens and padding, other
rates, whole-word masking, and bad probabilities. Every uniform is drawn at least 1e-6 away from the
thresholds it is compared with, so float32 and float64 comparisons agree."""

import numpy as np

from gpu_runner.graders.code import case_maker, with_hints

FN = "mask_tokens"
CLS, SEP, PAD, MASK = 101, 102, 0, 103


def _uniform(rng, shape, cuts):
    u = rng.random(shape)
    near = np.zeros(shape, dtype=bool)
    for cut in cuts:
        near |= np.abs(u - cut) < 1e-6
    while near.any():
        u[near] = rng.random(int(near.sum()))
        near = np.zeros(shape, dtype=bool)
        for cut in cuts:
            near |= np.abs(u - cut) < 1e-6
    return u


def _batch(rng, rows, length, vocab=30000):
    """Token ids with [CLS] ... [SEP] and right padding; the special mask marks all three."""
    ids = rng.integers(1000, vocab, size=(rows, length))
    special = np.zeros((rows, length), dtype=bool)
    for row in range(rows):
        used = int(rng.integers(length // 2, length + 1))
        ids[row, 0], ids[row, used - 1] = CLS, SEP
        ids[row, used:] = PAD
        special[row, [0, used - 1]] = True
        special[row, used:] = True
    return ids, special


def _draws(rng, shape, p_select=0.15, p_mask=0.8, p_random=0.1, vocab=30000):
    return (
        _uniform(rng, shape, (p_select,)),
        _uniform(rng, shape, (p_mask, p_mask + p_random)),
        rng.integers(1000, vocab, size=shape),
    )


EIGHTY_TEN_TEN = {
    "en": "for a selected token: u_action < 0.8 gives [MASK], 0.8 <= u_action < 0.9 the random id, otherwise the token stays",
    "zh": "对被选中的词元：u_action < 0.8 换成 [MASK]，0.8 <= u_action < 0.9 换成随机编号，否则保持原样",
}
LABELS = {
    "en": "labels hold the ORIGINAL id at every selected position (masked, replaced or kept) and -100 everywhere else",
    "zh": "labels 在每个被选中的位置（无论被遮住、被替换还是保持原样）都是原始编号，其余位置为 -100",
}
SPECIAL = {
    "en": "a position whose special_mask is True ([CLS], [SEP], padding) is never selected, whatever u_select says",
    "zh": "special_mask 为 True 的位置（[CLS]、[SEP]、填充）永远不会被选中，无论 u_select 是多少",
}

BAD_INPUT = {
    "en": (
        "raise ValueError for a probability outside [0, 1], for mask_replace_prob + random_replace_prob > 1, or for "
        "arrays whose shape differs from input_ids"
    ),
    "zh": "概率不在 [0, 1] 内、mask_replace_prob + random_replace_prob > 1，或数组形状与 input_ids 不同时，抛出 ValueError",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "a padded batch, BERT's rates": EIGHTY_TEN_TEN,
    "special tokens and padding are never selected": SPECIAL,
    "mlm_probability = 1 selects every ordinary token": LABELS,
    "mlm_probability = 0 selects nothing": {
        "en": "nothing selected: inputs unchanged, labels all -100",
        "zh": "没有选中任何词元：输入不变，labels 全为 -100",
    },
    "other rates": {
        "en": (
            "[MASK] when u_action < mask_replace_prob, the random id when u_action < mask_replace_prob + "
            "random_replace_prob, otherwise keep"
        ),
        "zh": "u_action < mask_replace_prob 时换成 [MASK]，u_action < mask_replace_prob + random_replace_prob 时换成随机编号，否则保持",
    },
    "mask_replace_prob = 1": EIGHTY_TEN_TEN,
    "a random replacement that happens to be the same token": LABELS,
    "a single sequence": {
        "en": "the arrays may be 1-D: return arrays of the same shape",
        "zh": "数组可以是一维的：返回同样形状的数组",
    },
    "whole-word masking over a padded batch": {
        "en": (
            "with word_ids, a token is selected when any token of its word (same id, same row) is; every selected "
            "token becomes [MASK]; id -1 is never selected"
        ),
        "zh": (
            "给出 word_ids 时，只要一个词中有任一词元被选中（同一行、同一编号），整个词的词元都被选中；所有被选中的词元都换成 "
            "[MASK]；编号 -1 永远不会被选中"
        ),
    },
    "rates that add up to more than 1": BAD_INPUT,
    "a draw array of the wrong shape": BAD_INPUT,
}
_case = case_maker(FN)


def _mask(name, ids, special, draws, **options):
    """The case `mask_tokens(ids, special, u_select, u_action, random_ids, MASK, **options)` for `draws`, the
    three arrays of random draws."""
    return _case(name, ids, special, *draws, MASK, **options)


def make_cases(rng):
    cases = [
        _mask(
            {"en": "statement example: the cat sat on the mat", "zh": "题目示例：the cat sat on the mat"},
            np.array([CLS, 1996, 4937, 2938, 2006, 1996, 13523, SEP]),
            np.array([True, False, False, False, False, False, False, True]),
            (
                np.array([0.01, 0.05, 0.62, 0.10, 0.93, 0.12, 0.40, 0.02]),
                np.array([0.5, 0.30, 0.10, 0.85, 0.20, 0.95, 0.70, 0.1]),
                np.array([7, 2154, 88, 3899, 5, 2017, 42, 9]),
            ),
            visible=True,
        ),
        _mask(
            {"en": "statement example: whole-word masking", "zh": "题目示例：整词遮盖"},
            np.array([CLS, 1996, 4895, 8671, 3085, 4937, SEP]),
            np.array([True, False, False, False, False, False, True]),
            (
                np.array([0.5, 0.6, 0.9, 0.1, 0.8, 0.7, 0.05]),
                np.array([0.5, 0.5, 0.95, 0.85, 0.3, 0.5, 0.5]),
                np.array([1, 2, 3, 4, 5, 6, 7]),
            ),
            word_ids=np.array([-1, 0, 1, 1, 1, 2, -1]),
            visible=True,
        ),
    ]
    ids, special = _batch(rng, int(rng.integers(3, 6)), int(rng.integers(12, 30)))
    draws = _draws(rng, ids.shape)
    u_select, u_action, random_ids = draws
    cases += [
        _mask({"en": "a padded batch, BERT's rates", "zh": "带填充的批次，BERT 的比例"}, ids, special, draws),
        _mask(
            {"en": "special tokens and padding are never selected", "zh": "特殊词元和填充永远不会被选中"},
            ids,
            special,
            (np.where(special, 0.0, u_select), u_action, random_ids),
        ),
        _mask(
            {"en": "mlm_probability = 1 selects every ordinary token", "zh": "mlm_probability = 1 时选中所有普通词元"},
            ids,
            special,
            draws,
            mlm_probability=1.0,
        ),
        _mask(
            {"en": "mlm_probability = 0 selects nothing", "zh": "mlm_probability = 0 时什么都不选"},
            ids,
            special,
            draws,
            mlm_probability=0.0,
        ),
    ]
    for name, (p_select, p_mask, p_random) in (
        ({"en": "other rates (30% selected; 50/30/20)", "zh": "其他比例（选中 30%；50/30/20）"}, (0.3, 0.5, 0.3)),
        (
            {
                "en": "mask_replace_prob = 1: every selected token becomes [MASK]",
                "zh": "mask_replace_prob = 1：每个被选中的词元都变成 [MASK]",
            },
            (0.4, 1.0, 0.0),
        ),
    ):
        cases.append(
            _mask(
                name,
                ids,
                special,
                _draws(rng, ids.shape, p_select, p_mask, p_random),
                mlm_probability=p_select,
                mask_replace_prob=p_mask,
                random_replace_prob=p_random,
            )
        )
    same = ids.copy()
    u_select, u_action, _ = _draws(rng, ids.shape, 0.5)
    cases.append(
        _mask(
            {"en": "a random replacement that happens to be the same token", "zh": "随机替换恰好是同一个词元"},
            ids,
            special,
            (u_select, u_action, same),
            mlm_probability=0.5,
        )
    )
    one = rng.integers(1000, 30000, size=16)
    one[0], one[-1] = CLS, SEP
    one_special = np.zeros(16, dtype=bool)
    one_special[[0, -1]] = True
    cases.append(
        _mask(
            {"en": "a single sequence (1-D arrays)", "zh": "单个序列（一维数组）"},
            one,
            one_special,
            _draws(rng, (16,), 0.5),
            mlm_probability=0.5,
        )
    )
    word_ids = np.full(ids.shape, -1)
    for row in range(ids.shape[0]):
        ordinary = np.flatnonzero(~special[row])
        word_ids[row, ordinary] = np.cumsum(rng.random(len(ordinary)) < 0.6)
    cases.append(
        _mask(
            {"en": "whole-word masking over a padded batch", "zh": "在带填充的批次上整词遮盖"},
            ids,
            special,
            _draws(rng, ids.shape, 0.15),
            word_ids=word_ids,
        )
    )
    draws = _draws(rng, ids.shape)
    u_select, u_action, random_ids = draws
    cases += [
        _mask(
            {"en": "rates that add up to more than 1 raise ValueError", "zh": "比例之和超过 1 时抛出 ValueError"},
            ids,
            special,
            draws,
            mask_replace_prob=0.8,
            random_replace_prob=0.3,
        ),
        _mask(
            {"en": "a draw array of the wrong shape raises ValueError", "zh": "形状错误的随机数数组抛出 ValueError"},
            ids,
            special,
            (u_select[:, :-1], u_action, random_ids),
        ),
    ]
    return with_hints(cases, HINTS)
