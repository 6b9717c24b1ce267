from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Notification
from config.filters import StrictBooleanFilter


class NotificationFilter(django_filters.FilterSet):
    unread = StrictBooleanFilter(method="filter_unread", help_text=_("true: only unread; false: only read."))

    class Meta:
        model = Notification
        fields = ["unread"]

    def filter_unread(self, queryset: QuerySet[Notification], name: str, value: bool) -> QuerySet[Notification]:
        return queryset.filter(read_at__isnull=value)
