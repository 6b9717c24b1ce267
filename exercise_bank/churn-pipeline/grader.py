"""Hidden data for churn-pipeline: customer records written for Pathwise, generated once from a fixed seed.

The training customers and the test customers come from two sign-up campaigns: the test ones are newer,
on pricier offers, and some live in cities the training set never saw. Churn depends on the features in
the same way for both. Preprocessing fitted on the training rows carries over; preprocessing fitted on
the test rows themselves (or features dropped for being awkward) costs most of the score. The records
are synthetic (CC0), see gpu_runner/data/README.md.
"""

import numpy as np

SEED = 20261204
CITIES = ["Berlin", "Shanghai", "Lyon", "Osaka", "Madrid", "Dublin", "Chengdu", "Porto"]
NEW_CITIES = ["Hangzhou", "Gdansk"]
PLANS = {"basic": 0.9, "standard": 0.0, "premium": -1.1}
CITY_EFFECT = {
    "Berlin": -0.9,
    "Shanghai": 0.8,
    "Lyon": 0.0,
    "Osaka": -0.5,
    "Madrid": 0.6,
    "Dublin": 1.0,
    "Chengdu": -1.0,
    "Porto": 0.3,
    "Hangzhou": 0.0,
    "Gdansk": 0.0,
}


def _customers(rng, n, *, test):
    # The test customers come from a later sign-up campaign: newer, on pricier offers, some in new cities.
    tenure = rng.integers(1, 37, size=n) if test else rng.integers(1, 73, size=n)
    charges = rng.normal(78.0, 10.0, size=n) if test else rng.normal(60.0, 15.0, size=n)
    calls = rng.poisson(1.2 if test else 1.5, size=n)
    plan = rng.choice(list(PLANS), size=n, p=[0.5, 0.3, 0.2] if test else [0.35, 0.4, 0.25])
    cities = CITIES + NEW_CITIES if test else CITIES
    city = rng.choice(cities, size=n)
    age = rng.integers(18, 80, size=n).astype(float)
    income = np.round(rng.lognormal(10.6, 0.4, size=n), -2)
    logit = (
        0.3
        - 0.09 * tenure
        + 0.045 * (charges - 60.0)
        + 0.55 * calls
        + np.array([PLANS[p] for p in plan])
        - 0.8 * (income > 50000)
        + np.array([CITY_EFFECT[c] for c in city])
        + rng.logistic(scale=0.4, size=n)
    )
    y = (logit > 0).astype(np.int64)
    records = []
    for i in range(n):
        records.append(
            {
                "tenure_months": int(tenure[i]),
                "monthly_charges": round(float(charges[i]), 2),
                "support_calls": int(calls[i]),
                "plan": str(plan[i]),
                "city": str(city[i]),
                "age": None if rng.random() < 0.08 else int(age[i]),
                "income": None if rng.random() < 0.12 else float(income[i]),
            }
        )
    return records, y


def load_data():
    rng = np.random.default_rng(SEED)
    X_train, y_train = _customers(rng, 1200, test=False)
    X_test, y_test = _customers(rng, 600, test=True)
    return X_train, y_train, X_test, y_test


METRIC = "f1_macro"
