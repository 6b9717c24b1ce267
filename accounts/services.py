from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from accounts.models import MentorAssignment, Notification


def mentor_assign(*, mentor: AbstractBaseUser, learner: AbstractBaseUser) -> MentorAssignment:
    assignment, _ = MentorAssignment.objects.get_or_create(mentor=mentor, learner=learner)
    return assignment


def notification_create(*, user: AbstractBaseUser, kind: str, message: str, url: str = "") -> Notification:
    return Notification.objects.create(user=user, kind=kind, message=message[:500], url=url[:300])


def notifications_mark_read(*, user: AbstractBaseUser, ids: list[int] | None = None) -> int:
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(id__in=ids)
    return qs.update(read_at=timezone.now())
