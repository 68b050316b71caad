"""Template context: which parts of the site the reader's role opens (for the navigation),
which section the page belongs to (for aria-current), and catchall's own version.

The version is ``catchall_version``, never ``version``: pages use that name for their own
objects (a case's application version, a list version), and the footer printed those."""

from __future__ import annotations

from catchall import __version__
from catchall.web.accounts.roles import AUTHORITY_ROLES, REGIME_ROLES, is_exporter_admin, role_of

# URL prefix -> navigation section (the longest matching prefix wins)
SECTIONS = {
    "/dashboard/": "dashboard",
    "/cases/": "cases",
    "/apply/": "apply",
    "/classify/": "classify",
    "/controls/": "controls",
    "/screen/": "screen",
    "/assess/": "assess",
    "/lists/": "lists",
    "/denials/": "denials",
    "/regime/": "regime",
    "/library/": "regime",
    "/audit/": "audit",
    "/account/tokens/": "tokens",
    "/account/notifications/": "notifications",
}


def section_of(path: str) -> str:
    if path == "/":
        return "home"
    match = max((p for p in SECTIONS if path.startswith(p)), key=len, default=None)
    return SECTIONS[match] if match else ""


def navigation(request) -> dict:
    role = role_of(getattr(request, "user", None))
    casework = role in AUTHORITY_ROLES or role == "exporter"
    return {
        "catchall_version": __version__,
        "section": section_of(getattr(request, "path", "") or ""),
        "nav": {
            "role": role,
            "cases": casework,
            "apply": role == "exporter",
            "tokens": role == "exporter" and is_exporter_admin(request.user),
            "screen": casework,
            "lists": role in AUTHORITY_ROLES,
            "denials": role in AUTHORITY_ROLES,
            "audit": role == "administrator",
            "regime": role in REGIME_ROLES
            or role
            in ("technical_expert", "licensing_officer", "senior_officer", "partner_liaison"),
        },
    }
