"""View decorators: a page needs a logged-in user with one of the given roles."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from catchall.web.accounts.roles import role_of


def role_required(*roles: str):
    """Anonymous users go to the login page; users without the role get a 403 page."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            role = role_of(request.user)
            if role is None or (roles and role not in roles):
                return render(request, "core/forbidden.html", {"role": role}, status=403)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
