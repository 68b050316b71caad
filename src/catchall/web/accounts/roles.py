"""Who may do what: roles as data, one place to ask.

Views, API endpoints and services call :func:`role_of` and :func:`has_role`; selectors filter
by the reader, so no page can forget a check by omission.
"""

from __future__ import annotations

AUTHORITY_ROLES = frozenset(
    {"licensing_officer", "technical_expert", "senior_officer", "partner_liaison", "administrator"}
)
REGIME_ROLES = frozenset(
    {"delegate", "partner_delegate", "point_of_contact", "outreach_guest", "administrator"}
)


def role_of(user) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    profile = getattr(user, "profile", None)
    if profile is None:
        return "administrator" if user.is_superuser else None
    return profile.role


def has_role(user, *roles: str) -> bool:
    return role_of(user) in roles


def organisation_of(user):
    profile = getattr(user, "profile", None) if user is not None else None
    return profile.organisation if profile else None


def country_of(user) -> str | None:
    org = organisation_of(user)
    return org.country if org else None


def is_exporter_admin(user) -> bool:
    """An exporter's administrator: an exporter-role user whom the authority marked as its
    organisation's administrator (``Profile.org_admin``). There is no separate role, so the
    permissions of an exporter's compliance officer stay one set; the flag adds account
    administration (API tokens) on top of them."""
    if role_of(user) != "exporter":
        return False
    profile = getattr(user, "profile", None)
    return bool(profile and profile.org_admin)
