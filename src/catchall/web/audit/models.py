"""The audit log: append-only rows linked in a SHA-256 hash chain.

Rows are written only by :func:`catchall.web.audit.services.record_event`; database triggers
refuse UPDATE and DELETE, and the chain lets ``catchall audit verify`` detect any edit or
deletion made around them.
"""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200)  # survives the user's renaming
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, db_index=True)
    object_id = models.CharField(max_length=200, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]

    def __str__(self) -> str:
        return (
            f"#{self.seq} {self.action} {self.object_type}:{self.object_id} by {self.actor_label}"
        )


class AuditChainHead(models.Model):
    """One row holding the last sequence number and hash; locked to serialise writers."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)
    # Fingerprint of the audit key that wrote the head: tells "another key" from "tampered".
    key_id = models.CharField(max_length=16, blank=True, default="")


class AuditCheckpoint(models.Model):
    """The newest event that the chain verified up to, so the audit page need not recompute
    every event on each load (audit/checkpoint.py). Signed with the audit key: a checkpoint
    written by someone without the key is ignored and the whole chain is verified again."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField()  # the event verified up to, with every event before it
    hash = models.CharField(max_length=64)
    verified_at = models.DateTimeField()  # when the chain was last verified up to ``seq``
    full_at = models.DateTimeField()  # when it was last verified from the first event
    signature = models.CharField(max_length=64)
