"""The control lists and taxonomy an installation applies: the packaged ones plus the
versions and taxonomy edits stored by the regime workbench, when it is installed."""

from __future__ import annotations

from typing import Any

from django.apps import apps

from catchall.core.controls.lists import Library, packaged_library


def active_library() -> Library:
    if apps.is_installed("catchall.web.regime"):
        from catchall.web.regime.selectors.lists import library_with_imports

        return library_with_imports()
    return packaged_library()


def active_taxonomy() -> dict[str, Any] | None:
    if apps.is_installed("catchall.web.regime"):
        from catchall.web.regime.selectors.taxonomy import current_taxonomy

        return current_taxonomy()
    return None
