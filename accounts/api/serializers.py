"""Accounts API shapes: module-level, uniquely named (they become OpenAPI component names)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from rest_framework import serializers

from accounts.models import ApiToken, Notification, Profile
from accounts.notifications import notification_show
from config.api import IdField
from config.bounds import MAX_WEEKLY_HOURS, MIN_WEEKLY_HOURS, max_length


class TokenCreateInput(serializers.Serializer):
    username = serializers.CharField(max_length=254, help_text="Your username or email address.")
    password = serializers.CharField(max_length=256, trim_whitespace=False, style={"input_type": "password"})
    name = serializers.CharField(
        max_length=max_length(ApiToken, "name"),
        required=False,
        allow_blank=True,
        help_text="Which client the token is for, e.g. 'laptop'.",
    )


class TokenOutput(serializers.Serializer):
    token = serializers.CharField(help_text="The key: send it as `Authorization: Token <key>`. Shown only once.")
    id = serializers.IntegerField()
    name = serializers.CharField()
    expires_at = serializers.DateTimeField(allow_null=True)


class TokenListItemOutput(serializers.ModelSerializer):
    current = serializers.SerializerMethodField(help_text="Whether this request used this token.")

    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "expires_at", "current"]

    def get_current(self, token: ApiToken) -> bool:
        used = self.context.get("used")
        return isinstance(used, ApiToken) and used.pk == token.pk


class RegisterInput(serializers.Serializer):
    username = serializers.CharField(max_length=max_length(get_user_model(), "username"))
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=256, trim_whitespace=False, style={"input_type": "password"})


class DetailOutput(serializers.Serializer):
    detail = serializers.CharField()


class VerifyEmailInput(serializers.Serializer):
    key = serializers.CharField(max_length=200, help_text="The last part of the verification link in the email.")


class VerifyEmailOutput(serializers.Serializer):
    detail = serializers.CharField()
    email = serializers.EmailField()


class PasswordResetInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class PasswordResetConfirmInput(serializers.Serializer):
    key = serializers.CharField(max_length=200, help_text="The last part of the reset link: `<uid>-<token>`.")
    password = serializers.CharField(max_length=256, trim_whitespace=False, style={"input_type": "password"})


class PasswordChangeInput(serializers.Serializer):
    current_password = serializers.CharField(max_length=256, trim_whitespace=False)
    new_password = serializers.CharField(max_length=256, trim_whitespace=False)


class PasswordChangeOutput(TokenOutput):
    detail = serializers.CharField()


class EmailPreferences(serializers.Serializer):
    review_received = serializers.BooleanField(required=False)
    submission_graded = serializers.BooleanField(required=False)
    milestone_signed_off = serializers.BooleanField(required=False)
    weekly_digest = serializers.BooleanField(required=False)


class MeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    email = serializers.EmailField(allow_blank=True)
    email_verified = serializers.BooleanField()
    pending_email = serializers.CharField(help_text="A new address waiting for its verification link; '' if none.")
    language = serializers.ChoiceField(choices=[("", "browser"), *settings.LANGUAGES])
    time_zone = serializers.CharField(help_text="IANA name; '' means the site's zone.")
    weekly_hours = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    email_notifications = EmailPreferences()
    is_staff = serializers.BooleanField()
    is_mentor = serializers.BooleanField()
    mentor_ids = serializers.ListField(child=serializers.IntegerField())
    learner_ids = serializers.ListField(child=serializers.IntegerField())
    unread_notifications = serializers.IntegerField()


class MeUpdateInput(serializers.Serializer):
    display_name = serializers.CharField(
        max_length=max_length(Profile, "display_name"), required=False, allow_blank=True
    )
    language = serializers.ChoiceField(choices=["", *(code for code, _ in settings.LANGUAGES)], required=False)
    time_zone = serializers.CharField(max_length=64, required=False, allow_blank=True)
    weekly_hours = serializers.DecimalField(
        max_digits=5, decimal_places=1, min_value=MIN_WEEKLY_HOURS, max_value=MAX_WEEKLY_HOURS, required=False
    )
    email = serializers.EmailField(
        max_length=254, required=False, help_text="A new address: it replaces the old one once verified."
    )
    email_notifications = EmailPreferences(required=False)


class MeDeleteInput(serializers.Serializer):
    password = serializers.CharField(max_length=256, trim_whitespace=False)


class _Shown:
    """A notification with its rendering, so each template renders once however many fields read it."""

    def __init__(self, notification: Notification) -> None:
        self.notification = notification
        self.shown = notification_show(notification)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.notification, name)


class NotificationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Notification.Kind.choices)
    heading = serializers.CharField(source="shown.heading", help_text="The kind, in the reader's language.")
    message = serializers.CharField(source="shown.text", help_text="What happened, in the reader's language.")
    url = serializers.CharField(source="shown.api_url", help_text="The resource: a submission, else the page.")
    page_url = serializers.CharField(source="shown.page_url")
    params = serializers.JSONField()
    milestone = serializers.CharField(
        source="milestone.slug", allow_null=True, default=None, help_text="Milestone slug."
    )
    track = serializers.CharField(source="track.slug", allow_null=True, default=None, help_text="Track slug.")
    submission = serializers.IntegerField(source="submission_id", allow_null=True)
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)

    def to_representation(self, instance: Notification) -> dict[str, Any]:
        return super().to_representation(_Shown(instance))


class NotificationReadInput(serializers.Serializer):
    ids = serializers.ListField(
        child=IdField(strict=True), required=False, max_length=1000, help_text="Omit to mark all."
    )


class NotificationReadOutput(serializers.Serializer):
    marked = serializers.IntegerField()
