"""The Python-for-data exercises: their statements' worked examples are what the references compute, and the
references agree with independent routes (pandas, other scipy solvers) on many inputs beyond the graded cases.

`test_solutions.py` proves each reference passes its own grader and each wrong solution fails; `test_oracles.py`
grades the oracles on the cases of one job. These tests go wider, without the sandbox.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from gpu_runner.bank import Bank


def module(bank: Bank, slug: str, name: str = "reference"):
    return bank.get(slug).load_module(name)


# --- access-log-summary ----------------------------------------------------------------------------


def test_access_log_statement_examples(bank):
    ref, grader = module(bank, "access-log-summary"), module(bank, "access-log-summary", "grader")
    assert ref.parse_log_line(grader.EXAMPLE_LOG.splitlines()[0]) == {
        "ip": "127.0.0.1",
        "user": "frank",
        "time": "2000-10-10T20:55:36Z",
        "method": "GET",
        "path": "/apache_pb.gif",
        "protocol": "HTTP/1.0",
        "status": 200,
        "size": 2326,
    }
    assert ref.parse_log_line("this line is not a request") is None
    assert ref.summarize(grader.EXAMPLE_LOG) == {
        "requests": 4,
        "malformed": 2,
        "unique_ips": 3,
        "bytes": 3046,
        "status": {"2xx": 2, "3xx": 1, "4xx": 1},
        "top_paths": [["/index.html", 2], ["/apache_pb.gif", 1], ["/login", 1]],
        "busiest_hour": "2000-10-10T20",
    }


def test_access_log_summary_agrees_with_pandas_on_random_logs(bank):
    ref, grader = module(bank, "access-log-summary"), module(bank, "access-log-summary", "grader")
    rng = np.random.default_rng(0)
    for _ in range(20):
        text = grader._random_log(rng, 300)
        summary = ref.summarize(text, top=4)
        lines = pd.Series(text.splitlines()).str.strip()
        frame = lines.str.extract(
            r'^(?P<ip>\S+) \S+ \S+ \[(?P<stamp>[^\]]+)\] "\S+ (?P<target>\S+) \S+" (?P<status>\d{3}) (?P<size>\d+|-)$'
        ).dropna()
        frame["status"] = frame["status"].astype(int)
        frame["time"] = pd.to_datetime(frame["stamp"], format="%d/%b/%Y:%H:%M:%S %z", errors="coerce", utc=True)
        frame = frame[frame["time"].notna() & frame["status"].between(100, 599)]
        paths = frame["target"].str.split("?").str[0].value_counts()
        paths = sorted(paths.items(), key=lambda pc: (-pc[1], pc[0]))[:4]
        hours = frame["time"].dt.strftime("%Y-%m-%dT%H").value_counts()
        assert summary["requests"] == len(frame)
        assert summary["unique_ips"] == frame["ip"].nunique()
        assert summary["bytes"] == pd.to_numeric(frame["size"].replace("-", "0")).sum()
        assert summary["top_paths"] == [[path, int(count)] for path, count in paths]
        assert summary["busiest_hour"] == min(hours.index, key=lambda hour: (-hours[hour], hour))


# --- scipy-optimize --------------------------------------------------------------------------------


def test_scipy_optimize_statement_examples(bank):
    ref, grader = module(bank, "scipy-optimize"), module(bank, "scipy-optimize", "grader")
    assert ref.fit_decay(grader.EXAMPLE_T, grader.EXAMPLE_Y) == pytest.approx((5.0249076, 0.7055912, 0.5032201))
    np.testing.assert_allclose(ref.min_variance_weights(grader.EXAMPLE_COV), [5 / 17, 0, 12 / 17], atol=1e-12)
    shorted = ref.min_variance_weights(grader.EXAMPLE_COV, allow_short=True)
    np.testing.assert_allclose(shorted, [0.27155788, -0.08337303, 0.81181515], atol=1e-8)
    assert shorted @ grader.EXAMPLE_COV @ shorted == pytest.approx(0.018480228680323965)
    rate = ref.irr([-100.0, 30.0, 40.0, 50.0])
    assert 30 / (1 + rate) + 40 / (1 + rate) ** 2 + 50 / (1 + rate) ** 3 == pytest.approx(100.0, rel=1e-12)


def test_exact_minimum_variance_is_never_beaten_by_slsqp(bank):
    from scipy import optimize

    ref, grader = module(bank, "scipy-optimize"), module(bank, "scipy-optimize", "grader")
    rng = np.random.default_rng(1)
    for _ in range(40):
        n = int(rng.integers(2, 9))
        cov = grader._covariance(rng, n, must_short=False)
        w = ref.min_variance_weights(cov)
        assert w.min() >= 0 and w.sum() == pytest.approx(1.0)
        for start in (np.full(n, 1.0 / n), rng.dirichlet(np.ones(n))):
            other = optimize.minimize(
                lambda v, cov=cov: v @ cov @ v,
                start,
                method="SLSQP",
                bounds=[(0.0, 1.0)] * n,
                constraints=[{"type": "eq", "fun": lambda v: v.sum() - 1.0}],
                options={"ftol": 1e-15, "maxiter": 1000},
            ).x
            assert w @ cov @ w <= other @ cov @ other * (1 + 1e-9)


def test_decay_fit_reaches_the_least_squares_minimum_from_a_far_start(bank):
    from scipy import optimize

    ref, grader = module(bank, "scipy-optimize"), module(bank, "scipy-optimize", "grader")
    rng = np.random.default_rng(2)
    for _ in range(30):
        t, y = grader._decay(rng, rising=bool(rng.integers(0, 2)))
        a, k, c = ref.fit_decay(t, y)
        ours = grader._ssr((a, k, c), t, y)
        for scale in (0.5, 2.0):
            start = (a * scale, k * scale, c + scale)
            other = optimize.least_squares(
                lambda p, t=t, y=y: p[0] * np.exp(-p[1] * t) + p[2] - y, start, ftol=1e-15, xtol=1e-15, gtol=1e-15
            ).x
            assert ours <= grader._ssr(other, t, y) * (1 + 1e-9)


# --- listings-eda ----------------------------------------------------------------------------------


def test_listings_eda_statement_example(bank):
    ref, grader = module(bank, "listings-eda"), module(bank, "listings-eda", "grader")
    assert ref.quality_report(grader.EXAMPLE) == {
        "rows": 10,
        "missing": {"listing_id": 0, "city": 0, "rooms": 1, "area_m2": 2, "price": 1},
        "duplicate_rows": 1,
        "price_per_m2_outliers": 1,
    }
    summary = ref.city_summary(grader.EXAMPLE)
    assert list(summary) == ["Berlin", "Munich"]
    assert summary["Munich"] == {
        "listings": 3,
        "median_price_per_m2": 380000 / 48,
        "mean_area_m2": 45.0,
        "mean_rooms": 1.5,
    }
    assert summary["Berlin"]["median_price_per_m2"] == pytest.approx((320000 / 54.5 + 410000 / 80) / 2, rel=1e-12)


@pytest.mark.parametrize("seed", range(20))
def test_listings_eda_outliers_agree_with_numpy_percentiles_row_by_row(bank, seed):
    """An independent route: plain rows, NumPy's percentiles, no pandas groupby or drop_duplicates."""
    ref, grader = module(bank, "listings-eda"), module(bank, "listings-eda", "grader")
    text = grader.messy_listings(np.random.default_rng(seed), 80)
    df = ref._clean(text)
    seen, ratios = set(), []
    for row in df.itertuples(index=False):
        key = tuple(None if pd.isna(value) else value for value in row)
        if key in seen or key[3] is None or key[4] is None:
            continue
        seen.add(key)
        ratios.append(key[4] / key[3])
    q1, q3 = np.percentile(ratios, [25, 75])
    outside = [r for r in ratios if not q1 - 1.5 * (q3 - q1) <= r <= q3 + 1.5 * (q3 - q1)]
    assert ref.quality_report(text)["price_per_m2_outliers"] == len(outside)
    assert sum(city["listings"] for city in ref.city_summary(text).values()) == len(ratios) - len(outside)
