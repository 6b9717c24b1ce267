"""What exercises gives accounts (registered in ExercisesConfig.ready): erasure of a deleted account's
submissions, and its part of the weekly digest."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, F
from django.utils import timezone

from accounts.models import MentorAssignment
from exercises.models import Review, Submission
from exercises.selectors import review_queue


def learner_submissions_erase(user: AbstractBaseUser) -> None:
    """Submissions nobody reviewed are deleted. A reviewed one is kept, since a mentor's review and line comments
    refer to its code; it stays linked to the anonymised account ("deleted learner")."""
    Submission.objects.filter(user=user, reviews__isnull=True).delete()


def reviews_digest(*, users: list[AbstractBaseUser], today: dict[int, dt.date]) -> dict[int, dict[str, Any]]:
    """The exercises' part of the weekly digest of several people: reviews each received in the last week, and for
    mentors the submissions waiting for their review (the review queue's own rule, one count per mentor).
    Queries: one for reviews received, one to find the mentors, one per mentor."""
    since = timezone.now() - dt.timedelta(days=7)
    received = dict(
        Review.objects.filter(submission__user__in=users, created_at__gte=since)
        .exclude(mentor=F("submission__user"))
        .values_list("submission__user_id")
        .annotate(n=Count("id"))
    )
    mentors = set(MentorAssignment.objects.filter(mentor__in=users).values_list("mentor_id", flat=True))
    return {
        user.pk: {
            "reviews_received": received.get(user.pk, 0),
            "reviews_waiting": review_queue(mentor=user).count() if user.pk in mentors else 0,
        }
        for user in users
    }
