"""Spaced review of done milestones, scheduled by FSRS (the `fsrs` package: its Scheduler and Card, never a
hand-written SM-2).

What enters review: every done milestone's recall cards (curriculum YAML, both languages) and the questions of its
quizzes the learner passed, answered right in that pass (their answer is the card's answer: the bank's hidden
answers never leave it, and a quiz not passed gives nothing away). Cards are made or refreshed by
`review_cards_sync` whenever the review is read, so a milestone done by any path (self-report, sign-off, the
grader) enters review; a milestone no longer done leaves it (its cards are kept inactive, memory state and all).

A day is the learner's day (their profile's time zone): at most NEW_PER_DAY new cards are introduced a day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from fsrs import Card, Rating, Scheduler, State

from accounts.middleware import zone
from accounts.selectors import profile_get
from exercises.models import Exercise, Submission, SubmissionStatus
from gpu_runner.graders.quiz import grade_answer
from learning.models import CardSource, ReviewCard, ReviewLog
from planner.models import Milestone, ProgressState

NEW_PER_DAY = 20
DUE_PAGE = 50
# A milestone whose reviewed cards' mean retrievability is under this is "fading" on the roadmap (the scheduler aims
# at 0.9 when a card falls due; 0.8 means several cards are well overdue).
FADING_BELOW = 0.8
SCHEDULER = Scheduler(desired_retention=0.9, learning_steps=(dt.timedelta(minutes=10),))

RATING_NEEDED = _("Rate the card: again, hard, good or easy.")
STATE_NAMES = {State.Learning: "learning", State.Review: "review", State.Relearning: "relearning"}


def learner_zone(user: AbstractBaseUser) -> dt.tzinfo:
    return zone(profile_get(user=user).time_zone) or zone(settings.TIME_ZONE) or dt.UTC


def day_bounds(now: dt.datetime, tz: dt.tzinfo) -> tuple[dt.date, dt.datetime, dt.datetime]:
    """(the learner's date, its start, the next day's start) at `now` in `tz`."""
    today = timezone.localtime(now, tz).date()
    start = dt.datetime.combine(today, dt.time.min, tzinfo=tz)
    return today, start, dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min, tzinfo=tz)


def _recall_cards(milestones: list[Milestone]) -> dict[str, tuple[int, str, dict[str, Any]]]:
    return {
        f"recall:{m.slug}:{n}": (m.pk, CardSource.RECALL, {"front": card["front"], "back": card["back"]})
        for m in milestones
        for n, card in enumerate(m.recall or [])
        if isinstance(card, dict) and "front" in card and "back" in card
    }


def _quiz_cards(user: AbstractBaseUser, milestone_ids: list[int]) -> dict[str, tuple[int, str, dict[str, Any]]]:
    passed = (
        Submission.objects.filter(
            user=user,
            status=SubmissionStatus.PASSED,
            exercise__kind=Exercise.Kind.QUIZ,
            exercise__milestone_id__in=milestone_ids,
        )
        .select_related("exercise")
        .only("payload", "metrics", "exercise__slug", "exercise__public", "exercise__milestone_id")
        .order_by("exercise_id", "-id")
    )
    cards: dict[str, tuple[int, str, dict[str, Any]]] = {}
    seen: set[int] = set()
    for sub in passed:
        if sub.exercise_id in seen:  # the latest pass of each quiz
            continue
        seen.add(sub.exercise_id)
        answers = (sub.payload or {}).get("answers") or {}
        details = (sub.metrics or {}).get("questions") or {}
        for question in (sub.exercise.public or {}).get("questions") or []:
            qid = question.get("id")
            detail = details.get(qid) or {}
            if not detail.get("correct") or answers.get(qid) in (None, "", []):
                continue
            content = {
                "exercise": sub.exercise.slug,
                "question": question,
                "answer": answers[qid],
                "explanation": detail.get("explanation") or {},
            }
            cards[f"quiz:{sub.exercise.slug}:{qid}"] = (sub.exercise.milestone_id, CardSource.QUIZ, content)
    return cards


def review_cards_sync(*, user: AbstractBaseUser, now: dt.datetime | None = None) -> None:
    """Make the cards of newly done milestones, refresh changed ones, put those of undone milestones aside.
    Queries: done milestones, passed quizzes, the learner's cards; writes only what changed, each write one
    statement that is safe to repeat (no transaction of its own: a page that reads the review pays no savepoints)."""
    now = now or timezone.now()
    milestones = list(
        Milestone.objects.filter(progress__user=user, progress__state=ProgressState.DONE).only("slug", "recall")
    )
    wanted = {**_recall_cards(milestones), **_quiz_cards(user, [m.pk for m in milestones])}
    existing = {c.key: c for c in ReviewCard.objects.filter(user=user).only("key", "active", "content")}
    ReviewCard.objects.bulk_create(
        [
            ReviewCard(user=user, milestone_id=mid, source=source, key=key, content=content, due=now)
            for key, (mid, source, content) in wanted.items()
            if key not in existing
        ],
        ignore_conflicts=True,  # a second tab syncing at the same moment
    )
    changed = []
    for key, card in existing.items():
        want = wanted.get(key)
        active, content = (True, want[2]) if want else (False, card.content)
        if (active, content) != (card.active, card.content):
            card.active, card.content = active, content
            changed.append(card)
    ReviewCard.objects.bulk_update(changed, ["active", "content"])


def fsrs_card(card: ReviewCard) -> Card:
    return Card(
        card_id=card.pk,
        state=State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def retrievability(card: ReviewCard, now: dt.datetime) -> float | None:
    """FSRS's probability of recall now; None before the first review."""
    if card.last_review is None:
        return None
    return float(SCHEDULER.get_card_retrievability(fsrs_card(card), current_datetime=now))


@dataclass
class DueReview:
    date: dt.date
    time_zone: str
    cards: list[ReviewCard] = field(default_factory=list)
    due_count: int = 0
    new_left_today: int = 0
    later_today: int = 0


def cards_in_review(user: AbstractBaseUser) -> QuerySet[ReviewCard]:
    """The learner's cards in review: their own, and still active (a card whose source went away is not)."""
    return ReviewCard.objects.filter(user=user, active=True)


def review_card_get(*, user: AbstractBaseUser, card_id: int) -> ReviewCard | None:
    """One of the learner's cards in review, or None."""
    return cards_in_review(user).filter(pk=card_id).first()


def review_due_get(*, user: AbstractBaseUser, now: dt.datetime | None = None, limit: int = DUE_PAGE) -> DueReview:
    """The cards to review now: those seen before and due, then new ones up to what is left of today's allowance.
    Queries: the sync's three, then four (new introduced today, due seen, new, later today); none per card."""
    now = now or timezone.now()
    review_cards_sync(user=user, now=now)
    tz = learner_zone(user)
    today, start, end = day_bounds(now, tz)
    introduced = ReviewLog.objects.filter(user=user, first=True, reviewed_at__gte=start).count()
    new_left = max(0, NEW_PER_DAY - introduced)
    mine = cards_in_review(user).select_related("milestone")
    seen = list(mine.filter(reps__gt=0, due__lte=now).order_by("due", "id")[:limit])
    fresh = list(
        mine.filter(reps=0).order_by("milestone__stage__order", "milestone__order", "id")[: min(new_left, limit)]
    )
    later = mine.filter(due__gt=now, due__lt=end).exclude(reps=0).count()
    cards = (seen + fresh)[:limit]
    return DueReview(
        date=today,
        time_zone=str(tz),
        cards=cards,
        due_count=len(seen) + len(fresh),
        new_left_today=new_left,
        later_today=later,
    )


def review_counts(*, user: AbstractBaseUser, now: dt.datetime | None = None) -> dict[str, int]:
    """What the dashboard says: cards due now (seen and due, plus new ones within today's allowance) and later today.
    Queries: the sync's three, new introduced today, one aggregate."""
    now = now or timezone.now()
    review_cards_sync(user=user, now=now)
    _today, start, end = day_bounds(now, learner_zone(user))
    introduced = ReviewLog.objects.filter(user=user, first=True, reviewed_at__gte=start).count()
    counts = cards_in_review(user).aggregate(
        seen=Count("pk", filter=Q(reps__gt=0, due__lte=now)),
        new=Count("pk", filter=Q(reps=0)),
        later=Count("pk", filter=Q(reps__gt=0, due__gt=now, due__lt=end)),
    )
    due = counts["seen"] + min(counts["new"], max(0, NEW_PER_DAY - introduced))
    return {"due": due, "later": counts["later"]}


@dataclass
class ReviewOutcome:
    card: ReviewCard
    rating: int
    correct: bool | None


def _quiz_rating(card: ReviewCard, answer: Any, rating: int | None) -> tuple[int, bool]:
    """A quiz card answered: wrong means Again whatever was asked; right keeps the learner's rating (Good if none)."""
    question = {**card.content["question"], "answer": card.content["answer"]}
    right, _verdict = grade_answer(question, answer)
    if not right:
        return Rating.Again, False
    return (rating or Rating.Good), True


@transaction.atomic
def review_card_answer(
    *,
    user: AbstractBaseUser,
    card_id: int,
    rating: int | None = None,
    answer: Any = None,
    now: dt.datetime | None = None,
) -> ReviewOutcome:
    """Rate one card (or answer a quiz card) and let FSRS schedule its next review. Raises ReviewCard.DoesNotExist
    for a card that is not the learner's or not in review, ValidationError when no rating can be had."""
    now = now or timezone.now()
    card = cards_in_review(user).select_for_update().get(pk=card_id)
    correct = None
    if card.source == CardSource.QUIZ and answer is not None:
        rating, correct = _quiz_rating(card, answer, rating)
    if rating is None:
        raise ValidationError({"rating": ValidationError(RATING_NEEDED, code="rating_needed")})
    was_review = card.state == State.Review
    new, _log = SCHEDULER.review_card(fsrs_card(card), Rating(rating), review_datetime=now)
    first = card.reps == 0
    card.state, card.step = int(new.state), new.step
    card.stability, card.difficulty = new.stability, new.difficulty
    card.due, card.last_review = new.due, new.last_review
    card.reps += 1
    card.lapses += int(was_review and rating == Rating.Again)
    card.save(update_fields=["state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses"])
    ReviewLog.objects.create(card=card, user=user, rating=rating, correct=correct, first=first, reviewed_at=now)
    return ReviewOutcome(card=card, rating=int(rating), correct=correct)


def fading_milestone_ids(*, user_id: int, now: dt.datetime | None = None) -> set[int]:
    """Done milestones whose reviewed cards' mean retrievability is under FADING_BELOW. One query."""
    now = now or timezone.now()
    by_milestone: dict[int, list[float]] = {}
    rows = ReviewCard.objects.filter(user_id=user_id, active=True, last_review__isnull=False).only(
        "milestone_id", "state", "step", "stability", "difficulty", "due", "last_review"
    )
    for card in rows:
        value = retrievability(card, now)
        if value is not None:
            by_milestone.setdefault(card.milestone_id, []).append(value)
    return {mid for mid, values in by_milestone.items() if sum(values) / len(values) < FADING_BELOW}
