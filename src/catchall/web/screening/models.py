"""Screening lists and their entities in the database, import history, and screening records.

A list holds the entities of its current version; each import is recorded with what it read,
skipped and changed, so a past screening can name the exact list versions it used.
"""

from django.conf import settings
from django.db import models

from catchall.web.accounts.confidentiality import AUDIENCES, DEFAULT_AUDIENCE

LIST_KINDS = [
    ("programs_of_concern", "Missile programs of concern"),
    ("denial", "Denial or entity list"),
    ("sanctions", "Sanctions list"),
    ("other", "Other"),
]


class ScreeningList(models.Model):
    name = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=30, choices=LIST_KINDS, default="denial")
    source = models.CharField(max_length=500, blank=True)
    # Who may screen against the list and see it: public lists (published sanctions lists)
    # serve every signed-in user; authority lists (partners' denials, own watch lists) only
    # the licensing authority. Decided by the importer, read through accounts.confidentiality.
    audience = models.CharField(
        max_length=20, choices=list(AUDIENCES.items()), default=DEFAULT_AUDIENCE
    )
    version_date = models.DateField(null=True, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    entity_count = models.PositiveIntegerField(default=0)
    current_import = models.ForeignKey(
        "ListImport", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ListEntityRecord(models.Model):
    screening_list = models.ForeignKey(
        ScreeningList, on_delete=models.CASCADE, related_name="entities"
    )
    entity_id = models.CharField(max_length=300)
    schema = models.CharField(max_length=30)
    name = models.CharField(max_length=1000)
    aliases = models.JSONField(default=list)
    weak_aliases = models.JSONField(default=list)
    countries = models.JSONField(default=list)
    addresses = models.JSONField(default=list)
    identifiers = models.JSONField(default=list)
    programs = models.JSONField(default=list)
    source_url = models.CharField(max_length=1000, blank=True)
    authority = models.CharField(max_length=300, blank=True)
    listed_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    # What else the list says about the party, in FollowTheMoney property names
    # ({"birthDate": ["1962"], "nationality": ["PS"], "passportNumber": [...]}).
    properties = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["screening_list", "entity_id"], name="uniq_entity_per_list"
            )
        ]

    def __str__(self) -> str:
        return f"{self.screening_list_id}:{self.entity_id} {self.name}"


class ListImport(models.Model):
    screening_list = models.ForeignKey(
        ScreeningList, on_delete=models.CASCADE, related_name="imports"
    )
    version_date = models.DateField(null=True, blank=True)
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(max_length=500, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    format = models.CharField(max_length=20)
    read = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    warnings = models.JSONField(default=list)
    added = models.JSONField(default=list)
    removed = models.JSONField(default=list)
    changed = models.JSONField(default=list)

    class Meta:
        ordering = ["-imported_at", "-id"]


class ScreeningRecord(models.Model):
    """Who screened what, against which list versions, with what result (reproducibility)."""

    at = models.DateTimeField(db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_label = models.CharField(max_length=200, default="system")
    context = models.CharField(max_length=200, blank=True)  # e.g. "case 42", "cli", "api"
    query = models.JSONField()
    lists = models.JSONField()  # [{"name", "version_date", "import_id"}]
    config = models.JSONField(default=dict)
    decision = models.CharField(max_length=20)
    result = models.JSONField()

    class Meta:
        ordering = ["-at", "-id"]


class ListSource(models.Model):
    """Where a list is refreshed from on a schedule: URL, format, how often, and what the
    server said last time (its ETag and Last-Modified make the next fetch conditional)."""

    name = models.SlugField(max_length=80, unique=True)  # the list it refreshes
    url = models.URLField(max_length=1000)
    format = models.CharField(max_length=20, blank=True)  # blank: detected from the file
    every_hours = models.PositiveIntegerField(default=24)
    max_shrink = models.FloatField(
        null=True, blank=True, help_text="Share of entities a refresh may lose (default setting)"
    )
    audience = models.CharField(max_length=20, blank=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=20, blank=True)  # updated, unchanged, failed, held
    last_message = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]


class ListAlert(models.Model):
    """A scheduled refresh that failed or was held back; open until a refresh succeeds."""

    name = models.SlugField(max_length=80)
    at = models.DateTimeField()
    kind = models.CharField(max_length=20)  # failed, held
    message = models.TextField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
