"""Start-up for the embedded default: data folder, secret key, schema, demo data.

Used by ``catchall serve`` and by CLI commands that need the database; idempotent.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

_READY = False


def setup_django() -> None:
    """Configure Django for a command-line process (no-op when already configured)."""
    global _READY
    if _READY:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catchall.web.settings")
    import django

    django.setup()
    _READY = True


def ensure_home() -> Path:
    """Create CATCHALL_HOME and a persistent secret key on first run."""
    from django.conf import settings

    home = Path(settings.CATCHALL_HOME)
    home.mkdir(parents=True, exist_ok=True)
    key = home / "secret_key"
    if not key.exists() and not os.environ.get("CATCHALL_SECRET_KEY"):
        key.write_text(secrets.token_urlsafe(50))
        key.chmod(0o600)
    return home


def migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def prepare_database() -> None:
    """Make sure the data folder and the schema exist (for CLI commands using the database)."""
    setup_django()
    from django.conf import settings

    if "sqlite" in settings.DATABASES["default"]["ENGINE"]:
        Path(settings.DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    migrate()
