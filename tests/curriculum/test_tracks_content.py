"""The five role tracks in curriculum/tracks.yaml, and the default bank's exercises against the milestones they
grade (the stage files' checks: test_curriculum_content.py; the helpers that read the curriculum: curriculum_data.py)."""

from collections import Counter

import pytest
import yaml

from tests.curriculum.curriculum_data import (
    CJK_RE,
    CURRICULUM_DIR,
    load_tracks,
    milestones_by_slug,
    prerequisite_graph,
    track_closure_violations,
)

EXPECTED_TRACK_ROLES = {
    "data-scientist-nlp": "data_scientist",
    "nlp-engineer": "nlp_engineer",
    "ml-engineer": "ml_engineer",
    "research-scientist": "research_scientist",
    "dl-engineer": "dl_engineer",
}


def test_tracks_are_the_five_roles():
    assert {t["slug"]: t["role"] for t in load_tracks()} == EXPECTED_TRACK_ROLES


def test_track_slugs_are_unique():
    slugs = [t["slug"] for t in load_tracks()]
    assert len(slugs) == len(set(slugs))


def test_every_track_has_english_and_chinese_title_and_summary():
    for track in load_tracks():
        for field in ("title", "summary"):
            assert track[field]["en"].strip(), (track["slug"], field)
            assert CJK_RE.search(track[field]["zh"]), (track["slug"], field)


def test_track_milestones_exist_and_are_listed_once():
    known = set(milestones_by_slug())
    for track in load_tracks():
        slugs = [item["slug"] for item in track["milestones"]]
        assert [s for s in slugs if s not in known] == [], track["slug"]
        assert len(slugs) == len(set(slugs)), track["slug"]
        assert all(isinstance(item["required"], bool) for item in track["milestones"]), track["slug"]


@pytest.mark.parametrize("track_slug", sorted(EXPECTED_TRACK_ROLES))
def test_required_milestones_include_all_their_transitive_prerequisites(track_slug):
    track = next(t for t in load_tracks() if t["slug"] == track_slug)
    assert track_closure_violations(track, prerequisite_graph()) == []


@pytest.mark.parametrize("track_slug", sorted(EXPECTED_TRACK_ROLES))
def test_every_track_has_required_and_optional_milestones(track_slug):
    track = next(t for t in load_tracks() if t["slug"] == track_slug)
    flags = Counter(item["required"] for item in track["milestones"])
    assert flags[True] >= 30 and flags[False] >= 5, flags


def test_data_scientist_nlp_is_the_richest_track():
    sizes = {t["slug"]: len(t["milestones"]) for t in load_tracks()}
    assert max(sizes, key=sizes.get) == "data-scientist-nlp"


def test_every_exercise_in_the_default_bank_is_tied_to_a_milestone_its_grader_can_complete():
    """A program-graded exercise completes an auto milestone. An artefact is scored by a mentor, not a program, so
    it sits on a milestone a person completes: the mentor's sign-off (exercises.services.sign_offs) or the
    learner's own report."""
    bank = CURRICULUM_DIR.parent / "exercise_bank"
    exercise_files = sorted(bank.rglob("exercise.yaml"))
    assert exercise_files, f"no exercises found under {bank}"
    by_slug = milestones_by_slug()
    specs = {path.parent.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in exercise_files}
    completions = {"artefact": {"mentor", "self"}}
    misplaced = {
        name: (spec["kind"], spec["milestone"], by_slug.get(spec["milestone"], {}).get("completion"))
        for name, spec in specs.items()
        if by_slug.get(spec["milestone"], {}).get("completion") not in completions.get(spec["kind"], {"auto"})
    }
    assert misplaced == {}
    assert Counter(spec["kind"] for spec in specs.values())["artefact"] >= 1
