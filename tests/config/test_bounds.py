"""config.bounds: the limits a request is held to, stated once."""

from __future__ import annotations

from accounts.models import Profile
from cohorts.models import Cohort
from config.bounds import MAX_SLUG_CHARS, SHOWN_CHARS, max_length, shown
from planner.models import Milestone


def test_a_refused_value_is_repeated_short_and_without_a_nul():
    assert shown("nl\x00p") == "nl\\0p"
    assert shown("x" * 5000) == "x" * SHOWN_CHARS
    assert shown(7) == "7"


def test_an_inputs_length_limit_is_its_columns():
    assert max_length(Profile, "display_name") == 80
    assert max_length(Cohort, "name") == 120
    assert max_length(Milestone, "slug") == MAX_SLUG_CHARS
