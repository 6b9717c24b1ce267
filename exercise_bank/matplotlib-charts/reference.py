import math
from itertools import pairwise

from matplotlib.figure import Figure


def _finite(values):
    return [float(v) for v in values if v is not None and not math.isnan(float(v))]


def line_chart(x, series, title, xlabel, ylabel):
    fig = Figure()
    ax = fig.subplots()
    for name, ys in series.items():
        ax.plot(x, ys, label=name)
    values = [v for ys in series.values() for v in ys]
    if min(values) > 0 and max(values) / min(values) >= 1000:
        ax.set_yscale("log")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend()
    return fig


def histogram(values, bins, title, xlabel):
    kept = _finite(values)
    if not kept:
        raise ValueError("no values to draw")
    fig = Figure()
    ax = fig.subplots()
    ax.hist(kept, bins=bins)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("count")
    return fig


def best_chart(x, y, xlabel, ylabel):
    fig = Figure()
    ax = fig.subplots()
    if all(isinstance(v, str) for v in x):
        order = sorted(range(len(x)), key=lambda i: -y[i])  # sorted() is stable: ties keep their order
        ax.bar([x[i] for i in order], [y[i] for i in order])
    elif all(a < b for a, b in pairwise(x)):
        ax.plot(x, y)
    else:
        ax.scatter(x, y)
    ax.set_title(f"{ylabel} by {xlabel}")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig
