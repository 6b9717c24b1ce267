"""Sign-up, email verification, password reset and change, and token management for API-only clients. Each view
parses, calls a service in accounts.services.auth (on django-allauth's forms and flows), and answers."""

from collections.abc import Callable
from typing import Any, TypeVar

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.api.serializers import (
    DetailOutput,
    PasswordChangeInput,
    PasswordChangeOutput,
    PasswordResetConfirmInput,
    PasswordResetInput,
    RegisterInput,
    TokenListItemOutput,
    VerifyEmailInput,
    VerifyEmailOutput,
)
from accounts.api.views import throttled, token_body
from accounts.models import ApiToken
from accounts.selectors import api_token_list
from accounts.services.auth import (
    PASSWORD_CHANGED,
    PASSWORD_RESET_DONE,
    REGISTERED,
    RESET_SENT,
    VERIFIED,
    account_register,
    email_verify,
    password_change_api,
    password_reset_confirm,
    password_reset_request,
)
from accounts.services.tokens import DEFAULT_TOKEN_NAME, TOKEN_NOT_FOUND, api_token_revoke
from config.api import refusal_as_403, validated

F = TypeVar("F", bound=Callable[..., Any])
TOO_MANY = OpenApiResponse(description="Too many requests from this client or for this account; try again later.")


class AnonymousAuthApi(APIView):
    """Open to anonymous callers, throttled per client address (the `auth` rate)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"


def anonymous_schema(*, responses: dict[int, Any], **kwargs: Any) -> Callable[[F], F]:
    """An AnonymousAuthApi operation's schema: no authentication, and a 429 past the `auth` rate."""
    return extend_schema(responses={**responses, 429: TOO_MANY}, auth=[], **kwargs)


class RegisterApi(AnonymousAuthApi):
    @anonymous_schema(
        summary="Create an account",
        description=(
            "Username, email address and password (the site's password rules apply). The answer is the same whether "
            "or not the address already has an account (that address gets a mail saying so instead): it never "
            "tells who is registered. A new account gets a verification link by email; POST its key to "
            "/api/v1/auth/verify-email/. Then POST /api/v1/auth/token/ to sign in."
        ),
        request=RegisterInput,
        responses={
            202: DetailOutput,
            400: OpenApiResponse(description="A taken or invalid username, an invalid address, a weak password."),
            403: OpenApiResponse(description="Sign-up is closed on this site."),
        },
    )
    def post(self, request):
        data = validated(RegisterInput, request.data)
        with refusal_as_403():
            account_register(request=request._request, **data)
        return Response({"detail": str(REGISTERED)}, status=status.HTTP_202_ACCEPTED)


class VerifyEmailApi(AnonymousAuthApi):
    @anonymous_schema(
        summary="Verify an email address",
        description="`key` is the last part of the link in the verification email (`/accounts/confirm-email/<key>/`).",
        request=VerifyEmailInput,
        responses={
            200: VerifyEmailOutput,
            400: OpenApiResponse(description="An invalid or expired key."),
        },
    )
    def post(self, request):
        data = validated(VerifyEmailInput, request.data)
        address = email_verify(request=request._request, key=data["key"])
        return Response({"detail": str(VERIFIED), "email": address.email})


class PasswordResetApi(AnonymousAuthApi):
    @anonymous_schema(
        summary="Ask for a password reset link",
        description=(
            "Sends a reset link to the address if an account uses it; the answer is the same either way. POST the "
            "link's last part (`<uid>-<token>`) with a new password to /api/v1/auth/password/reset/confirm/."
        ),
        request=PasswordResetInput,
        responses={202: DetailOutput, 400: OpenApiResponse(description="Not an email address.")},
    )
    def post(self, request):
        data = validated(PasswordResetInput, request.data)
        with throttled():
            password_reset_request(request=request._request, email=data["email"])
        return Response({"detail": str(RESET_SENT)}, status=status.HTTP_202_ACCEPTED)


class PasswordResetConfirmApi(AnonymousAuthApi):
    @anonymous_schema(
        summary="Set a new password with the emailed reset key",
        description="Every API token of the account is revoked. Sign in again with the new password.",
        request=PasswordResetConfirmInput,
        responses={
            200: DetailOutput,
            400: OpenApiResponse(description="An invalid or used key, or a password the rules refuse."),
        },
    )
    def post(self, request):
        data = validated(PasswordResetConfirmInput, request.data)
        with throttled():
            password_reset_confirm(request=request._request, **data)
        return Response({"detail": str(PASSWORD_RESET_DONE)})


class PasswordChangeApi(APIView):
    @extend_schema(
        summary="Change your password",
        description="Revokes every API token of the account (other clients must sign in again) and returns a new "
        "token for this client, under the name of the one it used.",
        request=PasswordChangeInput,
        responses={
            200: PasswordChangeOutput,
            400: OpenApiResponse(description="Wrong current password, or a new one the rules refuse."),
            429: TOO_MANY,
        },
    )
    def post(self, request):
        data = validated(PasswordChangeInput, request.data)
        name = request.auth.name if isinstance(request.auth, ApiToken) else DEFAULT_TOKEN_NAME
        with throttled():
            token, key = password_change_api(request=request._request, user=request.user, token_name=name, **data)
        return Response(PasswordChangeOutput({"detail": str(PASSWORD_CHANGED), **token_body(token, key)}).data)


class TokenListApi(APIView):
    @extend_schema(
        summary="Your API tokens",
        description="One per client; keys are never shown again, only their first characters (`prefix`).",
        responses={200: TokenListItemOutput(many=True)},
    )
    def get(self, request):
        tokens = api_token_list(user=request.user)
        return Response(TokenListItemOutput(tokens, many=True, context={"used": request.auth}).data)


class TokenDetailApi(APIView):
    @extend_schema(
        summary="Revoke one of your API tokens",
        description="That client is signed out; your other tokens stay valid.",
        request=None,
        responses={204: None, 404: OpenApiResponse(description="You have no token with this id.")},
    )
    def delete(self, request, pk: int):
        if not api_token_revoke(user=request.user, token_id=pk):
            raise exceptions.NotFound(TOKEN_NOT_FOUND)
        return Response(status=status.HTTP_204_NO_CONTENT)
