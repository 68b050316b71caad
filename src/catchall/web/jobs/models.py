"""A background job: what to run (kind, params), its state and progress, and what it left.

The row is the single truth every face reads (the job page, the API, ``catchall jobs``) and the
only thing a web process and a worker share besides the broker's message with the job's id.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

STATES = [
    ("queued", "Queued"),
    ("running", "Running"),
    ("done", "Done"),
    ("failed", "Failed"),
]
UNFINISHED = ("queued", "running")


class Job(models.Model):
    kind = models.CharField(max_length=80)
    params = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=STATES, default="queued")
    # Progress: ``done`` of ``total`` (None: not known yet) and a sentence for people.
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    message = models.CharField(max_length=500, blank=True)
    # A file the job reads (an uploaded list or batch), in the database so any worker can.
    input_file = models.BinaryField(null=True, blank=True)
    input_name = models.CharField(max_length=200, blank=True)
    result = models.JSONField(null=True, blank=True)
    # For people: what went wrong, never a traceback (that goes to the log).
    error = models.TextField(blank=True)
    # A file the job made (a PDF, a CSV), kept in the database so any machine can serve it.
    output = models.BinaryField(null=True, blank=True)
    output_name = models.CharField(max_length=200, blank=True)
    output_type = models.CharField(max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Submitting with a key that an unfinished job holds returns that job (a button pressed
    # twice, two officers importing the same list): the partial unique index makes it so.
    key = models.CharField(max_length=200, blank=True)
    # A job split into chunks: each chunk is a child job; the parent finishes with the last.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    seq = models.PositiveIntegerField(default=0)  # a chunk's place among its parent's children
    worker = models.CharField(max_length=200, blank=True)  # host and process that ran it
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["parent", "seq"]), models.Index(fields=["state"])]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(state__in=UNFINISHED) & ~Q(key=""),
                name="jobs_one_unfinished_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"job {self.pk} {self.kind} ({self.state})"

    def get_absolute_url(self) -> str:
        return f"/jobs/{self.pk}/"

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")

    @property
    def percent(self) -> int | None:
        if not self.total:
            return 100 if self.state == "done" else None
        return min(100, round(100 * self.done / self.total))

    def progress(self, done: int, total: int | None = None, message: str | None = None) -> None:
        """Record progress (written at once, outside any transaction the job holds open only if
        the job itself is not inside ``transaction.atomic``)."""
        from catchall.web.jobs.services import record_progress

        record_progress(self, done, total, message)

    def fan_out(self, kind: str, chunks: list[dict]):
        """Split the rest of this job into child jobs of ``kind``, one per params dict in
        ``chunks``; return what this returns from the job function. See the module note."""
        from catchall.web.jobs.services import FanOut

        return FanOut(kind, chunks)

    def attach(self, name: str, content_type: str, data: bytes) -> None:
        """Keep a file the job made (served at /jobs/<id>/download)."""
        self.output, self.output_name, self.output_type = data, name[:200], content_type[:100]
        type(self).objects.filter(pk=self.pk).update(
            output=data, output_name=self.output_name, output_type=self.output_type
        )


class StoredPdf(models.Model):
    """A PDF a job made, kept under the hash of what it was made from (the HTML given to the
    renderer, and the renderer's version), so the same unchanged content is served at once and
    the first bytes made stay the bytes served (see jobs/pdfs.py). One not served for
    CATCHALL_PDF_KEEP_DAYS is deleted (jobs/prune.py): asked for again, it is made again."""

    key = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    data = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    # when it was last served or found made (to the hour: see jobs/pdfs.load_stored)
    last_used_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.key[:12]})"
