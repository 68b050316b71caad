"""Each person's e-mail choices, and what was sent (so a reminder goes once a day)."""

from django.conf import settings
from django.db import models


class Preference(models.Model):
    """Categories a person turned off; every category is on until turned off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preference"
    )
    disabled = models.JSONField(default=list)


class SentEmail(models.Model):
    """One message to one person. ``key`` (when set) makes a message once-only per person,
    e.g. the daily reminder digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_emails"
    )
    category = models.CharField(max_length=40)
    subject = models.CharField(max_length=300)
    key = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=~models.Q(key=""),
                name="notifications_once_per_key",
            )
        ]
