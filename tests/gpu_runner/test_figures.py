"""A returned matplotlib chart crosses the sandbox boundary as its description (gpu_runner/figures.py), so a
grader judges the chart's data, labels and scales without looking at pixels (matplotlib-charts)."""

from __future__ import annotations

import textwrap

import matplotlib
import pytest
from matplotlib.figure import Figure

from gpu_runner import codec
from gpu_runner.figures import figure_as_data
from gpu_runner.sandbox import Call, SandboxLimits
from tests.gpu_runner.sandboxing import run_isolated

matplotlib.use("Agg")


def _axes():
    fig = Figure()
    return fig, fig.subplots()


def test_a_figure_is_encoded_as_its_description_and_decodes_to_plain_data():
    fig, ax = _axes()
    ax.plot([1, 2, 3], [2.0, 4.0, 8.0], label="growth")
    ax.set(title="T", xlabel="x", ylabel="y", yscale="log")
    ax.legend()
    decoded = codec.from_jsonable(codec.to_jsonable(fig))
    assert decoded == figure_as_data(fig)
    (axes,) = decoded["axes"]
    assert (axes["title"], axes["xlabel"], axes["ylabel"], axes["yscale"]) == ("T", "x", "y", "log")
    assert axes["lines"] == [{"label": "growth", "x": [1.0, 2.0, 3.0], "y": [2.0, 4.0, 8.0]}]
    assert axes["legend"] == ["growth"] and axes["points"] == [] and axes["bars"] == []
    # An Axes stands for its figure.
    assert codec.from_jsonable(codec.to_jsonable(ax)) == decoded


def test_markers_only_and_scatter_are_points_and_unlabelled_artists_have_no_label():
    fig, ax = _axes()
    ax.plot([1, 2], [3, 4], "o")
    ax.scatter([5, 6], [7, 8])
    (axes,) = figure_as_data(fig)["axes"]
    assert axes["lines"] == []
    assert axes["points"] == [
        {"label": "", "x": [1.0, 2.0], "y": [3.0, 4.0]},
        {"label": "", "x": [5.0, 6.0], "y": [7.0, 8.0]},
    ]
    assert axes["legend"] is None


@pytest.mark.parametrize("how", ["categorical", "fixed ticks"])
def test_bars_carry_the_category_under_each_bar(how):
    fig, ax = _axes()
    if how == "categorical":
        ax.bar(["tea", "coffee"], [3, 5])
    else:
        ax.bar([0, 1], [3, 5])
        ax.set_xticks([0, 1], ["tea", "coffee"])
    (bars,) = figure_as_data(fig)["axes"][0]["bars"]
    assert bars["categories"] == ["tea", "coffee"] and bars["height"] == [3.0, 5.0]
    assert bars["orientation"] == "vertical"


def test_horizontal_bars_and_a_histogram():
    fig, ax = _axes()
    ax.barh(["a", "b"], [1, 2])
    (bars,) = figure_as_data(fig)["axes"][0]["bars"]
    assert bars["orientation"] == "horizontal" and bars["categories"] == ["a", "b"] and bars["width"] == [1.0, 2.0]
    fig, ax = _axes()
    ax.hist([1.0, 2.0, 2.0, 5.0], bins=2)
    (bars,) = figure_as_data(fig)["axes"][0]["bars"]
    assert bars["x"] == [1.0, 3.0] and bars["width"] == [2.0, 2.0] and bars["height"] == [3.0, 1.0]


def test_anything_else_is_still_refused():
    assert figure_as_data(object()) is None
    with pytest.raises(codec.EncodeError):
        codec.to_jsonable(object())


LEARNER = textwrap.dedent(
    """
    import matplotlib
    import matplotlib.pyplot as plt

    def chart():
        fig, ax = plt.subplots()
        ax.bar(["b", "a"], [2, 1])
        ax.set_title(matplotlib.get_backend())
        plt.close(fig)
        return fig
    """
)


@pytest.mark.slow
def test_the_sandbox_imports_pyplot_off_screen_within_the_exercise_memory_limit():
    limits = SandboxLimits(cpu_s=20, wall_s=40, memory_mb=1024, output_kb=256)  # matplotlib-charts' limits
    result = run_isolated(LEARNER, Call("chart"), limits=limits)
    (call,) = result.calls
    assert call.ok, call.error_message
    (axes,) = call.value["axes"]
    assert axes["title"].lower() == "agg"
    assert axes["bars"][0]["categories"] == ["b", "a"]
