"""Where other apps plug into accounts without accounts importing them (planner and exercises depend on accounts,
never the reverse). Each app registers in its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser


@dataclass
class Registry:
    # Erase or anonymise one app's personal data of a person deleting their account (inside the deletion's
    # transaction, before the user row is anonymised).
    personal_data_erasers: list[Callable[[AbstractBaseUser], None]] = field(default_factory=list)
    # The learner's weekly hours (planner): read for the profile, written through the planner's plan service.
    weekly_hours_get: Callable[[AbstractBaseUser], Decimal | None] | None = None
    weekly_hours_set: Callable[[AbstractBaseUser, Decimal], Any] | None = None
    # The same hours as an expression of a user queryset (OuterRef("pk")), for a read that wants them in its query.
    weekly_hours_subquery: Callable[[], Any] | None = None
    # Parts of the weekly digest of a batch of people: build(users=[...], today={user_id: date}) -> {user_id:
    # {name: value}} (planner: progress against plan, what is next; exercises: reviews received and waiting).
    digest_builders: list[Callable[..., dict[int, dict[str, Any]]]] = field(default_factory=list)
    # Where a notification of a kind another app added leads (the page a reader opens), by kind: link(notification)
    # -> path, or "" for none. Kinds not listed lead where their targets say (accounts.notifications).
    notification_links: dict[str, Callable[[Any], str]] = field(default_factory=dict)


registry = Registry()
