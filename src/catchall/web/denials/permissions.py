"""Who may see and change denial notifications: authority staff only.

Denials name parties and partners' decisions shared in confidence, so exporters and regime
guests never see them. Technical experts read; the other authority roles also import, export
and revoke.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required

from catchall.core.errors import NotAllowed
from catchall.web.accounts.confidentiality import CONFIDENTIAL_ROLES
from catchall.web.accounts.roles import role_of

READ_ROLES = CONFIDENTIAL_ROLES  # who may receive partners' confidential data is decided there
WRITE_ROLES = READ_ROLES - {"technical_expert"}


def can_read(user) -> bool:
    return role_of(user) in READ_ROLES


def can_write(user) -> bool:
    return role_of(user) in WRITE_ROLES


def require_read(user) -> None:
    if not can_read(user):
        raise NotAllowed("denial notifications are for licensing-authority staff")


def require_write(user) -> None:
    if not can_write(user):
        raise NotAllowed("your role may read denial notifications but not change them")


def denials_view(write: bool = False):
    """Decorator for pages: log in first, then the role check (403 otherwise)."""

    def wrap(view):
        @login_required
        @wraps(view)
        def inner(request, *args, **kwargs):
            (require_write if write else require_read)(request.user)
            return view(request, *args, **kwargs)

        return inner

    return wrap
