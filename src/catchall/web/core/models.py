"""Facts about this installation that every process must agree on (so they live in the database)."""

from __future__ import annotations

from django.db import models


class InstallationFlag(models.Model):
    """A named fact, present or absent: e.g. ``demo_data`` once `catchall serve --demo` ran."""

    name = models.CharField(max_length=50, primary_key=True)
    set_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name
