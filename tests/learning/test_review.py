"""Spaced review: done milestones enter review with their recall cards and the quiz questions the learner passed;
FSRS (the fsrs package) schedules each rating; days follow the learner's time zone; fading milestones are flagged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from learning.models import ReviewCard, ReviewLog
from learning.services.review import (
    FADING_BELOW,
    NEW_PER_DAY,
    day_bounds,
    fading_milestone_ids,
    review_card_answer,
    review_counts,
    review_due_get,
)
from planner.models import Progress
from tests.factories import ExerciseFactory, MilestoneFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db

RECALL = [{"front": {"en": "What is BPE?", "zh": "什么是 BPE？"}, "back": {"en": "Merges.", "zh": "合并。"}}]
QUESTIONS = [
    {"id": "q1", "type": "choice", "prompt": {"en": "Pick b", "zh": "选 b"}, "options": [{"id": "a"}, {"id": "b"}]},
    {"id": "q2", "type": "number", "prompt": {"en": "1 + 1?", "zh": "1 + 1？"}, "tolerance": 0.01},
    {"id": "q3", "type": "choice", "prompt": {"en": "Missed", "zh": "答错"}, "options": [{"id": "a"}]},
]


def done(user, milestone) -> None:
    Progress.objects.update_or_create(user=user, milestone=milestone, defaults={"state": "done"})


@pytest.fixture
def learner():
    return UserFactory()


@pytest.fixture
def milestone_with_quiz(learner):
    ms = MilestoneFactory(slug="tokenization", recall=RECALL)
    quiz = ExerciseFactory(slug="quiz-tok", milestone=ms, kind="quiz", public={"questions": QUESTIONS})
    SubmissionFactory(
        user=learner,
        exercise=quiz,
        status="passed",
        payload={"answers": {"q1": "b", "q2": 2, "q3": "a"}},
        metrics={
            "questions": {
                "q1": {"correct": True, "explanation": {"en": "b is right", "zh": "b 正确"}},
                "q2": {"correct": True, "explanation": {"en": "two", "zh": "二"}},
                "q3": {"correct": False, "explanation": {"en": "no", "zh": "不"}},
            }
        },
    )
    return ms


def test_done_milestones_enter_review_with_recall_and_passed_quiz_questions(learner, milestone_with_quiz):
    assert review_due_get(user=learner).cards == []  # not done yet: nothing to review
    done(learner, milestone_with_quiz)
    due = review_due_get(user=learner)
    assert sorted(c.key for c in due.cards) == ["quiz:quiz-tok:q1", "quiz:quiz-tok:q2", "recall:tokenization:0"]
    quiz_card = ReviewCard.objects.get(key="quiz:quiz-tok:q1")
    assert quiz_card.content["answer"] == "b" and "answer" not in quiz_card.content["question"]
    # Undone: the cards leave review (kept, inactive); done again, they come back with their memory state.
    Progress.objects.filter(user=learner).update(state="available")
    assert review_due_get(user=learner).cards == []
    assert ReviewCard.objects.filter(active=False).count() == 3


def test_rating_a_card_schedules_it_with_fsrs_and_it_leaves_the_due_list(learner, milestone_with_quiz):
    done(learner, milestone_with_quiz)
    now = timezone.now()
    review_due_get(user=learner, now=now)
    card = ReviewCard.objects.get(key="recall:tokenization:0")
    outcome = review_card_answer(user=learner, card_id=card.pk, rating=4, now=now)  # easy
    card.refresh_from_db()
    assert card.state == 2 and card.reps == 1 and card.due > now + dt.timedelta(days=1)
    assert outcome.correct is None
    assert card.key not in [c.key for c in review_due_get(user=learner, now=now).cards]
    log = ReviewLog.objects.get(card=card)
    assert (log.rating, log.first) == (4, True)
    again = review_card_answer(user=learner, card_id=card.pk, rating=1, now=card.due)
    assert again.card.lapses == 1 and again.card.state == 3  # a lapse: relearning


def test_a_quiz_card_is_checked_wrong_means_again(learner, milestone_with_quiz):
    done(learner, milestone_with_quiz)
    review_due_get(user=learner)
    q1 = ReviewCard.objects.get(key="quiz:quiz-tok:q1")
    q2 = ReviewCard.objects.get(key="quiz:quiz-tok:q2")
    wrong = review_card_answer(user=learner, card_id=q1.pk, answer="a", rating=4)
    assert (wrong.correct, wrong.rating) == (False, 1)
    right = review_card_answer(user=learner, card_id=q2.pk, answer="2.0")
    assert (right.correct, right.rating) == (True, 3)


def test_new_cards_are_capped_per_day_of_the_learners_time_zone(learner):
    Profile.objects.create(user=learner, time_zone="Asia/Shanghai")
    for _ in range(NEW_PER_DAY + 5):
        done(learner, MilestoneFactory(recall=RECALL))
    # 23:30 in Shanghai is 15:30 UTC; the day ends at 16:00 UTC.
    now = dt.datetime(2026, 12, 4, 15, 30, tzinfo=dt.UTC)
    due = review_due_get(user=learner, now=now)
    assert (due.date, due.time_zone, due.due_count) == (dt.date(2026, 12, 4), "Asia/Shanghai", NEW_PER_DAY)
    for card in due.cards[:3]:
        review_card_answer(user=learner, card_id=card.pk, rating=4, now=now)
    assert review_due_get(user=learner, now=now).new_left_today == NEW_PER_DAY - 3
    # Past midnight in Shanghai (16:10 UTC, still 4 December in UTC): a new day, a full allowance.
    tomorrow = review_due_get(user=learner, now=now + dt.timedelta(minutes=40))
    assert tomorrow.date == dt.date(2026, 12, 5) and tomorrow.new_left_today == NEW_PER_DAY
    assert review_counts(user=learner, now=now)["due"] == NEW_PER_DAY - 3


def test_day_bounds_follow_the_zone():
    import zoneinfo

    tz = zoneinfo.ZoneInfo("America/New_York")
    today, start, end = day_bounds(dt.datetime(2026, 12, 5, 3, 0, tzinfo=dt.UTC), tz)
    assert (
        today == dt.date(2026, 12, 4)
        and start.utcoffset() == dt.timedelta(hours=-5)
        and end - start == dt.timedelta(days=1)
    )


def test_a_milestone_is_fading_when_its_cards_are_long_overdue(learner, milestone_with_quiz):
    done(learner, milestone_with_quiz)
    now = timezone.now()
    review_due_get(user=learner, now=now)
    for card in ReviewCard.objects.filter(user=learner):
        review_card_answer(user=learner, card_id=card.pk, rating=3, now=now)
    assert fading_milestone_ids(user_id=learner.pk, now=now + dt.timedelta(days=1)) == set()
    later = now + dt.timedelta(days=120)
    assert fading_milestone_ids(user_id=learner.pk, now=later) == {milestone_with_quiz.pk}
    assert FADING_BELOW == 0.8


def test_review_api_lists_and_rates_and_refuses_others_cards(learner, milestone_with_quiz, client_for):
    done(learner, milestone_with_quiz)
    api = client_for(learner)
    body = api.get("/api/v1/review/").data
    assert body["due_count"] == 3
    recall = next(c for c in body["cards"] if c["source"] == "recall")
    assert (recall["front"], recall["back"], recall["state"]) == ("What is BPE?", "Merges.", "new")
    quiz = next(c for c in body["cards"] if c["milestone"] == "tokenization" and c["source"] == "quiz")
    assert "answer" not in quiz["question"]
    assert api.post(f"/api/v1/review/{recall['id']}/", {}, format="json").status_code == 400
    assert api.post(f"/api/v1/review/{recall['id']}/", {"rating": "meh"}, format="json").status_code == 400
    rated = api.post(f"/api/v1/review/{recall['id']}/", {"rating": "easy"}, format="json")
    assert rated.status_code == 200 and rated.data["rating"] == "easy" and rated.data["interval_days"] >= 1
    assert recall["id"] not in [c["id"] for c in api.get("/api/v1/review/").data["cards"]]
    other = client_for(UserFactory())
    assert other.post(f"/api/v1/review/{quiz['id']}/", {"rating": "good"}, format="json").status_code == 404


def test_review_page_rates_a_card_and_the_dashboard_says_what_is_due(learner, milestone_with_quiz, client):
    done(learner, milestone_with_quiz)
    client.force_login(learner)
    page = client.get(reverse("review")).content.decode()
    card = ReviewCard.objects.get(key="recall:tokenization:0")
    assert f'id="card-{card.pk}"' in page and "What is BPE?" in page
    assert "3 cards to review now." in client.get(reverse("dashboard")).content.decode()
    response = client.post(reverse("review-answer", args=[card.pk]), {"rating": "good"})
    assert response.status_code == 302
    assert f'id="card-{card.pk}"' not in client.get(reverse("review")).content.decode()
