"""Denial notifications and their denied parties, and the history of imports.

A notification is identified by its notifying government and that government's reference;
re-importing the same pair updates it. Rules live in the services and in
``catchall.core.assessment.no_undercut``, never in ``save()``.
"""

from django.conf import settings
from django.db import models

REGIMES = [
    ("MTCR", "MTCR"),
    ("WA", "Wassenaar Arrangement"),
    ("NSG", "Nuclear Suppliers Group"),
    ("", "Not stated"),
]
DIRECTIONS = [("incoming", "From a partner"), ("outgoing", "Ours, to partners")]
STATUSES = [("active", "Active"), ("revoked", "Revoked")]
ENTITY_TYPES = [
    ("end_user", "End user"),
    ("ultimate_end_user", "Ultimate end user"),
    ("consignee", "Consignee"),
    ("intermediate_consignee", "Intermediate consignee"),
    ("purchaser", "Purchaser"),
    ("agent", "Agent"),
    ("third_party", "Third party"),
    ("unknown", "Not stated"),
]


class DenialImport(models.Model):
    """One file (or API document) of notifications read, with what it did."""

    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, default="system")
    file_name = models.CharField(max_length=500, blank=True)
    file_sha256 = models.CharField(max_length=64)
    format = models.CharField(max_length=20)
    read = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    warnings = models.JSONField(default=list)

    class Meta:
        ordering = ["-imported_at", "-id"]


class DenialNotification(models.Model):
    reference = models.CharField(max_length=100)
    regime_reg_ref = models.CharField(max_length=100, blank=True)
    notifying_government = models.CharField(max_length=2, help_text="ISO 3166 alpha-2")
    regime = models.CharField(max_length=4, choices=REGIMES, blank=True)
    denial_cle = models.CharField(
        max_length=200,
        blank=True,
        help_text="Control entries, comma-separated; blank for catch-all",
    )
    mtcr_item = models.CharField(max_length=20, blank=True)
    item_kind = models.CharField(max_length=100, blank=True)
    item_description = models.TextField(blank=True)
    end_use = models.TextField(blank=True)
    reason_for_refusal = models.TextField(blank=True)
    denied_on = models.DateField()
    valid_until = models.DateField()
    direction = models.CharField(max_length=8, choices=DIRECTIONS)
    status = models.CharField(max_length=8, choices=STATUSES, default="active")
    revoked_on = models.DateField(null=True, blank=True)
    revocation_comment = models.TextField(blank=True)
    case_reference = models.CharField(max_length=100, blank=True)
    source_import = models.ForeignKey(
        DenialImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-denied_on", "notifying_government", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["notifying_government", "reference"], name="uniq_denial_per_government"
            )
        ]
        indexes = [models.Index(fields=["status", "valid_until"])]

    def __str__(self) -> str:
        return f"{self.notifying_government} {self.reference}"


class DeniedParty(models.Model):
    notification = models.ForeignKey(
        DenialNotification, on_delete=models.CASCADE, related_name="parties"
    )
    name = models.CharField(max_length=500)
    address = models.CharField(max_length=1000, blank=True)
    country = models.CharField(max_length=2, blank=True)
    entity_type = models.CharField(max_length=30, choices=ENTITY_TYPES, default="end_user")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
