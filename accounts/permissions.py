"""Who may see whose data: the one rule every app asks."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from accounts.models import MentorAssignment


def is_mentor(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.is_authenticated and MentorAssignment.objects.filter(mentor=user).exists()


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
