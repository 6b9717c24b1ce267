"""The read side of accounts: notifications with the targets their templates read, profiles, API tokens, how a
person is named."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import ApiToken, Notification, Profile
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
