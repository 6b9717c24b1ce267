"""django-allauth's password signals clear the tokens a password change invalidated (the password stamp already
refuses them; this keeps the token list and table clean)."""

from __future__ import annotations

from typing import Any

from allauth.account.signals import password_changed, password_reset, password_set
from django.dispatch import receiver

from accounts.services.tokens import api_tokens_revoke_stale


@receiver(password_changed)
@receiver(password_reset)
@receiver(password_set)
def drop_stale_tokens(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    api_tokens_revoke_stale(user=user)
