"""The read side of accounts: notifications with the targets their templates read, profiles, API tokens, how a
person is named."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from accounts.extensions import registry
from accounts.models import ApiToken, MentorAssignment, Notification, Profile
from accounts.services.tokens import password_stamp


def notification_list(*, user: AbstractBaseUser, unread: bool | None = None) -> QuerySet[Notification]:
    """The user's notifications, newest first; `unread=True` only those not read yet, `False` only read ones."""
    qs = Notification.objects.filter(user=user).select_related(
        "milestone", "track", "submission__exercise", "review__mentor", "cohort"
    )
    if unread is not None:
        qs = qs.filter(read_at__isnull=unread)
    return qs


def notification_unread_count(*, user: AbstractBaseUser) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def profile_get(*, user: AbstractBaseUser) -> Profile:
    """The person's profile; an unsaved one with the defaults for people who never saved theirs (accounts made in
    the admin or before profiles existed)."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        return Profile(user=user)


def api_token_list(*, user: AbstractBaseUser) -> QuerySet[ApiToken]:
    """The person's live tokens (a password change leaves the older ones unusable; they are not listed)."""
    return ApiToken.objects.filter(user=user, password_stamp=password_stamp(user))


def person_name(user: AbstractBaseUser | None) -> str:
    """How a person is named on pages: their display name, else username; a deleted account reads as such."""
    if user is None:
        return ""
    profile = profile_get(user=user)
    if profile.deleted_at is not None:
        return _("deleted learner")
    return profile.display_name or user.get_username()


def account_get(*, user: AbstractBaseUser) -> dict[str, Any]:
    """What a person's account page and /me/ show beyond the user and profile already loaded: whether their address
    is verified, the address waiting for verification, their weekly hours (planner), unread notifications, and whom
    they mentor and are mentored by. Two queries, however many of each there are."""
    addresses = EmailAddress.objects.filter(user=OuterRef("pk"))
    unread = Notification.objects.filter(user=OuterRef("pk"), read_at__isnull=True).order_by().values("user")
    hours = registry.weekly_hours_subquery() if registry.weekly_hours_subquery else Value(None)
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .values("pk")
        .annotate(
            email_verified=Exists(addresses.filter(email__iexact=user.email, verified=True)),
            # A new address waits, unverified, beside the current one until its link is followed.
            pending_email=Subquery(
                addresses.filter(verified=False).exclude(email__iexact=user.email).order_by("pk").values("email")[:1]
            ),
            weekly_hours=hours,
            unread_notifications=Coalesce(Subquery(unread.annotate(n=Count("pk")).values("n")), 0),
        )
        .get()
    )
    pairs = list(
        MentorAssignment.objects.filter(Q(mentor=user) | Q(learner=user)).values_list("mentor_id", "learner_id")
    )
    return {
        "email_verified": row["email_verified"],
        "pending_email": row["pending_email"] or "",
        "weekly_hours": row["weekly_hours"],
        "unread_notifications": row["unread_notifications"],
        "learner_ids": [learner for mentor, learner in pairs if mentor == user.pk],
        "mentor_ids": [mentor for mentor, learner in pairs if learner == user.pk],
    }
