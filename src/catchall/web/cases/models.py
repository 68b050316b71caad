"""Licence cases: the application's versions, assessment runs, the team's work and decisions.

Nothing is overwritten: an amendment is a new version, every assessment run is kept, and each
state change is one audited service call (see services.py). ``lock_version`` gives optimistic
locking: a change made against a stale view of the case is refused, not merged.
"""

from django.conf import settings
from django.db import models

from catchall.core.workflow import STATES

STATE_CHOICES = list(STATES.items())
USER = settings.AUTH_USER_MODEL


class Case(models.Model):
    reference = models.CharField(max_length=40, unique=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="cases"
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    status = models.CharField(max_length=40, choices=STATE_CHOICES, default="draft", db_index=True)
    status_changed_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    team = models.CharField(max_length=100, default="licensing", db_index=True)
    assigned_to = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_cases"
    )
    # The case's officer: who started the review, or the licensing officer it was assigned to
    # since. The case returns to them when the technical expert has rated the items.
    officer = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="officer_cases"
    )
    lock_version = models.PositiveIntegerField(default=1)
    destination = models.CharField(max_length=2, blank=True, db_index=True)
    summary = models.CharField(max_length=300, blank=True)
    # The current version's references and party names, lower case (core search_text): the
    # queue's search reads this column, not the version's JSON, the same on every database.
    search_text = models.TextField(blank=True, default="")
    catch_all_informed = models.BooleanField(default=False)
    auto_recommendation = models.CharField(max_length=40, blank=True)
    officer_recommendation = models.CharField(max_length=40, blank=True)
    decision = models.CharField(max_length=40, blank=True)
    new_screening_hits = models.PositiveIntegerField(default=0)
    appeal_deadline = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["status", "team", "submitted_at"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def current_version(self):
        return self.versions.order_by("-number").first()


class ApplicationVersion(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="uniq_version_number")
        ]


class AssessmentRun(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    version = models.ForeignKey(ApplicationVersion, on_delete=models.PROTECT, related_name="+")
    run_at = models.DateTimeField()
    run_by_label = models.CharField(max_length=200)
    recommendation = models.CharField(max_length=40)
    # None: undetermined (an item awaits the technical expert's rating, no other ground applies)
    licence_required = models.BooleanField(null=True)
    catch_all_invoked = models.BooleanField()
    result = models.JSONField()

    class Meta:
        ordering = ["-run_at", "-id"]


class CaseNote(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    text = models.TextField()
    internal = models.BooleanField(
        default=True, help_text="Internal notes are hidden from the exporter"
    )

    class Meta:
        ordering = ["at", "id"]


class InformationRequest(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="information_requests")
    asked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField()
    question = models.TextField()
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "id"]


class ClassificationConfirmation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="classifications")
    version = models.ForeignKey(ApplicationVersion, on_delete=models.PROTECT, related_name="+")
    confirmed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    items = models.JSONField(help_text="Per item: entries confirmed, and the expert's note")
    note = models.TextField(blank=True)


class ItemRating(models.Model):
    """The technical expert's rating of one item: the classifier's entries confirmed, entries
    changed, or "not listed", always with reasoning. Nothing is overwritten: a new rating of
    the same item supersedes the earlier one. A rating holds for the item as rated (``item``):
    it carries over to a later version of the application only while that item is unchanged."""

    OUTCOMES = [
        ("confirm", "Confirmed the classifier's entries"),
        ("change", "Changed the entries"),
        ("not_listed", "Not listed"),
    ]
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="ratings")
    version = models.ForeignKey(ApplicationVersion, on_delete=models.PROTECT, related_name="+")
    index = models.PositiveIntegerField(help_text="The item's position in the version (from 0)")
    item = models.JSONField(help_text="The item as rated")
    outcome = models.CharField(max_length=20, choices=OUTCOMES)
    entries = models.JSONField(default=list, help_text="The entries that apply, as rated")
    engine_entries = models.JSONField(default=list, help_text="What the classifier found")
    reasoning = models.TextField()
    by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]


class Recommendation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recommendations")
    by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    outcome = models.CharField(max_length=40)
    reasoning = models.TextField()
    conditions = models.JSONField(default=list)


class Decision(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    outcome = models.CharField(max_length=40)
    reason = models.TextField()
    conditions = models.JSONField(default=list)
    countersigns = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="+")


class Consultation(models.Model):
    """A no-undercut consultation the assessment asked for, and its recorded outcome."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consultations")
    partner = models.CharField(max_length=200)
    reference = models.CharField(max_length=200)
    reason = models.TextField()
    evidence = models.JSONField(default=list)
    opened_at = models.DateTimeField()
    outcome = models.CharField(max_length=40, blank=True)  # "no objection" | "objection" | ""
    outcome_note = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "partner", "reference"], name="uniq_consultation"
            )
        ]


class CaseDocument(models.Model):
    KINDS = [
        ("licence", "Licence"),
        ("refusal", "Refusal letter"),
        ("inform_letter", "Catch-all inform letter"),
        ("summary", "Case summary"),
    ]
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=30, choices=KINDS)
    number = models.CharField(max_length=60)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    html = models.TextField()
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)


class Upload(models.Model):
    KINDS = [
        ("end_user_certificate", "End-user certificate"),
        ("technical", "Technical documentation"),
        ("other", "Other"),
    ]
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="uploads")
    kind = models.CharField(max_length=30, choices=KINDS)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()


class Appeal(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appeals")
    lodged_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    lodged_at = models.DateTimeField()
    grounds = models.TextField()
    outcome = models.CharField(max_length=20, blank=True)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)


class ScreeningAlert(models.Model):
    """A new list hit found when a list was re-imported while the case was open."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="screening_alerts")
    at = models.DateTimeField()
    list_name = models.CharField(max_length=80)
    party_role = models.CharField(max_length=40)
    party_name = models.CharField(max_length=500)
    entity_id = models.CharField(max_length=300)
    entity_name = models.CharField(max_length=1000)
    score = models.FloatField()
    decision = models.CharField(max_length=20)
    explanation = models.TextField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]


class ApplicationDraft(models.Model):
    """An application being filled in page by page (apply/): saved at every step, incomplete
    until its answers are checked; it becomes a case only when the exporter submits it."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="application_drafts"
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    data = models.JSONField(default=dict)  # the application format, as far as it is filled in
    progress = models.JSONField(default=dict)  # the pages answered, e.g. {"party-agent": true}
    case = models.OneToOneField(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="draft_of"
    )
    # An amendment: the case it amends, the version its answers started from (to tell what
    # changed, and whether the case moved on meanwhile) and the version it became once sent.
    amends = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="amendment_drafts"
    )
    base_version = models.PositiveIntegerField(null=True, blank=True)
    submitted_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return f"Draft {'amendment' if self.amends_id else 'application'} {self.pk}"
