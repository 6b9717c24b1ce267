"""The attention exercises' random masks: the requested shape, and no query row left without a key."""

import numpy as np

from gpu_runner.graders.attention import random_mask


def test_random_mask_keeps_a_key_in_every_row():
    rng = np.random.default_rng(3)
    for shape in [(1, 1), (5, 5), (2, 3, 4, 7), (6, 1)]:
        mask = random_mask(rng, shape)
        assert mask.shape == shape and mask.dtype == bool
        assert mask.any(axis=-1).all()


def test_random_mask_is_drawn_from_the_generator():
    first = random_mask(np.random.default_rng(0), (4, 9))
    again = random_mask(np.random.default_rng(0), (4, 9))
    assert np.array_equal(first, again)
    assert not first.all()
