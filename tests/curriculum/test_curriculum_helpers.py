"""The curriculum helpers themselves catch bad data (tests/curriculum/curriculum_data.py)."""

from tests.curriculum.curriculum_data import find_cycle, track_closure_violations


def test_find_cycle_reports_a_three_node_cycle():
    assert find_cycle({"a": ["b"], "b": ["c"], "c": ["a"], "d": []}) == ["a", "b", "c", "a"]


def test_find_cycle_returns_none_for_a_diamond():
    assert find_cycle({"top": ["left", "right"], "left": ["base"], "right": ["base"], "base": []}) is None


def test_track_closure_violations_lists_a_missing_transitive_prerequisite():
    graph = {"gpt": ["attention"], "attention": ["dot-product"], "dot-product": []}
    track = {
        "milestones": [
            {"slug": "gpt", "required": True},
            {"slug": "attention", "required": True},
            {"slug": "dot-product", "required": False},
        ]
    }
    assert track_closure_violations(track, graph) == [("attention", "dot-product"), ("gpt", "dot-product")]
