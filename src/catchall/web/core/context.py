"""Template context: which parts of the site the reader's role opens (for the navigation)."""

from __future__ import annotations

from catchall.web.accounts.roles import AUTHORITY_ROLES, REGIME_ROLES, role_of


def navigation(request) -> dict:
    role = role_of(getattr(request, "user", None))
    casework = role in AUTHORITY_ROLES or role == "exporter"
    return {
        "nav": {
            "role": role,
            "cases": casework,
            "screen": casework,
            "lists": role in AUTHORITY_ROLES,
            "denials": role in AUTHORITY_ROLES,
            "regime": role in REGIME_ROLES
            or role
            in ("technical_expert", "licensing_officer", "senior_officer", "partner_liaison"),
        }
    }
