"""What a walk through the pages found: a mentor's dashboard points to their work, relative times under a minute
say "just now", quiz options render their Markdown and verdicts are numbered like the questions, a fine-tuning
form error names its field, the sandbox's usage reads with units, wide tables scroll inside their card, and the
plan form shows whole hours as whole numbers. English and Chinese."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from exercises.models import Submission
from planner.models import Progress
from tests.factories import ExerciseFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_a_mentor_who_is_not_enrolled_gets_their_work_on_the_dashboard(world, as_role):
    html = as_role("mentor").get(reverse("dashboard")).content.decode()
    assert '<h2 id="mentoring-h">Mentoring</h2>' in html
    assert "<p>1 submission waits for your review.</p>" in html  # the learner's failed, unreviewed attempt
    assert f'<a class="button primary" href="{reverse("mentor-home")}">Your learners</a>' in html
    assert f'<a class="button" href="{reverse("review-queue")}">Review queue</a>' in html
    zh = as_role("mentor", lang="zh-hans").get(reverse("dashboard")).content.decode()
    assert '<h2 id="mentoring-h">指导</h2>' in zh and "<p>1 个提交等待你评审。</p>" in zh


def test_staff_see_the_mentoring_card_and_a_learner_does_not(world, as_role):
    assert 'id="mentoring"' in as_role("admin").get(reverse("dashboard")).content.decode()
    assert 'id="mentoring"' not in as_role("learner").get(reverse("dashboard")).content.decode()


def test_notifications_under_a_minute_old_say_just_now(world, as_role):
    learner = world.users["learner"]
    Notification.objects.create(user=learner, kind=Notification.Kind.MILESTONE_UNLOCKED, milestone=world.a)
    old = Notification.objects.create(user=learner, kind=Notification.Kind.MILESTONE_DONE, milestone=world.a)
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(hours=2, seconds=5))
    html = as_role("learner").get(reverse("notifications")).content.decode()
    assert ">just now</time>" in html and ">2\xa0hours ago</time>" in html
    assert "0\xa0minutes" not in html
    zh = as_role("learner", lang="zh-hans").get(reverse("notifications")).content.decode()
    assert ">刚刚</time>" in zh


def test_mentor_home_says_active_just_now_then_how_long_ago(world, as_role):
    html = as_role("mentor").get(reverse("mentor-home")).content.decode()
    assert '<p class="muted small">Active just now</p>' in html and "0\xa0minutes" not in html
    Progress.objects.filter(user=world.users["learner"]).update(updated_at=timezone.now() - dt.timedelta(days=3))
    html = as_role("mentor").get(reverse("mentor-home")).content.decode()
    assert '<p class="muted small">Last active 3\xa0days ago</p>' in html


def test_quiz_options_render_their_markdown(world, as_role, bank_quiz):
    html = as_role("learner").get(reverse("exercise-detail", args=["quiz-numpy"])).content.decode()
    assert "<code>a * b</code>" in html and "`a * b`" not in html
    assert '<label for="q-q3-a">(2, 4)</label>' in html  # plain text stays as it was, no <p> in a label


def test_quiz_verdicts_are_numbered_like_the_questions_in_chinese(world, as_role, bank_quiz):
    client = as_role("learner", lang="zh-hans")
    # An answer to each question: unanswered ones are refused before grading.
    form = {
        f"q-{qid}": answer if isinstance(answer, list) else str(answer) for qid, answer in bank_quiz["answers"].items()
    }
    response = client.post(reverse("exercise-submit", args=["quiz-numpy"]), form, **HTMX)
    fragment = response.content.decode()
    assert all(f"<strong>第 {n} 题</strong>" in fragment for n in range(1, 7))


def test_a_fine_tuning_form_error_names_the_field(world, as_role):
    ExerciseFactory(
        slug="ft",
        milestone=world.b,
        kind="finetune",
        title=("Fine-tune", "微调"),
        public={"default_config": {"learning_rate": 2e-5, "epochs": 1}},
    )
    url = reverse("exercise-submit", args=["ft"])
    fragment = as_role("learner").post(url, {"cfg-learning_rate": "abc", "cfg-epochs": "1"}, **HTMX).content.decode()
    assert "<li>Learning rate: “abc” is not a number.</li>" in fragment
    zh = as_role("learner", lang="zh-hans").post(url, {"cfg-epochs": "x"}, **HTMX).content.decode()
    assert "<li>训练轮数（epochs）：“x”不是数字。</li>" in zh
    assert not Submission.objects.filter(exercise__slug="ft").exists()


def test_the_sandbox_usage_reads_with_names_and_units(world, as_role):
    Submission.objects.filter(pk=world.submission.pk).update(
        usage={"wall_s": 2.1555, "cpu_s": 0.0038, "max_rss_mb": 1.84, "scratch_mb": 3}
    )
    html = as_role("learner").get(reverse("submission-detail", args=[world.submission.pk])).content.decode()
    assert "<dt>Wall time</dt><dd>2.16 s</dd>" in html
    assert "<dt>CPU time</dt><dd>0.0038 s</dd>" in html
    assert "<dt>Peak memory</dt><dd>1.8 MB</dd>" in html
    assert "<dt>scratch_mb</dt><dd>3</dd>" in html  # a key without a label is shown as stored
    zh = as_role("learner", lang="zh-hans").get(reverse("submission-detail", args=[world.submission.pk]))
    assert "<dt>实际用时</dt><dd>2.16 s</dd>" in zh.content.decode()


def test_wide_tables_scroll_inside_their_card(world, as_role):
    queue = as_role("mentor").get(reverse("review-queue")).content.decode()
    assert '<div class="table-scroll">\n<table class="queue">' in queue
    exercise = as_role("learner").get(reverse("exercise-detail", args=["add-one"])).content.decode()
    assert '<div class="table-scroll">\n<table class="history">' in exercise
    milestone = as_role("learner").get(reverse("milestone-detail", args=["b"])).content.decode()
    assert '<div class="table-scroll">\n  <table>' in milestone


def test_the_plan_form_shows_whole_hours_without_a_decimal(world, as_role):
    html = as_role("learner").get(reverse("plan")).content.decode()
    assert 'name="hours_per_week" value="5"' in html and 'value="5.0"' not in html
