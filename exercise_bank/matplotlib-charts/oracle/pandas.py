# The charts through pandas' plotting API (DataFrame.plot, Series.plot.hist, Series.plot.bar), which draws with
# matplotlib: the statement's charts are the ones the field's everyday tool makes. pandas' own defaults that the
# statement does not use are switched off in commented lines.

import pandas as pd
from matplotlib.figure import Figure


def line_chart(x, series, title, xlabel, ylabel):
    ax = Figure().subplots()
    frame = pd.DataFrame(series, index=x)
    values = frame.to_numpy().ravel()
    log = bool(values.min() > 0 and values.max() / values.min() >= 1000)
    frame.plot(ax=ax, logy=log, title=title, xlabel=xlabel, ylabel=ylabel, legend=True)
    return ax.figure


def histogram(values, bins, title, xlabel):
    kept = pd.Series([v for v in values if v is not None], dtype=float).dropna()
    if kept.empty:
        raise ValueError("no values to draw")
    ax = Figure().subplots()
    kept.plot.hist(ax=ax, bins=bins, title=title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("count")  # pandas labels the y axis "Frequency"
    return ax.figure


def best_chart(x, y, xlabel, ylabel):
    ax = Figure().subplots()
    data = pd.Series(y, index=x)
    title = f"{ylabel} by {xlabel}"
    if all(isinstance(v, str) for v in x):
        data.sort_values(ascending=False, kind="stable").plot.bar(ax=ax, title=title, rot=0)
    elif data.index.is_monotonic_increasing and data.index.is_unique:
        data.plot(ax=ax, title=title)
    else:
        pd.DataFrame({"x": x, "y": y}).plot.scatter(x="x", y="y", ax=ax, title=title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax.figure
