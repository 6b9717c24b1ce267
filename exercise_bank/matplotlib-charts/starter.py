from matplotlib.figure import Figure


def line_chart(x, series, title, xlabel, ylabel) -> Figure:
    """One line per series (label: its name) over x, a legend, and a log y axis when the values span >= 1000x."""
    raise NotImplementedError


def histogram(values, bins, title, xlabel) -> Figure:
    """A histogram of the values that are not None or NaN, in `bins` equal-width bins; the y label is 'count'."""
    raise NotImplementedError


def best_chart(x, y, xlabel, ylabel) -> Figure:
    """Bars for text categories (largest first), a line for strictly increasing numbers, a scatter otherwise."""
    raise NotImplementedError
