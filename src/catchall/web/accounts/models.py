"""Organisations and each user's role: the basis of every permission check.

A user has one role and belongs to one organisation (an exporter, the licensing authority,
a partner government, the regime's Point of Contact). Releasability of marked documents is
decided by the organisation's country.
"""

from django.conf import settings
from django.db import models

ROLES = [
    ("exporter", "Exporter (compliance officer)"),
    ("licensing_officer", "Licensing officer"),
    ("technical_expert", "Technical expert"),
    ("senior_officer", "Senior officer"),
    ("partner_liaison", "Partner liaison officer"),
    ("administrator", "Administrator"),
    ("delegate", "Regime delegate"),
    ("partner_delegate", "Partner government delegate"),
    ("point_of_contact", "Point of Contact"),
    ("outreach_guest", "Outreach guest (non-partner government)"),
]
ORG_KINDS = [
    ("exporter", "Exporting company"),
    ("authority", "Licensing authority"),
    ("partner_government", "Partner government"),
    ("point_of_contact", "Regime Point of Contact"),
    ("non_partner_government", "Non-partner government"),
]


class Organisation(models.Model):
    name = models.CharField(max_length=300, unique=True)
    kind = models.CharField(max_length=30, choices=ORG_KINDS)
    country = models.CharField(max_length=2, help_text="ISO 3166 alpha-2")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(max_length=30, choices=ROLES)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="members")
    team = models.CharField(
        max_length=100, blank=True, help_text="Queue the user works from (officers)"
    )
    org_admin = models.BooleanField(
        default=False,
        help_text="Administers the organisation's account: an exporter's administrator "
        "creates and revokes its API tokens",
    )

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.role})"
