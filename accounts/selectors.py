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
from config.prepared import prepared


def user_get(*, pk: int) -> AbstractBaseUser | None:
    """The account with this id, or None."""
    return get_user_model().objects.filter(pk=pk).first()


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


@prepared(user_id=int, email=str)
def _account_row(user_id: int, email: str) -> QuerySet:
    addresses = EmailAddress.objects.filter(user=OuterRef("pk"))
    unread = Notification.objects.filter(user=OuterRef("pk"), read_at__isnull=True).order_by().values("user")
    hours = registry.weekly_hours_subquery() if registry.weekly_hours_subquery else Value(None)
    return (
        get_user_model()
        .objects.filter(pk=user_id)
        .values("pk")
        .annotate(
            email_verified=Exists(addresses.filter(email__iexact=email, verified=True)),
            # A new address waits, unverified, beside the current one until its link is followed.
            pending_email=Subquery(
                addresses.filter(verified=False).exclude(email__iexact=email).order_by("pk").values("email")[:1]
            ),
            weekly_hours=hours,
            unread_notifications=Coalesce(Subquery(unread.annotate(n=Count("pk")).values("n")), 0),
        )
    )


@prepared(user_id=int)
def _mentor_pairs(user_id: int) -> QuerySet:
    return MentorAssignment.objects.filter(Q(mentor=user_id) | Q(learner=user_id)).values("mentor_id", "learner_id")


def account_get(*, user: AbstractBaseUser) -> dict[str, Any]:
    """What a person's account page and /me/ show beyond the user and profile already loaded: whether their address
    is verified, the address waiting for verification, their weekly hours (planner), unread notifications, and whom
    they mentor and are mentored by. Two queries, however many of each there are, compiled once (config.prepared):
    /me/ runs them on every call."""
    (row,) = _account_row(user_id=user.pk, email=user.email)
    pairs = _mentor_pairs(user_id=user.pk)
    return {
        "email_verified": row["email_verified"],
        "pending_email": row["pending_email"] or "",
        "weekly_hours": row["weekly_hours"],
        "unread_notifications": row["unread_notifications"],
        "learner_ids": [pair["learner_id"] for pair in pairs if pair["mentor_id"] == user.pk],
        "mentor_ids": [pair["mentor_id"] for pair in pairs if pair["learner_id"] == user.pk],
    }
