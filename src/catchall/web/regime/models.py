"""Regime workbench persistence: list versions, marked documents, proposals, outreach, taxonomy.

Every piece of free text that may be classified lives in :class:`Paragraph` (one row per
portion, per revision) and is read only through ``catchall.web.regime.releasability``: the
default manager refuses to run a query outside that module's unlock, so a view that forgets
the rule fails loudly instead of leaking. Other fields (dates, states, countries) are
unclassified metadata by design.
"""

from __future__ import annotations

import contextvars

from django.conf import settings
from django.db import models
from django.utils import timezone

from catchall.core.regime.proposals import STATES, TYPES

USER = settings.AUTH_USER_MODEL
_UNLOCKED: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "paragraphs_unlocked", default=False
)


class ReleasabilityBypass(RuntimeError):
    """Paragraph text was queried outside the releasability selector."""


class GuardedManager(models.Manager):
    def get_queryset(self):
        if not _UNLOCKED.get():
            raise ReleasabilityBypass(
                "paragraph text is read only through catchall.web.regime.releasability"
            )
        return super().get_queryset()


class ControlListVersionRecord(models.Model):
    """An authority's own list version (imported, or produced by an adopted amendment)."""

    ORIGINS = [("import", "Imported"), ("proposal", "Adopted Annex amendment")]
    list_name = models.CharField(max_length=80)
    version = models.CharField(max_length=40)
    title = models.CharField(max_length=300, blank=True)
    effective_date = models.DateField()
    yaml_text = models.TextField()
    sha256 = models.CharField(max_length=64)
    origin = models.CharField(max_length=20, choices=ORIGINS, default="import")
    imported_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)
    proposal = models.ForeignKey(
        "Proposal", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["effective_date", "list_name", "version"]
        constraints = [
            models.UniqueConstraint(fields=["list_name", "version"], name="regime_unique_version")
        ]

    @property
    def key(self) -> str:
        return f"{self.list_name}@{self.version}"


DOCUMENT_KINDS = [
    ("information_exchange", "Information-exchange paper"),
    ("enforcement", "Enforcement paper"),
    ("best_practice", "Best practice"),
    ("case_summary", "Procurement/interdiction case summary"),
    ("proposal", "Plenary proposal"),
    ("feedback", "Partner feedback"),
    ("answer", "Answer to feedback"),
    ("talking_points", "Action request: talking points"),
    ("post_report", "Post report"),
    ("meeting_note", "Outreach meeting note"),
]
LIBRARY_KINDS = ("information_exchange", "enforcement", "best_practice", "case_summary")


class Document(models.Model):
    """A marked document; its title and paragraphs are portions in :class:`Paragraph`."""

    kind = models.CharField(max_length=30, choices=DOCUMENT_KINDS)
    originator = models.CharField(max_length=2, help_text="ISO alpha-2 of the originating state")
    dated = models.DateField(help_text="Day of marking: release groups resolve on this day")
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    current_revision = models.PositiveIntegerField(default=1)
    tag_kinds = models.JSONField(default=list, blank=True)
    tag_entries = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-dated", "-id"]


class DocumentRevision(models.Model):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="regime_unique_revision")
        ]


class Paragraph(models.Model):
    """One marked portion of one revision; position 0 is the title (subject line)."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+")
    revision = models.PositiveIntegerField()
    position = models.PositiveIntegerField()
    text = models.TextField()
    level = models.CharField(max_length=2)
    rel_to = models.JSONField(default=list, blank=True)
    noforn = models.BooleanField(default=False)
    declass_on = models.DateField(null=True, blank=True)
    declass_reason = models.CharField(max_length=200, blank=True)

    objects = GuardedManager()

    class Meta:
        base_manager_name = "objects"
        ordering = ["document_id", "revision", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "revision", "position"], name="regime_unique_portion"
            )
        ]


# One vocabulary for the workflow: the core's state machine names and labels.
PROPOSAL_TYPES = list(TYPES.items())
PROPOSAL_STATES = list(STATES.items())


class Proposal(models.Model):
    document = models.OneToOneField(Document, on_delete=models.PROTECT, related_name="proposal")
    type = models.CharField(max_length=20, choices=PROPOSAL_TYPES)
    state = models.CharField(max_length=20, choices=PROPOSAL_STATES, default="draft")
    sponsor_country = models.CharField(max_length=2)
    sponsor = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    plenary = models.CharField(max_length=200, blank=True)
    plenary_date = models.DateField(null=True, blank=True)
    release_list = models.JSONField(default=list, blank=True)
    feedback_deadline = models.DateField(null=True, blank=True)
    previewed_on = models.DateField(null=True, blank=True)
    previewed_revision = models.PositiveIntegerField(null=True, blank=True)
    circulated_on = models.DateField(null=True, blank=True)
    circulated_revision = models.PositiveIntegerField(null=True, blank=True)
    circulated_to = models.JSONField(default=list, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    amendment_yaml = models.TextField(blank=True)
    new_version = models.ForeignKey(
        ControlListVersionRecord, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]


class Feedback(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="feedback")
    country = models.CharField(max_length=2)
    author = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField()
    late = models.BooleanField(default=False)
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+")
    answer = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["received_on", "id"]


class Position(models.Model):
    """A partner's stated position for the Plenary decision (one per partner)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="positions")
    country = models.CharField(max_length=2)
    position = models.CharField(
        max_length=10, choices=[("support", "Support"), ("object", "Object")]
    )
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "country"], name="regime_one_position")
        ]


class ActionRequest(models.Model):
    """A preview sent to a post: which embassy delivers it to which host-government office."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="action_requests")
    post = models.CharField(max_length=200)
    host_country = models.CharField(max_length=2)
    host_office = models.CharField(max_length=300)
    reply_by = models.DateField()
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["reply_by", "id"]


class PostReport(models.Model):
    action_request = models.ForeignKey(
        ActionRequest, on_delete=models.PROTECT, related_name="reports"
    )
    received_on = models.DateField()
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["received_on", "id"]


class OutreachMeeting(models.Model):
    HOLD_ANOTHER = [
        ("undecided", "Undecided"),
        ("yes", "Hold another"),
        ("no", "Do not hold another"),
    ]
    title = models.CharField(max_length=300)
    date = models.DateField()
    place = models.CharField(max_length=200)
    after_event = models.CharField(max_length=200, blank=True)
    old_version = models.CharField(max_length=130, blank=True, help_text="list@version")
    new_version = models.CharField(max_length=130, blank=True, help_text="list@version")
    next_plenary = models.CharField(max_length=200, blank=True)
    held = models.BooleanField(default=False)
    hold_another = models.CharField(max_length=10, choices=HOLD_ANOTHER, default="undecided")
    proposals = models.ManyToManyField(Proposal, blank=True, related_name="meetings")
    created_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]


class Invitation(models.Model):
    meeting = models.ForeignKey(
        OutreachMeeting, on_delete=models.PROTECT, related_name="invitations"
    )
    country = models.CharField(max_length=2)
    bases = models.JSONField(default=list)
    reasons = models.JSONField(default=list)
    citations = models.JSONField(default=list)
    verified = models.BooleanField(default=True)
    attended = models.BooleanField(default=False)
    attendees = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["country"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "country"], name="regime_one_invitation")
        ]


class MeetingNote(models.Model):
    KINDS = [("question", "Question"), ("feedback", "Feedback"), ("follow_up", "Follow-up")]
    meeting = models.ForeignKey(OutreachMeeting, on_delete=models.PROTECT, related_name="notes")
    country = models.CharField(max_length=2, blank=True)
    kind = models.CharField(max_length=10, choices=KINDS)
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_on = models.DateField()

    class Meta:
        ordering = ["recorded_on", "id"]


class TaxonomyRevision(models.Model):
    """One edit of one kind's missile relevance; the latest per kind is in force."""

    kind = models.CharField(max_length=100)
    number = models.PositiveIntegerField()
    spec = models.JSONField()
    edited_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    edited_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="regime_unique_taxonomy_rev")
        ]
