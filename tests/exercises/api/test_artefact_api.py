"""Artefacts through the API: submit (JSON or a notebook upload), failing checks as a 400 with each check's message,
and the mentor's rubric scores (only the learner's mentor or staff)."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from exercises.models import Submission
from planner.models import Progress
from planner.services import progress_ensure
from tests.factories import UserFactory

URL = "/api/v1/submissions/"
PAPER = "https://arxiv.org/abs/1706.03762"
WRITEUP = "## Problem\nx\n## Method\nx\n## Results\nx\n## 局限\nx\n## Questions\nx\n"
NOTEBOOK = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}


def scores_url(submission_id: int) -> str:
    return f"/api/v1/submissions/{submission_id}/rubric-scores/"


def all_points(exercise, **override) -> list[dict]:
    return [
        {"criterion": c["id"], "points": override.get(c["id"], c["points"]), "comment": "ok"}
        for c in exercise.public["rubric"]["criteria"]
    ]


def test_an_artefact_is_submitted_as_json_and_waits_for_a_mentor(client_for, learner, paper):
    response = client_for(learner).post(URL, {"exercise": paper.slug, "url": PAPER, "writeup": WRITEUP}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["kind"], body["status"], body["score"]) == ("artefact", "review", None)
    assert [c["passed"] for c in body["checks"]] == [True, True]
    assert body["quota"]["used"] == 1


def test_failing_checks_are_a_400_with_each_checks_message_and_use_no_quota(client_for, learner, paper):
    response = client_for(learner).post(
        URL, {"exercise": paper.slug, "url": "https://example.com/paper.pdf", "writeup": "## Problem\n"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["url"] == ["The link must point to arXiv, OpenReview, ACL Anthology; example.com is not one of them."]
    assert body["writeup"][0].startswith("Your write-up lacks the section(s) “Method”, “Results”, “Limitations”")
    assert not Submission.objects.exists()


def test_a_notebook_is_uploaded_as_a_file_or_sent_as_its_json_object(client_for, learner, reproduction):
    client = client_for(learner)
    writeup = "## Paper\n## Setup\n## Results\n## Discrepancies\n"
    repo = "https://github.com/me/repro"
    upload = SimpleUploadedFile("repro.ipynb", json.dumps(NOTEBOOK).encode())
    data = {"exercise": reproduction.slug, "url": repo, "writeup": writeup, "notebook_file": upload}
    response = client.post(URL, data, format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()["payload"]["notebook_name"] == "repro.ipynb"
    data = {"exercise": reproduction.slug, "url": repo, "writeup": writeup, "notebook": NOTEBOOK}
    response = client.post(URL, data, format="json")
    assert response.status_code == 201, response.json()
    assert json.loads(response.json()["payload"]["notebook"]) == NOTEBOOK
    response = client.post(URL, {**data, "notebook": "{]"}, format="json")
    assert response.status_code == 400
    assert response.json()["notebook"][0].startswith("Your notebook does not parse as a Jupyter notebook")


def test_a_notebook_upload_over_the_limit_says_so_with_the_size(client_for, learner, reproduction, settings):
    settings.PATHWISE_MAX_NOTEBOOK_BYTES = 64
    upload = SimpleUploadedFile("big.ipynb", b" " * 100 + json.dumps(NOTEBOOK).encode())
    data = {"exercise": reproduction.slug, "url": "https://github.com/me/r", "writeup": "x", "notebook_file": upload}
    response = client_for(learner).post(URL, data, format="multipart")
    assert response.status_code == 400
    assert response.json()["notebook"] == [f"Your notebook is {upload.size} bytes; the limit is 64 bytes."]


@pytest.fixture
def waiting(client_for, learner, paper):
    progress_ensure(user=learner, milestone_ids=[paper.milestone_id])
    response = client_for(learner).post(URL, {"exercise": paper.slug, "url": PAPER, "writeup": WRITEUP}, format="json")
    return Submission.objects.get(pk=response.json()["id"])


def test_the_mentor_scores_through_the_api_and_the_milestone_completes(client_for, learner, mentor, waiting):
    response = client_for(mentor).post(
        scores_url(waiting.pk), {"scores": all_points(waiting.exercise, critique=1), "body": "Solid."}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["score"]) == ("passed", 0.9)
    review = body["reviews"][-1]
    assert (review["verdict"], review["body"]) == ("approve", "Solid.")
    assert review["rubric"][2] == {"criterion": "critique", "points": 1.0, "max": 2, "comment": "ok"}
    progress = Progress.objects.get(user=learner, milestone=waiting.exercise.milestone)
    assert (progress.state, progress.evidence) == ("done", "mentor")


def test_scores_that_do_not_fit_are_a_400_naming_the_criterion(client_for, mentor, waiting):
    scores = all_points(waiting.exercise, method=5)
    response = client_for(mentor).post(scores_url(waiting.pk), {"scores": scores}, format="json")
    assert response.status_code == 400
    assert response.json()["scores"] == ["Criterion method: points must be a number from 0 to 3, got 5.0."]
    response = client_for(mentor).post(scores_url(waiting.pk), {"scores": []}, format="json")
    assert response.status_code == 400


def test_only_the_learners_mentor_or_staff_may_score(client_for, learner, other_learner, waiting):
    assert (
        client_for(learner)
        .post(scores_url(waiting.pk), {"scores": all_points(waiting.exercise)}, format="json")
        .status_code
        == 403
    )
    assert (
        client_for(other_learner)
        .post(scores_url(waiting.pk), {"scores": all_points(waiting.exercise)}, format="json")
        .status_code
        == 404
    )
    staff = UserFactory(username="staff", is_staff=True)
    response = client_for(staff).post(scores_url(waiting.pk), {"scores": all_points(waiting.exercise)}, format="json")
    assert response.status_code == 201
    again = client_for(staff).post(scores_url(waiting.pk), {"scores": all_points(waiting.exercise)}, format="json")
    assert again.status_code == 400
    assert again.json()["submission"] == [
        "This artefact has been scored already; the learner can submit a new attempt."
    ]


def test_a_waiting_artefact_is_in_the_mentors_review_queue(client_for, mentor, waiting):
    queue = client_for(mentor).get("/api/v1/reviews/queue/").json()
    assert waiting.pk in [item["id"] for item in queue["results"]]
