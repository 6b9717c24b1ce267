"""The submission page (result, checks, output, learning curve, runtime, reviews with line comments), the
mentor's pages (learners at a glance, review queue, review form, sign-off) and notifications."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from exercises.models import Review
from exercises.services import review_create
from planner.models import Progress
from tests.factories import ExerciseFactory, SubmissionFactory


def test_submission_page_shows_result_checks_output_and_code_with_line_numbers(world, as_role):
    html = as_role("learner").get(reverse("submission-detail", args=[world.submission.pk])).content.decode()
    assert "<h1>Add one: attempt 1</h1>" in html
    assert '<span class="badge failed" id="status-badge">Failed</span>' in html
    assert "<strong>negative numbers</strong> — f(-1) returned -1, expected 0" in html
    assert "<pre>hello from stdout</pre>" in html
    assert '<dt>Device</dt><dd>cpu</dd>' in html
    assert '<tr id="L2" ><th scope="row" class="ln">2</th><td><pre>    return x</pre></td></tr>' in html
    assert "No reviews yet." in html
    assert "Review this submission" not in html  # learners never review their own work


def test_finetune_submission_draws_the_learning_curve(world, as_role):
    exercise = ExerciseFactory(slug="ft", milestone=world.b, kind="finetune",
                               metric={"name": "accuracy", "threshold": 0.8})
    submission = SubmissionFactory(
        user=world.users["learner"], exercise=exercise, attempt=1, status="passed", score=1.0,
        payload={"config": {"epochs": 1, "learning_rate": 2e-5}},
        curve=[{"step": 0, "loss": 0.9}, {"step": 10, "loss": 0.5, "eval_metric": 0.7},
               {"step": 20, "loss": 0.3, "eval_metric": 0.86}],
        metrics={"accuracy": 0.86, "threshold": 0.8},
        runtime={"device": "cuda", "torch": "2.13.0", "seed": 42, "samples_per_s": 812.5, "wall_s": 41.2},
    )
    html = as_role("learner").get(reverse("submission-detail", args=[submission.pk])).content.decode()
    svg = re.search(r'<svg[^>]*class="curve">.*?</svg>', html, re.S).group(0)
    assert '<title id="curve-title">Learning curve: loss and accuracy by step</title>' in svg
    assert '<path d="M52.0,34.0 L320.0,167.3 L588.0,234.0" fill="none" stroke="#1f5fbf"' in svg
    assert svg.count("<circle") == 2
    assert "<dt>Accuracy</dt><dd>0.86</dd>" in html
    assert "<dt>Examples per second</dt><dd>812.5</dd>" in html and "<dt>Device</dt><dd>cuda</dd>" in html
    assert '&quot;learning_rate&quot;: 2e-05' in html


def test_mentor_reviews_with_a_line_comment_verdict_and_score_override(world, as_role):
    mentor = as_role("mentor")
    url = reverse("submission-detail", args=[world.submission.pk])
    html = mentor.get(url).content.decode()
    assert "Review this submission" in html
    assert '<label for="comment-1-line">Line</label>' in html
    response = mentor.post(reverse("submission-review", args=[world.submission.pk]), {
        "verdict": "request_changes", "body": "Handle negatives.", "comment-1-line": "2",
        "comment-1-body": "What if x is -1?", "score_override": "0.7", "override_reason": "Close enough on style",
    })
    assert response.status_code == 302
    review = Review.objects.get(submission=world.submission)
    assert (review.verdict, review.score_override, review.override_reason) == (
        "request_changes", 0.7, "Close enough on style")
    assert list(review.comments.values_list("line", "body")) == [(2, "What if x is -1?")]
    html = as_role("learner").get(url).content.decode()
    assert '<span class="badge failed">Request changes</span>' in html
    assert "<strong>mira</strong> on line 2: What if x is -1?" in html
    assert '<dd id="auto-score">0.50</dd>' in html
    assert '<dd id="override-score">0.70 <span class="muted">(by mira: Close enough on style)</span></dd>' in html


def test_review_form_errors_come_back_as_messages(world, as_role):
    response = as_role("mentor").post(reverse("submission-review", args=[world.submission.pk]), {
        "verdict": "approve", "score_override": "0.9"}, follow=True)
    assert "Give a reason for the score override." in response.content.decode()
    assert not Review.objects.exists()


def test_review_queue_lists_unreviewed_work_of_the_mentors_learners_oldest_first(world, as_role):
    newer = SubmissionFactory(user=world.users["learner"], exercise=world.code, attempt=2, status="passed",
                              finished_at=timezone.now())
    SubmissionFactory(user=world.users["other_learner"], exercise=world.code, attempt=1, status="failed",
                      finished_at=timezone.now())
    html = as_role("mentor").get(reverse("review-queue")).content.decode()
    links = re.findall(r'href="/submissions/(\d+)/">Review</a>', html)
    assert links == [str(world.submission.pk), str(newer.pk)]
    assert 'data-hours="2.0"' in html
    review_create(mentor=world.users["mentor"], submission=world.submission, verdict="approve", body="ok")
    html = as_role("mentor").get(reverse("review-queue")).content.decode()
    assert re.findall(r'href="/submissions/(\d+)/">Review</a>', html) == [str(newer.pk)]
    other = as_role("other_mentor").get(reverse("review-queue")).content.decode()
    assert str(newer.pk) not in re.findall(r'href="/submissions/(\d+)/">Review</a>', other)


def test_mentor_home_shows_only_their_learners_with_progress(world, as_role):
    Progress.objects.filter(user=world.users["learner"], milestone=world.a).update(state="done")
    html = as_role("mentor").get(reverse("mentor-home")).content.decode()
    assert f'<a href="/mentor/learners/{world.users["learner"].pk}/">lena</a>' in html
    assert "otto" not in html
    assert "NLP engineer · <strong>30.8%</strong>" in html
    assert "1 submission waiting for review" in html
    admin = as_role("admin").get(reverse("mentor-home")).content.decode()
    assert "lena</a>" in admin and "otto</a>" in admin


def test_mentor_learner_page_shows_roadmap_without_links_and_signs_off(world, as_role, bank_quiz):
    learner = world.users["learner"]
    page = reverse("mentor-learner", args=[learner.pk])
    html = as_role("mentor").get(page).content.decode()
    assert 'class="node state-locked" data-slug="m"' in html and '<a href="/milestones/m/" class="node' not in html
    assert "Sign off “Mentor checked”" in html
    assert f'href="/submissions/{world.submission.pk}/">Add one</a>' in html
    # Sign-off needs the milestone's exercises passed first.
    response = as_role("mentor").post(reverse("mentor-sign-off", args=[learner.pk, "m"]), follow=True)
    assert ("The learner has not passed every required exercise of this milestone yet: quiz-basics, quiz-numpy."
            in response.content.decode())
    for exercise in ("quiz-basics", "quiz-numpy"):
        SubmissionFactory(user=learner, exercise_id=world.m.exercises.get(slug=exercise).pk, attempt=1,
                          status="passed", score=1.0)
    response = as_role("mentor").post(reverse("mentor-sign-off", args=[learner.pk, "m"]), follow=True)
    assert "Signed off Mentor checked for lena." in response.content.decode()
    assert Progress.objects.get(user=learner, milestone=world.m).state == "done"
    assert "Sign off “Mentor checked”" not in as_role("mentor").get(page).content.decode()


def test_notifications_list_counts_unread_links_to_pages_and_marks_read(world, as_role):
    learner = world.users["learner"]
    review_create(mentor=world.users["mentor"], submission=world.submission, verdict="request_changes", body="x")
    client = as_role("learner")
    unread = Notification.objects.filter(user=learner, read_at__isnull=True).count()
    assert unread >= 2  # "milestone unlocked" at enrolment, and the review
    nav = client.get(reverse("nav-extras")).content.decode()
    assert f'<span class="count" aria-label="{unread} unread">{unread}</span>' in nav
    assert "/mentor/" not in client.get(reverse("dashboard")).content.decode()
    html = client.get(reverse("notifications")).content.decode()
    assert f"({unread} unread)" in html
    assert "mira reviewed your submission to Add one (attempt 1): Request changes." in html
    # The review notification links to the page, not to the API resource.
    assert f'<input type="hidden" name="next" value="/submissions/{world.submission.pk}/">' in html
    review_note = Notification.objects.get(user=learner, kind="review_posted")
    response = client.post(reverse("notifications-read"), {"id": review_note.pk,
                                                           "next": f"/submissions/{world.submission.pk}/"})
    assert response["Location"] == f"/submissions/{world.submission.pk}/"
    assert Notification.objects.get(pk=review_note.pk).read_at is not None
    client.post(reverse("notifications-read"))
    assert not Notification.objects.filter(user=learner, read_at__isnull=True).exists()
    assert "(0 unread)" in client.get(reverse("notifications")).content.decode()
    # Another learner sees none of it, and cannot mark it.
    assert "mira reviewed" not in as_role("other_learner").get(reverse("notifications")).content.decode()


def test_mark_read_never_redirects_off_site(world, as_role):
    response = as_role("learner").post(reverse("notifications-read"), {"next": "https://evil.example/"})
    assert response["Location"] == "/accounts/notifications/"


def test_mentors_and_admins_see_mentor_links_in_the_top_bar(world, as_role):
    for role in ("mentor", "admin"):
        html = as_role(role).get(reverse("dashboard")).content.decode()
        assert '<a href="/mentor/">Mentor</a> <a href="/mentor/reviews/">Reviews</a>' in html



def test_nobody_marks_someone_elses_notifications_read(world, as_role):
    note = Notification.objects.filter(user=world.users["learner"]).first()
    for role in ("other_learner", "mentor", "admin"):
        as_role(role).post(reverse("notifications-read"), {"id": note.pk})
        as_role(role).post(reverse("notifications-read"))
    note.refresh_from_db()
    assert note.read_at is None
