import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from exercises.api.views import LEARNER_NOT_FOUND
from exercises.models import Submission
from exercises.services.submissions import QUOTA_EXHAUSTED, SOURCE_NOT_UTF8, SOURCE_REQUIRED, SOURCE_TOO_LARGE
from gpu_runner.training.config import BAD_TARGETS, MAX_LORA_TARGETS, NOT_WITH_LORA
from tests.exercises.conftest import right_answers
from tests.factories import SubmissionFactory

URL = "/api/v1/submissions/"
CODE = "import numpy as np\n\ndef softmax(x, axis=-1):\n    return x\n"


def test_learner_submits_code_as_text_and_sees_attempt_and_quota(
    client_for, learner, softmax, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(learner).post(URL, {"exercise": "softmax", "source": CODE}, format="json")

    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["exercise"], data["attempt"], data["status"], data["payload"]) == (
        "softmax",
        1,
        "queued",
        {"source": CODE},
    )
    assert data["quota"] == {"limit": 20, "used": 1, "remaining": 19}
    assert data["events"] == [] and data["reviews"] == [] and data["error"] is None
    assert "seed" not in data and "job_id" not in data
    assert len(callbacks) == 1


def test_learner_submits_code_as_a_file_upload(client_for, learner, softmax, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("solution.py", CODE.encode(), content_type="text/x-python")
    with django_capture_on_commit_callbacks(execute=False):
        response = client_for(learner).post(URL, {"exercise": "softmax", "file": upload}, format="multipart")
    assert response.status_code == 201, response.json()
    assert Submission.objects.get().payload == {"source": CODE}


def test_non_utf8_upload_is_a_clear_400(client_for, learner, softmax):
    upload = SimpleUploadedFile("solution.py", "x = 'é'\n".encode("latin-1"))
    response = client_for(learner).post(URL, {"exercise": "softmax", "file": upload}, format="multipart")
    assert response.status_code == 400
    assert response.json() == {"source": [SOURCE_NOT_UTF8]}


@override_settings(PATHWISE_MAX_CODE_BYTES=64)
def test_too_large_code_is_a_400_with_the_limit(client_for, learner, softmax):
    client = client_for(learner)
    response = client.post(URL, {"exercise": "softmax", "source": "#" * 65}, format="json")
    assert response.status_code == 400
    assert response.json() == {"source": [SOURCE_TOO_LARGE % {"size": 65, "limit": 64}]}
    upload = SimpleUploadedFile("big.py", b"#" * 1000)
    response = client.post(URL, {"exercise": "softmax", "file": upload}, format="multipart")
    assert response.json() == {"source": [SOURCE_TOO_LARGE % {"size": 65, "limit": 64}]}
    assert not Submission.objects.exists()


def test_missing_code_and_unknown_exercise_are_400(client_for, learner, softmax):
    client = client_for(learner)
    assert client.post(URL, {"exercise": "softmax"}, format="json").json() == {"source": [SOURCE_REQUIRED]}
    response = client.post(URL, {"exercise": "nope", "source": CODE}, format="json")
    assert (response.status_code, response.json()) == (400, {"exercise": ["No exercise 'nope'."]})


@override_settings(PATHWISE_DAILY_QUOTA=1)
def test_exhausted_quota_is_429_with_a_message(client_for, learner, softmax, django_capture_on_commit_callbacks):
    client = client_for(learner)
    with django_capture_on_commit_callbacks(execute=False):
        assert client.post(URL, {"exercise": "softmax", "source": CODE}, format="json").status_code == 201
    response = client.post(URL, {"exercise": "softmax", "source": CODE}, format="json")
    assert response.status_code == 429
    assert response.json() == {
        "detail": QUOTA_EXHAUSTED % {"limit": 1},
        "quota": {"limit": 1, "used": 1, "remaining": 0},
    }


def test_finetune_config_out_of_range_is_a_400_naming_field_and_range(client_for, learner, bank_exercise):
    bank_exercise("finetune-bert-sentiment")
    response = client_for(learner).post(
        URL, {"exercise": "finetune-bert-sentiment", "config": {"batch_size": 1000}}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"config": ["batch_size must be an integer between 1 and 128"]}


def test_lora_settings_are_checked_before_queueing_and_only_a_lora_exercise_takes_them(
    client_for, learner, bank_exercise
):
    bank_exercise("lora-finetune-gpt")
    bank_exercise("finetune-gpt-text")
    client = client_for(learner)
    bad = {"lora_r": 0, "lora_target_modules": "q_proj,q_proj", "freeze_layers": 3}
    response = client.post(URL, {"exercise": "lora-finetune-gpt", "config": bad}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "config": [
            NOT_WITH_LORA,
            "lora_r must be an integer between 1 and 256",
            BAD_TARGETS.format(most=MAX_LORA_TARGETS),
        ]
    }
    response = client.post(URL, {"exercise": "finetune-gpt-text", "config": {"lora_r": 8}}, format="json")
    assert response.status_code == 400 and response.json()["config"][0].startswith("lora_r is not a training setting")
    good = {"lora_r": 16, "lora_alpha": 32, "lora_target_modules": ["q_proj", "v_proj"], "learning_rate": 2e-4}
    with_queue = client.post(URL, {"exercise": "lora-finetune-gpt", "config": good}, format="json")
    assert with_queue.status_code == 201, with_queue.json()


def test_quiz_is_graded_in_the_request(client_for, learner, quiz, bank):
    response = client_for(learner).post(
        URL, {"exercise": quiz.slug, "answers": right_answers(bank, quiz.slug)}, format="json"
    )
    assert response.status_code == 201
    data = response.json()
    assert (data["status"], data["score"], data["attempt"]) == ("passed", 1.0, 1)
    assert all(check["passed"] for check in data["checks"])


def test_learner_lists_own_submissions_filtered_by_exercise_and_status(
    client_for, learner, other_learner, softmax, quiz
):
    mine_failed = SubmissionFactory(user=learner, exercise=softmax, attempt=1, status="failed")
    mine_passed = SubmissionFactory(user=learner, exercise=softmax, attempt=2, status="passed")
    mine_quiz = SubmissionFactory(user=learner, exercise=quiz, attempt=1, status="passed")
    SubmissionFactory(user=other_learner, exercise=softmax, attempt=1, status="passed")
    client = client_for(learner)

    def ids(params):
        return [row["id"] for row in client.get(URL, params).json()["results"]]

    assert sorted(ids({})) == sorted([mine_failed.pk, mine_passed.pk, mine_quiz.pk])
    assert ids({"exercise": "softmax", "status": "passed"}) == [mine_passed.pk]
    assert ids({"status": "failed"}) == [mine_failed.pk]
    response = client.get(URL, {"learner": other_learner.pk})
    assert (response.status_code, response.json()) == (404, {"detail": LEARNER_NOT_FOUND})


def test_mentor_lists_and_reads_their_learners_submissions(client_for, mentor, learner, other_learner, softmax):
    mine = SubmissionFactory(user=learner, exercise=softmax, attempt=1, status="passed")
    stranger = SubmissionFactory(user=other_learner, exercise=softmax, attempt=1, status="passed")
    client = client_for(mentor)

    assert [r["id"] for r in client.get(URL, {"learner": learner.pk}).json()["results"]] == [mine.pk]
    assert client.get(f"{URL}{mine.pk}/").status_code == 200
    assert client.get(f"{URL}{stranger.pk}/").status_code == 404


def test_learner_cannot_read_another_learners_submission(client_for, learner, other_learner, softmax):
    theirs = SubmissionFactory(user=other_learner, exercise=softmax, attempt=1)
    response = client_for(learner).get(f"{URL}{theirs.pk}/")
    assert (response.status_code, response.json()) == (404, {"detail": "Submission not found."})


def test_submission_detail_has_result_events_and_reviews(client_for, learner, mentor, softmax):
    submission = SubmissionFactory(
        user=learner,
        exercise=softmax,
        attempt=1,
        timed_out=True,
        error_message="too slow",
        checks=[{"name": "a", "passed": False, "message": "m"}],
        usage={"wall_s": 1.0},
        runtime={"host": "h"},
        stdout_tail="out",
        stderr_tail="err",
    )
    submission.events.create(step=1, total=4, loss=0.5)
    client_for(mentor).post(
        f"{URL}{submission.pk}/reviews/",
        {"verdict": "comment", "body": "see line 1", "comments": [{"line": 1, "body": "here"}]},
        format="json",
    )

    data = client_for(learner).get(f"{URL}{submission.pk}/").json()

    # A result stored before texts were keyed: its English as stored, the code's label beside it.
    assert data["error"] == {
        "code": "timeout",
        "message": "too slow",
        "label": "Time limit exceeded",
        "message_display": "too slow",
    }
    assert data["checks"] == [
        {"name": "a", "passed": False, "message": "m", "name_display": "a", "message_display": "m"}
    ]
    assert (data["usage"], data["runtime"], data["stdout_tail"], data["stderr_tail"]) == (
        {"wall_s": 1.0},
        {"host": "h"},
        "out",
        "err",
    )
    assert [(e["step"], e["total"], e["loss"]) for e in data["events"]] == [(1, 4, 0.5)]
    assert [(r["mentor"], r["verdict"], r["comments"]) for r in data["reviews"]] == [
        ("mentor", "comment", [{"line": 1, "body": "here"}])
    ]


def test_review_api_permissions(client_for, mentor, learner, other_learner, softmax):
    submission = SubmissionFactory(user=learner, exercise=softmax, attempt=1, status="failed")
    url = f"{URL}{submission.pk}/reviews/"
    body = {"verdict": "approve", "score_override": 0.9, "override_reason": "good enough"}

    assert client_for(other_learner).post(url, body, format="json").status_code == 404
    response = client_for(learner).post(url, body, format="json")
    assert (response.status_code, response.json()) == (403, {"detail": "Only a mentor of this learner can do this."})
    response = client_for(mentor).post(url, {"verdict": "approve", "score_override": 0.9}, format="json")
    assert (response.status_code, response.json()) == (
        400,
        {"override_reason": ["Give a reason for the score override."]},
    )
    response = client_for(mentor).post(url, body, format="json")
    assert response.status_code == 201
    assert (response.json()["score_override"], response.json()["override_reason"]) == (0.9, "good enough")


def test_review_queue_api_shows_waiting_time_and_sign_off_need(client_for, mentor, learner, softmax):
    from django.utils import timezone

    submission = SubmissionFactory(
        user=learner,
        exercise=softmax,
        attempt=1,
        status="passed",
        finished_at=timezone.now() - timezone.timedelta(minutes=5),
    )
    # A pass on a milestone no track of the learner's requires is in the whole queue, not in what needs a human.
    assert client_for(mentor).get("/api/v1/reviews/queue/").json()["results"] == []
    rows = client_for(mentor).get("/api/v1/reviews/queue/?all=true").json()["results"]
    assert [(r["id"], r["learner"], r["needs_sign_off"]) for r in rows] == [(submission.pk, "learner", False)]
    assert 300 <= rows[0]["waiting_s"] < 330


def test_sign_off_api(client_for, mentor, learner, other_learner, bank_exercise):
    from tests.factories import MilestoneFactory

    milestone = MilestoneFactory(slug="softmax-and-cross-entropy", completion="mentor")
    exercise = bank_exercise("softmax", milestone=milestone)
    SubmissionFactory(user=learner, exercise=exercise, attempt=1, status="passed")
    body = {"learner": learner.pk, "milestone": milestone.slug}

    assert client_for(other_learner).post("/api/v1/sign-offs/", body, format="json").status_code == 404
    response = client_for(mentor).post("/api/v1/sign-offs/", body, format="json")
    created = response.json()["created_at"]
    assert (response.status_code, response.json()) == (
        201,
        {
            "learner": learner.pk,
            "milestone": milestone.slug,
            "signed_off": True,
            "mentor": "mentor",
            "created_at": created,
            "withdrawable_until": response.json()["withdrawable_until"],
        },
    )
    given = dt.datetime.fromisoformat(created)
    until = dt.datetime.fromisoformat(response.json()["withdrawable_until"])
    assert (until - given, abs(timezone.now() - given) < dt.timedelta(minutes=1)) == (dt.timedelta(hours=24), True)


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_users_get_401(api_client, db, method):
    assert getattr(api_client, method)(URL).status_code == 401


def test_submissions_are_throttled_per_learner_per_minute(
    client_for, learner, other_learner, softmax, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.cache import cache
    from rest_framework.throttling import ScopedRateThrottle

    cache.clear()
    # The test settings raise the rate so other tests never hit it; this one sets a small one.
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"submissions": "2/min"})
    client = client_for(learner)
    with django_capture_on_commit_callbacks(execute=False):
        codes = [client.post(URL, {"exercise": "softmax", "source": CODE}, format="json").status_code for _ in range(3)]
        other = client_for(other_learner).post(URL, {"exercise": "softmax", "source": CODE}, format="json")

    assert codes == [201, 201, 429]
    assert other.status_code == 201
    assert client.get(URL).status_code == 200
    cache.clear()


def test_invalid_quiz_answers_are_a_400_with_a_message_per_question_and_store_nothing(client_for, learner, quiz):
    answers = {"q1": "z", "q2": ["a"], "q3": "c", "q4": "a", "q5": "ten"}
    response = client_for(learner).post(URL, {"exercise": "quiz-cpu-vs-gpu", "answers": answers}, format="json")
    assert (response.status_code, response.json()) == (
        400,
        {"answers": ["Question 1: “z” is not one of its options.", "Question 5: “ten” is not a number."]},
    )
    zh = client_for(learner).post(
        URL, {"exercise": "quiz-cpu-vs-gpu", "answers": {"q1": "b"}}, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert zh.json() == {
        "answers": ["第 2 题：未作答。", "第 3 题：未作答。", "第 4 题：未作答。", "第 5 题：未作答。"]
    }
    assert not Submission.objects.exists()


def test_a_syntax_error_is_a_400_saying_where_and_stores_nothing(client_for, learner, softmax):
    response = client_for(learner).post(URL, {"exercise": "softmax", "source": "def softmax(x:\n"}, format="json")
    assert (response.status_code, response.json()) == (
        400,
        {
            "source": [
                "Your code does not compile, so it was not graded and used no submission (line 1, column 12): "
                "'(' was never closed"
            ]
        },
    )
    assert not Submission.objects.exists()
