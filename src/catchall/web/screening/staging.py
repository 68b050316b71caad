"""A list file held between the upload and the officer's confirmation that it replaces an
existing list: on disk in a private temporary folder, named by a random token kept in the
uploader's session (a file input cannot be sent again from a confirmation page)."""

from __future__ import annotations

import secrets
import tempfile
import time
from pathlib import Path

SESSION_KEY = "staged_list_uploads"
KEEP_SECONDS = 3600  # a file not confirmed within the hour is dropped


def _folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "catchall-staged-lists"
    folder.mkdir(mode=0o700, exist_ok=True)
    now = time.time()
    for old in folder.iterdir():
        if now - old.stat().st_mtime > KEEP_SECONDS:
            old.unlink(missing_ok=True)
    return folder


def stage(session, upload, fields: dict) -> tuple[str, Path]:
    """Keep ``upload`` and the form's ``fields``; the token that names them."""
    token = secrets.token_urlsafe(16)
    path = _folder() / token
    with path.open("wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    held = dict(session.get(SESSION_KEY, {}))
    held[token] = {**fields, "file_name": Path(upload.name).name, "size": upload.size}
    session[SESSION_KEY] = held
    return token, path


def held(session, token: str) -> tuple[Path, dict] | None:
    """The staged file and its fields, if this session staged ``token`` and it is still kept."""
    fields = session.get(SESSION_KEY, {}).get(token or "")
    path = _folder() / token if fields else None
    if not fields or not path.is_file():
        return None
    return path, fields


def drop(session, token: str) -> None:
    held = dict(session.get(SESSION_KEY, {}))
    held.pop(token, None)
    session[SESSION_KEY] = held
    (_folder() / token).unlink(missing_ok=True)
