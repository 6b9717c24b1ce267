from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from accounts.models import MentorAssignment, Notification


def mentor_assign(*, mentor: AbstractBaseUser, learner: AbstractBaseUser) -> MentorAssignment:
    assignment, _ = MentorAssignment.objects.get_or_create(mentor=mentor, learner=learner)
    return assignment


def notification_create(
    *,
    user: AbstractBaseUser,
    kind: str,
    params: dict[str, Any] | None = None,
    milestone: Any = None,
    track: Any = None,
    submission: Any = None,
    review: Any = None,
    cohort: Any = None,
) -> Notification:
    """Tell a learner something happened: its kind, params (JSON) and the rows it is about; the text is rendered
    when read (accounts.notifications), in the reader's language."""
    return Notification.objects.create(
        user=user,
        kind=kind,
        params=params or {},
        milestone=milestone,
        track=track,
        submission=submission,
        review=review,
        cohort=cohort,
    )


def notifications_withdraw(*, user: AbstractBaseUser, kind: str, milestone_ids: list[int]) -> int:
    """Delete what is no longer true (a "milestone unlocked" whose milestone is locked again)."""
    if not milestone_ids:
        return 0
    deleted, _ = Notification.objects.filter(user=user, kind=kind, milestone_id__in=milestone_ids).delete()
    return deleted


def notifications_mark_read(*, user: AbstractBaseUser, ids: list[int] | None = None) -> int:
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(id__in=ids)
    return qs.update(read_at=timezone.now())
