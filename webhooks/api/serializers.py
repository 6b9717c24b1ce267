"""Webhooks API shapes: module-level, uniquely named (they become OpenAPI component names)."""

from __future__ import annotations

from rest_framework import serializers

from config.api import IdField
from webhooks.models import Delivery, Endpoint, EventType

MAX_EVENTS = len(EventType.values)


class WebhookEndpointOutput(serializers.ModelSerializer):
    """An endpoint as its managers read it: never its secret (shown once, at creation and rotation)."""

    owner = serializers.CharField(source="owner.get_username", read_only=True)
    events = serializers.ListField(child=serializers.ChoiceField(choices=EventType.choices))

    class Meta:
        model = Endpoint
        fields = [
            "id",
            "url",
            "description",
            "cohort",
            "owner",
            "events",
            "active",
            "consecutive_failures",
            "disabled_at",
            "created_at",
            "updated_at",
        ]


class WebhookEndpointCreatedOutput(WebhookEndpointOutput):
    secret = serializers.CharField(help_text="Shown this once: keep it to verify the Pathwise-Signature header.")

    class Meta(WebhookEndpointOutput.Meta):
        fields = [*WebhookEndpointOutput.Meta.fields, "secret"]


class WebhookEndpointCreateInput(serializers.Serializer):
    url = serializers.URLField(max_length=500, help_text="https:// to a host whose every address is public.")
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=EventType.choices), min_length=1, max_length=MAX_EVENTS
    )
    cohort = IdField(
        required=False,
        allow_null=True,
        help_text="A cohort you mentor: its learners' events only. Left out: every learner's (staff only).",
    )
    description = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class WebhookEndpointUpdateInput(serializers.Serializer):
    url = serializers.URLField(max_length=500, required=False)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=EventType.choices), min_length=1, max_length=MAX_EVENTS, required=False
    )
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    active = serializers.BooleanField(required=False, help_text="true turns a disabled endpoint on again.")


class WebhookSecretOutput(serializers.Serializer):
    secret = serializers.CharField(help_text="The new secret, shown this once; the old one signs nothing from now.")


class WebhookDeliveryOutput(serializers.ModelSerializer):
    event_id = serializers.UUIDField(source="event.id")
    event_type = serializers.CharField(source="event.type")

    class Meta:
        model = Delivery
        fields = [
            "id",
            "event_id",
            "event_type",
            "status",
            "attempts",
            "response_code",
            "last_error",
            "created_at",
            "last_attempt_at",
            "next_attempt_at",
            "delivered_at",
        ]


class WebhookDeliveryQueryInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=Delivery.Status.choices, required=False)
