"""Creating, revoking and checking API tokens; every change and use is audited.

A token is ``ca_<8 hex>_<43 url-safe characters>`` (256 random bits after the prefix). Only
its SHA-256 is stored: a high-entropy secret needs no slow hash, and a leaked database gives
nobody a working token. The prefix is stored too, so a person can tell tokens apart on the page
and in the audit log without ever seeing a secret again.

"Used" is audited at most once per token per minute (the first call in each minute); a busy
ERP system would otherwise write an audit event per request. ``last_used_at`` is therefore
exact to the minute. A revoked, expired or suspended token that is still presented is
audited as "refused" (a leaked or forgotten token at work), also at most once a minute.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import unicodedata
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from catchall.core.errors import InputError, NotAllowed, Problem
from catchall.web.accounts.roles import has_role, is_exporter_admin, organisation_of
from catchall.web.audit.services import record_event
from catchall.web.tokens.models import ApiToken

# scope -> what it lets a system do (shown on the page, in the CLI's help and in the docs)
SCOPES: dict[str, str] = {
    "read": "Read: look up cases, lists, controls and other data (GET requests)",
    "screen": "Screen: screen parties against the screening lists (POST /api/screen)",
    "classify": "Classify: classify items against the control lists (POST /api/classify)",
    "apply": "Apply: open applications and act on them (POST /api/cases)",
}
LIFETIMES = (30, 90, 365)  # days a token is valid; a token that never expires is not offered
DEFAULT_LIFETIME = 90
USE_AUDIT_INTERVAL = dt.timedelta(minutes=1)
NAME_MAX = 100


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _new_secret() -> tuple[str, str]:
    prefix = "ca_" + secrets.token_hex(4)
    return prefix, f"{prefix}_{secrets.token_urlsafe(32)}"


def _operator(actor) -> bool:
    """The command line ("cli"): whoever runs it administers the installation."""
    return isinstance(actor, str)


def may_administer(user, organisation=None) -> bool:
    """An exporter's administrator for its own organisation; the authority's administrators
    (role administrator) and the command line for every organisation (they revoke, for
    instance, a leaked token)."""
    if _operator(user) or has_role(user, "administrator"):
        return True
    if not is_exporter_admin(user):
        return False
    return organisation is None or organisation_of(user) == organisation


def tokens_for(actor):
    """The tokens of the actor's organisation (every organisation's for an administrator)."""
    if _operator(actor) or has_role(actor, "administrator"):
        qs = ApiToken.objects.all()
    elif is_exporter_admin(actor):
        qs = ApiToken.objects.filter(organisation=organisation_of(actor))
    else:
        raise NotAllowed("only an exporter's administrator manages its API tokens")
    return qs.select_related("user", "user__profile", "organisation", "revoked_by")


def parse_scopes(values) -> list[str]:
    """The chosen scopes in a fixed order; unknown or none is an input error naming ``scopes``."""
    chosen = [v.strip() for v in values if v and v.strip()]
    unknown = sorted(set(chosen) - set(SCOPES))
    if unknown:
        raise InputError(
            f"unknown scope {', '.join(unknown)}: choose from {', '.join(SCOPES)}", "scopes"
        )
    if not chosen:
        raise InputError("Select at least one thing the token may do", "scopes")
    return [s for s in SCOPES if s in chosen]


def _shows_something(name: str) -> bool:
    """Whether the name has a character a person sees: one made only of zero-width spaces or
    direction marks would list the token with a blank name, indistinguishable from another."""
    return any(unicodedata.category(c)[0] not in "CZ" for c in name)


@dataclass(frozen=True)
class Created:
    token: ApiToken
    secret: str  # shown once, never stored


def token_create(*, actor, name: str, scopes, lifetime_days=DEFAULT_LIFETIME, user=None) -> Created:
    """A new token acting as ``user`` (the actor itself on the page; named on the command
    line) with ``scopes``; the secret is returned once. The user must be an exporter's
    administrator."""
    user = user if _operator(actor) else actor
    if not is_exporter_admin(user):
        raise NotAllowed("only an exporter's administrator creates API tokens")
    problems: list[Problem] = []
    name = (name or "").strip()
    if not _shows_something(name):
        problems.append(Problem("name", "Enter a name for the token"))
    elif len(name) > NAME_MAX:
        problems.append(Problem("name", f"Name must be {NAME_MAX} characters or fewer"))
    elif any(unicodedata.category(c) == "Cc" for c in name):
        problems.append(
            Problem("name", "Name must be one line of text, without control characters")
        )
    try:
        chosen = parse_scopes(scopes)
    except InputError as exc:
        problems += exc.problems
    try:
        days = int(lifetime_days)
    except (TypeError, ValueError):
        days = -1
    if days not in LIFETIMES:
        problems.append(
            Problem(
                "lifetime",
                "Choose how long the token is valid: "
                f"{', '.join(map(str, LIFETIMES[:-1]))} or {LIFETIMES[-1]} days",
            )
        )
    if problems:
        raise InputError(problems)
    prefix, secret = _new_secret()
    now = timezone.now()
    with transaction.atomic():
        token = ApiToken.objects.create(
            organisation=organisation_of(user),
            user=user,
            name=name,
            scopes=chosen,
            prefix=prefix,
            digest=digest_of(secret),
            created_at=now,
            expires_at=now + dt.timedelta(days=days),
        )
        record_event(
            "token.create",
            actor=actor,
            object_type="api_token",
            object_id=token.pk,
            after={"name": name, "prefix": prefix, "scopes": chosen, "expires": token.expires_at},
            details={"organisation": token.organisation.name},
        )
    return Created(token, secret)


def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke at once; revoking a revoked token changes nothing and writes nothing."""
    if not may_administer(actor, token.organisation):
        raise NotAllowed("only the organisation's administrator revokes its API tokens")
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revoked_by = None if _operator(actor) else actor
            locked.save(update_fields=["revoked_at", "revoked_by"])
            record_event(
                "token.revoke",
                actor=actor,
                object_type="api_token",
                object_id=locked.pk,
                before={"active": True},
                after={"active": False},
                details={"name": locked.name, "prefix": locked.prefix},
            )
    return locked


def status_of(token: ApiToken, now=None) -> str:
    now = now or timezone.now()
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at <= now:
        return "expired"
    if not still_entitled(token):
        return "suspended"  # works again if its user becomes the administrator again
    return "active"


def still_entitled(token: ApiToken) -> bool:
    """Whether the token's user is still what they had to be to create it: an active
    administrator of the token's organisation. A person who moves to the authority, to another
    organisation, or loses the administrator flag leaves their tokens behind, dead (otherwise an
    exporter's token would act with an officer's powers after a role change)."""
    user = token.user
    return (
        user.is_active
        and is_exporter_admin(user)
        and organisation_of(user) is not None
        and organisation_of(user).pk == token.organisation_id
    )


def token_authenticate(secret: str, *, path: str = "") -> ApiToken | None:
    """The active token with this secret whose user is still entitled to it, or None; audits
    its use. The lookup is by SHA-256 digest, so no comparison of the secret itself can leak
    its characters through timing."""
    if not secret or not secret.startswith("ca_") or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__profile")
        .filter(digest=digest_of(secret))
        .first()
    )
    now = timezone.now()
    if token is None:
        return None
    status = status_of(token, now)
    if status != "active":
        # A revoked, expired or suspended token still in use may be a leaked one: audited,
        # once per token per minute (per process) so that a retrying system cannot flood the log.
        if cache.add(f"catchall:token-refused:{token.pk}", 1, USE_AUDIT_INTERVAL.seconds):
            record_event(
                "token.refused",
                actor=f"API token {token.prefix}",
                object_type="api_token",
                object_id=token.pk,
                details={"prefix": token.prefix, "status": status, "path": path[:200]},
            )
        return None
    # One "used" event per token per minute: the conditional update lets exactly one of any
    # concurrent first calls in a minute write it.
    fresh = Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - USE_AUDIT_INTERVAL)
    with transaction.atomic():
        if ApiToken.objects.filter(fresh, pk=token.pk).update(last_used_at=now):
            record_event(
                "token.use",
                actor=token.user,
                object_type="api_token",
                object_id=token.pk,
                details={"prefix": token.prefix, "path": path[:200]},
            )
    return token
