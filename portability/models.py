"""The public progress link a learner opted into."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class ShareLink(models.Model):
    """A revocable capability: whoever holds the URL reads the learner's public progress page, signed in or not.

    The key is 128 random bits (secrets.token_urlsafe(16)); revoking sets `revoked_at`, and a new link gets a new
    key, so an old URL never comes back to life. At most one live link per learner.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links")
    key = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(revoked_at__isnull=True), name="one_live_share_link"
            ),
        ]

    def __str__(self) -> str:
        return f"share link of {self.user} ({'revoked' if self.revoked_at else 'live'})"

    def get_absolute_url(self) -> str:
        return reverse("share-progress", args=[self.key])
