"""Artefact pages: the submit form and the rubric, the no-mentor notice, the rendered and sanitised notebook and
write-up, and the mentor's rubric form completing the milestone."""

from __future__ import annotations

import base64
import json
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exercises.models import Submission
from exercises.services import submission_create
from exercises.views.artefact import notebook_cells
from planner.models import Progress
from planner.services import progress_ensure
from tests.factories import MentorAssignmentFactory, UserFactory

PR = "https://github.com/scikit-learn/scikit-learn/pull/4242"
WRITEUP = "## Issue\nA bug.\n\n## Change\nA fix.\n\n## Tests\nOne.\n\n## Review\nApproved.\n"


def tiny_png() -> str:
    """A valid 1x1 PNG, base64-encoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    raw += chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")
    return base64.b64encode(raw).decode()


HOSTILE_NOTEBOOK = {
    "nbformat": 4,
    "nbformat_minor": 5,
    "metadata": {},
    "cells": [
        {
            "cell_type": "markdown",
            "id": "m1",
            "metadata": {},
            "source": "# Results\n<script>alert('md')</script><img src=x onerror=alert(1)> **bold**\n"
            "[click](javascript:alert(2))",
        },
        {
            "cell_type": "code",
            "id": "c1",
            "metadata": {},
            "execution_count": 1,
            "source": "print('<script>alert(3)</script>')",
            "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "<script>alert(4)</script>\n"},
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"text/html": "<script>alert(5)</script>", "text/plain": "<HTML object>"},
                },
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"image/png": tiny_png(), "text/plain": "<Figure>"},
                },
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"image/png": base64.b64encode(b"<svg onload=alert(6)>").decode()},
                },
                {"output_type": "display_data", "metadata": {}, "data": {"image/svg+xml": "<svg onload=alert(7)>"}},
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"application/javascript": "alert(8)"},
                },
                {
                    "output_type": "error",
                    "ename": "ValueError",
                    "evalue": "<b>bad</b>",
                    "traceback": ["\x1b[0;31mValueError\x1b[0m: <b>bad</b>"],
                },
            ],
        },
        {"cell_type": "raw", "id": "r1", "metadata": {}, "source": "<iframe src=https://evil.example></iframe>"},
    ],
}


def kaggle_payload() -> dict:
    writeup = "\n".join(
        f"## {name}\ntext\n" for name in ("Competition", "Validation", "Approach", "Results", "Lessons")
    )
    return {"url": "https://www.kaggle.com/code/me/nb", "writeup": writeup, "notebook": json.dumps(HOSTILE_NOTEBOOK)}


def test_the_exercise_page_shows_the_form_the_rubric_and_that_a_mentor_is_needed(client, learner, pull_request):
    client.force_login(learner)
    html = client.get(reverse("exercise-detail", args=[pull_request.slug])).content.decode()
    assert 'name="url"' in html and 'name="writeup"' in html
    assert 'name="notebook"' not in html  # this exercise takes no notebook
    assert "Rubric: 7 of 10 points pass" in html
    assert "The change fixes a real problem" in html
    assert 'id="needs-mentor"' in html
    assert "A mentor scores this exercise, and you have no mentor yet." in html
    assert reverse("mentoring-requests") in html


def test_a_learner_with_a_mentor_is_not_told_to_find_one(client, learner, mentor, pull_request):
    client.force_login(learner)
    html = client.get(reverse("exercise-detail", args=[pull_request.slug])).content.decode()
    assert 'id="needs-mentor"' not in html


def test_the_page_form_submits_a_notebook_upload_and_keeps_it(client, learner, kaggle):
    client.force_login(learner)
    payload = kaggle_payload()
    upload = SimpleUploadedFile("run.ipynb", payload.pop("notebook").encode(), content_type="application/json")
    response = client.post(reverse("exercise-submit", args=[kaggle.slug]), {**payload, "notebook": upload})
    submission = Submission.objects.get()
    assert response.status_code == 302 and response.url == reverse("submission-detail", args=[submission.pk])
    assert submission.status == "review"
    assert submission.payload["notebook_name"] == "run.ipynb"
    assert json.loads(submission.payload["notebook"]) == HOSTILE_NOTEBOOK


def test_failing_checks_are_shown_on_the_page_and_nothing_is_stored(client, learner, pull_request):
    client.force_login(learner)
    response = client.post(
        reverse("exercise-submit", args=[pull_request.slug]),
        {"url": "http://github.com/a/b", "writeup": "## Issue\n"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "The link must start with https:// (it starts with http://)." in html
    assert "Your write-up lacks the section(s) “Change”, “Tests”, “Review”." in html
    assert not Submission.objects.exists()


def test_the_notebook_is_rendered_with_no_script_handler_or_foreign_image(client, learner, kaggle):
    submission = submission_create(user=learner, exercise=kaggle, payload=kaggle_payload())
    client.force_login(learner)
    html = client.get(reverse("submission-detail", args=[submission.pk])).content.decode()
    notebook = html[html.index('id="notebook"') : html.index("</section>", html.index('id="notebook"'))]
    assert "<script" not in notebook and "onerror" not in notebook.replace("onerror=alert(1)&gt;", "")
    assert "<img src=x" not in notebook and "<iframe" not in notebook and "<svg" not in notebook
    assert "javascript:" not in notebook
    assert "<strong>bold</strong>" in notebook  # Markdown still renders
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in notebook  # code is shown as escaped text
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in notebook  # so is a stream
    assert "&lt;HTML object&gt;" in notebook  # an HTML output falls back to its text/plain
    assert "alert(5)" not in notebook and "alert(6)" not in notebook and "alert(8)" not in notebook
    assert notebook.count('<img class="nb-image" src="data:image/png;base64,') == 1  # the real PNG only
    assert "ValueError: &lt;b&gt;bad&lt;/b&gt;" in notebook and "\x1b" not in notebook
    assert "&lt;iframe" in notebook  # a raw cell is text


def test_a_stored_notebook_that_no_longer_parses_is_shown_as_unreadable():
    assert notebook_cells("{not json") is None


def test_a_markdown_cell_cannot_smuggle_an_image_or_a_data_uri():
    cells = notebook_cells(
        json.dumps(
            {
                "nbformat": 4,
                "nbformat_minor": 5,
                "metadata": {},
                "cells": [
                    {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "![x](data:image/png;base64,AA)"}
                ],
            }
        )
    )
    assert "<img" not in str(cells[0]["html"]) and "data:" not in str(cells[0]["html"])


def test_the_write_up_is_rendered_without_script(client, learner, pull_request):
    writeup = WRITEUP + "\n<script>alert(9)</script><a href='javascript:alert(10)'>x</a>\n"
    submission = submission_create(user=learner, exercise=pull_request, payload={"url": PR, "writeup": writeup})
    client.force_login(learner)
    html = client.get(reverse("submission-detail", args=[submission.pk])).content.decode()
    assert "alert(9)" not in html and "javascript:alert" not in html
    assert "<h2>Issue</h2>" in html
    assert f'href="{PR}" rel="nofollow noopener noreferrer"' in html


def test_the_learner_without_a_mentor_sees_it_plainly_and_can_ask_for_one(client, learner, pull_request):
    submission = submission_create(user=learner, exercise=pull_request, payload={"url": PR, "writeup": WRITEUP})
    client.force_login(learner)
    html = client.get(reverse("submission-detail", args=[submission.pk])).content.decode()
    assert "You have no mentor yet, so nobody can score this." in html
    assert "What you submitted is kept." in html
    assert reverse("mentoring-request-panel", args=[submission.pk]) in html
    assert 'hx-trigger="every' not in html  # nothing to poll for while it waits for a mentor
    assert 'id="score-form"' not in html


def test_the_mentor_scores_the_rubric_on_the_page_and_the_milestone_completes(client, learner, mentor, pull_request):
    progress_ensure(user=learner, milestone_ids=[pull_request.milestone_id])
    submission = submission_create(user=learner, exercise=pull_request, payload={"url": PR, "writeup": WRITEUP})
    client.force_login(mentor)
    page = client.get(reverse("submission-detail", args=[submission.pk])).content.decode()
    assert 'id="score-form"' in page and 'name="points-merged"' in page and 'max="3"' in page
    form = {"points-merged": "3", "points-substance": "2.5", "points-process": "1", "points-review": "1"}
    form.update({"comment-merged": "Merged upstream.", "body": "Good first contribution."})
    response = client.post(reverse("submission-score", args=[submission.pk]), form, follow=True)
    html = response.content.decode()
    assert "Rubric scored." in html
    assert "7.5 of 10 points (pass mark 7)" in html
    assert "Merged upstream." in html
    submission.refresh_from_db()
    assert (submission.status, submission.score) == ("passed", 0.75)
    progress = Progress.objects.get(user=learner, milestone=pull_request.milestone)
    assert (progress.state, progress.evidence) == ("done", "mentor")


def test_a_page_score_that_is_not_a_number_or_out_of_range_is_refused(client, learner, mentor, pull_request):
    submission = submission_create(user=learner, exercise=pull_request, payload={"url": PR, "writeup": WRITEUP})
    client.force_login(mentor)
    form = {"points-merged": "lots", "points-substance": "9", "points-process": "1", "points-review": "1"}
    html = client.post(reverse("submission-score", args=[submission.pk]), form, follow=True).content.decode()
    assert "Criterion merged: “lots” is not a number." in html
    form["points-merged"] = "1"
    html = client.post(reverse("submission-score", args=[submission.pk]), form, follow=True).content.decode()
    assert "Criterion substance: points must be a number from 0 to 3, got 9.0." in html
    assert Submission.objects.get(pk=submission.pk).status == "review"


def test_a_page_score_whose_review_is_too_long_is_refused_and_nothing_is_scored(client, learner, mentor, pull_request):
    submission = submission_create(user=learner, exercise=pull_request, payload={"url": PR, "writeup": WRITEUP})
    client.force_login(mentor)
    form = {"points-merged": "3", "points-substance": "3", "points-process": "2", "points-review": "2"}
    form["body"] = "z" * 20_001
    html = client.post(reverse("submission-score", args=[submission.pk]), form, follow=True).content.decode()
    assert "The review is 20001 characters; the limit is 20000." in html
    assert Submission.objects.get(pk=submission.pk).status == "review"


def test_only_the_learners_mentor_or_staff_get_the_rubric_form(client, learner, pull_request):
    submission = submission_create(user=learner, exercise=pull_request, payload={"url": PR, "writeup": WRITEUP})
    other_mentor = UserFactory(username="other-mentor")
    MentorAssignmentFactory(mentor=other_mentor, learner=UserFactory(username="someone"))
    client.force_login(other_mentor)
    assert client.post(reverse("submission-score", args=[submission.pk]), {"points-merged": "3"}).status_code == 404
    client.force_login(UserFactory(username="staff", is_staff=True))
    assert 'id="score-form"' in client.get(reverse("submission-detail", args=[submission.pk])).content.decode()


def test_a_chinese_reader_gets_the_form_rubric_and_checks_in_chinese(learner, pull_request):
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(learner)
    html = client.get(reverse("exercise-detail", args=[pull_request.slug])).content.decode()
    assert "本练习由导师评分，而你还没有导师。" in html
    assert "评分标准：总分 10 分，7 分及格" in html
    assert "修改解决了真实问题或带来真实价值" in html
    submission = submission_create(user=learner, exercise=pull_request, payload={"url": PR, "writeup": WRITEUP})
    html = client.get(reverse("submission-detail", args=[submission.pk])).content.decode()
    assert "链接是格式正确、指向指定网站的 https 地址" in html
    assert "你还没有导师，所以暂时没有人能为它评分。" in html


def test_two_attempts_are_compared_on_their_write_ups(client, learner, pull_request):
    first = submission_create(user=learner, exercise=pull_request, payload={"url": PR, "writeup": WRITEUP})
    second = submission_create(
        user=learner, exercise=pull_request, payload={"url": PR, "writeup": WRITEUP.replace("A fix.", "A tested fix.")}
    )
    client.force_login(learner)
    url = reverse("submission-diff", args=[pull_request.slug])
    html = client.get(url, {"a": first.pk, "b": second.pk}).content.decode()
    assert "-A fix." in html and "+A tested fix." in html


def test_the_milestone_page_says_the_artefact_awaits_a_mentor(client, learner, pull_request):
    submission_create(user=learner, exercise=pull_request, payload={"url": PR, "writeup": WRITEUP})
    client.force_login(learner)
    html = client.get(reverse("milestone-detail", args=[pull_request.milestone.slug])).content.decode()
    assert f'<span class="badge review" data-exercise="{pull_request.slug}">Awaiting a mentor</span>' in html
