from collections.abc import Iterator
from contextlib import contextmanager

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts import selectors
from accounts.api import serializers as s
from accounts.api.filters import NotificationFilter
from accounts.api.serializers import MeDeleteInput, MeOutput, MeUpdateInput, TokenCreateInput, TokenOutput
from accounts.forms import WRONG_PASSWORD
from accounts.models import ApiToken, Notification
from accounts.selectors import profile_get
from accounts.services import notifications_mark_read
from accounts.services.auth import INVALID_CREDENTIALS, TooManyAttempts, api_login, email_change
from accounts.services.deletion import account_delete
from accounts.services.profiles import EMAIL_FIELDS, profile_update
from accounts.services.tokens import api_token_revoke
from config.api import Pagination, refusal_as_403, represent, validated

__all__ = ["INVALID_CREDENTIALS"]


@contextmanager
def throttled() -> Iterator[None]:
    """A service's TooManyAttempts answers as a 429 with its message."""
    try:
        yield
    except TooManyAttempts as exc:
        raise exceptions.Throttled(detail=str(exc.message)) from None


def token_body(token: ApiToken, key: str) -> dict:
    """A token just made, as TokenOutput shows it: the key (only now), id, name and expiry."""
    return {"token": key, "id": token.pk, "name": token.name, "expires_at": token.expires_at}


class TokenApi(APIView):
    """Sign in for a new token (POST: one per client, named); revoke the token this request uses (DELETE)."""

    throttle_scope = "auth"

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    def get_throttles(self):
        return [ScopedRateThrottle()] if self.request.method == "POST" else []

    @extend_schema(
        summary="Sign in: a new API token",
        description=(
            "Sign in with a username or email address and the password; each call creates a new token (name it "
            "after the client). Failed tries are limited per client address and per account (429 past the limit). "
            "While email verification is mandatory, an unverified account gets 403 and a new verification link."
        ),
        request=TokenCreateInput,
        responses={
            200: TokenOutput,
            400: OpenApiResponse(description="Wrong username or password, or a malformed body."),
            403: OpenApiResponse(description="The email address is not verified yet."),
            429: OpenApiResponse(description="Too many failed sign-ins or requests; try again later."),
        },
        auth=[],
    )
    def post(self, request):
        values = validated(TokenCreateInput, request.data)
        with refusal_as_403(), throttled():
            token, key = api_login(
                request=request._request,
                login=values["username"],
                password=values["password"],
                name=values.get("name", ""),
            )
        return Response(TokenOutput(token_body(token, key)).data)

    @extend_schema(
        summary="Sign out this client: revoke the token in use",
        description="Other tokens (other clients) stay valid. With a session instead of a token, nothing is revoked.",
        request=None,
        responses={204: None, 401: OpenApiResponse(description="Not signed in.")},
    )
    def delete(self, request):
        if isinstance(request.auth, ApiToken):
            api_token_revoke(user=request.user, token_id=request.auth.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _me(user) -> dict:
    profile = profile_get(user=user)
    account = selectors.account_get(user=user)
    return {
        "id": user.pk,
        "username": user.get_username(),
        "display_name": profile.display_name,
        "email": user.email,
        "language": profile.language,
        "time_zone": profile.time_zone,
        "email_notifications": {kind: getattr(profile, field) for kind, field in EMAIL_FIELDS.items()},
        "is_staff": user.is_staff,
        "is_mentor": bool(account["learner_ids"]),
        **account,
    }


class MeApi(APIView):
    @extend_schema(summary="Your account, profile and settings", responses={200: MeOutput})
    def get(self, request):
        return Response(represent(MeOutput, _me(request.user)))

    @extend_schema(
        summary="Change your profile and settings",
        description=(
            "Display name, language ('' follows the browser), time zone (IANA name; plan dates and the daily "
            "submission count follow it), weekly hours (your plan is laid out again), email notifications per "
            "kind. A new `email` gets a verification link and replaces the old address once verified."
        ),
        request=MeUpdateInput,
        responses={
            200: MeOutput,
            400: OpenApiResponse(description="An unknown time zone or language, hours out of range, ..."),
            429: OpenApiResponse(description="Too many email changes; try again later."),
        },
    )
    def patch(self, request):
        values = dict(validated(MeUpdateInput, request.data))
        email = values.pop("email", None)
        profile_update(
            user=request.user,
            display_name=values.get("display_name"),
            language=values.get("language"),
            time_zone=values.get("time_zone"),
            weekly_hours=values.get("weekly_hours"),
            email=values.get("email_notifications"),
        )
        if email is not None:
            with throttled():
                email_change(request=request._request, user=request.user, email=email)
        return Response(represent(MeOutput, _me(request.user)))

    @extend_schema(
        summary="Delete your account",
        description=(
            "Needs your password. Removes your profile, address, enrolments, plans, progress, notifications, tokens "
            "and the submissions nobody reviewed; reviewed submissions stay, anonymised, for their reviews."
        ),
        request=MeDeleteInput,
        responses={204: None, 400: OpenApiResponse(description="Wrong password.")},
    )
    def delete(self, request):
        data = validated(MeDeleteInput, request.data)
        if not request.user.check_password(data["password"]):
            raise serializers.ValidationError({"password": [WRONG_PASSWORD]})
        account_delete(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class NotificationListApi(ListAPIView):
    """Your notifications, newest first, a page at a time; `?unread=true` for the unread ones only."""

    serializer_class = s.NotificationOutput
    pagination_class = Pagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = NotificationFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Notification.objects.none()
        return selectors.notification_list(user=self.request.user)

    @extend_schema(summary="List your notifications (filter: unread)")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class NotificationReadApi(APIView):
    @extend_schema(request=s.NotificationReadInput, responses={200: s.NotificationReadOutput})
    def post(self, request):
        data = validated(s.NotificationReadInput, request.data)
        ids = data.get("ids")
        marked = notifications_mark_read(user=request.user, ids=ids)
        return Response(s.NotificationReadOutput({"marked": marked}).data)
