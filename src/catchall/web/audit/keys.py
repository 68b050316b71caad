"""The audit chain's key, kept outside the database.

A plain hash chain can be recomputed by anyone who can write the database; keyed with HMAC, a
rewrite needs this key too. It comes from ``CATCHALL_AUDIT_KEY`` (hex or any text; set it on
every machine of a multi-machine deployment) or from the file ``audit_key`` in ``CATCHALL_HOME``,
created once with mode 0600. Keep a copy of the key with the backups: without it the chain of
an old backup cannot be verified.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import cache
from pathlib import Path

KEY_FILE_NAME = "audit_key"


def key_file() -> Path:
    from django.conf import settings

    return Path(settings.CATCHALL_HOME) / KEY_FILE_NAME


def audit_key() -> bytes:
    """The key that signs every audit event (created on first use when none is configured)."""
    return _load(os.environ.get("CATCHALL_AUDIT_KEY", ""), str(key_file()))


@cache
def _load(from_env: str, path: str) -> bytes:
    if from_env.strip():
        return from_env.strip().encode("utf-8")
    file = Path(path)
    if not file.exists():
        file.parent.mkdir(parents=True, exist_ok=True)
        try:
            # O_EXCL: of two processes starting together, one creates, the other reads.
            fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(32) + "\n")
    text = file.read_text(encoding="utf-8").strip()
    if not text:
        raise RuntimeError(f"the audit key file {file} is empty; restore it from a backup")
    return text.encode("utf-8")


def fingerprint(key: bytes | None = None) -> str:
    """A short public name of a key: tells which key wrote a chain without revealing it."""
    key = audit_key() if key is None else key
    return hmac.new(key, b"catchall audit key fingerprint", hashlib.sha256).hexdigest()[:16]


def sign(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()
