"""Opting into the public progress page, and out of it."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from portability.models import ShareLink


@transaction.atomic
def share_link_create(*, user: AbstractBaseUser) -> ShareLink:
    """A new link (the live one, if any, is revoked first: asking again is how a learner gets a fresh URL after
    handing the old one to someone they no longer want reading it)."""
    get_user_model().objects.select_for_update().only("pk").get(pk=user.pk)
    share_link_revoke(user=user)
    # 16 bytes from the OS's CSPRNG: 128 bits, 22 URL-safe characters; unguessable, so the URL is the capability.
    link = ShareLink(user=user, key=secrets.token_urlsafe(16))
    link.full_clean(exclude=["user"], validate_unique=False, validate_constraints=False)
    link.save()
    return link


def share_link_revoke(*, user: AbstractBaseUser) -> int:
    """Revoke the live link; the page behind it is a 404 from now on. Returns how many were live (0 or 1)."""
    return ShareLink.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def share_links_erase(user: AbstractBaseUser) -> None:
    """Account deletion: no link of the person may keep showing anything, and the keys go with the rows."""
    ShareLink.objects.filter(user=user).delete()
