from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from webhooks.models import Delivery, Endpoint
from webhooks.services import delivery_redeliver


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    list_display = ("url", "cohort", "owner", "active", "consecutive_failures", "created_at")
    list_filter = ("active",)
    search_fields = ("url", "description", "owner__username")
    raw_id_fields = ("owner", "cohort")
    # The secret is shown once, by the API that made it; the admin never shows or sets it.
    exclude = ("secret",)
    readonly_fields = ("consecutive_failures", "disabled_at", "created_at", "updated_at")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("event", "endpoint", "status", "attempts", "response_code", "last_attempt_at")
    list_filter = ("status", "event__type")
    raw_id_fields = ("endpoint", "event")
    readonly_fields = [f.name for f in Delivery._meta.fields]
    actions = ["redeliver"]

    @admin.action(description="Send the selected deliveries again")
    def redeliver(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        sent = 0
        for delivery in queryset.select_related("endpoint"):
            if delivery.endpoint.active:
                delivery_redeliver(delivery=delivery)
                sent += 1
        self.message_user(request, f"{sent} sent again (deliveries of disabled endpoints are skipped).", messages.INFO)
