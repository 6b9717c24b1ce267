"""What the mentor's pages read: their learners with progress, one learner's work, the review queue."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone

from accounts.models import MentorAssignment
from accounts.permissions import is_mentor
from config.humanize import just_now
from config.i18n import bilingual
from exercises.models import SignOff
from exercises.selectors import review_queue
from planner.models import Completion, Progress, ProgressState
from planner.selectors import missing_prerequisites_by_milestone
from planner.services.summary import progress_summaries

IN_PROGRESS_SHOWN = 3


def can_mentor(user: AbstractBaseUser) -> bool:
    """Who sees the mentor's pages: staff, and anyone with a learner assigned."""
    return user.is_authenticated and (user.is_staff or is_mentor(user))


def _learners(mentor: AbstractBaseUser) -> QuerySet[Any]:
    users = get_user_model().objects.all()
    if mentor.is_staff:
        return users.filter(enrolments__isnull=False).distinct()
    return users.filter(id__in=MentorAssignment.objects.filter(mentor=mentor).values("learner_id"))


def mentor_learner_list(*, mentor: AbstractBaseUser, today: dt.date | None = None) -> list[dict[str, Any]]:
    """The mentor's learners (staff: every enrolled learner) by name, each with their tracks' progress, what they
    are working on and when they last moved. A fixed number of queries, however many learners."""
    working = Progress.objects.filter(state=ProgressState.IN_PROGRESS).select_related("milestone")
    learners = list(
        _learners(mentor)
        .select_related("profile")  # how each is named (accounts.selectors.person_name)
        .annotate(last_active=Max("progress__updated_at"))
        .prefetch_related(Prefetch("progress", queryset=working.order_by("-updated_at"), to_attr="working"))
        .order_by("username")
    )
    summaries = progress_summaries(user_ids=[u.pk for u in learners], today=today)
    rows = []
    for learner in learners:
        tracks = summaries[learner.pk]["tracks"]
        for track in tracks:
            track["title"] = bilingual(track)
        rows.append(
            {
                "user": learner,
                "tracks": tracks,
                "in_progress": learner.working[:IN_PROGRESS_SHOWN],
                "last_active": learner.last_active,
                "active_just_now": just_now(learner.last_active),
            }
        )
    return rows


def review_queue_rows(*, mentor: AbstractBaseUser, limit: int = 200, **filters: Any) -> list[dict[str, Any]]:
    """The review queue as the page lists it (`filters` as exercises.selectors.review_queue takes them): each
    submission with how long it has waited."""
    now = timezone.now()
    rows = []
    for submission in review_queue(mentor=mentor, **filters)[:limit]:
        since = submission.finished_at or submission.created_at
        waited = now - since
        rows.append(
            {
                "submission": submission,
                "since": since,
                "just_now": just_now(since),
                "hours": round(waited.total_seconds() / 3600, 1),
            }
        )
    return rows


def sign_off_rows(*, learner: AbstractBaseUser) -> dict[str, list[dict[str, Any]]]:
    """The learner's mentor-completion milestones: those waiting for a sign-off, each with the prerequisites that
    still lock it (a locked one cannot be signed off yet), and those signed off, each with its sign-off."""
    rows = list(
        Progress.objects.filter(user=learner, milestone__completion=Completion.MENTOR).select_related(
            "milestone__stage"
        )
    )
    waiting = [p for p in rows if p.state != ProgressState.DONE]
    missing = missing_prerequisites_by_milestone(user_id=learner.pk, milestone_ids=[p.milestone_id for p in waiting])
    sign_offs = {
        s.milestone_id: s for s in SignOff.objects.filter(learner=learner).select_related("mentor", "milestone")
    }
    now = timezone.now()
    return {
        "waiting": [{"progress": p, "missing": missing[p.milestone_id]} for p in waiting],
        "signed_off": [
            {
                "progress": p,
                "sign_off": sign_offs.get(p.milestone_id),
                "withdrawable": p.milestone_id in sign_offs and now <= sign_offs[p.milestone_id].withdrawable_until,
            }
            for p in rows
            if p.state == ProgressState.DONE
        ],
    }
