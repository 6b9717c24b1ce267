"""Who may see whose data: the one rule every app asks."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from accounts.models import MentorAssignment
from config.prepared import prepared


@prepared(user_id=int)
def _one_learner(user_id: int) -> QuerySet:
    return MentorAssignment.objects.filter(mentor=user_id).values("pk")[:1]


def is_mentor(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether anyone is assigned to `user` as their learner (one query, compiled once: menus and permission checks
    of many pages ask)."""
    return user.is_authenticated and bool(_one_learner(user_id=user.pk))


def is_mentor_of(user: AbstractBaseUser | AnonymousUser, learner_id: int) -> bool:
    return user.is_authenticated and MentorAssignment.objects.filter(mentor=user, learner_id=learner_id).exists()


def can_view_learner(user: AbstractBaseUser | AnonymousUser, learner_id: int) -> bool:
    """A learner sees themself, a mentor their assigned learners, staff everyone."""
    if not user.is_authenticated:
        return False
    return user.pk == learner_id or user.is_staff or is_mentor_of(user, learner_id)


def visible_learner_ids(user: AbstractBaseUser) -> list[int] | None:
    """Ids of learners whose data `user` may read; None means all (staff)."""
    if user.is_staff:
        return None
    mentees = MentorAssignment.objects.filter(mentor=user).values_list("learner_id", flat=True)
    return [user.pk, *mentees]
