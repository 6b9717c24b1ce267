"""Cases for matplotlib-charts, and the check that judges a chart by its data, never by its pixels.

The learner returns a matplotlib Figure; inside the sandbox the codec turns it into a description
(gpu_runner/figures.py: titles, axis labels, scales, the legend, and the data of every line, point and bar).
`check` compares the learner's description with the reference's on what the statement asks for: the chart type,
the texts, the scales, the data (relative tolerance 1e-9), the legend; not on colours, widths or styles.
"""

import numpy as np

from gpu_runner.figures import figure_as_data
from gpu_runner.graders.case_texts import bilingual
from gpu_runner.graders.code import case_maker

TOL = {"rtol": 1e-9, "atol": 1e-9}
SIGNUPS = {"Free": [120, 180, 260, 310, 400], "Pro": [15, 22, 41, 60, 95]}
VIEWS = {"home": [5, 40, 900, 12000, 120000], "docs": [60, 75, 90, 140, 200]}
HEIGHTS = [172.5, None, 168.0, 181.2, float("nan"), 175.0, 190.4, 165.3, 177.7, 170.1]
HINTS = {
    "scale": {
        "en": "use a log y axis exactly when every value is positive and the largest is at least 1000 times the "
        "smallest, over all series",
        "zh": "当且仅当所有序列的所有值都为正、且最大值至少是最小值的 1000 倍时，y 轴使用对数刻度",
    },
    "legend": {
        "en": "one line per series, in the dict's order, labelled with its name, and a legend",
        "zh": "每个序列一条线，按字典顺序，用序列名作标签，并显示图例",
    },
    "bins": {
        "en": "drop None and NaN first; bins are equal-width from the smallest to the largest value kept, as "
        "ax.hist(values, bins=bins) draws them",
        "zh": "先去掉 None 和 NaN；箱子在保留下来的最小值和最大值之间等宽划分，就像 ax.hist(values, bins=bins) 画的那样",
    },
    "choice": {
        "en": "text categories: bars, largest first (ties keep their order); numbers strictly increasing: a line; "
        "anything else: a scatter",
        "zh": "x 是文本类别：柱状图，从大到小排列（相等时保持原顺序）；x 是严格递增的数：折线图；其他情况：散点图",
    },
}
NAMES = ["web", "ios", "android", "api", "desktop", "partners"]


_line = case_maker("line_chart")
_histogram = case_maker("histogram")
_choice = case_maker("best_chart")


def _line_cases(rng):
    years = [2019, 2020, 2021, 2022, 2023]
    cases = [
        _line({"en": "example: two plans", "zh": "示例：两种套餐"}, years, SIGNUPS, "Sign-ups per year", "year", "sign-ups", visible=True),
        _line({"en": "example: a log scale", "zh": "示例：对数刻度"}, years, VIEWS, "Page views", "year", "views", visible=True),
    ]  # fmt: skip
    for i in range(3):
        n, k = int(rng.integers(5, 20)), int(rng.integers(1, 5))
        spread = [1.0, 2.0, 4.5][i]  # orders of magnitude between the smallest and the largest value
        series = {
            str(name): [float(v) for v in np.round(10 ** rng.uniform(0, spread, n), 2)]
            for name in rng.choice(NAMES, k, replace=False)
        }
        name = {"en": f"{k} series over {n} months {i + 1}", "zh": f"{n} 个月上的 {k} 个序列 {i + 1}"}
        hint = HINTS["scale" if i else "legend"]
        cases.append(_line(name, list(range(1, n + 1)), series, "Active users", "month", "users", hint=hint))
    edge = [
        ({"en": "edge: exactly 1000 times", "zh": "边界：正好 1000 倍"}, {"a": [2.0, 2000.0, 30.0]}),
        ({"en": "edge: a zero value", "zh": "边界：有一个 0 值"}, {"a": [0.0, 5.0, 50000.0], "b": [1.0, 2.0, 3.0]}),
    ]
    for name, series in edge:
        cases.append(_line(name, [1, 2, 3], series, "Edge", "step", "value", hint=HINTS["scale"]))
    return cases


def _histogram_cases(rng):
    name = {"en": "example: heights with gaps", "zh": "示例：有缺失的身高"}
    cases = [_histogram(name, HEIGHTS, 4, "Heights", "height (cm)", visible=True)]
    for i in range(2):
        values = [float(v) for v in np.round(rng.normal(50, 12, int(rng.integers(50, 300))), 1)]
        for j in rng.choice(len(values), 5, replace=False):
            values[int(j)] = float("nan") if rng.random() < 0.5 else None
        name = {"en": f"a larger sample {i + 1}", "zh": f"更大的样本 {i + 1}"}
        cases.append(_histogram(name, values, int(rng.integers(5, 20)), "Response time", "ms", hint=HINTS["bins"]))
    name = {"en": "edge: every value equal", "zh": "边界：所有值都相等"}
    cases.append(_histogram(name, [7.0, 7.0, None, 7.0], 3, "One value", "x", hint=HINTS["bins"]))
    name = {"en": "edge: no values left: raise ValueError", "zh": "边界：没有剩下的值：抛出 ValueError"}
    cases.append(_histogram(name, [None, float("nan")], 3, "Nothing", "x"))
    return cases


def _choice_cases(rng):
    cases = [
        _choice({"en": "example: categories", "zh": "示例：类别"}, ["tea", "coffee", "juice", "water"], [34, 51, 12, 40], "drink", "orders", visible=True),
        _choice({"en": "example: a time series", "zh": "示例：时间序列"}, [2020, 2021, 2022, 2023], [3.1, 3.4, 2.9, 3.8], "year", "rating", visible=True),
    ]  # fmt: skip
    hint = HINTS["choice"]
    height = [float(v) for v in np.round(rng.normal(170, 8, 30), 1)]
    weight = [float(round(0.9 * h - 85 + e, 1)) for h, e in zip(height, rng.normal(0, 6, 30))]
    cases.append(_choice({"en": "two measurements", "zh": "两个测量值"}, height, weight, "height", "weight", hint=hint))
    names = [str(n) for n in rng.choice(NAMES, 5, replace=False)]
    counts = [int(v) for v in rng.integers(1, 4, 5)]  # few distinct values: ties are certain
    cases.append(
        _choice({"en": "categories with ties", "zh": "有并列值的类别"}, names, counts, "channel", "tickets", hint=hint)
    )
    name = {"en": "edge: a repeated x", "zh": "边界：重复的 x"}
    cases.append(_choice(name, [1, 2, 2, 3], [5.0, 6.0, 7.0, 8.0], "dose", "effect", hint=hint))
    days = list(range(1, int(rng.integers(10, 40))))
    sales = [float(v) for v in np.round(rng.uniform(100, 500, len(days)), 2)]
    cases.append(_choice({"en": "daily sales", "zh": "每日销售额"}, days, sales, "day", "sales", hint=hint))
    return cases


def make_cases(rng):
    return _line_cases(rng) + _histogram_cases(rng) + _choice_cases(rng)


# --- the check ------------------------------------------------------------------------------------


def _kind(ax):
    kinds = [name for name, key in (("bar", "bars"), ("line", "lines"), ("scatter", "points")) if ax[key]]
    return "+".join(kinds) or "empty"


KIND_ZH = {"bar": "柱状图", "line": "折线图", "scatter": "散点图", "empty": "空图"}


def _kind_zh(kind):
    return "+".join(KIND_ZH.get(part, part) for part in kind.split("+"))


def _close(expected, got):
    return len(expected) == len(got) and bool(np.allclose(expected, got, equal_nan=True, **TOL))


def _texts(exp, got):
    for field, zh in (("title", "标题"), ("xlabel", "x 轴标签"), ("ylabel", "y 轴标签")):
        if got[field] != exp[field]:
            return bilingual(
                f"the {field} is {got[field]!r}, expected {exp[field]!r}", f"{zh}是 {got[field]!r}，应为 {exp[field]!r}"
            )
    for axis in ("x", "y"):
        if got[f"{axis}scale"] != exp[f"{axis}scale"]:
            e, g = exp[f"{axis}scale"], got[f"{axis}scale"]
            return bilingual(f"the {axis} axis is on a {g} scale, expected {e}", f"{axis} 轴是 {g} 刻度，应为 {e}")
    return None


def _lines(exp, got):
    if len(got["lines"]) != len(exp["lines"]):
        return bilingual(
            f"{len(got['lines'])} lines drawn, expected {len(exp['lines'])}",
            f"画了 {len(got['lines'])} 条线，应为 {len(exp['lines'])} 条",
        )
    for i, (e, g) in enumerate(zip(exp["lines"], got["lines"]), 1):
        if g["label"] != e["label"]:
            return bilingual(
                f"line {i} is labelled {g['label']!r}, expected {e['label']!r}",
                f"第 {i} 条线的标签是 {g['label']!r}，应为 {e['label']!r}",
            )
        if not (_close(e["x"], g["x"]) and _close(e["y"], g["y"])):
            return bilingual(
                f"line {i} ({e['label'] or 'unlabelled'}): its data differ from the input",
                f"第 {i} 条线（{e['label'] or '无标签'}）的数据与输入不一致",
            )
    if got["legend"] != exp["legend"]:
        return bilingual(
            f"the legend shows {got['legend']}, expected {exp['legend']}",
            f"图例显示 {got['legend']}，应为 {exp['legend']}",
        )
    return None


def _points(exp, got):
    xs_e, ys_e = [v for p in exp["points"] for v in p["x"]], [v for p in exp["points"] for v in p["y"]]
    xs_g, ys_g = [v for p in got["points"] for v in p["x"]], [v for p in got["points"] for v in p["y"]]
    if not (_close(xs_e, xs_g) and _close(ys_e, ys_g)):
        return bilingual(
            f"the scatter has {len(xs_g)} points that differ from the {len(xs_e)} pairs (x[i], y[i]) given",
            f"散点图的 {len(xs_g)} 个点与给定的 {len(xs_e)} 对 (x[i], y[i]) 不一致",
        )
    return None


def _bars(case, exp, got):
    e = {key: [v for bars in exp["bars"] for v in bars[key]] for key in ("x", "width", "height", "categories")}
    g = {key: [v for bars in got["bars"] for v in bars[key]] for key in ("x", "width", "height", "categories")}
    if any(bars["orientation"] != "vertical" for bars in got["bars"]):
        return bilingual("draw vertical bars (ax.bar, not ax.barh)", "请画竖直的柱子（ax.bar，而不是 ax.barh）")
    if len(g["height"]) != len(e["height"]):
        return bilingual(
            f"{len(g['height'])} bars drawn, expected {len(e['height'])}",
            f"画了 {len(g['height'])} 根柱子，应为 {len(e['height'])} 根",
        )
    if case.fn == "histogram" and not (_close(e["x"], g["x"]) and _close(e["width"], g["width"])):
        return bilingual(
            "the bins' edges differ: equal-width bins from the smallest to the largest value",
            "箱子的边界不对：应在最小值和最大值之间等宽划分",
        )
    if case.fn == "best_chart" and g["categories"] != e["categories"]:
        return bilingual(
            f"the bars are labelled {g['categories']}, expected {e['categories']}",
            f"柱子的标签是 {g['categories']}，应为 {e['categories']}",
        )
    if not _close(e["height"], g["height"]):
        return bilingual("the bars' heights differ", "柱子的高度不对")
    return None


def check(case, expected, got):
    # The reference runs in the worker and returns its Figure itself; the learner's crossed as a description.
    expected = figure_as_data(expected) or expected
    if not isinstance(got, dict) or got.get("figure") != "matplotlib":
        kind = type(got).__name__
        return bilingual(
            f"return the matplotlib Figure you drew, got a {kind}", f"请返回你画好的 matplotlib Figure，得到的是 {kind}"
        )
    if len(got["axes"]) != 1:
        return bilingual(
            f"draw on exactly one Axes, the figure has {len(got['axes'])}",
            f"请只在一个 Axes 上作图，这个图有 {len(got['axes'])} 个",
        )
    exp, ax = expected["axes"][0], got["axes"][0]
    if _kind(ax) != _kind(exp):
        return bilingual(
            f"expected a {_kind(exp)} chart, got a {_kind(ax)} chart",
            f"应为{_kind_zh(_kind(exp))}，得到的是{_kind_zh(_kind(ax))}",
        )
    found = _texts(exp, ax)
    if found is None and exp["lines"]:
        found = _lines(exp, ax)
    if found is None and exp["points"]:
        found = _points(exp, ax)
    if found is None and exp["bars"]:
        found = _bars(case, exp, ax)
    return found
