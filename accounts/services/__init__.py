"""The write side of accounts: mentor links and notifications, API tokens, profiles, account deletion, mail."""

from accounts.services.notifications import (
    mentor_assign,
    notification_create,
    notifications_mark_read,
    notifications_withdraw,
)

__all__ = ["mentor_assign", "notification_create", "notifications_mark_read", "notifications_withdraw"]
