"""What a second walk through the pages found: the day's remaining submissions are said once (beside Submit) and the
final poll refreshes them; time limits appear only where learner code runs (a fine-tuning job shows its budget);
the review queue says "just now" for fresh work; a locked milestone reads as a hint, since practice stays open; and
the submission page names the graders' metric and runtime keys. English and Chinese."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from exercises.models import Submission
from exercises.services import quota_get
from planner.models import Progress
from tests.factories import ExerciseFactory, SubmissionFactory
from tests.world import waiting_since

HTMX = {"HTTP_HX_REQUEST": "true"}


def _quota_span(remaining: int, limit: int, oob: bool = False) -> str:
    swap = ' hx-swap-oob="true"' if oob else ""
    return f'<span class="muted small" id="quota"{swap}>{remaining} of {limit} submissions left today.</span>'


def test_the_remaining_submissions_are_said_once_beside_submit(world, as_role):
    quota = quota_get(user=world.users["learner"], exercise=world.code)
    html = as_role("learner").get(reverse("exercise-detail", args=["add-one"])).content.decode()
    assert html.count("left today") == 1 and "quota-inline" not in html
    form = re.search(r'<form method="post" action="/exercises/add-one/submit/".*?</form>', html, re.S).group(0)
    assert (
        f'<button type="submit" class="primary" id="submit-button">Submit</button>\n      '
        f"{_quota_span(quota.remaining, quota.limit)}" in form
    )
    history = re.search(r'<div id="history">.*?</section>', html, re.S).group(0)
    assert 'id="quota"' not in history
    zh = as_role("learner", lang="zh-hans").get(reverse("exercise-detail", args=["add-one"])).content.decode()
    assert zh.count("次提交机会") == 1


def test_submit_and_the_final_poll_refresh_the_one_quota_and_a_running_poll_leaves_it(world, as_role):
    client = as_role("learner")
    fragment = client.post(
        reverse("exercise-submit", args=["add-one"]), {"source": "def f(x):\n    return x + 1\n"}, **HTMX
    ).content.decode()
    quota = quota_get(user=world.users["learner"], exercise=world.code)
    assert fragment.count('id="quota"') == 1 and _quota_span(quota.remaining, quota.limit, oob=True) in fragment
    submission = Submission.objects.get(user=world.users["learner"], attempt=2)
    url = reverse("submission-status", args=[submission.pk])
    assert 'id="quota"' not in client.get(url).content.decode()  # still queued: nothing beside it changes
    Submission.objects.filter(pk=submission.pk).update(status="passed", score=1.0, finished_at=timezone.now())
    final = client.get(url).content.decode()
    assert final.count('id="quota"') == 1 and _quota_span(quota.remaining, quota.limit, oob=True) in final
    assert "left today" not in final.split('<div id="history"')[1].split("</div>\n<span")[0]


def test_time_limits_show_only_where_learner_code_runs(world, as_role):
    learner = as_role("learner")
    code = learner.get(reverse("exercise-detail", args=["add-one"])).content.decode()
    assert " · time limit 10 s</p>" in code
    quiz = learner.get(reverse("exercise-detail", args=["quiz-basics"])).content.decode()
    assert world.quiz.limits["wall_s"] == 10  # the sandbox defaults are stored, but nothing runs them
    assert "time limit" not in quiz and "time budget" not in quiz
    ExerciseFactory(
        slug="ft",
        milestone=world.b,
        kind="finetune",
        limits={"cpu_s": 3600, "wall_s": 900, "memory_mb": 8192, "output_kb": 256},
    )
    ft = learner.get(reverse("exercise-detail", args=["ft"])).content.decode()
    assert " · time budget 15 min</p>" in ft and "time limit" not in ft
    zh = as_role("learner", lang="zh-hans")
    assert " · 时间限制 10 秒</p>" in zh.get(reverse("exercise-detail", args=["add-one"])).content.decode()
    assert "时间" not in re.search(
        r'<p class="muted small">.*?</p>', zh.get(reverse("exercise-detail", args=["quiz-basics"])).content.decode()
    ).group(0)
    assert " · 时间预算 15 分钟</p>" in zh.get(reverse("exercise-detail", args=["ft"])).content.decode()


def test_review_queue_says_just_now_for_fresh_work(world, as_role):
    waiting_since(world.submission, hours=2)
    fresh = SubmissionFactory(
        user=world.users["learner"], exercise=world.code, attempt=2, status="passed", finished_at=timezone.now()
    )
    html = as_role("mentor").get(reverse("review-queue")).content.decode()
    assert re.search(
        rf'<td data-label="Waiting" data-hours="0.0">just now</td>\s*<td><a class="button" href="/submissions/{fresh.pk}/">',
        html,
    )
    assert '<td data-label="Waiting" data-hours="2.0">2\xa0hours</td>' in html  # older work still says how long
    assert "0\xa0minutes" not in html
    zh = as_role("mentor", lang="zh-hans").get(reverse("review-queue")).content.decode()
    assert 'data-hours="0.0">刚刚</td>' in zh
    Submission.objects.filter(pk=fresh.pk).update(finished_at=timezone.now() - dt.timedelta(minutes=5, seconds=5))
    html = as_role("mentor").get(reverse("review-queue")).content.decode()
    assert "just now" not in html and '<td data-label="Waiting" data-hours="0.1">5\xa0minutes</td>' in html


def test_a_locked_milestone_reads_as_a_hint_because_practice_stays_open(world, as_role):
    learner = world.users["learner"]
    assert Progress.objects.get(user=learner, milestone=world.b).state == "locked"  # `a` is not done yet
    html = as_role("learner").get(reverse("exercise-detail", args=["add-one"])).content.decode()
    line = re.search(r'<p class="muted"><a href="/milestones/b/">.*?</p>', html).group(0)
    assert line == (
        '<p class="muted"><a href="/milestones/b/">Beta graded</a> · <span class="small" id="milestone-hint">'
        "its prerequisites are not done yet; you can practise here anyway</span></p>"
    )
    assert "Locked" not in html
    assert '<button type="submit" class="primary" id="submit-button">Submit</button>' in html
    zh = as_role("learner", lang="zh-hans").get(reverse("exercise-detail", args=["add-one"])).content.decode()
    assert "先修里程碑尚未完成；你仍可以在这里练习" in zh and "未解锁" not in zh
    Progress.objects.filter(user=learner, milestone=world.b).update(state="in_progress")
    html = as_role("learner").get(reverse("exercise-detail", args=["add-one"])).content.decode()
    assert '<a href="/milestones/b/">Beta graded</a> · <span id="milestone-hint">In progress</span></p>' in html


def _facts(html: str, heading: str) -> list[tuple[str, str]]:
    section = re.search(rf'<h2 id="{heading}">.*?</dl>', html, re.S).group(0)
    return re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", section)


def test_code_submission_names_its_metrics_and_runtime(world, as_role):
    Submission.objects.filter(pk=world.submission.pk).update(
        metrics={"cases": 4, "passed": 3},
        runtime={
            "host": "worker-1",
            "device": "cpu",
            "python": "3.11.2",
            "numpy": "2.1.0",
            "sklearn": "1.6.1",
            "isolation": "bwrap",
            "gpu_driver": "550",
        },
    )
    url = reverse("submission-detail", args=[world.submission.pk])
    html = as_role("learner").get(url).content.decode()
    assert _facts(html, "metrics-h") == [("Test cases passed", "3"), ("Test cases", "4")]
    assert _facts(html, "runtime-h") == [
        ("Device", "cpu"),
        ("Isolation", "bwrap"),
        ("Host", "worker-1"),
        ("Python", "3.11.2"),
        ("NumPy", "2.1.0"),
        ("scikit-learn", "1.6.1"),
        ("gpu_driver", "550"),
    ]  # an unknown key comes last, as stored
    zh = as_role("learner", lang="zh-hans").get(url).content.decode()
    assert _facts(zh, "metrics-h") == [("通过的测试用例", "3"), ("测试用例", "4")]
    assert ("设备", "cpu") in _facts(zh, "runtime-h") and ("主机", "worker-1") in _facts(zh, "runtime-h")


def test_model_and_finetune_submissions_name_their_metrics_and_runtime(passed_attempt, as_role):
    url = passed_attempt(
        "clf",
        "model",
        {"name": "f1_macro", "threshold": 0.7},
        0.81,
        metrics={
            "metric": "f1_macro",
            "threshold": 0.7,
            "n_test": 200,
            "f1_macro": 0.81,
            "baseline": 0.33,
            "predicted_counts": {"0": 90, "1": 110},
        },
    )
    html = as_role("learner").get(url).content.decode()
    assert _facts(html, "metrics-h") == [
        ("Metric", "Macro F1"),
        ("Macro F1", "0.81"),
        ("Pass threshold", "0.7"),
        ("Naive baseline", "0.33"),
        ("Test examples", "200"),
        ("Predictions per label", "0: 90, 1: 110"),
    ]
    url = passed_attempt(
        "ft-lm",
        "finetune",
        {"name": "perplexity_ratio", "threshold": 0.9},
        1.0,
        metrics={
            "ppl_before": 80.5,
            "ppl_after": 52.25,
            "ppl_ratio": 0.649,
            "steps": 40,
            "total_steps": 40,
            "test_tokens": 4096,
        },
        runtime={
            "device": "NVIDIA H200",
            "precision": "bf16-autocast",
            "train_s": 3.14159,
            "tokens_per_s": 51234.56,
            "peak_memory_mb": 812.44,
            "seed": 7,
        },
    )
    html = as_role("learner").get(url).content.decode()
    assert _facts(html, "metrics-h") == [
        ("Perplexity before training", "80.5"),
        ("Perplexity after training", "52.25"),
        ("Perplexity ratio (after / before)", "0.649"),
        ("Training steps", "40"),
        ("Planned steps", "40"),
        ("Test tokens", "4096"),
    ]
    assert _facts(html, "runtime-h") == [
        ("Device", "NVIDIA H200"),
        ("Precision", "bf16-autocast"),
        ("Random seed", "7"),
        ("Training time", "3.14 s"),
        ("Tokens per second", "51234.6"),
        ("Peak memory", "812.4 MB"),
    ]
    zh = as_role("learner", lang="zh-hans").get(url).content.decode()
    assert ("困惑度比值（训练后 / 训练前）", "0.649") in _facts(zh, "metrics-h")
    assert ("训练用时", "3.14 s") in _facts(zh, "runtime-h") and ("每秒词元数", "51234.6") in _facts(zh, "runtime-h")


def test_ner_and_retrieval_submissions_name_their_structured_metrics(passed_attempt, as_role):
    url = passed_attempt(
        "ner",
        "model",
        {"name": "entity_f1", "threshold": 0.55},
        0.75,
        metrics={
            "metric": "entity_f1",
            "threshold": 0.55,
            "n_test": 142,
            "entity_precision": 0.74,
            "entity_recall": 0.76,
            "entity_f1": 0.75,
            "baseline": 0.0,
        },
    )
    assert _facts(as_role("learner").get(url).content.decode(), "metrics-h") == [
        ("Metric", "Entity F1"),
        ("Entity F1", "0.75"),
        ("Entity precision", "0.74"),
        ("Entity recall", "0.76"),
        ("Pass threshold", "0.55"),
        ("Naive baseline", "0.0"),
        ("Test examples", "142"),
    ]
    zh = _facts(as_role("learner", lang="zh-hans").get(url).content.decode(), "metrics-h")
    assert zh[:4] == [("指标", "实体级 F1"), ("实体级 F1", "0.75"), ("实体级精确率", "0.74"), ("实体级召回率", "0.76")]
    url = passed_attempt(
        "dense",
        "model",
        {"name": "recall_at_5", "threshold": 0.9},
        0.96,
        metrics={"metric": "recall_at_5", "threshold": 0.9, "n_test": 128, "recall_at_5": 0.96, "baseline": 0.04},
    )
    html = as_role("learner").get(url).content.decode()
    assert _facts(html, "metrics-h")[:2] == [("Metric", "Recall@5"), ("Recall@5", "0.96")]
