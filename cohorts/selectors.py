"""The read side of cohorts: cohorts a mentor runs, a learner's memberships, invitations, the request queue and who
mentors whom. The cohort page's figures are in cohorts.progress."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from accounts.models import MentorAssignment
from cohorts.models import Cohort, Invitation, Membership, MentoringRequest, MentorOptIn, Mentorship
from cohorts.permissions import can_view_cohort
from planner.models import Track


def _mentors() -> Prefetch:
    return Prefetch("mentors", queryset=get_user_model().objects.select_related("profile").order_by("username"))


def cohort_list(*, user: AbstractBaseUser) -> QuerySet[Cohort]:
    """The cohorts the user mentors (staff: every cohort), newest first, with their member count."""
    qs = Cohort.objects.all() if user.is_staff else Cohort.objects.filter(mentors=user)
    return (
        qs.select_related("track")
        .prefetch_related(_mentors())
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("-created_at", "-id")
    )


def cohort_get(*, user: AbstractBaseUser, cohort_id: int) -> Cohort | None:
    """A cohort the user may see (its mentors, staff); None when absent or not theirs."""
    cohort = Cohort.objects.select_related("track").prefetch_related(_mentors()).filter(pk=cohort_id).first()
    if cohort is None or not can_view_cohort(user, cohort):
        return None
    return cohort


def membership_list(*, user: AbstractBaseUser) -> QuerySet[Membership]:
    """The learner's cohorts, with each one's track and mentors."""
    return (
        Membership.objects.filter(learner=user)
        .select_related("cohort__track")
        .prefetch_related(Prefetch("cohort__mentors", queryset=get_user_model().objects.select_related("profile")))
        .order_by("-joined_at", "-id")
    )


def membership_get(*, user: AbstractBaseUser, cohort_id: int, learner_id: int) -> Membership | None:
    """A learner's membership as the user may see it: their own, or one in a cohort they may see; None otherwise."""
    found = Membership.objects.select_related("cohort", "learner").filter(cohort_id=cohort_id, learner_id=learner_id)
    membership = found.first()
    if membership is None or (learner_id != user.pk and cohort_get(user=user, cohort_id=cohort_id) is None):
        return None
    return membership


def is_member(*, cohort: Cohort, learner: AbstractBaseUser) -> bool:
    return Membership.objects.filter(cohort=cohort, learner=learner).exists()


def invitation_list(*, cohort: Cohort) -> QuerySet[Invitation]:
    return Invitation.objects.filter(cohort=cohort).select_related("created_by").order_by("-created_at", "-id")


def invitation_get(*, cohort: Cohort, invitation_id: int) -> Invitation | None:
    return Invitation.objects.select_related("cohort").filter(pk=invitation_id, cohort=cohort).first()


def mentor_tracks(*, user: AbstractBaseUser) -> QuerySet[Track]:
    return Track.objects.filter(pk__in=MentorOptIn.objects.filter(mentor=user).values("track_id")).order_by(
        "order", "slug"
    )


def _requests() -> QuerySet[MentoringRequest]:
    return MentoringRequest.objects.select_related(
        "learner__profile", "mentor__profile", "track", "submission__exercise"
    )


def request_queue(*, mentor: AbstractBaseUser) -> QuerySet[MentoringRequest]:
    """Requests waiting for a mentor in the tracks this mentor opted in for, oldest first (never their own)."""
    opted = MentorOptIn.objects.filter(mentor=mentor, track_id=OuterRef("track_id"))
    return (
        _requests()
        .filter(Exists(opted), status=MentoringRequest.Status.OPEN)
        .exclude(learner=mentor)
        .order_by("created_at", "id")
    )


def request_list(*, user: AbstractBaseUser) -> QuerySet[MentoringRequest]:
    """The learner's own requests, newest first."""
    return _requests().filter(learner=user).order_by("-created_at", "-id")


def request_get(*, pk: int) -> MentoringRequest | None:
    return _requests().filter(pk=pk).first()


def mentorship_list(*, user: AbstractBaseUser) -> QuerySet[Mentorship]:
    """Mentorships from taken requests where the user is either side."""
    return (
        Mentorship.objects.filter(Q(mentor=user) | Q(learner=user))
        .select_related("mentor__profile", "learner__profile", "track", "request")
        .order_by("-created_at", "-id")
    )


def mentorship_get(*, pk: int) -> Mentorship | None:
    return Mentorship.objects.select_related("mentor", "learner", "track").filter(pk=pk).first()


def learner_mentors(*, learner: AbstractBaseUser) -> list[dict[str, Any]]:
    """Who mentors the learner and why: through a cohort, a taken request (for a track), or assigned by hand."""
    rows: dict[int, dict[str, Any]] = {}
    links = MentorAssignment.objects.filter(learner=learner).select_related("mentor__profile", "managed")
    for link in links:
        rows[link.mentor_id] = {"mentor": link.mentor, "cohorts": [], "mentorships": [], "by_hand": True}
        rows[link.mentor_id]["by_hand"] = not hasattr(link, "managed")
    for membership in Membership.objects.filter(learner=learner).prefetch_related("cohort__mentors"):
        for mentor in membership.cohort.mentors.all():
            if mentor.pk in rows:
                rows[mentor.pk]["cohorts"].append(membership.cohort)
    for mentorship in Mentorship.objects.filter(learner=learner).select_related("track"):
        if mentorship.mentor_id in rows:
            rows[mentorship.mentor_id]["mentorships"].append(mentorship)
    return sorted(rows.values(), key=lambda row: row["mentor"].get_username())
