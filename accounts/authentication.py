"""API authentication by per-client token (`Authorization: Token <key>`)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from accounts.middleware import activate_preferences
from accounts.models import ApiToken
from accounts.services.tokens import api_token_touch, password_stamp, token_digest
from accounts.token_lookup import api_token_lookup

TOKEN_INVALID = _("Invalid token.")
TOKEN_EXPIRED = _("This token has expired. Sign in again for a new one.")
TOKEN_REVOKED = _("This token was revoked by a password change. Sign in again for a new one.")
ACCOUNT_INACTIVE = _("This account is inactive or deleted.")


class ApiTokenAuthentication(TokenAuthentication):
    model = ApiToken

    def authenticate_credentials(self, key: str):
        token = api_token_lookup(digest=token_digest(key))  # the token, its user and their profile: one query
        if token is None:
            raise exceptions.AuthenticationFailed(TOKEN_INVALID)
        if token.expires_at is not None and token.expires_at <= timezone.now():
            token.delete()
            raise exceptions.AuthenticationFailed(TOKEN_EXPIRED)
        user = token.user
        if not user.is_active:
            raise exceptions.AuthenticationFailed(ACCOUNT_INACTIVE)
        if token.password_stamp != password_stamp(user):
            token.delete()
            raise exceptions.AuthenticationFailed(TOKEN_REVOKED)
        api_token_touch(token=token)
        # Session users get their language and time zone from the middleware; a token user is known only here.
        activate_preferences(user)
        return user, token
