"""Start-up for the embedded default: data folder, secret key, schema, demo data.

Used by ``catchall serve`` and by CLI commands that need the database; idempotent. The data
folder and the secret key are made here, before Django's settings are imported, so that every
process of an installation (the first run included) reads the same key. The folder is private to
its owner (0700) and so is every file in it (0600): the database holds export-control cases and the
key signs sessions.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

_READY = False
SECRET_KEY_FILE = "secret_key"
DATABASE_FILE = "catchall.sqlite3"
PRIVATE_UMASK = 0o077


def home_dir() -> Path:
    """CATCHALL_HOME, or the per-user data folder (the same rule settings.py follows)."""
    from platformdirs import user_data_dir

    return Path(os.environ.get("CATCHALL_HOME") or user_data_dir("catchall", appauthor=False))


def read_secret_key(home: Path | None = None) -> str | None:
    """The persistent key: CATCHALL_SECRET_KEY, else the key file in the data folder, else None."""
    if os.environ.get("CATCHALL_SECRET_KEY"):
        return os.environ["CATCHALL_SECRET_KEY"]
    key_file = (home or home_dir()) / SECRET_KEY_FILE
    try:
        return key_file.read_text().strip() or None
    except FileNotFoundError:
        return None


def _write_key_once(key_file: Path) -> None:
    """Write a new key atomically (0600, never half-written, never replacing a concurrent one)."""
    tmp = key_file.with_name(f".{key_file.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50))
            fh.flush()
            os.fsync(fh.fileno())
        # link() fails when the key exists: the first process to get there wins, others read it.
        with contextlib.suppress(FileExistsError):
            os.link(tmp, key_file)
    finally:
        tmp.unlink(missing_ok=True)


def _make_private(home: Path) -> None:
    """Take group and other permissions off the folder and the files directly in it."""
    with contextlib.suppress(PermissionError):  # a folder owned by someone else stays as it is
        home.chmod(0o700)
    for entry in home.iterdir():
        if entry.is_file() and not entry.is_symlink():
            mode = entry.stat().st_mode & 0o777
            if mode & 0o077:
                with contextlib.suppress(PermissionError):
                    entry.chmod(mode & 0o700)


def ensure_home() -> Path:
    """Create CATCHALL_HOME (0700), the secret key (0600) and an empty private SQLite file.

    SQLite gives its -wal and -shm files the permissions of the database file, so creating that
    file 0600 here keeps them private too, whatever the process umask. Needs no Django."""
    home = home_dir()
    old = os.umask(PRIVATE_UMASK)
    try:
        home.mkdir(parents=True, exist_ok=True)
        _make_private(home)
        if not os.environ.get("CATCHALL_SECRET_KEY") and not (home / SECRET_KEY_FILE).exists():
            _write_key_once(home / SECRET_KEY_FILE)
        if not os.environ.get("DATABASE_URL"):
            os.close(os.open(home / DATABASE_FILE, os.O_WRONLY | os.O_CREAT, 0o600))
    finally:
        os.umask(old)
    return home


def setup_django() -> None:
    """Configure Django for a command-line process (no-op when already configured).

    The data folder and the secret key are made first, so settings read the persistent key."""
    global _READY
    if _READY:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catchall.web.settings")
    from django.conf import settings

    if not settings.configured:
        ensure_home()
    import django

    django.setup()
    _READY = True


def migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def prepare_database() -> None:
    """Make sure the data folder and the schema exist (for CLI commands using the database)."""
    setup_django()
    migrate()
