from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from webhooks.models import Delivery, Endpoint, EventType
from webhooks.net import url_check
from webhooks.services import delivery_redeliver
from webhooks.services.endpoints import secret_new


class EndpointForm(forms.ModelForm):
    """The API's checks in the admin too: the URL (https, every address public) and known events."""

    url = forms.URLField(max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(choices=EventType.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Endpoint
        fields = ["owner", "cohort", "url", "description", "events", "active"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        url_check(url)  # a ValidationError names the refused address
        return url

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        owner, cohort = data.get("owner"), data.get("cohort")
        if owner is not None and cohort is None and not owner.is_staff:
            raise ValidationError("A global endpoint (no cohort) must belong to staff.")
        return data


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = ("url", "cohort", "owner", "active", "consecutive_failures", "created_at")
    list_filter = ("active",)
    search_fields = ("url", "description", "owner__username")
    raw_id_fields = ("owner", "cohort")
    # The secret is shown once, by the API that made it (or rotated it); the admin never shows or sets it.
    readonly_fields = ("consecutive_failures", "disabled_at", "created_at", "updated_at")

    def save_model(self, request: HttpRequest, obj: Endpoint, form: Any, change: bool) -> None:
        if not obj.secret:
            obj.secret = secret_new()
            self.message_user(request, "Endpoint saved. Rotate its secret through the API to read one.", messages.INFO)
        super().save_model(request, obj, form, change)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("event", "endpoint", "status", "attempts", "response_code", "last_attempt_at")
    list_filter = ("status", "event__type")
    raw_id_fields = ("endpoint", "event")
    readonly_fields = [f.name for f in Delivery._meta.fields]
    actions = ["redeliver"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # deliveries come from events

    @admin.action(description="Send the selected deliveries again")
    def redeliver(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        sent = 0
        for delivery in queryset.select_related("endpoint"):
            if delivery.endpoint.active:
                delivery_redeliver(delivery=delivery)
                sent += 1
        self.message_user(request, f"{sent} sent again (deliveries of disabled endpoints are skipped).", messages.INFO)
