"""The mathematics and statistics exercises: their statements' worked examples are what the references compute, and
the references agree with the field's libraries on many random inputs beyond the graded cases.

`test_solutions.py` proves each reference passes its own grader and each wrong solution fails; the oracles prove the
graders agree with the libraries on the cases one job draws. These tests go wider (many seeds, straight against
SciPy, scikit-learn and torch, without the sandbox) and check what neither sees: the numbers a statement shows.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.linalg

from gpu_runner.bank import Bank


def module(bank: Bank, slug: str, name: str = "reference"):
    return bank.get(slug).load_module(name)


# --- gaussian-elimination -------------------------------------------------------------------------


def test_gaussian_elimination_statement_example(bank):
    ref = module(bank, "gaussian-elimination")
    a = np.array([[2.0, 1.0, 1.0], [4.0, 3.0, 3.0], [8.0, 7.0, 9.0]])
    perm, lower, upper = ref.lu_factor(a)
    np.testing.assert_array_equal(perm, [2, 0, 1])
    np.testing.assert_allclose(lower, [[1, 0, 0], [0.25, 1, 0], [0.5, 2 / 3, 1]])
    np.testing.assert_allclose(upper, [[8, 7, 9], [0, -0.75, -1.25], [0, 0, -2 / 3]])
    assert ref.determinant(a) == 4.0
    np.testing.assert_allclose(ref.inverse(a), [[1.5, -0.5, 0], [-3, 2.5, -0.5], [1, -1.5, 0.5]], atol=1e-15)
    with pytest.raises(ValueError, match="singular"):
        ref.inverse(np.array([[1.0, 2.0], [2.0, 4.0]]))


def test_gaussian_elimination_agrees_with_scipy_lu_on_random_matrices(bank):
    ref = module(bank, "gaussian-elimination")
    rng = np.random.default_rng(0)
    for n in [1, 2, 3, 4, 6, 9, 15, 25] * 5:
        a = rng.normal(size=(n, n))
        perm, lower, upper = ref.lu_factor(a)
        p, scipy_lower, scipy_upper = scipy.linalg.lu(a, p_indices=True)
        np.testing.assert_array_equal(perm, np.argsort(p))
        np.testing.assert_allclose(lower, scipy_lower, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(upper, scipy_upper, rtol=1e-10, atol=1e-12)
        assert ref.determinant(a) == pytest.approx(scipy.linalg.det(a), rel=1e-9)
        np.testing.assert_allclose(ref.inverse(a), scipy.linalg.inv(a), rtol=1e-7, atol=1e-9)


def test_gaussian_elimination_calls_integer_combinations_singular_and_leaves_the_input_alone(bank):
    ref = module(bank, "gaussian-elimination")
    rng = np.random.default_rng(1)
    for _ in range(50):
        rows = rng.integers(-5, 6, size=(4, 5)).astype(float)
        a = rng.permutation(np.vstack([rows, rng.integers(1, 4, size=4) @ rows]))
        before = a.copy()
        with pytest.raises(ValueError, match="singular"):
            ref.inverse(a)
        np.testing.assert_array_equal(a, before)


# --- truncated-svd ---------------------------------------------------------------------------------


def test_truncated_svd_statement_example(bank):
    ref = module(bank, "truncated-svd")
    a = np.array([[3.0, 1.0, 1.0], [-1.0, 3.0, 1.0]])
    u, s, vt = ref.truncated_svd(a, 1)
    np.testing.assert_allclose(u, [[1 / math.sqrt(2)], [1 / math.sqrt(2)]])
    np.testing.assert_allclose(s, [math.sqrt(12)])
    np.testing.assert_allclose(vt, [[1 / math.sqrt(6), 2 / math.sqrt(6), 1 / math.sqrt(6)]])
    assert np.linalg.svd(a)[2][0, 1] < 0  # the statement says numpy's v_1 comes out negative
    a_1, error_fro, error_2 = ref.low_rank_approximation(a, 1)
    np.testing.assert_allclose(a_1, [[1, 2, 1], [1, 2, 1]])
    assert error_fro == pytest.approx(math.sqrt(10)) and error_2 == pytest.approx(math.sqrt(10))
    assert ref.rank_for_energy(a, 0.5) == 1 and ref.rank_for_energy(a, 0.6) == 2


def test_truncated_svd_agrees_with_scikit_learn_truncated_svd(bank):
    from sklearn.decomposition import TruncatedSVD

    ref = module(bank, "truncated-svd")
    rng = np.random.default_rng(2)
    for m, n, k in [(10, 6, 2), (6, 12, 3), (30, 20, 5), (8, 8, 7)] * 5:
        a = rng.normal(size=(m, n))
        model = TruncatedSVD(n_components=k, algorithm="arpack", tol=0.0, random_state=0).fit(a)
        u, s, vt = ref.truncated_svd(a, k)
        np.testing.assert_allclose(s, model.singular_values_, rtol=1e-9)
        np.testing.assert_allclose(vt, model.components_, rtol=1e-7, atol=1e-9)
        np.testing.assert_allclose(u * s, model.transform(a), rtol=1e-7, atol=1e-9)


def test_no_random_rank_k_matrix_is_closer_than_the_truncated_svd(bank):
    ref = module(bank, "truncated-svd")
    rng = np.random.default_rng(3)
    a = rng.normal(size=(9, 7))
    a_k, error_fro, error_2 = ref.low_rank_approximation(a, 3)
    assert np.linalg.matrix_rank(a_k) == 3
    assert error_fro == pytest.approx(np.linalg.norm(a - a_k))
    assert error_2 == pytest.approx(np.linalg.norm(a - a_k, 2))
    for _ in range(200):
        other = a_k + 0.05 * rng.normal(size=(9, 3)) @ rng.normal(size=(3, 7))
        other = ref.low_rank_approximation(other, 3)[0]  # a nearby matrix of rank 3
        assert np.linalg.norm(a - other) >= error_fro


# --- chain-rule-and-simpson ------------------------------------------------------------------------


def test_chain_rule_statement_examples(bank):
    ref = module(bank, "chain-rule-and-simpson")
    assert ref.derivative(["sin", ["pow", "x", 2]], 1.5) == (math.sin(2.25), 3 * math.cos(2.25))
    value, slope = ref.derivative(["div", ["exp", "x"], ["add", 1, ["pow", "x", 2]]], 0.5)
    assert value == pytest.approx(math.exp(0.5) / 1.25) and slope == pytest.approx(
        math.exp(0.5) * (1 - 0.5) ** 2 / 1.25**2
    )
    with pytest.raises(ValueError, match=r"log is not differentiable at -1\.0"):
        ref.derivative(["log", "x"], -1.0)
    gauss = ["exp", ["neg", ["div", ["pow", "x", 2], 2]]]
    assert ref.integrate(gauss, -1.0, 1.0, 10) == pytest.approx(1.7112706617319997, rel=1e-12)
    exact = math.sqrt(2 * math.pi) * math.erf(1 / math.sqrt(2))
    assert abs(ref.integrate(gauss, -1.0, 1.0, 10) - exact) == pytest.approx(2.2e-5, rel=0.01)


def test_chain_rule_agrees_with_torch_autograd_on_random_expressions(bank):
    torch = pytest.importorskip("torch")
    ref = module(bank, "chain-rule-and-simpson")
    grader = module(bank, "chain-rule-and-simpson", "grader")
    oracle = module(bank, "chain-rule-and-simpson", "oracle/torch")
    assert oracle.torch is torch
    rng = np.random.default_rng(4)
    for _ in range(300):
        expr, x = grader._expr(rng, int(rng.integers(1, 5))), grader._x(rng)
        value, slope = ref.derivative(expr, x)
        expected_value, expected_slope = oracle.derivative(expr, x)
        assert value == pytest.approx(expected_value, rel=1e-9, abs=1e-12), expr
        assert slope == pytest.approx(expected_slope, rel=1e-8, abs=1e-10), expr


def test_simpson_is_exact_for_cubics_and_converges_like_h4(bank):
    ref = module(bank, "chain-rule-and-simpson")
    cubic = ["sub", ["mul", 2, ["pow", "x", 3]], ["mul", 3, "x"]]
    assert ref.integrate(cubic, -1.0, 2.0, 2) == pytest.approx(2 * (16 - 1) / 4 - 3 * (4 - 1) / 2, rel=1e-12)
    errors = [abs(ref.integrate(["exp", "x"], 0.0, 1.0, n) - (math.e - 1)) for n in (4, 8, 16)]
    assert errors[0] / errors[1] == pytest.approx(16, rel=0.05) and errors[1] / errors[2] == pytest.approx(16, rel=0.05)


# --- dice-probability ------------------------------------------------------------------------------


def test_dice_probability_statement_examples(bank):
    ref = module(bank, "dice-probability")
    assert ref.probability([6, 6], [["sum", "==", 7]]) == (1, 6)
    assert ref.conditional([6, 6], [["die1", "==", 3]], [["sum", "==", 8]]) == (1, 5)
    assert ref.independent([6, 6], [["sum", "==", 7]], [["die1", "==", 3]]) is True
    assert ref.independent([6, 6], [["sum", "==", 8]], [["die1", "==", 3]]) is False
    assert ref.distribution([[1, 1, 1, 1, 1, 5], 4], "max") == [
        (1, 1, 40),
        (2, 3, 40),
        (3, 1, 8),
        (4, 7, 40),
        (5, 1, 10),
        (6, 1, 2),
    ]


def test_dice_probability_agrees_with_simulation_and_the_laws_of_probability(bank):
    ref = module(bank, "dice-probability")
    rng = np.random.default_rng(5)
    weights = [1, 2, 3, 4, 5, 6]
    rolls = np.stack(
        [rng.choice(np.arange(1, 7), p=np.array(weights) / 21, size=200_000), rng.integers(1, 5, size=200_000)]
    )
    numerator, denominator = ref.probability([weights, 4], [["sum", ">=", 7], ["min", "<=", 2]])
    simulated = np.mean((rolls.sum(axis=0) >= 7) & (rolls.min(axis=0) <= 2))
    assert simulated == pytest.approx(numerator / denominator, abs=0.005)
    # The pmf sums to 1, complements add up, and Bayes' rule links the two conditionals.
    assert sum(n / d for _, n, d in ref.distribution([weights, 4, 3], "sum")) == pytest.approx(1.0, abs=1e-15)
    a, b = [["sum", "==", 9]], [["die2", ">=", 3]]
    p_a, p_not_a = ref.probability([6, 6], a), ref.probability([6, 6], [["sum", "!=", 9]])
    assert p_a[0] * p_not_a[1] + p_not_a[0] * p_a[1] == p_a[1] * p_not_a[1]
    p_a_b, p_b_a = ref.conditional([6, 6], a, b), ref.conditional([6, 6], b, a)
    p_b = ref.probability([6, 6], b)
    assert p_a_b[0] * p_b[0] * p_a[1] * p_b_a[1] == p_b_a[0] * p_a[0] * p_a_b[1] * p_b[1]


# --- distributions-and-mle -------------------------------------------------------------------------


def test_distributions_statement_examples(bank):
    ref = module(bank, "distributions-and-mle")
    assert ref.binom_pmf(3, 10, 0.5) == pytest.approx(120 / 1024, rel=1e-14)
    assert ref.binom_cdf(3, 10, 0.5) == pytest.approx(176 / 1024, rel=1e-14)
    assert ref.poisson_pmf(2, 3.0) == pytest.approx(4.5 * math.exp(-3), rel=1e-14)
    assert ref.norm_cdf(1.96, 0.0, 1.0) == 0.9750021048517795
    assert ref.norm_cdf(-30.0, 0.0, 1.0) == pytest.approx(4.906713927148764e-198, rel=1e-12)
    assert ref.fit_mle([2, 3, 1, 4, 0, 2], "poisson") == pytest.approx(
        {"lam": 2.0, "loglik": 12 * math.log(2) - 12 - math.log(576)}
    )
    assert ref.fit_mle([2.1, 2.9, 3.4, 1.6], "normal") == pytest.approx(
        {"mu": 2.5, "sigma": 0.6964194138592059, "loglik": -4.228541356729383}
    )


def test_distributions_agree_with_scipy_stats_over_wide_parameter_ranges(bank):
    from scipy import stats

    ref = module(bank, "distributions-and-mle")
    rng = np.random.default_rng(6)
    # abs=1e-300: below the normal floats scipy flushes to 0 what the sum of terms keeps as a subnormal.
    for _ in range(300):
        n = int(rng.choice([5, 50, 900, 1001, 5000]))
        k, p = int(rng.integers(-2, n + 3)), float(rng.uniform(0.001, 0.999))
        assert ref.binom_pmf(k, n, p) == pytest.approx(stats.binom.pmf(k, n, p), rel=1e-9, abs=1e-300)
        assert ref.binom_cdf(k, n, p) == pytest.approx(stats.binom.cdf(k, n, p), rel=1e-9, abs=1e-300)
        lam = float(rng.choice([0.5, 7.0, 300.0, 1200.0]))
        k = int(rng.integers(0, int(2 * lam) + 5))
        assert ref.poisson_pmf(k, lam) == pytest.approx(stats.poisson.pmf(k, lam), rel=1e-9, abs=1e-300)
        assert ref.poisson_cdf(k, lam) == pytest.approx(stats.poisson.cdf(k, lam), rel=1e-9, abs=1e-300)
        x, mu, sigma = float(rng.uniform(-40, 40)), float(rng.normal()), float(rng.uniform(0.5, 3))
        assert ref.norm_pdf(x, mu, sigma) == pytest.approx(stats.norm.pdf(x, mu, sigma), rel=1e-9, abs=1e-300)
        assert ref.norm_cdf(x, mu, sigma) == pytest.approx(stats.norm.cdf(x, mu, sigma), rel=1e-9, abs=1e-300)


def test_the_mle_maximises_the_likelihood(bank):
    ref = module(bank, "distributions-and-mle")
    rng = np.random.default_rng(7)
    sample = rng.poisson(4.0, size=30)
    best = ref.fit_mle(sample, "poisson")
    for lam in (best["lam"] * 0.98, best["lam"] * 1.02):
        assert sum(math.log(ref.poisson_pmf(int(k), lam)) for k in sample) < best["loglik"]
    sample = rng.normal(1.0, 2.0, size=30)
    best = ref.fit_mle(sample, "normal")
    for mu, sigma in ((best["mu"] + 0.05, best["sigma"]), (best["mu"], best["sigma"] * 1.03)):
        assert sum(math.log(ref.norm_pdf(x, mu, sigma)) for x in sample) < best["loglik"]


# --- covariance-matrix -----------------------------------------------------------------------------


def test_covariance_statement_examples(bank):
    ref = module(bank, "covariance-matrix")
    rows = [[1.0, 2.0, 5.0], [2.0, 4.0, 5.0], [3.0, 5.0, 5.0], [4.0, 9.0, 5.0]]
    np.testing.assert_allclose(ref.covariance_matrix(rows), [[5 / 3, 11 / 3, 0], [11 / 3, 26 / 3, 0], [0, 0, 0]])
    corr = ref.correlation_matrix(rows)
    assert corr[0][1] == pytest.approx(11 / 3 / math.sqrt(5 / 3 * 26 / 3))
    assert all(math.isnan(corr[i][2]) and math.isnan(corr[2][i]) for i in range(3))
    assert ref.covariance_matrix([[1.0], [2.0], [4.0]], fweights=[2, 1, 1]) == [[2.0]]
    assert ref.moments([0.0, 1.0, 2.0], [0.25, 0.5, 0.25]) == (1.0, 0.5)


def test_covariance_agrees_with_numpy_and_stays_accurate_far_from_zero(bank):
    ref = module(bank, "covariance-matrix")
    rng = np.random.default_rng(8)
    for _ in range(50):
        n, d = int(rng.integers(3, 40)), int(rng.integers(1, 6))
        x = rng.normal(size=(n, d)) @ rng.normal(size=(d, d))
        weights = rng.integers(0, 4, size=n)
        weights[0] += 2
        ddof = int(rng.integers(0, 2))
        expected = np.atleast_2d(np.cov(x, rowvar=False, ddof=ddof, fweights=weights))
        np.testing.assert_allclose(ref.covariance_matrix(x.tolist(), ddof, weights.tolist()), expected, atol=1e-12)
    shifted = rng.normal(size=(25, 3))
    np.testing.assert_allclose(
        ref.covariance_matrix((shifted + 1e9).tolist()), np.cov(shifted, rowvar=False), rtol=1e-6, atol=1e-7
    )
