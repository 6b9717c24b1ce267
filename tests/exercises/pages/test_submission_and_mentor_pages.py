"""The submission page (result, checks, output, learning curve, runtime, reviews with line comments), the
mentor's pages (learners at a glance, review queue, review form, sign-off) and notifications."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from exercises.models import Review
from exercises.services import review_create
from planner.models import Progress
from planner.services import progress_update
from tests.factories import ExerciseFactory, SubmissionFactory
from tests.world import waiting_since


def test_submission_page_shows_result_checks_output_and_code_with_line_numbers(world, as_role):
    html = as_role("learner").get(reverse("submission-detail", args=[world.submission.pk])).content.decode()
    assert "<h1>Add one: attempt 1</h1>" in html
    assert '<span class="badge failed" id="status-badge">Failed</span>' in html
    assert "<strong>negative numbers</strong> — f(-1) returned -1, expected 0" in html
    assert "<pre>hello from stdout</pre>" in html
    assert "<dt>Device</dt><dd>cpu</dd>" in html
    assert '<tr id="L2" ><th scope="row" class="ln">2</th><td><pre>    return x</pre></td></tr>' in html
    assert "No reviews yet." in html
    assert "Review this submission" not in html  # learners never review their own work


def test_finetune_submission_draws_the_learning_curve(passed_attempt, as_role):
    url = passed_attempt(
        "ft",
        "finetune",
        {"name": "accuracy", "threshold": 0.8},
        1.0,
        payload={"config": {"epochs": 1, "learning_rate": 2e-5}},
        curve=[
            {"step": 0, "loss": 0.9},
            {"step": 10, "loss": 0.5, "eval_metric": 0.7},
            {"step": 20, "loss": 0.3, "eval_metric": 0.86},
        ],
        metrics={"accuracy": 0.86, "threshold": 0.8},
        runtime={"device": "cuda", "torch": "2.13.0", "seed": 42, "samples_per_s": 812.5, "wall_s": 41.2},
    )
    html = as_role("learner").get(url).content.decode()
    svg = re.search(r'<svg[^>]*class="curve">.*?</svg>', html, re.S).group(0)
    assert '<title id="curve-title">Learning curve: loss and accuracy by step</title>' in svg
    assert '<path d="M52.0,34.0 L320.0,167.3 L588.0,234.0" fill="none" stroke="#1f5fbf"' in svg
    assert svg.count("<circle") == 2
    assert "<dt>Accuracy</dt><dd>0.86</dd>" in html
    assert "<dt>Examples per second</dt><dd>812.5</dd>" in html and "<dt>Device</dt><dd>cuda</dd>" in html
    assert '<th scope="row" title="learning_rate">Learning rate</th><td><code>0.00002</code></td>' in html


def test_mentor_reviews_with_a_line_comment_verdict_and_score_override(world, as_role):
    mentor = as_role("mentor")
    url = reverse("submission-detail", args=[world.submission.pk])
    html = mentor.get(url).content.decode()
    assert "Review this submission" in html
    assert '<label for="comment-1-line">Line</label>' in html
    response = mentor.post(
        reverse("submission-review", args=[world.submission.pk]),
        {
            "verdict": "request_changes",
            "body": "Handle negatives.",
            "comment-1-line": "2",
            "comment-1-body": "What if x is -1?",
            "score_override": "0.7",
            "override_reason": "Close enough on style",
        },
    )
    assert response.status_code == 302
    review = Review.objects.get(submission=world.submission)
    assert (review.verdict, review.score_override, review.override_reason) == (
        "request_changes",
        0.7,
        "Close enough on style",
    )
    assert list(review.comments.values_list("line", "body")) == [(2, "What if x is -1?")]
    html = as_role("learner").get(url).content.decode()
    assert '<span class="badge failed">Request changes</span>' in html
    assert "<strong>mira</strong> on line 2: What if x is -1?" in html
    assert '<dd id="auto-score">0.50</dd>' in html
    assert '<dd id="override-score">0.70 <span class="muted">(by mira: Close enough on style)</span></dd>' in html


def test_review_form_errors_come_back_as_messages(world, as_role):
    response = as_role("mentor").post(
        reverse("submission-review", args=[world.submission.pk]),
        {"verdict": "approve", "score_override": "0.9"},
        follow=True,
    )
    assert "Give a reason for the score override." in response.content.decode()
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("lang", "review_message", "comment_message"),
    [
        (
            "en",
            "The review is 20001 characters; the limit is 20000.",
            "A line comment is 5001 characters; the limit is 5000.",
        ),
        ("zh-hans", "评审有 20001 个字符；上限是 20000。", "一条行评论有 5001 个字符；上限是 5000。"),
    ],
)
def test_the_review_page_holds_a_review_and_its_line_comments_to_the_apis_limits(
    world, as_role, lang, review_message, comment_message
):
    # The limits were the API serializer's alone: the page stored a review of any length.
    posted = {"verdict": "comment", "body": "x" * 20_001, "comment-1-line": "1", "comment-1-body": "y" * 5_001}
    response = as_role("mentor", lang=lang).post(reverse("submission-review", args=[world.submission.pk]), posted)
    assert response.status_code == 400
    html = response.content.decode()
    assert review_message in html and comment_message in html
    assert not Review.objects.exists()


def test_a_refused_review_comes_back_with_everything_the_mentor_typed(world, as_role):
    # It redirected to an empty form: five line comments typed were lost for one missing reason.
    posted = {"verdict": "request_changes", "body": "Nearly.", "score_override": "0.9", "override_reason": ""}
    for n in (1, 2, 3, 4, 9):
        posted |= {f"comment-{n}-line": "2", f"comment-{n}-body": f"note <{n}>"}
    response = as_role("mentor").post(reverse("submission-review", args=[world.submission.pk]), posted)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give a reason for the score override." in html
    assert 'id="verdict-request_changes" checked>' in html and ">Nearly.</textarea>" in html
    assert 'name="score_override" id="score-override" value="0.9">' in html
    for n in (1, 2, 3, 4, 9):
        assert f'id="comment-{n}-line" value="2">' in html
        assert f'id="comment-{n}-body" maxlength="5000" value="note &lt;{n}&gt;">' in html
    assert 'id="comment-10-line"' not in html  # no empty rows needed beyond the three
    assert not Review.objects.exists()


def test_review_queue_lists_unreviewed_work_of_the_mentors_learners_oldest_first(world, as_role):
    waiting_since(world.submission, hours=2)
    newer = SubmissionFactory(
        user=world.users["learner"], exercise=world.code, attempt=2, status="passed", finished_at=timezone.now()
    )
    SubmissionFactory(
        user=world.users["other_learner"], exercise=world.code, attempt=1, status="failed", finished_at=timezone.now()
    )
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
    assert f'href="/submissions/{world.submission.pk}/">Add one</a>' in html
    # Locked (its prerequisite `a` is not done): no "Sign off" beside "Locked", but what it waits for.
    assert "Sign off “Mentor checked”" not in html
    assert 'data-locked-by="a">Can be signed off once these are done or skipped: Alpha basics</span>' in html
    progress_update(user=learner, milestone=world.a, state="done")
    html = as_role("mentor").get(page).content.decode()
    sign_off = reverse("mentor-sign-off", args=[learner.pk, "m"])
    assert f'<a class="button" href="{sign_off}">Sign off “Mentor checked”</a>' in html
    # The link asks for confirmation before anything happens.
    confirm = as_role("mentor").get(sign_off).content.decode()
    assert (
        "Sign off “Mentor checked” for lena?" in confirm and "You can withdraw it for 24 hours afterwards." in confirm
    )
    assert not Progress.objects.filter(user=learner, milestone=world.m, state="done").exists()
    # Sign-off needs the milestone's exercises passed first.
    response = as_role("mentor").post(sign_off, follow=True)
    assert (
        "The learner has not passed every required exercise of this milestone yet: quiz-basics, quiz-numpy."
        in response.content.decode()
    )
    for exercise in ("quiz-basics", "quiz-numpy"):
        SubmissionFactory(
            user=learner, exercise_id=world.m.exercises.get(slug=exercise).pk, attempt=1, status="passed", score=1.0
        )
    response = as_role("mentor").post(sign_off, follow=True)
    assert "Signed off Mentor checked for lena." in response.content.decode()
    assert Progress.objects.get(user=learner, milestone=world.m).state == "done"
    html = as_role("mentor").get(page).content.decode()
    assert "Sign off “Mentor checked”" not in html
    assert ">Withdraw sign-off</button>" in html
    # A second click finds the sign-off already given.
    again = as_role("mentor").post(sign_off, follow=True).content.decode()
    assert "Mentor checked was already signed off for lena." in again


def test_the_mentor_withdraws_a_sign_off_and_the_learner_is_told(world, as_role, bank_quiz):
    learner = world.users["learner"]
    progress_update(user=learner, milestone=world.a, state="done")
    for exercise in world.m.exercises.all():
        SubmissionFactory(user=learner, exercise=exercise, attempt=1, status="passed", score=1.0)
    as_role("mentor").post(reverse("mentor-sign-off", args=[learner.pk, "m"]))
    response = as_role("mentor").post(reverse("mentor-sign-off-withdraw", args=[learner.pk, "m"]), follow=True)
    assert "Sign-off of Mentor checked withdrawn; lena has been told." in response.content.decode()
    assert Progress.objects.get(user=learner, milestone=world.m).state == "available"
    notes = as_role("learner").get(reverse("notifications")).content.decode()
    assert "<p>mira withdrew the sign-off of Mentor checked; it is open again.</p>" in notes


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
    response = client.post(
        reverse("notifications-read"), {"id": review_note.pk, "next": f"/submissions/{world.submission.pk}/"}
    )
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


def _finetune_submission(world, *, curve, config=None, metric="accuracy"):
    exercise = ExerciseFactory(
        slug="ft2", milestone=world.b, kind="finetune", metric={"name": metric, "threshold": 0.8}
    )
    return SubmissionFactory(
        user=world.users["learner"],
        exercise=exercise,
        attempt=1,
        status="passed",
        score=1.0,
        payload={"config": config or {"epochs": 1}},
        curve=curve,
        metrics={metric: 0.837},
    )


def _axis_labels(html: str, colour: str) -> list[str]:
    svg = re.search(r'<svg[^>]*class="curve">.*?</svg>', html, re.S).group(0)
    return re.findall(rf'<text [^>]*fill="{colour}"[^>]*>([-0-9.e]+)</text>', svg)


def test_a_score_axis_stays_within_zero_and_one(world, as_role):
    # Bug 7: one evaluation at 0.837 drew an accuracy axis from 0.337 to 1.34.
    one = _finetune_submission(world, curve=[{"step": 0, "loss": 0.7}, {"step": 10, "loss": 0.4, "eval_metric": 0.837}])
    html = as_role("learner").get(reverse("submission-detail", args=[one.pk])).content.decode()
    assert _axis_labels(html, "#1d7a3d") == ["0.9", "0.8"]
    assert _axis_labels(html, "#1f5fbf") == ["0.7", "0.4"]


def test_a_perfect_score_and_a_flat_loss_keep_their_axes_in_range(world, as_role):
    flat = _finetune_submission(world, curve=[{"step": 0, "loss": 0.3, "eval_metric": 1.0}, {"step": 5, "loss": 0.3}])
    html = as_role("learner").get(reverse("submission-detail", args=[flat.pk])).content.decode()
    assert _axis_labels(html, "#1d7a3d") == ["1", "0.9"]
    assert _axis_labels(html, "#1f5fbf") == ["0.8", "0"]  # a loss is never negative


def test_the_training_configuration_is_a_table_with_one_setting_a_row(world, as_role):
    # Bug 7: the configuration was one <pre> of JSON that wrapped character by character on the page.
    config = {"epochs": 3, "learning_rate": 2e-5, "lora_target_modules": ["c_attn", "c_proj"], "model": "tiny-gpt2"}
    submission = _finetune_submission(world, curve=[{"step": 0, "loss": 0.5}], config=config)
    html = as_role("learner").get(reverse("submission-detail", args=[submission.pk])).content.decode()
    assert '<tr><th scope="row" title="epochs">Epochs</th><td><code>3</code></td></tr>' in html
    assert '<th scope="row" title="lora_target_modules">' in html and "<td><code>c_attn, c_proj</code></td>" in html
    assert "&quot;learning_rate&quot;" not in html
    html = as_role("learner", lang="zh-hans").get(reverse("submission-detail", args=[submission.pk])).content.decode()
    assert '<tr><th scope="row" title="epochs">训练轮数（epochs）</th><td><code>3</code></td></tr>' in html


def test_the_review_form_takes_every_line_comment_row_the_page_added(world, as_role):
    # The page starts with three rows and adds one per line clicked; the form read at most 10 (the page showed 3).
    posted = {"verdict": "comment"}
    for n in (1, 2, 3, 4, 7, 12, 40):
        posted[f"comment-{n}-line"] = str(1 + n % 2)
        posted[f"comment-{n}-body"] = f"note {n}"
    response = as_role("mentor").post(reverse("submission-review", args=[world.submission.pk]), posted)
    assert response.status_code == 302
    review = Review.objects.get(submission=world.submission)
    assert list(review.comments.order_by("pk").values_list("line", "body")) == [
        (2, "note 1"),
        (1, "note 2"),
        (2, "note 3"),
        (1, "note 4"),
        (2, "note 7"),
        (1, "note 12"),
        (1, "note 40"),
    ]


def test_the_review_form_offers_line_clicks_in_both_languages(world, as_role):
    html = as_role("mentor").get(reverse("submission-detail", args=[world.submission.pk])).content.decode()
    assert 'data-button-label="Comment on line %(n)s"' in html and "js/line-comments.js" in html
    assert "Click a line of the code (or its number) to comment on it; each click adds a comment." in html
    html = as_role("mentor", lang="zh-hans").get(reverse("submission-detail", args=[world.submission.pk])).content
    assert 'data-button-label="评论第 %(n)s 行"' in html.decode()
    assert (
        "js/line-comments.js"
        not in as_role("learner").get(reverse("submission-detail", args=[world.submission.pk])).content.decode()
    )
