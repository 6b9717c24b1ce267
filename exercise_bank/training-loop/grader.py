"""Hidden data for training-loop: readings of a machine's ten sensors and its operating mode (three modes), written
for Pathwise (CC0) by the generator below. Nothing is stored: the data are drawn at load time from a fixed seed.

Each mode traces one arm of a three-armed spiral in a 2-D latent state (r grows from 0.15 to 1 while the angle
turns 1.75 times). Six sensors read noisy linear mixtures of the state, two read non-linear functions of it
(tanh(3xy) and x^2 - y^2), two read only noise; then each sensor gets its own unit (a scale from 10^-2 to 10^4)
and a large offset (20 to 100 of its units), as raw readings do. A linear model cannot separate spiral arms
(about 0.38 accuracy); a small network on standardised inputs reaches about 0.98; the same network on the raw
readings stays at chance. Only `random.Random.random()` is used (Box-Muller for the normal draws): it is the one
stream Python promises to keep across versions, so the data never change. 3,000 examples: 2,250 train, 750 test.
"""

import math
import random
from functools import cache

import numpy as np

METRIC = "accuracy"
SEED = 20261201
N_EXAMPLES = 3000
N_TRAIN = 2250
N_SENSORS = 10
N_MIXED = 6


@cache
def _generate():
    rnd = random.Random(SEED)

    def gauss():
        u1, u2 = rnd.random(), rnd.random()
        return math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2)

    mix = [(gauss(), gauss()) for _ in range(N_MIXED)]
    scales = [10 ** (rnd.random() * 6 - 2) for _ in range(N_SENSORS)]
    offsets = [s * (20 + 80 * rnd.random()) for s in scales]
    rows = []
    for i in range(N_EXAMPLES):
        mode = i % 3
        t = rnd.random()
        radius, angle = 0.15 + 0.85 * t, 2 * math.pi * mode / 3 + t * 1.75 * 2 * math.pi
        x = radius * math.cos(angle) + 0.03 * gauss()
        y = radius * math.sin(angle) + 0.03 * gauss()
        readings = [a * x + b * y + 0.02 * gauss() for a, b in mix]
        readings += [math.tanh(3 * x * y) + 0.02 * gauss(), x * x - y * y + 0.02 * gauss(), gauss(), gauss()]
        rows.append(([r * s + o for r, s, o in zip(readings, scales, offsets)], mode))
    rnd.shuffle(rows)
    X = np.array([features for features, _ in rows])
    y = np.array([mode for _, mode in rows], dtype=np.int64)
    return X, y


def load_data():
    X, y = _generate()
    return X[:N_TRAIN].copy(), y[:N_TRAIN].copy(), X[N_TRAIN:].copy(), y[N_TRAIN:].copy()
