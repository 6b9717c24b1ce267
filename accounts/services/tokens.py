"""Per-client API tokens: several per person, named, listed, revoked one at a time; optional expiry
(PATHWISE_TOKEN_TTL); none survives a change of password."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import ApiToken

TOKEN_NOT_FOUND = gettext_lazy("No such token.")  # what a revocation that finds none says
DEFAULT_TOKEN_NAME = "API token"  # noqa: S105 (a label, not a secret)
# Writing last_used_at on every request would turn each API read into a write; a few minutes' precision is enough.
TOUCH_EVERY = dt.timedelta(minutes=5)


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def password_stamp(user: AbstractBaseUser) -> str:
    """Changes whenever the password does (by any path: allauth, admin, shell), like Django's session hash."""
    return hashlib.sha256(f"pathwise-token:{user.password}".encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: AbstractBaseUser, name: str = "") -> tuple[ApiToken, str]:
    """A new token for one client; returns it and its key (shown once: only a digest is stored). Past
    PATHWISE_MAX_TOKENS, the least recently used of the person's tokens is revoked."""
    key = secrets.token_hex(20)
    ttl = settings.PATHWISE_TOKEN_TTL
    token = ApiToken.objects.create(
        user=user,
        name=(name or DEFAULT_TOKEN_NAME)[:100],
        prefix=key[:8],
        digest=token_digest(key),
        password_stamp=password_stamp(user),
        expires_at=timezone.now() + dt.timedelta(seconds=ttl) if ttl > 0 else None,
    )
    surplus = (
        ApiToken.objects.filter(user=user)
        .order_by(Coalesce("last_used_at", "created_at").desc(), "-id")
        .values_list("id", flat=True)[settings.PATHWISE_MAX_TOKENS :]
    )
    ApiToken.objects.filter(id__in=list(surplus)).delete()
    return token, key


def api_token_touch(*, token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def api_token_revoke(*, user: AbstractBaseUser, token_id: int) -> bool:
    """Revoke one of the person's tokens; False when they have none with that id."""
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return bool(deleted)


def api_tokens_revoke_all(*, user: AbstractBaseUser) -> int:
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted


def api_tokens_revoke_stale(*, user: AbstractBaseUser) -> int:
    """Drop the tokens a password change invalidated (they already fail to authenticate; this clears the list)."""
    deleted, _ = ApiToken.objects.filter(user=user).exclude(password_stamp=password_stamp(user)).delete()
    return deleted


def api_tokens_expire(*, now: dt.datetime | None = None) -> int:
    deleted, _ = ApiToken.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted
