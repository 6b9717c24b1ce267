"""What cohorts gives accounts (registered in CohortsConfig.ready): erasure of a deleted account's cohort data."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from cohorts.models import Membership, MentoringRequest, MentorOptIn, Mentorship


def cohort_data_erase(user: AbstractBaseUser) -> None:
    """Memberships, requests (and the mentorships they made), opt-ins and the person's place among cohorts' mentors
    go. The mentor links stay as accounts' deletion leaves them: a mentor keeps reading a deleted learner's reviewed
    work under "deleted learner"."""
    Membership.objects.filter(learner=user).delete()
    MentoringRequest.objects.filter(learner=user).delete()
    MentoringRequest.objects.filter(mentor=user, status=MentoringRequest.Status.TAKEN).update(
        status=MentoringRequest.Status.ENDED, closed_at=timezone.now()
    )
    Mentorship.objects.filter(mentor=user).delete()
    MentorOptIn.objects.filter(mentor=user).delete()
    user.cohorts_mentored.clear()
