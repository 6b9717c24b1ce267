"""Artefact submissions: the automatic checks refuse with every failing check's message and use no quota; a mentor
scores the rubric, and the total against the pass mark is the verdict that completes the milestone."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from accounts.models import Notification
from exercises.models import Review, Submission
from exercises.services import artefact_score, artefacts, quota_get, submission_create
from exercises.services import artefact_scores as scores_service
from planner.models import Progress
from planner.services import progress_ensure
from tests.factories import MilestoneFactory, UserFactory

PR = "https://github.com/huggingface/transformers/pull/12345"
WRITEUP = """# My first merged pull request

## Issue
The tokenizer dropped a warning.

## Change
I restored it.

```
## Tests (inside a code block, so not a heading)
```

### Tests
A regression test.

## 评审
The reviewer asked for a changelog entry.
"""


def notebook(**cell) -> str:
    return json.dumps(
        {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {},
            "cells": [{"cell_type": "markdown", "id": "a1", "metadata": {}, "source": "# Notes", **cell}],
        }
    )


def refusal(exercise, learner, payload) -> dict:
    with pytest.raises(ValidationError) as info:
        submission_create(user=learner, exercise=exercise, payload=payload)
    assert not Submission.objects.exists()
    assert quota_get(user=learner, exercise=exercise).used == 0
    return {field: [e.code for e in errors] for field, errors in info.value.error_dict.items()}


def test_a_well_formed_artefact_is_stored_awaiting_a_mentor_with_its_checks(learner, pull_request):
    submission = submission_create(user=learner, exercise=pull_request, payload={"url": PR, "writeup": WRITEUP})
    assert submission.status == "review"
    assert submission.payload == {"url": PR, "writeup": WRITEUP.strip()}
    assert [c["name"] for c in submission.checks] == [
        "The link is a well-formed https address of the right site",
        "The write-up has every required section",
    ]
    assert all(c["passed"] for c in submission.checks)
    assert submission.checks[0]["name_i18n"]["zh"] != submission.checks[0]["name_i18n"]["en"]
    assert submission.deadline_at is None  # never swept or enqueued: no worker grades an artefact
    assert quota_get(user=learner, exercise=pull_request).used == 1


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("github.com/a/b/pull/1", "url_malformed"),
        ("https://", "url_malformed"),
        ("https://exa mple.com/x", "url_malformed"),
        ("javascript:alert(1)", "url_malformed"),
        ("https://user:pw@github.com/a/b", "url_malformed"),
        ("http://github.com/a/b/pull/1", "url_not_https"),
        ("https://gitlab.example.com/a/b", "url_host"),
        ("https://github.com.evil.example/a/b", "url_host"),
    ],
)
def test_each_bad_link_is_refused_with_its_own_check(learner, pull_request, url, code):
    assert refusal(pull_request, learner, {"url": url, "writeup": WRITEUP}) == {"url": [code]}


def test_the_host_message_names_the_accepted_sites(learner, pull_request):
    with pytest.raises(ValidationError) as info:
        submission_create(user=learner, exercise=pull_request, payload={"url": "https://x.org/a", "writeup": WRITEUP})
    assert info.value.messages == ["The link must point to GitHub, GitLab; x.org is not one of them."]


def test_missing_sections_are_named_in_the_readers_language(learner, pull_request):
    text = "## Issue\nx\n\n## Change\ny\n"
    with pytest.raises(ValidationError) as info:
        submission_create(user=learner, exercise=pull_request, payload={"url": PR, "writeup": text})
    assert info.value.messages == [
        "Your write-up lacks the section(s) “Tests”, “Review”. Give each one a Markdown heading, e.g. “## Tests”."
    ]
    with translation.override("zh-hans"), pytest.raises(ValidationError) as info:
        submission_create(user=learner, exercise=pull_request, payload={"url": PR, "writeup": text})
    assert "“测试”, “评审”" in info.value.messages[0]


def test_a_heading_inside_a_code_block_is_not_a_section(learner, pull_request):
    text = "## Issue\n## Change\n## Review\n```\n## Tests\n```\n"
    assert refusal(pull_request, learner, {"url": PR, "writeup": text}) == {"writeup": ["writeup_sections"]}


def test_every_failing_check_is_reported_at_once(learner, kaggle):
    codes = refusal(kaggle, learner, {"url": "http://kaggle.com/c/x", "writeup": "no headings", "notebook": "{"})
    assert codes == {"url": ["url_not_https"], "writeup": ["writeup_sections"], "notebook": ["notebook_invalid"]}


def test_required_parts_must_be_there_and_unknown_parts_are_refused(learner, pull_request):
    assert refusal(pull_request, learner, {}) == {"url": ["url_required"], "writeup": ["writeup_required"]}
    codes = refusal(pull_request, learner, {"url": PR, "writeup": WRITEUP, "notebook": notebook()})
    assert codes == {"notebook": ["part_not_accepted"]}


def test_a_notebook_that_does_not_validate_is_refused(learner, kaggle, settings):
    base = {"url": "https://www.kaggle.com/code/me/nb", "writeup": kaggle_writeup()}
    broken = json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "nope"}]})
    assert refusal(kaggle, learner, {**base, "notebook": broken}) == {"notebook": ["notebook_invalid"]}
    settings.PATHWISE_MAX_NOTEBOOK_BYTES = 100
    assert refusal(kaggle, learner, {**base, "notebook": notebook()}) == {"notebook": ["notebook_too_large"]}


def test_a_write_up_over_the_limit_is_refused(learner, pull_request, settings):
    settings.PATHWISE_MAX_WRITEUP_BYTES = 50
    assert refusal(pull_request, learner, {"url": PR, "writeup": WRITEUP}) == {"writeup": ["writeup_too_large"]}


def test_a_notebook_upload_that_is_not_utf8_is_refused():
    with pytest.raises(ValidationError) as info:
        artefacts.notebook_decode(b"\xff\xfe{}")
    assert info.value.error_dict["notebook"][0].code == "notebook_not_utf8"


def kaggle_writeup() -> str:
    return "\n".join(f"## {name}\ntext\n" for name in ("Competition", "验证方案", "Approach", "Results:", "Lessons"))


def test_a_notebook_is_kept_as_sent_with_its_name(learner, kaggle):
    nb = notebook()
    payload = {"url": "https://www.kaggle.com/code/me/nb", "writeup": kaggle_writeup(), "notebook": nb}
    submission = submission_create(user=learner, exercise=kaggle, payload={**payload, "notebook_name": "run.ipynb"})
    assert submission.payload["notebook"] == nb
    assert submission.payload["notebook_name"] == "run.ipynb"
    assert len(submission.checks) == 3


# --- scoring ------------------------------------------------------------------------------------------------------


def full_marks(exercise, **points) -> list[dict]:
    return [
        {"criterion": c["id"], "points": points.get(c["id"], c["points"]), "comment": f"on {c['id']}"}
        for c in exercise.public["rubric"]["criteria"]
    ]


@pytest.fixture
def waiting(learner, pull_request):
    progress_ensure(user=learner, milestone_ids=[pull_request.milestone_id])
    return submission_create(user=learner, exercise=pull_request, payload={"url": PR, "writeup": WRITEUP})


def test_a_pass_completes_the_milestone_with_mentor_evidence(learner, mentor, waiting):
    review = artefact_score(mentor=mentor, submission=waiting, scores=full_marks(waiting.exercise, merged=1), body="ok")
    waiting.refresh_from_db()
    assert (waiting.status, waiting.score) == ("passed", 0.8)
    assert waiting.metrics == {"rubric_total": 8, "rubric_max": 10, "pass_mark": 7}
    assert review.verdict == Review.Verdict.APPROVE
    assert review.rubric[0] == {"criterion": "merged", "points": 1, "max": 3, "comment": "on merged"}
    progress = Progress.objects.get(user=learner, milestone=waiting.exercise.milestone)
    assert (progress.state, progress.evidence) == ("done", "mentor")
    assert Notification.objects.filter(user=learner, kind="review_posted").count() == 1


def test_a_total_under_the_pass_mark_fails_and_the_milestone_stays_open(learner, mentor, waiting):
    review = artefact_score(mentor=mentor, submission=waiting, scores=full_marks(waiting.exercise, merged=0, review=0))
    waiting.refresh_from_db()
    assert (waiting.status, waiting.score, review.verdict) == ("failed", 0.5, Review.Verdict.REQUEST_CHANGES)
    assert Progress.objects.get(user=learner, milestone=waiting.exercise.milestone).state != "done"


def test_a_locked_milestone_keeps_the_evidence_and_completes_once_its_prerequisite_is_done(
    learner, mentor, bank_exercise
):
    before = MilestoneFactory(slug="scikit-learn-workflow", completion="self")
    milestone = MilestoneFactory(slug="open-source-contribution", completion="mentor", prerequisites=[before])
    exercise = bank_exercise("open-source-pull-request", milestone=milestone)
    progress_ensure(user=learner, milestone_ids=[before.pk, milestone.pk])
    submission = submission_create(user=learner, exercise=exercise, payload={"url": PR, "writeup": WRITEUP})

    artefact_score(mentor=mentor, submission=submission, scores=full_marks(exercise))

    progress = Progress.objects.get(user=learner, milestone=milestone)
    assert (progress.state, progress.evidence) == ("locked", "mentor")
    from planner.services import milestone_complete

    milestone_complete(user=learner, milestone=before, evidence="self")
    assert Progress.objects.get(user=learner, milestone=milestone).state == "done"


def test_staff_may_score_but_the_learner_and_strangers_may_not(learner, waiting):
    for user in (learner, UserFactory(username="stranger")):
        with pytest.raises(PermissionDenied):
            artefact_score(mentor=user, submission=waiting, scores=full_marks(waiting.exercise))
    staff = UserFactory(username="staff", is_staff=True)
    artefact_score(mentor=staff, submission=waiting, scores=full_marks(waiting.exercise))
    assert Submission.objects.get(pk=waiting.pk).status == "passed"


def test_scores_must_fit_the_rubric(mentor, waiting):
    scores = [*full_marks(waiting.exercise, merged=4, substance=-1)[:-1], {"criterion": "style", "points": 1}]
    with pytest.raises(ValidationError) as info:
        artefact_score(mentor=mentor, submission=waiting, scores=scores)
    assert info.value.messages == [
        "Unknown criterion id(s): style.",
        "Score every criterion; missing: review.",
        "Criterion merged: points must be a number from 0 to 3, got 4.",
        "Criterion substance: points must be a number from 0 to 3, got -1.",
    ]
    assert Submission.objects.get(pk=waiting.pk).status == "review"
    assert not Review.objects.exists()


def test_points_must_be_numbers_and_comments_bounded(mentor, waiting):
    scores = full_marks(waiting.exercise, merged="3")
    scores[1]["comment"] = "x" * (scores_service.MAX_COMMENT_CHARS + 1)
    with pytest.raises(ValidationError) as info:
        artefact_score(mentor=mentor, submission=waiting, scores=scores)
    assert [e.code for e in info.value.error_dict["scores"]] == ["points_range", "comment_too_long"]


def test_an_artefact_is_scored_once(mentor, waiting):
    artefact_score(mentor=mentor, submission=waiting, scores=full_marks(waiting.exercise))
    with pytest.raises(ValidationError) as info:
        artefact_score(mentor=mentor, submission=waiting, scores=full_marks(waiting.exercise))
    assert info.value.error_dict["submission"][0].code == "already_scored"
    assert Review.objects.count() == 1


def test_a_scored_artefact_is_never_sent_to_a_worker_for_a_re_grade(mentor, waiting):
    from exercises.services.regrading import exercise_regrade, submission_regrade

    artefact_score(mentor=mentor, submission=waiting, scores=full_marks(waiting.exercise))
    waiting.refresh_from_db()
    with pytest.raises(ValidationError) as info:
        submission_regrade(submission=waiting, by=mentor)
    assert info.value.error_dict["submission"][0].code == "artefact_not_regraded"
    assert exercise_regrade(exercise=waiting.exercise, by=None) == []
    assert Submission.objects.count() == 1
