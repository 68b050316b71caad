"""What the classification app stores: the state of the control-list search index.

The index itself is a table the database's own full-text engine reads (an FTS5 virtual table on
SQLite, a table with a GIN-indexed tsvector on PostgreSQL); Django cannot model either, so it is
made by migration 0001 and read and written only in ``search_index.py``."""

from __future__ import annotations

from django.db import models


class SearchIndexState(models.Model):
    """One row per index: the content hash of the entries it was built from (the index is
    rebuilt when the active library's hash differs) and when."""

    name = models.CharField(max_length=40, unique=True)
    content_hash = models.CharField(max_length=64)
    documents = models.PositiveIntegerField(default=0)
    built_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} ({self.documents} documents, {self.content_hash[:12]})"
