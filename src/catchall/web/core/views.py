from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from catchall.web.core.page_errors import at_fields


def home(request: HttpRequest) -> HttpResponse:
    """The signed-in reader's own work; the public introduction otherwise."""
    from catchall.web.accounts.roles import role_of
    from catchall.web.core.home import exporter_work, work_links

    user = request.user
    if not user.is_authenticated or role_of(user) is None:
        return render(request, "core/home.html")
    if role_of(user) == "exporter":
        return render(request, "core/exporter_home.html", exporter_work(user))
    return render(request, "core/work_home.html", {"links": work_links(user)})


def health(request: HttpRequest) -> HttpResponse:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def _login_errors(form) -> list[dict]:
    """The GOV.UK error pattern for logging in: an empty field is named; a wrong pair is one
    message at the username (which of the two was wrong is not said)."""
    if form is None or not form.is_bound or not form.errors:
        return []
    empty = [
        {"field": f"id_{name}", "message": f"Enter your {name}"}
        for name in ("username", "password")
        if not (form.data.get(name) or "").strip()
    ]
    return empty or [{"field": "id_username", "message": "Enter a correct username and password"}]


class LoginView(auth_views.LoginView):
    """Log in; only where demo data was loaded (`serve --demo`) does the page list demo users."""

    def get_context_data(self, **kwargs):
        from catchall.web.demo import demo_users_listing

        ctx = super().get_context_data(**kwargs)
        ctx["demo_users"] = demo_users_listing()
        ctx["errors"] = _login_errors(ctx.get("form"))
        ctx["field_errors"] = at_fields(ctx["errors"])
        return ctx

    def get_default_redirect_url(self) -> str:
        """Without a ``next`` page to return to, each role lands on its own work list."""
        from catchall.web.core.home import landing_url

        return landing_url(self.request.user)
